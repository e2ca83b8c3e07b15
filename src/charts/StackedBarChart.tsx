/**
 * Signed stacked bars: for each category (e.g. a hidden dimension) the segments of several
 * contributions, positive ones stacked up from 0 and negative ones down, with the total marked
 * by a tick — a sum drawn as its terms (h = Σ x_i W_i over the hidden dimensions).
 */
import type { ReactElement } from 'react';
import { fmt } from '../model/format';
import { ZeroLine, categoryPlot } from './BarChart';
import { Frame, paddedDomain } from './frame';
import type { LegendItem } from './legend';
import { BACKGROUND, TEXT_COLOR, finite, px } from './theme';

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
  const count = categories.length;
  const sums = Array.from({ length: count }, (_, c) =>
    totals ? finite(totals[c]) : segments.reduce((s, seg) => s + finite(seg.values[c]), 0),
  );
  // Extent of the stacks: the positive and negative parts separately.
  const ups = Array.from({ length: count }, (_, c) =>
    segments.reduce((s, seg) => s + Math.max(0, finite(seg.values[c])), 0),
  );
  const downs = Array.from({ length: count }, (_, c) =>
    segments.reduce((s, seg) => s + Math.min(0, finite(seg.values[c])), 0),
  );
  const legend: LegendItem[] = [
    ...segments.map((s) => ({ label: s.name, color: s.color })),
    { label: totalLabel, color: TEXT_COLOR, mark: 'line' as const },
  ];
  const plot = categoryPlot({
    categories,
    yDomain: paddedDomain([...ups, ...downs, ...sums], { pad: 0.06 }),
    yLabel,
    xLabel,
    legend,
    width,
    height,
  });
  const y = plot.y.scale;
  const group = plot.x.scale(1) - plot.x.scale(0);
  const barW = Math.min(60, group * 0.6);

  const rects: ReactElement[] = [];
  const marks: ReactElement[] = [];
  for (let c = 0; c < count; c++) {
    const cx = plot.x.scale(c + 0.5);
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
        <line
          x1={px(cx - barW / 2 - 6)}
          x2={px(cx + barW / 2 + 6)}
          y1={px(y(sums[c]))}
          y2={px(y(sums[c]))}
          stroke={TEXT_COLOR}
          strokeWidth={2.25}
        />
      </g>,
    );
  }

  return (
    <Frame plot={plot} chart={chart} title={title}>
      <g data-layer="segments">{rects}</g>
      <ZeroLine plot={plot} />
      <g data-layer="totals">{marks}</g>
    </Frame>
  );
}
