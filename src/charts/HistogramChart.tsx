/**
 * A histogram drawn as a density (bars integrate to 1) with a fitted curve over it, evaluated at
 * the bin centres — e.g. samples of one hidden activation and the moment-matched normal. On a log
 * y axis (optional) the tails show; empty bins are then left out.
 */
import { fmt } from '../model/format';
import { EmptyNote, Frame, dimension, plotLayout } from './frame';
import type { LegendItem } from './legend';
import { finite, px } from './theme';

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
  const bins = Math.max(0, Math.min(density.length, edges.length - 1));
  const legend: LegendItem[] = [{ label: barLabel, color: BAR_COLOR }];
  if (curve) legend.push({ label: curveLabel, color: CURVE_COLOR, mark: 'line' });
  const e0 = finite(edges[0]);
  const e1 = bins > 0 ? finite(edges[bins], e0 + 1) : e0 + 1;
  const vals: number[] = [];
  for (let i = 0; i < bins; i++) {
    vals.push(finite(density[i]));
    if (curve) vals.push(finite(curve[i]));
  }
  const positive = vals.filter((v) => v > 0);
  const hi = Math.max(1e-12, ...vals);
  const lo = positive.length ? Math.min(...positive) : hi / 10;
  const plot = plotLayout({
    width: dimension(width, 420, 200),
    height: finite(height, 260),
    minPlotHeight: 90,
    x: { domain: [e0, e1 > e0 ? e1 : e0 + 1], ticks: 6, label: xLabel },
    y: logY
      ? { type: 'log', domain: [Math.max(lo, hi * 1e-5), hi * 1.3], clamp: true, label: yLabel, grid: true }
      : { domain: [0, hi * 1.05], nice: true, label: yLabel, grid: true },
    legend,
  });
  const { box } = plot;
  const x = plot.x.scale;
  const y = (v: number) => finite(logY && !(v > 0) ? box.y1 : plot.y.scale(v), box.y1);

  const bars = [];
  for (let i = 0; i < bins; i++) {
    const v = finite(density[i]);
    if (logY && !(v > 0)) continue;
    const xa = x(finite(edges[i]));
    const xb = x(finite(edges[i + 1]));
    bars.push(
      <rect
        key={i}
        data-bin={i}
        x={px(xa)}
        y={px(y(v))}
        width={px(Math.max(0.5, xb - xa - 0.5))}
        height={px(Math.max(0, box.y1 - y(v)))}
        fill={BAR_COLOR}
      >
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
    <Frame plot={plot} chart="histogram" title={title}>
      <g data-layer="bars">{bars}</g>
      {d ? (
        <path data-layer="curve" d={d} fill="none" stroke={CURVE_COLOR} strokeWidth={2} strokeLinejoin="round" />
      ) : null}
      {bins === 0 ? <EmptyNote box={box}>no samples yet</EmptyNote> : null}
    </Frame>
  );
}
