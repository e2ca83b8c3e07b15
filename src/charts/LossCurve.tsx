/**
 * Training loss against step on a log y axis (the loss spans decades as features settle).
 * Non-finite or non-positive points are skipped rather than drawn at the axis.
 */
import { extent, line } from 'd3';
import { EmptyNote, Frame, dimension, plotLayout } from './frame';
import { LINE_COLOR, fmt, fmtCount, px } from './theme';

export interface LossCurveProps {
  steps: ArrayLike<number>;
  losses: ArrayLike<number>;
  width?: number;
  height?: number;
  title?: string;
}

export function LossCurve({ steps, losses, width = 360, height = 220, title = 'Training loss by step' }: LossCurveProps) {
  const points: [number, number][] = [];
  const len = Math.min(steps.length, losses.length);
  for (let k = 0; k < len; k++) {
    const s = steps[k];
    const l = losses[k];
    if (Number.isFinite(s) && Number.isFinite(l) && l > 0) points.push([s, l]);
  }
  const [s0, s1] = extent(points, (p) => p[0]);
  const [l0, l1] = extent(points, (p) => p[1]);
  const lo = l0 ?? 1e-3;
  const hi = l1 ?? 1;
  const plot = plotLayout({
    width: dimension(width, 360, 160),
    height: dimension(height, 220, 100),
    // Room on the right for half the last step label ("10,000").
    margin: { right: 20 },
    x: { domain: [s0 ?? 0, Math.max(s1 ?? 1, (s0 ?? 0) + 1)], format: fmtCount, label: 'step' },
    y: { type: 'log', domain: hi / lo < 1.5 ? [lo / 1.25, hi * 1.25] : [lo, hi], nice: true, grid: true },
  });
  const x = plot.x.scale;
  const y = plot.y.scale;
  const path = line<[number, number]>((p) => px(x(p[0])), (p) => px(y(p[1])));
  const d = points.length > 1 ? path(points) : null;
  // Minibatch losses are noisy; a light exponential moving average (in log space) shows the trend.
  const smoothed: [number, number][] = [];
  let ema = NaN;
  for (const [s, l] of points) {
    ema = Number.isFinite(ema) ? 0.85 * ema + 0.15 * Math.log(l) : Math.log(l);
    smoothed.push([s, Math.exp(ema)]);
  }
  const dSmooth = smoothed.length > 1 ? path(smoothed) : null;
  const last = points[points.length - 1];

  return (
    <Frame plot={plot} chart="loss-curve" title={title}>
      {d ? <path data-layer="loss" d={d} fill="none" stroke={LINE_COLOR} strokeOpacity={0.3} strokeWidth={1} /> : null}
      {dSmooth ? <path data-layer="loss-smoothed" d={dSmooth} fill="none" stroke={LINE_COLOR} strokeWidth={1.75} /> : null}
      {last ? (
        <circle cx={px(x(last[0]))} cy={px(y(last[1]))} r={3} fill={LINE_COLOR}>
          <title>{`step ${last[0]}: loss ${fmt(last[1])}`}</title>
        </circle>
      ) : (
        <EmptyNote box={plot.box}>no loss recorded yet</EmptyNote>
      )}
    </Frame>
  );
}
