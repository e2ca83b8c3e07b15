/**
 * Curves of (x, y) points, several series with a legend, on linear or log axes: the generic
 * "this against that" plot (recovery against sparsity, loss against superposition, success
 * probability against k/m…). Points can carry a label and be highlighted; horizontal and vertical
 * reference lines mark thresholds. Points that are non-finite (or ≤ 0 on a log axis) are skipped.
 */
import type { ReactElement } from 'react';
import { fmt } from '../model/format';
import type { Box } from './axes';
import { EmptyNote, Frame, dimension, paddedDomain, plotLayout } from './frame';
import { textWidth } from './legend';
import { Text } from './text';
import { AXIS_COLOR, BACKGROUND, TEXT_COLOR, TYPE, finite, px } from './theme';

export interface LinePoint {
  x: number;
  y: number;
  label?: string;
  highlight?: boolean;
}

export interface LineSeries {
  name: string;
  points: readonly LinePoint[];
  color: string;
  dashed?: boolean;
  /** Draw a marker at each point (default true). */
  markers?: boolean;
  /** Join the points (default true). */
  line?: boolean;
}

export interface ReferenceLine {
  axis: 'x' | 'y';
  value: number;
  label?: string;
  /** Where a horizontal line's label sits (default 'end': the right edge). */
  labelAt?: 'start' | 'end';
  color?: string;
}

export interface LineChartProps {
  series: readonly LineSeries[];
  xLabel: string;
  yLabel: string;
  title: string;
  chart?: string;
  xScale?: 'linear' | 'log';
  yScale?: 'linear' | 'log';
  xDomain?: [number, number];
  yDomain?: [number, number];
  xTicks?: readonly number[];
  yTicks?: readonly number[];
  xFormat?: (v: number) => string;
  yFormat?: (v: number) => string;
  references?: readonly ReferenceLine[];
  /** Automatic linear y domain reaches down (or up) to 0 (default true). */
  yIncludeZero?: boolean;
  /** Show the legend (default: when there is more than one series). */
  legend?: boolean;
  width?: number;
  height?: number;
}

type Px = (v: number) => number;

/** The point labels to draw, as "series:point" keys: highlighted points' labels first, then those overlapping none. */
function shownLabels(clean: readonly (readonly LinePoint[])[], X: Px, Y: Px): Set<string> {
  const placed: { x: number; y: number; w: number }[] = [];
  const labelFits = (x: number, y: number, text: string) => {
    const w = textWidth(text, TYPE.note);
    if (placed.some((b) => x < b.x + b.w + 2 && b.x < x + w + 2 && Math.abs(y - b.y) < TYPE.note + 1)) return false;
    placed.push({ x, y, w });
    return true;
  };
  const showLabel = new Set<string>();
  for (const pass of [true, false]) {
    clean.forEach((pts, si) =>
      pts.forEach((p, k) => {
        if (p.label && !!p.highlight === pass && labelFits(X(p.x) + 6, Y(p.y) - 6, p.label))
          showLabel.add(`${si}:${k}`);
      }),
    );
  }
  return showLabel;
}

/** Dashed threshold lines across the plot, each with its label at an end. */
function ReferenceLines({
  references,
  box,
  X,
  Y,
  ok,
}: {
  references: readonly ReferenceLine[];
  box: Box;
  X: Px;
  Y: Px;
  ok: (r: ReferenceLine) => boolean;
}): ReactElement {
  return (
    <g data-layer="references">
      {references.map((r, k) =>
        ok(r) ? (
          <g key={k} data-reference={r.axis}>
            {r.axis === 'y' ? (
              <line
                x1={px(box.x0)}
                x2={px(box.x1)}
                y1={Y(r.value)}
                y2={Y(r.value)}
                stroke={r.color ?? AXIS_COLOR}
                strokeWidth={1}
                strokeDasharray="4 3"
              />
            ) : (
              <line
                x1={X(r.value)}
                x2={X(r.value)}
                y1={px(box.y0)}
                y2={px(box.y1)}
                stroke={r.color ?? AXIS_COLOR}
                strokeWidth={1}
                strokeDasharray="4 3"
              />
            )}
            {r.label ? (
              <Text
                x={r.axis === 'y' ? (r.labelAt === 'start' ? box.x0 + 3 : box.x1 - 3) : X(r.value) + 3}
                y={r.axis === 'y' ? Y(r.value) - 3 : box.y0 + 9}
                anchor={r.axis === 'y' && r.labelAt !== 'start' ? 'end' : 'start'}
                role="note"
              >
                {r.label}
              </Text>
            ) : null}
          </g>
        ) : null,
      )}
    </g>
  );
}

/** Each series' line through its points (when it has one and more than one point). */
function SeriesLines({
  series,
  clean,
  X,
  Y,
}: {
  series: readonly LineSeries[];
  clean: readonly (readonly LinePoint[])[];
  X: Px;
  Y: Px;
}): ReactElement {
  const lines: ReactElement[] = [];
  series.forEach((s, si) => {
    const pts = clean[si];
    if (s.line === false || pts.length <= 1) return;
    const d = pts.map((p, k) => `${k === 0 ? 'M' : 'L'}${X(p.x)},${Y(p.y)}`).join('');
    lines.push(
      <path
        key={si}
        data-series={si}
        d={d}
        fill="none"
        stroke={s.color}
        strokeWidth={1.75}
        strokeDasharray={s.dashed ? '5 3' : undefined}
        strokeLinejoin="round"
      />,
    );
  });
  return <g data-layer="lines">{lines}</g>;
}

