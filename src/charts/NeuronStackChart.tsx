/**
 * Neuron stack plot (paper §2.4–2.5): one column per hidden neuron, one stacked rectangle per
 * feature weight, positive weights stacked up from the axis and negative ones down, each
 * rectangle coloured by its feature. Neurons can be marked (the asymmetric-superposition motif)
 * and carry a short status label (mono / poly / dead).
 */
import { scaleLinear } from 'd3';
import { HIGHLIGHT_COLOR, YAxis, seriesColor } from './chart-parts';
import { AXIS_COLOR, BACKGROUND, MUTED_TEXT_COLOR, SMALL_FONT_SIZE, TEXT_COLOR, finite, fmt, importanceColor, px, svgRootProps } from './theme';

export interface NeuronStackColumn {
  /** The neuron's index in the model (used in labels and data attributes). */
  neuron: number;
  /** 'monosemantic' | 'polysemantic' | 'dead' (or any short tag); shown under the column. */
  status?: string;
  /** Rectangles [y0, y1] with y0 < y1, as model/variants/analysis.ts neuronStacks builds them. */
  segments: readonly { feature: number; weight: number; y0: number; y1: number }[];
}

export interface NeuronStackChartProps {
  columns: readonly NeuronStackColumn[];
  /** Number of features (sets the colour scale). */
  n: number;
  /** Neurons (by index) to outline as part of a motif. */
  highlight?: readonly number[];
  /** Colour of feature i; default categorical for n ≤ 7, else importance order (feature 0 = most important). */
  featureColor?: (i: number) => string;
  title: string;
  yLabel?: string;
  width?: number;
  height?: number;
}

const STATUS_SHORT: Record<string, string> = { monosemantic: 'mono', polysemantic: 'poly', dead: 'dead' };

export function defaultFeatureColor(n: number): (i: number) => string {
  return n <= 7 ? seriesColor : (i: number) => importanceColor(1 - i / Math.max(1, n - 1));
}

export function NeuronStackChart({ columns, n, highlight = [], featureColor, title, yLabel = 'input weight', width, height = 220 }: NeuronStackChartProps) {
  const colour = featureColor ?? defaultFeatureColor(n);
  const count = columns.length;
  const margin = { top: 18, right: 8, bottom: 30, left: 44 };
  const w = Math.max(160, finite(width ?? margin.left + margin.right + Math.max(1, count) * Math.max(10, Math.min(36, 420 / Math.max(1, count))), 300));
  const h = Math.max(120, finite(height, 220));
  let lo = 0;
  let hi = 0;
  for (const c of columns)
    for (const s of c.segments) {
      lo = Math.min(lo, finite(s.y0));
      hi = Math.max(hi, finite(s.y1));
    }
  if (hi - lo < 1e-9) hi = lo + 1;
  const y = scaleLinear().domain([lo, hi]).range([h - margin.bottom, margin.top]).nice();
  const [dLo, dHi] = y.domain();
  const plotW = w - margin.left - margin.right;
  const band = plotW / Math.max(1, count);
  const barW = Math.max(2, band * 0.72);
  const marked = new Set(highlight);
  const showStatus = band >= 14;
  return (
    <svg {...svgRootProps('neuron-stack', w, h, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={w} height={h} fill={BACKGROUND} />
      <YAxis scale={y} ticks={y.ticks(5)} x={margin.left} y0={margin.top} y1={h - margin.bottom} label={yLabel} labelOffset={34} />
      <line data-layer="zero" x1={margin.left} x2={px(w - margin.right)} y1={px(y(0))} y2={px(y(0))} stroke={AXIS_COLOR} />
      <g data-layer="neurons">
        {columns.map((c, k) => {
          const x0 = margin.left + k * band + (band - barW) / 2;
          const isMarked = marked.has(c.neuron);
          let top = 0;
          let bottom = 0;
          for (const s of c.segments) {
            top = Math.max(top, finite(s.y1));
            bottom = Math.min(bottom, finite(s.y0));
          }
          return (
            <g key={c.neuron} data-neuron={c.neuron} data-status={c.status ?? ''} data-motif={isMarked ? 'true' : 'false'}>
              <title>{`neuron ${c.neuron}${c.status ? ` (${c.status})` : ''}: ${c.segments.length} feature weights`}</title>
              {c.segments.map((s) => (
                <rect
                  key={s.feature}
                  data-feature={s.feature}
                  x={px(x0)}
                  width={px(barW)}
                  y={px(y(finite(s.y1)))}
                  height={px(Math.max(0, y(finite(s.y0)) - y(finite(s.y1))))}
                  fill={colour(s.feature)}
                  stroke={BACKGROUND}
                  strokeWidth={0.5}
                >
                  <title>{`neuron ${c.neuron}, feature ${s.feature}: weight ${fmt(s.weight)}`}</title>
                </rect>
              ))}
              {isMarked ? (
                <rect
                  data-layer="motif"
                  x={px(x0 - 2)}
                  width={px(barW + 4)}
                  y={px(y(top) - 2)}
                  height={px(Math.max(4, y(bottom) - y(top) + 4))}
                  fill="none"
                  stroke={HIGHLIGHT_COLOR}
                  strokeWidth={1.5}
                  strokeDasharray="3 2"
                />
              ) : null}
              {showStatus && c.status ? (
                <text x={px(x0 + barW / 2)} y={px(h - margin.bottom + 12)} textAnchor="middle" fontSize={SMALL_FONT_SIZE - 1} fill={c.status === 'dead' ? MUTED_TEXT_COLOR : TEXT_COLOR}>
                  {STATUS_SHORT[c.status] ?? c.status}
                </text>
              ) : null}
            </g>
          );
        })}
      </g>
      <text x={px(margin.left + plotW / 2)} y={px(h - 4)} textAnchor="middle" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
        {`${count} neurons${marked.size ? ' · dashed outline: asymmetric-superposition motif' : ''}`}
      </text>
      <text x={px(w - margin.right)} y={12} textAnchor="end" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
        {`weights ${fmt(dLo)} … ${fmt(dHi)}`}
      </text>
    </svg>
  );
}
