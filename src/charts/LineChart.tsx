/**
 * Curves of (x, y) points, several series with a legend, on linear or log axes: the generic
 * "this against that" plot (recovery against sparsity, loss against superposition, success
 * probability against k/m…). Points can carry a label and be highlighted; horizontal and vertical
 * reference lines mark thresholds. Points that are non-finite (or ≤ 0 on a log axis) are skipped.
 */
import { scaleLinear, scaleLog } from 'd3';
import type { ReactElement } from 'react';
import { Legend, XAxis, YAxis, legendLayout, logTicks, paddedDomain, type LegendItem } from './chart-parts';
import { AXIS_COLOR, BACKGROUND, GRID_COLOR, MUTED_TEXT_COLOR, SMALL_FONT_SIZE, TEXT_COLOR, finite, fmt, px, svgRootProps } from './theme';

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
  const w = Math.max(200, finite(width, 420));
  const margin = { top: 12, right: 16, left: 58 };
  const plotWidth = w - margin.left - margin.right;
  const showLegend = legend ?? series.length > 1;
  const legendItems: LegendItem[] = showLegend ? series.map((s) => ({ label: s.name, color: s.color, mark: s.dashed ? 'dashed' : s.line === false ? 'dot' : 'line' })) : [];
  const legendBox = legendLayout(legendItems, plotWidth);
  const plotHeight = Math.max(90, finite(height, 260) - margin.top - 40 - legendBox.height - 4);
  const axisY = margin.top + plotHeight;
  const legendY = axisY + 40;
  const h = legendY + legendBox.height + 4;

  const okX = (v: number) => Number.isFinite(v) && (xScale !== 'log' || v > 0);
  const okY = (v: number) => Number.isFinite(v) && (yScale !== 'log' || v > 0);
  const clean = series.map((s) => s.points.filter((p) => okX(p.x) && okY(p.y)));
  const xs = clean.flat().map((p) => p.x).concat(references.filter((r) => r.axis === 'x' && okX(r.value)).map((r) => r.value));
  const ys = clean.flat().map((p) => p.y).concat(references.filter((r) => r.axis === 'y' && okY(r.value)).map((r) => r.value));

  const xd = validDomain(xDomain, xScale) ?? autoDomain(xs, xScale, false);
  const yd = validDomain(yDomain, yScale) ?? autoDomain(ys, yScale, yIncludeZero);
  const x = xScale === 'log' ? scaleLog().domain(xd).range([margin.left, margin.left + plotWidth]) : niceIf(scaleLinear().domain(xd).range([margin.left, margin.left + plotWidth]), !xDomain, 6);
  const y = yScale === 'log' ? scaleLog().domain(yd).range([axisY, margin.top]) : niceIf(scaleLinear().domain(yd).range([axisY, margin.top]), !yDomain, 5);
  const [x0, x1] = x.domain() as [number, number];
  const [y0, y1] = y.domain() as [number, number];
  const xt = (xTicks ?? (xScale === 'log' ? logTicks(x0, x1) : x.ticks(6))).filter((t) => t >= Math.min(x0, x1) - 1e-12 && t <= Math.max(x0, x1) + 1e-12);
  const yt = (yTicks ?? (yScale === 'log' ? logTicks(y0, y1) : y.ticks(5))).filter((t) => t >= Math.min(y0, y1) - 1e-12 && t <= Math.max(y0, y1) + 1e-12);
  // Clamp into the plot so out-of-domain points sit on the frame rather than outside the SVG.
  const X = (v: number) => px(Math.min(margin.left + plotWidth, Math.max(margin.left, finite(x(v), margin.left))));
  const Y = (v: number) => px(Math.min(axisY, Math.max(margin.top, finite(y(v), axisY))));

  const lines: ReactElement[] = [];
  const marks: ReactElement[] = [];
  // Point labels that would overlap one already placed are left out (highlighted points' labels first).
  const placed: { x: number; y: number; w: number }[] = [];
  const labelFits = (x: number, y: number, text: string) => {
    const w = text.length * SMALL_FONT_SIZE * 0.6;
    if (placed.some((b) => x < b.x + b.w + 2 && b.x < x + w + 2 && Math.abs(y - b.y) < SMALL_FONT_SIZE + 1)) return false;
    placed.push({ x, y, w });
    return true;
  };
  const showLabel = new Set<string>();
  for (const pass of [true, false]) {
    clean.forEach((pts, si) =>
      pts.forEach((p, k) => {
        if (p.label && !!p.highlight === pass && labelFits(X(p.x) + 6, Y(p.y) - 6, p.label)) showLabel.add(`${si}:${k}`);
      }),
    );
  }
  series.forEach((s, si) => {
    const pts = clean[si];
    if (s.line !== false && pts.length > 1) {
      const d = pts.map((p, k) => `${k === 0 ? 'M' : 'L'}${X(p.x)},${Y(p.y)}`).join('');
      lines.push(<path key={si} data-series={si} d={d} fill="none" stroke={s.color} strokeWidth={1.75} strokeDasharray={s.dashed ? '5 3' : undefined} strokeLinejoin="round" />);
    }
    pts.forEach((p, k) => {
      const show = s.markers !== false || p.highlight;
      const label = p.label && showLabel.has(`${si}:${k}`);
      if (!show && !label) return;
      marks.push(
        <g key={`${si}:${k}`} data-series={si} data-point={k}>
          <title>{`${s.name}: ${p.label ? `${p.label}, ` : ''}${xLabel} = ${xFormat(p.x)}, ${yLabel} = ${yFormat(p.y)}`}</title>
          {show ? (
            <circle cx={X(p.x)} cy={Y(p.y)} r={p.highlight ? 5 : 3} fill={s.color} stroke={p.highlight ? TEXT_COLOR : BACKGROUND} strokeWidth={p.highlight ? 1.5 : 0.75} />
          ) : null}
          {label ? (
            <text x={px(X(p.x) + 6)} y={px(Y(p.y) - 6)} fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
              {p.label}
            </text>
          ) : null}
        </g>,
      );
    });
  });

  return (
    <svg {...svgRootProps(chart, w, h, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={px(w)} height={px(h)} fill={BACKGROUND} />
      <g data-layer="grid">
        {yt.map((t) => (
          <line key={`y${t}`} x1={margin.left} x2={px(margin.left + plotWidth)} y1={Y(t)} y2={Y(t)} stroke={GRID_COLOR} strokeWidth={0.75} />
        ))}
        {xt.map((t) => (
          <line key={`x${t}`} x1={X(t)} x2={X(t)} y1={margin.top} y2={px(axisY)} stroke={GRID_COLOR} strokeWidth={0.75} />
        ))}
      </g>
      <g data-layer="references">
        {references.map((r, k) =>
          (r.axis === 'x' ? okX(r.value) : okY(r.value)) ? (
            <g key={k} data-reference={r.axis}>
              {r.axis === 'y' ? (
                <line x1={margin.left} x2={px(margin.left + plotWidth)} y1={Y(r.value)} y2={Y(r.value)} stroke={r.color ?? AXIS_COLOR} strokeWidth={1} strokeDasharray="4 3" />
              ) : (
                <line x1={X(r.value)} x2={X(r.value)} y1={margin.top} y2={px(axisY)} stroke={r.color ?? AXIS_COLOR} strokeWidth={1} strokeDasharray="4 3" />
              )}
              {r.label ? (
                <text
                  x={r.axis === 'y' ? px(r.labelAt === 'start' ? margin.left + 3 : margin.left + plotWidth - 3) : px(X(r.value) + 3)}
                  y={r.axis === 'y' ? px(Y(r.value) - 3) : px(margin.top + 9)}
                  textAnchor={r.axis === 'y' && r.labelAt !== 'start' ? 'end' : 'start'}
                  fontSize={SMALL_FONT_SIZE}
                  fill={MUTED_TEXT_COLOR}
                >
                  {r.label}
                </text>
              ) : null}
            </g>
          ) : null,
        )}
      </g>
      <g data-layer="lines">{lines}</g>
      <g data-layer="points">{marks}</g>
      {clean.every((p) => p.length === 0) ? (
        <text x={px(margin.left + plotWidth / 2)} y={px(margin.top + plotHeight / 2)} textAnchor="middle" fontSize={SMALL_FONT_SIZE + 1} fill={MUTED_TEXT_COLOR}>
          no data yet
        </text>
      ) : null}
      <XAxis scale={X} ticks={xt} y={axisY} x0={margin.left} x1={margin.left + plotWidth} label={xLabel} format={xFormat} />
      <YAxis scale={Y} ticks={yt} x={margin.left} y0={margin.top} y1={axisY} label={yLabel} labelOffset={46} format={yFormat} />
      <Legend items={legendItems} x={margin.left} y={legendY} maxWidth={plotWidth} />
    </svg>
  );
}

function niceIf<S extends { nice(count?: number): S }>(scale: S, nice: boolean, count: number): S {
  return nice ? scale.nice(count) : scale;
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
