/**
 * Learning dynamics of one model (paper §6.5): every feature's dimensionality D_i against training
 * step, above the model's loss on the same x-axis, so "energy level" jumps — a feature hopping
 * between ½, ⅖, ⅜ … — can be read against the loss drops they coincide with. Dashed lines mark
 * the paper's fractions; a vertical cursor marks the step the geometry panels show.
 */
import { scaleLinear, scaleLog, schemeTableau10 } from 'd3';
import { DIMENSIONALITY_LEVELS } from '../model/geometry';
import { spreadLabels } from './DimensionalityScatter';
import { logTicks } from './LossCurve';
import { AXIS_COLOR, BACKGROUND, GRID_COLOR, LINE_COLOR, MUTED_TEXT_COLOR, SMALL_FONT_SIZE, TEXT_COLOR, finite, fmt, px, svgRootProps } from './theme';

export interface DynamicsChartProps {
  /** Training step of each snapshot, ascending. */
  steps: ArrayLike<number>;
  /** D_i of every feature at each snapshot: dimensionalities[t][i]. */
  dimensionalities: readonly ArrayLike<number>[];
  /** The model's loss at each snapshot. */
  losses: ArrayLike<number>;
  n: number;
  /** Step the geometry panels show (a vertical line); null or absent: none. */
  cursor?: number | null;
  /** A colour per feature; default a categorical palette (n ≤ 10) or one translucent colour. */
  colors?: readonly string[];
  /** Click on the plot: the nearest recorded step. */
  onSeek?(step: number): void;
  width?: number;
  height?: number;
  title?: string;
}

const PRETTY: Record<string, string> = { '1': '1', '3/4': '¾', '2/3': '⅔', '1/2': '½', '2/5': '⅖', '3/8': '⅜' };
/** Above this many points in all D_i lines together, each line is thinned to every k-th snapshot. */
export const MAX_LINE_POINTS = 60_000;

/** Index of the recorded step nearest to `step` (steps ascending); −1 when there are none. */
export function nearestStepIndex(steps: ArrayLike<number>, step: number): number {
  if (steps.length === 0) return -1;
  let lo = 0;
  let hi = steps.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (steps[mid] < step) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && Math.abs(steps[lo - 1] - step) <= Math.abs(steps[lo] - step) ? lo - 1 : lo;
}

