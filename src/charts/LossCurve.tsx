/**
 * Training loss against step on a log y axis (the loss spans decades as features settle).
 * Non-finite or non-positive points are skipped rather than drawn at the axis.
 */
import { extent, line, scaleLinear, scaleLog } from 'd3';
import { AXIS_COLOR, BACKGROUND, GRID_COLOR, LINE_COLOR, MUTED_TEXT_COLOR, SMALL_FONT_SIZE, finite, fmt, px, svgRootProps } from './theme';

export interface LossCurveProps {
  steps: ArrayLike<number>;
  losses: ArrayLike<number>;
  width?: number;
  height?: number;
  title?: string;
}

export function LossCurve({ steps, losses, width = 360, height = 220, title = 'Training loss by step' }: LossCurveProps) {
  const w = Math.max(160, finite(width, 360));
  const h = Math.max(100, finite(height, 220));
  const margin = { top: 10, right: 14, bottom: 30, left: 58 };
  const points: [number, number][] = [];
  const len = Math.min(steps.length, losses.length);
  for (let k = 0; k < len; k++) {
    const s = steps[k];
    const l = losses[k];
    if (Number.isFinite(s) && Number.isFinite(l) && l > 0) points.push([s, l]);
  }
  const [s0, s1] = extent(points, (p) => p[0]);
  const [l0, l1] = extent(points, (p) => p[1]);
  const x = scaleLinear()
    .domain([s0 ?? 0, Math.max((s1 ?? 1), (s0 ?? 0) + 1)])
    .range([margin.left, w - margin.right]);
  const lo = l0 ?? 1e-3;
  const hi = l1 ?? 1;
  const y = scaleLog()
    .domain(hi / lo < 1.5 ? [lo / 1.25, hi * 1.25] : [lo, hi])
    .range([h - margin.bottom, margin.top])
    .nice();
  const xTicks = x.ticks(5);
  const yTicks = logTicks(y.domain() as [number, number]);
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
    <svg {...svgRootProps('loss-curve', w, h, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={w} height={h} fill={BACKGROUND} />
      <g data-layer="grid">
        {yTicks.map((t) => (
          <line key={t} x1={margin.left} x2={w - margin.right} y1={px(y(t))} y2={px(y(t))} stroke={GRID_COLOR} strokeWidth={0.75} />
        ))}
      </g>
      <g data-layer="axes" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
        <line x1={margin.left} x2={w - margin.right} y1={h - margin.bottom} y2={h - margin.bottom} stroke={AXIS_COLOR} />
        <line x1={margin.left} x2={margin.left} y1={margin.top} y2={h - margin.bottom} stroke={AXIS_COLOR} />
        {xTicks.map((t) => (
          <text key={t} x={px(x(t))} y={h - margin.bottom + 12} textAnchor="middle">
            {t.toLocaleString('en-US')}
          </text>
        ))}
        {yTicks.map((t) => (
          <text key={t} x={margin.left - 5} y={px(y(t))} textAnchor="end" dominantBaseline="central">
            {fmt(t)}
          </text>
        ))}
        <text x={px((margin.left + w - margin.right) / 2)} y={h - 4} textAnchor="middle">
          step
        </text>
      </g>
      {d ? <path data-layer="loss" d={d} fill="none" stroke={LINE_COLOR} strokeOpacity={0.3} strokeWidth={1} /> : null}
      {dSmooth ? <path data-layer="loss-smoothed" d={dSmooth} fill="none" stroke={LINE_COLOR} strokeWidth={1.75} /> : null}
      {last ? (
        <circle cx={px(x(last[0]))} cy={px(y(last[1]))} r={3} fill={LINE_COLOR}>
          <title>{`step ${last[0]}: loss ${fmt(last[1])}`}</title>
        </circle>
      ) : (
        <text x={px(w / 2)} y={px(h / 2)} textAnchor="middle" fontSize={SMALL_FONT_SIZE + 1} fill={MUTED_TEXT_COLOR}>
          no loss recorded yet
        </text>
      )}
    </svg>
  );
}

/** Powers of ten when the range spans them; otherwise 1-2-5 steps, so labels stay few and round. */
export function logTicks([lo, hi]: [number, number]): number[] {
  if (!(lo > 0) || !(hi > lo)) return [];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const mant of [1, 2, 5]) {
      const v = mant * 10 ** e;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(Number(v.toPrecision(3)));
    }
  }
  const decades = out.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  return decades.length >= 2 ? decades : out;
}
