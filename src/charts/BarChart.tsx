/**
 * Signed bars per category (e.g. per feature), one or more series side by side in each group, on
 * a zero-anchored linear axis. A series can mark some of its bars as highlighted (drawn in an
 * accent colour, with their own legend entry) and can be drawn as outlines, for a quantity that
 * sits behind another (a pre-activation behind its ReLU output).
 */
import { scaleLinear } from 'd3';
import type { ReactElement } from 'react';
import { HIGHLIGHT_COLOR, Legend, YAxis, legendLayout, paddedDomain, type LegendItem } from './chart-parts';
import { AXIS_COLOR, BACKGROUND, GRID_COLOR, MUTED_TEXT_COLOR, SMALL_FONT_SIZE, finite, fmt, px, svgRootProps } from './theme';

export interface BarSeries {
  name: string;
  /** One value per category. */
  values: ArrayLike<number>;
  color: string;
  /** 'outline': an unfilled dashed bar (default 'solid'). */
  style?: 'solid' | 'outline';
  /** Bars drawn in the highlight colour instead. */
  highlight?: ArrayLike<boolean>;
}

export interface BarChartProps {
  categories: readonly string[];
  series: readonly BarSeries[];
  yLabel: string;
  xLabel?: string;
  title: string;
  /** The data-chart tag of the root (default 'bar-chart'). */
  chart?: string;
  /** Legend entry of highlighted bars (shown when any bar is highlighted). */
  highlightLabel?: string;
  highlightColor?: string;
  /** Fixed y domain (default: the values, always including 0). */
  yDomain?: [number, number];
  width?: number;
  height?: number;
  format?: (v: number) => string;
}

/** Above this many categories only every k-th is labelled. */
const MAX_LABELS = 24;

export function BarChart({
  categories,
  series,
  yLabel,
  xLabel,
  title,
  chart = 'bar-chart',
  highlightLabel = 'highlighted',
  highlightColor = HIGHLIGHT_COLOR,
  yDomain,
  width = 420,
  height = 240,
  format = fmt,
}: BarChartProps) {
  const w = Math.max(200, finite(width, 420));
  const count = categories.length;
  const anyHighlight = series.some((s) => s.highlight && Array.from({ length: count }, (_, c) => !!s.highlight![c]).some(Boolean));
  const legendItems: LegendItem[] = series.map((s) => ({ label: s.name, color: s.color, mark: s.style === 'outline' ? 'outline' : 'square' }));
  if (anyHighlight) legendItems.push({ label: highlightLabel, color: highlightColor, mark: 'square' });
  const margin = { top: 10, right: 12, left: 58 };
  const plotWidth = w - margin.left - margin.right;
  const legend = legendLayout(legendItems, plotWidth);
  const plotHeight = Math.max(80, finite(height, 240) - 10 - 34 - (xLabel ? 14 : 0) - legend.height - 6);
  const axisY = margin.top + plotHeight;
  const legendY = axisY + 22 + (xLabel ? 14 : 0) + 6;
  const h = legendY + legend.height + 4;

  const all: number[] = [];
  for (const s of series) for (let c = 0; c < count; c++) all.push(finite(s.values[c], NaN));
  const [d0, d1] = yDomain && yDomain[1] > yDomain[0] ? yDomain : paddedDomain(all, { pad: 0.06 });
  const y = scaleLinear().domain([d0, d1]).range([axisY, margin.top]).nice(5);
  const yTicks = y.ticks(5);
  const [lo, hi] = y.domain() as [number, number];
  const yv = (v: number) => y(Math.min(hi, Math.max(lo, finite(v))));
  const zeroY = yv(0);

  const group = count > 0 ? plotWidth / count : plotWidth;
  const slots = Math.max(1, series.length);
  const inner = group * 0.8;
  const barW = inner / slots;
  const labelEvery = count <= MAX_LABELS ? 1 : Math.ceil(count / MAX_LABELS);

  const bars: ReactElement[] = [];
  series.forEach((s, si) => {
    for (let c = 0; c < count; c++) {
      const raw = s.values[c];
      const v = finite(raw);
      const x0 = margin.left + c * group + (group - inner) / 2 + si * barW;
      const top = Math.min(zeroY, yv(v));
      const barH = Math.abs(yv(v) - zeroY);
      const hl = !!s.highlight?.[c];
      const colour = hl ? highlightColor : s.color;
      const outline = s.style === 'outline';
      bars.push(
        <rect
          key={`${si}:${c}`}
          data-series={si}
          data-category={c}
          data-highlight={hl ? 1 : undefined}
          x={px(x0 + barW * 0.06)}
          y={px(top)}
          width={px(Math.max(0.5, barW * 0.88))}
          height={px(Math.max(barH, v === 0 ? 0 : 0.75))}
          fill={outline ? 'none' : colour}
          stroke={outline ? colour : 'none'}
          strokeWidth={outline ? 1.25 : 0}
          strokeDasharray={outline ? '2 1.5' : undefined}
        >
          <title>{`${categories[c]} · ${s.name}: ${format(finite(raw, NaN))}`}</title>
        </rect>,
      );
    }
  });

  return (
    <svg {...svgRootProps(chart, w, h, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={px(w)} height={px(h)} fill={BACKGROUND} />
      <g data-layer="grid">
        {yTicks.map((t) => (
          <line key={t} x1={margin.left} x2={px(w - margin.right)} y1={px(y(t))} y2={px(y(t))} stroke={GRID_COLOR} strokeWidth={0.75} />
        ))}
      </g>
      <g data-layer="bars">{bars}</g>
      <line data-layer="zero" x1={margin.left} x2={px(w - margin.right)} y1={px(zeroY)} y2={px(zeroY)} stroke={AXIS_COLOR} strokeWidth={1} />
      <YAxis scale={y} ticks={yTicks} x={margin.left} y0={margin.top} y1={axisY} label={yLabel} labelOffset={46} format={format} />
      <g data-layer="x-axis">
        <line x1={margin.left} x2={px(w - margin.right)} y1={px(axisY)} y2={px(axisY)} stroke={AXIS_COLOR} />
        {categories.map((label, c) =>
          c % labelEvery === 0 ? (
            <text key={c} x={px(margin.left + (c + 0.5) * group)} y={px(axisY + 13)} textAnchor="middle" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
              {label}
            </text>
          ) : null,
        )}
        {xLabel ? (
          <text x={px(margin.left + plotWidth / 2)} y={px(axisY + 30)} textAnchor="middle" fontSize={SMALL_FONT_SIZE + 1} fill={MUTED_TEXT_COLOR}>
            {xLabel}
          </text>
        ) : null}
      </g>
      <Legend items={legendItems} x={margin.left} y={legendY} maxWidth={plotWidth} />
    </svg>
  );
}