export function DynamicsChart({ steps, dimensionalities, losses, n, cursor = null, colors, onSeek, width = 560, height = 320, title = 'Feature dimensionalities and loss during training' }: DynamicsChartProps) {
  const w = Math.max(240, finite(width, 560));
  const h = Math.max(180, finite(height, 320));
  const count = Math.max(0, Math.floor(finite(n)));
  const T = Math.min(steps.length, dimensionalities.length, losses.length);
  const margin = { top: 10, right: 40, bottom: 30, left: 52 };
  const gap = 16;
  const inner = h - margin.top - margin.bottom - gap;
  const dTop = margin.top;
  const dBottom = dTop + inner * 0.6;
  const lTop = dBottom + gap;
  const lBottom = h - margin.bottom;

  let s0 = Infinity;
  let s1 = -Infinity;
  for (let t = 0; t < T; t++) {
    if (Number.isFinite(steps[t])) {
      s0 = Math.min(s0, steps[t]);
      s1 = Math.max(s1, steps[t]);
    }
  }
  if (!(s1 >= s0)) [s0, s1] = [0, 1];
  const x = scaleLinear()
    .domain([s0, Math.max(s1, s0 + 1)])
    .range([margin.left, w - margin.right]);
  let dMax = 1;
  for (let t = 0; t < T; t++) for (let i = 0; i < count; i++) if (Number.isFinite(dimensionalities[t][i])) dMax = Math.max(dMax, dimensionalities[t][i]);
  const yD = scaleLinear()
    .domain([0, Math.min(1.5, dMax) * 1.04])
    .range([dBottom, dTop]);

  const lossPts: [number, number][] = [];
  for (let t = 0; t < T; t++) if (Number.isFinite(steps[t]) && Number.isFinite(losses[t]) && losses[t] > 0) lossPts.push([steps[t], losses[t]]);
  let l0 = Infinity;
  let l1 = -Infinity;
  for (const [, l] of lossPts) {
    l0 = Math.min(l0, l);
    l1 = Math.max(l1, l);
  }
  if (!(l1 >= l0)) [l0, l1] = [1e-3, 1];
  // Not niced to whole decades: a loss that moves by 30% must not be drawn as a flat line.
  const yL = scaleLog()
    .domain(l1 / l0 < 1.5 ? [l0 / 1.15, l1 * 1.15] : [l0 / 1.05, l1 * 1.05])
    .range([lBottom, lTop]);

  // Thin long histories so the markup stays small (the first and last snapshots always stay).
  const stride = Math.max(1, Math.ceil((T * Math.max(1, count)) / MAX_LINE_POINTS));
  const picked: number[] = [];
  for (let t = 0; t < T; t += stride) picked.push(t);
  if (T > 0 && picked[picked.length - 1] !== T - 1) picked.push(T - 1);
  const categorical = !colors && count <= 10;
  const colorOf = (i: number) => colors?.[i] ?? (categorical ? schemeTableau10[i % 10] : LINE_COLOR);
  const lineOpacity = count <= 20 ? 0.9 : Math.max(0.15, Math.min(0.6, 6 / Math.sqrt(count)));
  const dPath = (i: number): string => {
    let d = '';
    let pen = false;
    for (const t of picked) {
      const v = dimensionalities[t][i];
      if (!Number.isFinite(v) || !Number.isFinite(steps[t])) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${px(x(steps[t]))},${px(yD(Math.min(v, yD.domain()[1])))}`;
      pen = true;
    }
    return d;
  };
  const lossPath = lossPts.map(([s, l], k) => `${k ? 'L' : 'M'}${px(x(s))},${px(yL(l))}`).join('');
  const smooth: [number, number][] = [];
  // Light smoothing of the noisy minibatch loss, lighter still when there are few snapshots
  // (each one is then many steps apart, and an average would lag behind the drops).
  const alpha = Math.min(1, Math.max(0.2, 30 / Math.max(1, lossPts.length)));
  let ema = NaN;
  for (const [s, l] of lossPts) {
    ema = Number.isFinite(ema) ? (1 - alpha) * ema + alpha * Math.log(l) : Math.log(l);
    smooth.push([s, Math.exp(ema)]);
  }
  const smoothPath = smooth.map(([s, l], k) => `${k ? 'L' : 'M'}${px(x(s))},${px(yL(l))}`).join('');

  const levels = DIMENSIONALITY_LEVELS.filter((l) => l.value <= yD.domain()[1]);
  const labelYs = spreadLabels(
    levels.map((l) => yD(l.value)),
    SMALL_FONT_SIZE + 1,
    dTop,
    dBottom,
  );
  const xTicks = x.ticks(5).filter((t) => Number.isInteger(t));
  const decadeTicks = logTicks(yL.domain() as [number, number]);
  const lTicks = decadeTicks.length >= 2 ? decadeTicks : yL.ticks(4).filter((_, k, a) => a.length <= 5 || k % Math.ceil(a.length / 4) === 0);
  const cursorX = cursor !== null && Number.isFinite(cursor) && T > 0 ? px(x(Math.max(s0, Math.min(s1, cursor)))) : null;

  const seek = onSeek
    ? (e: { clientX: number; currentTarget: Element }) => {
        const box = e.currentTarget.getBoundingClientRect();
        const sx = ((e.clientX - box.left) / Math.max(1, box.width)) * (w - margin.left - margin.right);
        const k = nearestStepIndex(steps, x.invert(margin.left + sx));
        if (k >= 0) onSeek(steps[k]);
      }
    : undefined;

  return (
    <svg {...svgRootProps('dynamics', w, h, title)} data-snapshots={T} data-features={count}>
      <title>{title}</title>
      <rect x={0} y={0} width={w} height={h} fill={BACKGROUND} />
      <g data-layer="grid">
        {levels.map((l) => (
          <line key={l.label} data-level={l.label} x1={margin.left} x2={w - margin.right} y1={px(yD(l.value))} y2={px(yD(l.value))} stroke={AXIS_COLOR} strokeWidth={0.75} strokeDasharray="4 3" strokeOpacity={0.7} />
        ))}
        {lTicks.map((t) => (
          <line key={t} x1={margin.left} x2={w - margin.right} y1={px(yL(t))} y2={px(yL(t))} stroke={GRID_COLOR} strokeWidth={0.75} />
        ))}
      </g>
      <g data-layer="axes" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
        <line x1={margin.left} x2={margin.left} y1={dTop} y2={dBottom} stroke={AXIS_COLOR} />
        <line x1={margin.left} x2={margin.left} y1={lTop} y2={lBottom} stroke={AXIS_COLOR} />
        <line x1={margin.left} x2={w - margin.right} y1={lBottom} y2={lBottom} stroke={AXIS_COLOR} />
        {[0, 0.5, 1].map((v) => (
          <text key={v} x={margin.left - 5} y={px(yD(v))} textAnchor="end" dominantBaseline="central">
            {v}
          </text>
        ))}
        {levels.map((l, k) => (
          <text key={l.label} x={w - margin.right + 4} y={px(labelYs[k])} dominantBaseline="central">
            {PRETTY[l.label] ?? l.label}
          </text>
        ))}
        {lTicks.map((t) => (
          <text key={t} x={margin.left - 5} y={px(yL(t))} textAnchor="end" dominantBaseline="central">
            {fmt(t)}
          </text>
        ))}
        {xTicks.map((t) => (
          <text key={t} x={px(x(t))} y={lBottom + 12} textAnchor="middle">
            {t.toLocaleString('en-US')}
          </text>
        ))}
        <text x={px((margin.left + w - margin.right) / 2)} y={h - 4} textAnchor="middle">
          step
        </text>
        <text transform={`translate(12,${px((dTop + dBottom) / 2)}) rotate(-90)`} textAnchor="middle">
          D_i
        </text>
        <text transform={`translate(12,${px((lTop + lBottom) / 2)}) rotate(-90)`} textAnchor="middle">
          loss
        </text>
      </g>
      <g data-layer="dimensionality" fill="none">
        {T > 0
          ? Array.from({ length: count }, (_, i) => {
              const d = dPath(i);
              return d ? (
                <path key={i} data-feature={i} d={d} stroke={colorOf(i)} strokeOpacity={px(lineOpacity)} strokeWidth={count <= 20 ? 1.5 : 1} strokeLinejoin="round">
                  <title>{`feature ${i}: D = ${fmt(dimensionalities[T - 1][i])} at step ${steps[T - 1]}`}</title>
                </path>
              ) : null;
            })
          : null}
      </g>
      {lossPath ? <path data-layer="loss" d={lossPath} fill="none" stroke={LINE_COLOR} strokeOpacity={0.3} strokeWidth={1} /> : null}
      {smoothPath && smooth.length > 1 ? <path data-layer="loss-smoothed" d={smoothPath} fill="none" stroke={LINE_COLOR} strokeWidth={1.75} /> : null}
      {T === 0 ? (
        <text x={px(w / 2)} y={px((dTop + dBottom) / 2)} textAnchor="middle" fontSize={SMALL_FONT_SIZE + 1} fill={MUTED_TEXT_COLOR}>
          no snapshots recorded yet
        </text>
      ) : null}
      {cursorX !== null ? (
        <g data-layer="cursor">
          <line x1={cursorX} x2={cursorX} y1={dTop} y2={lBottom} stroke={TEXT_COLOR} strokeWidth={1} strokeDasharray="2 2" />
          <text x={cursorX} y={dTop + 2} dx={3} dominantBaseline="hanging" fontSize={SMALL_FONT_SIZE} fill={TEXT_COLOR}>
            {`step ${Math.round(finite(cursor ?? 0)).toLocaleString('en-US')}`}
          </text>
        </g>
      ) : null}
      {seek ? <rect data-layer="seek" x={margin.left} y={dTop} width={px(w - margin.left - margin.right)} height={px(lBottom - dTop)} fill="transparent" style={{ cursor: 'col-resize' }} onClick={seek} /> : null}
    </svg>
  );
}
