/**
 * The chart frame: everything around a chart's marks. ChartSvg is the root every chart renders
 * (standalone namespace, size, a11y label, <title>, background); plotLayout turns a plot spec —
 * size, margins, x and y axes (linear or log domains, ticks, titles, grid), legend — into the plot
 * box, the scales and the tick values; Frame draws the grid, the axes, the border and the legend
 * around the marks the chart hands it. A chart keeps only its marks, the way Observable Plot
 * separates marks from the frame.
 *
 * const plot = plotLayout({ width, height, x: { type: 'log', domain, label: 'r' }, y: { domain: [0, 1], grid: true },
 * legend });
 *   return <Frame plot={plot} chart="my-chart" title={title}>{marks drawn with plot.x, plot.y}</Frame>;
 */
import { scaleLinear, scaleLog, type ScaleContinuousNumeric } from 'd3';
import type { KeyboardEvent, ReactElement, ReactNode, SVGProps } from 'react';
import { AxisBottom, AxisLeft, GridLines, PlotBorder, logTicks, minorLogTicks, type Box } from './axes';
import { Legend, legendLayout, type LegendItem } from './legend';
import { Text } from './text';
import { BACKGROUND, FONT_FAMILY, finite } from './theme';

/** Extra attributes and handlers for a chart's root <svg> (data-* tags, tabIndex, key and pointer handlers). */
export type RootProps = Omit<SVGProps<SVGSVGElement>, 'width' | 'height' | 'ref' | 'children'> & {
  [key: `data-${string}`]: string | number | undefined;
};

/** A size prop made safe: finite (else the fallback) and at least `min`. */
export function dimension(v: number | undefined, fallback: number, min: number): number {
  return Math.max(min, finite(v ?? fallback, fallback));
}

export interface ChartSvgProps {
  /** data-chart tag of the root. */
  chart: string;
  width: number;
  height: number;
  /** The <title>, and the a11y label unless `label` is given. */
  title: string;
  label?: string;
  children?: ReactNode;
}

/**
 * The root every chart renders: standalone namespace, explicit integer size (sanitised, so no NaN
 * leaks), role and label, data-chart tag, the generic font stack, a <title> and the background.
 */
export function ChartSvg({
  chart,
  width,
  height,
  title,
  label,
  children,
  ...root
}: ChartSvgProps & RootProps): ReactElement {
  const w = Math.max(1, Math.round(finite(width, 1)));
  const h = Math.max(1, Math.round(finite(height, 1)));
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      role="img"
      aria-label={label ?? title}
      data-chart={chart}
      fontFamily={FONT_FAMILY}
      {...root}
    >
      <title>{title}</title>
      <rect x={0} y={0} width={w} height={h} fill={BACKGROUND} />
      {children}
    </svg>
  );
}

export interface AxisSpec {
  type?: 'linear' | 'log';
  domain: readonly [number, number];
  /** Round the domain outward to nice values (linear: for the tick count; log: to decades). */
  nice?: boolean;
  /** Values outside the domain map to its ends. */
  clamp?: boolean;
  /** Tick values (those outside the domain are dropped), or how many a linear axis aims at (default 5). */
  ticks?: readonly number[] | number;
  /** Log axes: label only the decades when at least this many fit (default 2), else 1-2-5 steps. */
  decades?: number;
  /** Log axes: unlabelled ticks at 2…9 × 10^k. */
  minor?: boolean;
  format?: (v: number) => string;
  /** Axis title; its math is typeset. */
  label?: string;
  /** Grid lines at the ticks. */
  grid?: boolean;
}

export type ContinuousScale = ScaleContinuousNumeric<number, number>;

export interface ScaledAxis {
  scale: ContinuousScale;
  ticks: number[];
  minor: number[];
}

/** An axis spec's scale over a pixel range, with its ticks. */
export function axisScale(spec: AxisSpec, range: readonly [number, number]): ScaledAxis {
  const log = spec.type === 'log';
  const scale: ContinuousScale = (log ? scaleLog() : scaleLinear()).domain([...spec.domain]).range([...range]);
  if (spec.clamp) scale.clamp(true);
  const count = typeof spec.ticks === 'number' ? spec.ticks : 5;
  if (spec.nice) scale.nice(log ? undefined : count);
  const d = scale.domain();
  const lo = Math.min(d[0], d[1]);
  const hi = Math.max(d[0], d[1]);
  const ticks =
    typeof spec.ticks === 'object'
      ? spec.ticks.filter((t) => t >= lo - 1e-12 && t <= hi + 1e-12)
      : log
        ? logTicks([lo, hi], spec.decades)
        : scale.ticks(count);
  return { scale, ticks, minor: log && spec.minor ? minorLogTicks([lo, hi], ticks) : [] };
}

export interface PlotSpec {
  width: number;
  /** The outer height the plot area is fitted into… */
  height?: number;
  /** …or the plot area's own height, the outer height following from it. */
  plotHeight?: number;
  /** Smallest plot-area height when fitting (default 80). */
  minPlotHeight?: number;
  /** Space round the plot area; the bottom follows from the x axis, the legend and `below`. */
  margin?: Partial<{ top: number; right: number; left: number }>;
  x: AxisSpec;
  /** No y spec: no y axis (the chart draws its own scale, e.g. rows or two panels). */
  y?: AxisSpec;
  /** Wrapped under the x axis. */
  legend?: readonly LegendItem[];
  /** Room under the axis and legend for a key the chart draws itself (a colour ramp). */
  below?: number;
  /** Outline the plot area (then the axes draw no axis line). */
  border?: boolean;
}