/** The markers and the labels that fit, each point with a tooltip giving its values. */
function SeriesPoints({
  series,
  clean,
  X,
  Y,
  showLabel,
  xLabel,
  yLabel,
  xFormat,
  yFormat,
}: {
  series: readonly LineSeries[];
  clean: readonly (readonly LinePoint[])[];
  X: Px;
  Y: Px;
  showLabel: ReadonlySet<string>;
  xLabel: string;
  yLabel: string;
  xFormat: (v: number) => string;
  yFormat: (v: number) => string;
}): ReactElement {
  const marks: ReactElement[] = [];
  series.forEach((s, si) =>
    clean[si].forEach((p, k) => {
      const show = s.markers !== false || p.highlight;
      const label = p.label && showLabel.has(`${si}:${k}`);
      if (!show && !label) return;
      marks.push(
        <g key={`${si}:${k}`} data-series={si} data-point={k}>
          <title>{`${s.name}: ${p.label ? `${p.label}, ` : ''}${xLabel} = ${xFormat(p.x)}, ${yLabel} = ${yFormat(p.y)}`}</title>
          {show ? (
            <circle
              cx={X(p.x)}
              cy={Y(p.y)}
              r={p.highlight ? 5 : 3}
              fill={s.color}
              stroke={p.highlight ? TEXT_COLOR : BACKGROUND}
              strokeWidth={p.highlight ? 1.5 : 0.75}
            />
          ) : null}
          {label ? (
            <Text x={X(p.x) + 6} y={Y(p.y) - 6} role="note">
              {p.label!}
            </Text>
          ) : null}
        </g>,
      );
    }),
  );
  return <g data-layer="points">{marks}</g>;
}

export function LineChart({
  series,
  xLabel,
  yLabel,
  title,
  chart = 'line-chart',
  xScale = 'linear',
  yScale = 'linear',
  xDomain,
  yDomain,
  xTicks,
  yTicks,
  xFormat = fmt,
  yFormat = fmt,
  references = [],
  yIncludeZero = true,
  legend,
  width = 420,
  height = 260,
}: LineChartProps) {
  const showLegend = legend ?? series.length > 1;
  const okX = (v: number) => Number.isFinite(v) && (xScale !== 'log' || v > 0);
  const okY = (v: number) => Number.isFinite(v) && (yScale !== 'log' || v > 0);
  const okRef = (r: ReferenceLine) => (r.axis === 'x' ? okX(r.value) : okY(r.value));
  const clean = series.map((s) => s.points.filter((p) => okX(p.x) && okY(p.y)));
  const xs = clean
    .flat()
    .map((p) => p.x)
    .concat(references.filter((r) => r.axis === 'x' && okX(r.value)).map((r) => r.value));
  const ys = clean
    .flat()
    .map((p) => p.y)
    .concat(references.filter((r) => r.axis === 'y' && okY(r.value)).map((r) => r.value));
  const plot = plotLayout({
    width: dimension(width, 420, 200),
    height: finite(height, 260),
    minPlotHeight: 90,
    margin: { top: 12, right: 16 },
    x: {
      type: xScale,
      domain: validDomain(xDomain, xScale) ?? autoDomain(xs, xScale, false),
      nice: xScale === 'linear' && !validDomain(xDomain, xScale),
      ticks: xTicks ?? 6,
      format: xFormat,
      label: xLabel,
      grid: true,
    },
    y: {
      type: yScale,
      domain: validDomain(yDomain, yScale) ?? autoDomain(ys, yScale, yIncludeZero),
      nice: yScale === 'linear' && !validDomain(yDomain, yScale),
      ticks: yTicks ?? 5,
      format: yFormat,
      label: yLabel,
      grid: true,
    },
    legend: showLegend
      ? series.map((s) => ({
          label: s.name,
          color: s.color,
          mark: s.dashed ? 'dashed' : s.line === false ? 'dot' : 'line',
        }))
      : [],
  });
  const { box } = plot;
  // Clamp into the plot so out-of-domain points sit on the frame rather than outside the SVG.
  const X = (v: number) => px(Math.min(box.x1, Math.max(box.x0, finite(plot.x.scale(v), box.x0))));
  const Y = (v: number) => px(Math.min(box.y1, Math.max(box.y0, finite(plot.y.scale(v), box.y1))));
  const showLabel = shownLabels(clean, X, Y);

  return (
    <Frame plot={plot} chart={chart} title={title}>
      <ReferenceLines references={references} box={box} X={X} Y={Y} ok={okRef} />
      <SeriesLines series={series} clean={clean} X={X} Y={Y} />
      <SeriesPoints
        series={series}
        clean={clean}
        X={X}
        Y={Y}
        showLabel={showLabel}
        xLabel={xLabel}
        yLabel={yLabel}
        xFormat={xFormat}
        yFormat={yFormat}
      />
      {clean.every((p) => p.length === 0) ? <EmptyNote box={box}>no data yet</EmptyNote> : null}
    </Frame>
  );
}

function validDomain(d: [number, number] | undefined, scale: 'linear' | 'log'): [number, number] | null {
  if (!d || !Number.isFinite(d[0]) || !Number.isFinite(d[1]) || d[0] === d[1]) return null;
  if (scale === 'log' && !(d[0] > 0 && d[1] > 0)) return null;
  return d;
}

function autoDomain(values: number[], scale: 'linear' | 'log', includeZero: boolean): [number, number] {
  if (scale === 'log') {
    const vs = values.filter((v) => v > 0 && Number.isFinite(v));
    if (vs.length === 0) return [1, 10];
    const lo = Math.min(...vs);
    const hi = Math.max(...vs);
    return hi / lo < 1.5 ? [lo / 1.5, hi * 1.5] : [lo, hi];
  }
  return paddedDomain(values, { includeZero, pad: 0.04 });
}
