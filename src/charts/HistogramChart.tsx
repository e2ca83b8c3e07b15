/**
 * A histogram drawn as a density (bars integrate to 1) with a fitted curve over it, evaluated at
 * the bin centres — e.g. samples of one hidden activation and the moment-matched normal. On a log
 * y axis (optional) the tails show; empty bins are then left out.
 */
import { scaleLinear, scaleLog } from 'd3';
import { Legend, XAxis, YAxis, legendLayout, logTicks, type LegendItem } from './chart-parts';
import { BACKGROUND, GRID_COLOR, MUTED_TEXT_COLOR, SMALL_FONT_SIZE, finite, fmt, px, svgRootProps } from './theme';

export interface HistogramChartProps {
  /** bins + 1 edges, ascending. */
  edges: ArrayLike<number>;
  /** Density per bin (length bins). */
  density: ArrayLike<number>;
  /** The fitted density at each bin centre (length bins; optional). */
  curve?: ArrayLike<number>;
  barLabel?: string;
  curveLabel?: string;
  xLabel: string;
  yLabel?: string;
  logY?: boolean;
  title: string;
  width?: number;
  height?: number;
}

const BAR_COLOR = '#8fa9c4';
const CURVE_COLOR = '#CC3311';

export function HistogramChart({
  edges,
  density,
  curve,
  barLabel = 'samples',
  curveLabel = 'fitted normal',
  xLabel,
  yLabel = 'density',
  logY = false,
  title,
  width = 420,
  height = 260,
}: HistogramChartProps) {
  const w = Math.max(200, finite(width, 420));
  const bins = Math.max(0, Math.min(density.length, edges.length - 1));
  const margin = { top: 10, right: 14, left: 58 };
  const plotWidth = w - margin.left - margin.right;
  const items: LegendItem[] = [{ label: barLabel, color: BAR_COLOR }];
  if (curve) items.push({ label: curveLabel, color: CURVE_COLOR, mark: 'line' });
  const legend = legendLayout(items, plotWidth);
  const plotHeight = Math.max(90, finite(height, 260) - margin.top - 40 - legend.height - 4);
  const axisY = margin.top + plotHeight;
  const legendY = axisY + 40;
  const h = legendY + legend.height + 4;

  const e0 = finite(edges[0]);
  const e1 = bins > 0 ? finite(edges[bins], e0 + 1) : e0 + 1;
  const x = scaleLinear().domain([e0, e1 > e0 ? e1 : e0 + 1]).range([margin.left, margin.left + plotWidth]);
  const vals: number[] = [];
  for (let i = 0; i < bins; i++) {
    vals.push(finite(density[i]));
    if (curve) vals.push(finite(curve[i]));
  }
  const positive = vals.filter((v) => v > 0);
  const hi = Math.max(1e-12, ...vals);
  const lo = positive.length ? Math.min(...positive) : hi / 10;
  const yLog = scaleLog().domain([Math.max(lo, hi * 1e-5), hi * 1.3]).range([axisY, margin.top]).clamp(true);
  const yLin = scaleLinear().domain([0, hi * 1.05]).range([axisY, margin.top]).nice(5);
  const y = (v: number) => finite(logY ? (v > 0 ? yLog(v) : axisY) : yLin(v), axisY);
  const yTicks = logY ? logTicks(...(yLog.domain() as [number, number])) : yLin.ticks(5);
  const xTicks = x.ticks(6);

  const bars = [];
  for (let i = 0; i < bins; i++) {
    const v = finite(density[i]);
    if (logY && !(v > 0)) continue;
    const xa = x(finite(edges[i]));
    const xb = x(finite(edges[i + 1]));
    bars.push(
      <rect key={i} data-bin={i} x={px(xa)} y={px(y(v))} width={px(Math.max(0.5, xb - xa - 0.5))} height={px(Math.max(0, axisY - y(v)))} fill={BAR_COLOR}>
        <title>{`[${fmt(finite(edges[i]))}, ${fmt(finite(edges[i + 1]))}): density ${fmt(v)}`}</title>
      </rect>,
    );
  }
  let d = '';
  if (curve) {
    for (let i = 0; i < bins; i++) {
      const v = finite(curve[i]);
      if (logY && !(v > 0)) continue;
      const cx = x((finite(edges[i]) + finite(edges[i + 1])) / 2);
      d += `${d ? 'L' : 'M'}${px(cx)},${px(y(v))}`;
    }
  }

  return (
    <svg {...svgRootProps('histogram', w, h, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={px(w)} height={px(h)} fill={BACKGROUND} />
      <g data-layer="grid">
        {yTicks.map((t) => (
          <line key={t} x1={margin.left} x2={px(margin.left + plotWidth)} y1={px(y(t))} y2={px(y(t))} stroke={GRID_COLOR} strokeWidth={0.75} />
        ))}
      </g>
      <g data-layer="bars">{bars}</g>
      {d ? <path data-layer="curve" d={d} fill="none" stroke={CURVE_COLOR} strokeWidth={2} strokeLinejoin="round" /> : null}
      {bins === 0 ? (
        <text x={px(margin.left + plotWidth / 2)} y={px(margin.top + plotHeight / 2)} textAnchor="middle" fontSize={SMALL_FONT_SIZE + 1} fill={MUTED_TEXT_COLOR}>
          no samples yet
        </text>
      ) : null}
      <XAxis scale={(v) => x(v)} ticks={xTicks} y={axisY} x0={margin.left} x1={margin.left + plotWidth} label={xLabel} />
      <YAxis scale={y} ticks={yTicks} x={margin.left} y0={margin.top} y1={axisY} label={yLabel} labelOffset={46} />
      <Legend items={items} x={margin.left} y={legendY} maxWidth={plotWidth} />
    </svg>
  );
}