export interface Plot {
  spec: PlotSpec;
  width: number;
  height: number;
  box: Box;
  x: ScaledAxis;
  /** Linear over [0, 1] when the spec has no y axis. */
  y: ScaledAxis;
  legendY: number;
  /** Top of the room reserved by `below`. */
  belowY: number;
}

/** A symmetric or zero-anchored linear domain covering the values, never empty. */
export function paddedDomain(
  values: readonly number[],
  opts: { includeZero?: boolean; pad?: number } = {},
): [number, number] {
  const vs = values.filter(Number.isFinite);
  let lo = vs.length ? Math.min(...vs) : 0;
  let hi = vs.length ? Math.max(...vs) : 1;
  if (opts.includeZero ?? true) {
    lo = Math.min(0, lo);
    hi = Math.max(0, hi);
  }
  if (!(hi > lo)) {
    const a = Math.abs(hi) || 1;
    lo -= a * 0.5;
    hi += a * 0.5;
  }
  const pad = (hi - lo) * (opts.pad ?? 0);
  return [lo - (lo < 0 || !(opts.includeZero ?? true) ? pad : 0), hi + pad];
}

const DEFAULT_MARGIN = { top: 10, right: 14, left: 58 };
/** Below the plot area: tick labels, and the axis title when there is one. */
const X_AXIS_BLOCK = { bare: 20, titled: 36 };

/** The plot box, scales and ticks of a spec, and where the legend and any chart-drawn key go. */
export function plotLayout(spec: PlotSpec): Plot {
  const m = { ...DEFAULT_MARGIN, ...spec.margin };
  const width = spec.width;
  const x0 = m.left;
  const x1 = Math.max(x0 + 40, width - m.right);
  const axisBlock = spec.x.label ? X_AXIS_BLOCK.titled : X_AXIS_BLOCK.bare;
  const legend = legendLayout(spec.legend ?? [], x1 - x0);
  const legendBlock = legend.height ? legend.height + 8 : 0;
  const below = spec.below ?? 0;
  const plotHeight =
    spec.plotHeight ??
    Math.max(spec.minPlotHeight ?? 80, finite(spec.height ?? 0) - m.top - axisBlock - legendBlock - below);
  const box = { x0, x1, y0: m.top, y1: m.top + plotHeight };
  const legendY = box.y1 + axisBlock + 4;
  const belowY = box.y1 + axisBlock + legendBlock;
  return {
    spec,
    width,
    height: belowY + below,
    box,
    x: axisScale(spec.x, [x0, x1]),
    y: axisScale(spec.y ?? { domain: [0, 1], ticks: [] }, [box.y1, box.y0]),
    legendY,
    belowY,
  };
}

/** The frame round a chart's marks: root, grid, the marks, border, axes and legend, in that order. */
export function Frame({
  plot,
  chart,
  title,
  label,
  children,
  ...root
}: { plot: Plot; chart: string; title: string; label?: string; children?: ReactNode } & RootProps): ReactElement {
  const { spec, box, x, y } = plot;
  const grid = spec.x.grid || spec.y?.grid;
  return (
    <ChartSvg chart={chart} width={plot.width} height={plot.height} title={title} label={label} {...root}>
      {grid ? (
        <GridLines
          box={box}
          x={spec.x.grid ? x.scale : undefined}
          xTicks={x.ticks}
          y={spec.y?.grid ? y.scale : undefined}
          yTicks={y.ticks}
        />
      ) : null}
      {children}
      {spec.border ? <PlotBorder box={box} /> : null}
      <AxisBottom
        scale={x.scale}
        ticks={x.ticks}
        minor={x.minor}
        format={spec.x.format}
        label={spec.x.label}
        line={!spec.border}
        y={box.y1}
        x0={box.x0}
        x1={box.x1}
      />
      {spec.y ? (
        <AxisLeft
          scale={y.scale}
          ticks={y.ticks}
          minor={y.minor}
          format={spec.y.format}
          label={spec.y.label}
          line={!spec.border}
          x={box.x0}
          y0={box.y0}
          y1={box.y1}
        />
      ) : null}
      <Legend items={spec.legend ?? []} x={box.x0} y={plot.legendY} maxWidth={box.x1 - box.x0} />
    </ChartSvg>
  );
}

/** Root props that make a chart selectable from the keyboard: focusable, the key handler, and a label that says how. */
export function keyboardSelect(
  title: string,
  how: string,
  onKeyDown?: (e: KeyboardEvent<SVGSVGElement>) => void,
): { label: string; tabIndex?: number; onKeyDown?: (e: KeyboardEvent<SVGSVGElement>) => void } {
  return onKeyDown ? { label: `${title}. ${how}`, tabIndex: 0, onKeyDown } : { label: title };
}

/** The message a chart shows, centred in the box, while it has nothing to draw. */
export function EmptyNote({ box, children }: { box: Box; children: string }): ReactElement {
  return (
    <Text x={(box.x0 + box.x1) / 2} y={(box.y0 + box.y1) / 2} anchor="middle">
      {children}
    </Text>
  );
}
