/**
 * Signed bars per category (e.g. per feature), one or more series side by side in each group, on
 * a zero-anchored linear axis. A series can mark some of its bars as highlighted (drawn in an
 * accent colour, with their own legend entry) and can be drawn as outlines, for a quantity that
 * sits behind another (a pre-activation behind its ReLU output).
 */
import type { ReactElement } from 'react';
import { fmt } from '../model/format';
import { Frame, dimension, paddedDomain, plotLayout, type Plot } from './frame';
import type { LegendItem } from './legend';
import { HIGHLIGHT_COLOR } from './palette';
import { indexAt } from './pointer';
import { AXIS_COLOR, finite, px } from './theme';

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
  /** The pointer is over category c (null: off the bars), for a linked highlight. */
  onHover?(c: number | null): void;
}

/** Above this many categories only every k-th is labelled. */
const MAX_LABELS = 24;

/**
 * The frame of a bar chart: one slot per category along x (labelled at its centre, every k-th
 * beyond MAX_LABELS), a zero-anchored linear y axis with grid lines, the legend below.
 */
export function categoryPlot(opts: {
  categories: readonly string[];
  yDomain: [number, number];
  yLabel: string;
  xLabel?: string;
  legend: LegendItem[];
  width: number;
  height: number;
  format?: (v: number) => string;
}): Plot {
  const count = opts.categories.length;
  const every = count <= MAX_LABELS ? 1 : Math.ceil(count / MAX_LABELS);
  return plotLayout({
    width: dimension(opts.width, 420, 200),
    height: finite(opts.height, 240),
    margin: { right: 12 },
    x: {
      domain: [0, Math.max(1, count)],
      ticks: opts.categories.map((_, c) => c + 0.5).filter((_, c) => c % every === 0),
      format: (v) => opts.categories[Math.floor(v)] ?? '',
      label: opts.xLabel,
    },
    y: { domain: opts.yDomain, nice: true, label: opts.yLabel, format: opts.format, grid: true },
    legend: opts.legend,
  });
}

/** The zero line of a signed bar chart, across the plot. */
export function ZeroLine({ plot }: { plot: Plot }) {
  const y = px(plot.y.scale(0));
  return (
    <line
      data-layer="zero"
      x1={px(plot.box.x0)}
      x2={px(plot.box.x1)}
      y1={y}
      y2={y}
      stroke={AXIS_COLOR}
      strokeWidth={1}
    />
  );
}

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
  onHover,
}: BarChartProps) {
  const count = categories.length;
  const anyHighlight = series.some(
    (s) => s.highlight && Array.from({ length: count }, (_, c) => !!s.highlight![c]).some(Boolean),
  );
  const legend: LegendItem[] = series.map((s) => ({
    label: s.name,
    color: s.color,
    mark: s.style === 'outline' ? 'outline' : 'square',
  }));
  if (anyHighlight) legend.push({ label: highlightLabel, color: highlightColor, mark: 'square' });
  const all: number[] = [];
  for (const s of series) for (let c = 0; c < count; c++) all.push(finite(s.values[c], NaN));
  const domain = yDomain && yDomain[1] > yDomain[0] ? yDomain : paddedDomain(all, { pad: 0.06 });
  const plot = categoryPlot({ categories, yDomain: domain, yLabel, xLabel, legend, width, height, format });
  const [lo, hi] = plot.y.scale.domain();
  const yv = (v: number) => plot.y.scale(Math.min(hi, Math.max(lo, finite(v))));
  const zeroY = yv(0);
  const group = plot.x.scale(1) - plot.x.scale(0);
  const inner = group * 0.8;
  const barW = inner / Math.max(1, series.length);

  const bars: ReactElement[] = [];
  series.forEach((s, si) => {
    for (let c = 0; c < count; c++) {
      const raw = s.values[c];
      const v = finite(raw);
      const x0 = plot.x.scale(c) + (group - inner) / 2 + si * barW;
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
          y={px(Math.min(zeroY, yv(v)))}
          width={px(Math.max(0.5, barW * 0.88))}
          height={px(Math.max(Math.abs(yv(v) - zeroY), v === 0 ? 0 : 0.75))}
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
    <Frame plot={plot} chart={chart} title={title}>
      {onHover ? (
        <g
          data-layer="bars"
          onPointerOver={(e) => onHover(indexAt(e.target, 'data-category'))}
          onPointerLeave={() => onHover(null)}
        >
          {bars}
        </g>
      ) : (
        <g data-layer="bars">{bars}</g>
      )}
      <ZeroLine plot={plot} />
    </Frame>
  );
}
