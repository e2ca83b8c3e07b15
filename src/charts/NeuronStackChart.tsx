/**
 * Neuron stack plot (the paper's "Superposition in a Privileged Basis" and "Computation in Superposition"):
 * one column per hidden neuron, one stacked rectangle per feature weight, positive weights stacked up from
 * the axis and negative ones down, each rectangle coloured by its feature. Neurons can be marked (the
 * asymmetric-superposition motif) and carry a short status label (mono / poly / dead).
 */
import { fmt } from '../model/format';
import { ZeroLine } from './BarChart';
import { HIGHLIGHT_COLOR, seriesColor } from './palette';
import { Frame, dimension, plotLayout } from './frame';
import { wrapText } from './legend';
import { Text } from './text';
import { BACKGROUND, TYPE, finite, importanceColor, px } from './theme';

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

export function NeuronStackChart({
  columns,
  n,
  highlight = [],
  featureColor,
  title,
  yLabel = 'input weight',
  width,
  height = 220,
}: NeuronStackChartProps) {
  const colour = featureColor ?? defaultFeatureColor(n);
  const count = columns.length;
  const margin = { top: 18, right: 8, left: 44 };
  let lo = 0;
  let hi = 0;
  for (const c of columns)
    for (const s of c.segments) {
      lo = Math.min(lo, finite(s.y0));
      hi = Math.max(hi, finite(s.y1));
    }
  if (hi - lo < 1e-9) hi = lo + 1;
  const marked = new Set(highlight);
  const w = dimension(
    width ?? margin.left + margin.right + Math.max(1, count) * Math.max(10, Math.min(36, 420 / Math.max(1, count))),
    300,
    160,
  );
  // The caption under the columns, wrapped to the chart's width.
  const lines = wrapText(
    `${count} neurons${marked.size ? ' · dashed outline: asymmetric-superposition motif' : ''}`,
    w - 8,
    TYPE.note,
  );
  const plot = plotLayout({
    width: w,
    height: dimension(height, 220, 120),
    margin,
    x: { domain: [0, Math.max(1, count)], ticks: [] },
    y: { domain: [lo, hi], nice: true, label: yLabel },
    below: lines.length * (TYPE.note + 2),
  });
  const { box } = plot;
  const y = plot.y.scale;
  const [dLo, dHi] = y.domain();
  const band = plot.x.scale(1) - plot.x.scale(0);
  const barW = Math.max(2, band * 0.72);
  const showStatus = band >= 14;
  return (
    <Frame plot={plot} chart="neuron-stack" title={title}>
      <ZeroLine plot={plot} />
      <g data-layer="neurons">
        {columns.map((c, k) => {
          const x0 = plot.x.scale(k) + (band - barW) / 2;
          const isMarked = marked.has(c.neuron);
          let top = 0;
          let bottom = 0;
          for (const s of c.segments) {
            top = Math.max(top, finite(s.y1));
            bottom = Math.min(bottom, finite(s.y0));
          }
          return (
            <g
              key={c.neuron}
              data-neuron={c.neuron}
              data-status={c.status ?? ''}
              data-motif={isMarked ? 'true' : 'false'}
            >
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
                <Text
                  x={x0 + barW / 2}
                  y={box.y1 + 12}
                  anchor="middle"
                  role="glyph"
                  tone={c.status === 'dead' ? 'muted' : 'text'}
                >
                  {STATUS_SHORT[c.status] ?? c.status}
                </Text>
              ) : null}
            </g>
          );
        })}
      </g>
      {lines.map((line, k) => (
        <Text key={k} x={w / 2} y={plot.belowY + (k + 1) * (TYPE.note + 2) - 3} anchor="middle" role="note">
          {line}
        </Text>
      ))}
      <Text x={box.x1} y={12} anchor="end" role="note">
        {`weights ${fmt(dLo)} … ${fmt(dHi)}`}
      </Text>
    </Frame>
  );
}
