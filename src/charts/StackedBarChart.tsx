/**
 * Signed stacked bars: for each category (e.g. a hidden dimension) the segments of several
 * contributions, positive ones stacked up from 0 and negative ones down, with the total marked
 * by a tick — a sum drawn as its terms (h = Σ x_i W_i over the hidden dimensions).
 */
import { scaleLinear } from 'd3';
import type { ReactElement } from 'react';
import { Legend, YAxis, legendLayout, paddedDomain, type LegendItem } from './chart-parts';
import { AXIS_COLOR, BACKGROUND, GRID_COLOR, MUTED_TEXT_COLOR, SMALL_FONT_SIZE, TEXT_COLOR, finite, fmt, px, svgRootProps } from './theme';

export interface StackSegment {
  name: string;
  /** This contribution's value in every category. */
  values: ArrayLike<number>;
  color: string;
}

export interface StackedBarChartProps {
  categories: readonly string[];
  segments: readonly StackSegment[];
  /** The sum per category, marked with a tick (default: the sum of the segments). */
  totals?: ArrayLike<number>;
  totalLabel?: string;
  yLabel: string;
  xLabel?: string;
  title: string;
  chart?: string;
  width?: number;
  height?: number;
}

export function StackedBarChart({
  categories,
  segments,
  totals,
  totalLabel = 'total',
  yLabel,
  xLabel,
  title,
  chart = 'stacked-bar-chart',
  width = 420,
  height = 240,
}: StackedBarChartProps) {
  const w = Math.max(200, finite(width, 420));
  const count = categories.length;
  const sums = Array.from({ length: count }, (_, c) => (totals ? finite(totals[c]) : segments.reduce((s, seg) => s + finite(seg.values[c]), 0)));
  // Extent of the stacks: the positive and negative parts separately.
  const ups = Array.from({ length: count }, (_, c) => segments.reduce((s, seg) => s + Math.max(0, finite(seg.values[c])), 0));
  const downs = Array.from({ length: count }, (_, c) => segments.reduce((s, seg) => s + Math.min(0, finite(seg.values[c])), 0));
  const legendItems: LegendItem[] = [...segments.map((s) => ({ label: s.name, color: s.color })), { label: totalLabel, color: TEXT_COLOR, mark: 'line' as const }];
  const margin = { top: 10, right: 12, left: 58 };
  const plotWidth = w - margin.left - margin.right;
  const legend = legendLayout(legendItems, plotWidth);
  const plotHeight = Math.max(80, finite(height, 240) - 10 - 34 - (xLabel ? 14 : 0) - legend.height - 6);
  const axisY = margin.top + plotHeight;
  const legendY = axisY + 22 + (xLabel ? 14 : 0) + 6;
  const h = legendY + legend.height + 4;

  const y = scaleLinear().domain(paddedDomain([...ups, ...downs, ...sums], { pad: 0.06 })).range([axisY, margin.top]).nice(5);
  const yTicks = y.ticks(5);
  const zeroY = y(0);
  const group = count > 0 ? plotWidth / count : plotWidth;
  const barW = Math.min(60, group * 0.6);

  const rects: ReactElement[] = [];
  const marks: ReactElement[] = [];
  for (let c = 0; c < count; c++) {
    const cx = margin.left + (c + 0.5) * group;
    let up = 0;
    let down = 0;
    segments.forEach((seg, s) => {
      const v = finite(seg.values[c]);
      if (v === 0) return;
      const from = v > 0 ? up : down;
      const to = from + v;
      if (v > 0) up = to;
      else down = to;
      rects.push(
        <rect
          key={`${c}:${s}`}
          data-category={c}
          data-segment={s}
          x={px(cx - barW / 2)}
          y={px(Math.min(y(from), y(to)))}
          width={px(barW)}
          height={px(Math.abs(y(to) - y(from)))}
          fill={seg.color}
          stroke={BACKGROUND}
          strokeWidth={0.75}
        >
          <title>{`${categories[c]} · ${seg.name}: ${fmt(v)}`}</title>
        </rect>,
      );
    });
    marks.push(
      <g key={c} data-total={c}>
        <title>{`${categories[c]} · ${totalLabel}: ${fmt(sums[c])}`}</title>
        <line x1={px(cx - barW / 2 - 6)} x2={px(cx + barW / 2 + 6)} y1={px(y(sums[c]))} y2={px(y(sums[c]))} stroke={TEXT_COLOR} strokeWidth={2.25} />
      </g>,
    );
  }

  return (
    <svg {...svgRootProps(chart, w, h, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={px(w)} height={px(h)} fill={BACKGROUND} />
      <g data-layer="grid">
        {yTicks.map((t) => (
          <line key={t} x1={margin.left} x2={px(w - margin.right)} y1={px(y(t))} y2={px(y(t))} stroke={GRID_COLOR} strokeWidth={0.75} />
        ))}
      </g>
      <g data-layer="segments">{rects}</g>
      <line data-layer="zero" x1={margin.left} x2={px(w - margin.right)} y1={px(zeroY)} y2={px(zeroY)} stroke={AXIS_COLOR} />
      <g data-layer="totals">{marks}</g>
      <YAxis scale={y} ticks={yTicks} x={margin.left} y0={margin.top} y1={axisY} label={yLabel} labelOffset={46} />
      <g data-layer="x-axis">
        <line x1={margin.left} x2={px(w - margin.right)} y1={px(axisY)} y2={px(axisY)} stroke={AXIS_COLOR} />
        {categories.map((label, c) => (
          <text key={c} x={px(margin.left + (c + 0.5) * group)} y={px(axisY + 13)} textAnchor="middle" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
            {label}
          </text>
        ))}
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
