/**
 * Learning dynamics of one model (the paper's "Superposition and Learning Dynamics"): every feature's
 * dimensionality D_i against training step, above the model's loss on the same x-axis, so "energy level"
 * jumps — a feature hopping between ½, ⅖, ⅜ … — can be read against the loss drops they coincide with. Dashed
 * lines mark the paper's fractions; a vertical cursor marks the step the geometry panels show.
 */
import { ticks as d3ticks, schemeTableau10 } from 'd3';
import type { ReactElement } from 'react';
import { fmt, fmtCount } from '../model/format';
import { DIMENSIONALITY_LEVELS } from '../model/geometry';
import { AxisLeft, GridLines, type Box, type Scale } from './axes';
import { levelGlyph, spreadLabels } from './DimensionalityScatter';
import { EmptyNote, Frame, axisScale, dimension, plotLayout, type ScaledAxis } from './frame';
import { Text } from './text';
import { AXIS_COLOR, LINE_COLOR, TEXT_COLOR, TYPE, finite, px } from './theme';

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

/** The loss as a faint raw line and a smoothed one, in log space, as path data. */
function lossPaths(
  pts: readonly [number, number][],
  x: (v: number) => number,
  y: (v: number) => number,
): { raw: string; smooth: string } {
  const path = (ps: readonly [number, number][]) =>
    ps.map(([s, l], k) => `${k ? 'L' : 'M'}${px(x(s))},${px(y(l))}`).join('');
  // Light smoothing of the noisy minibatch loss, lighter still when there are few snapshots
  // (each one is then many steps apart, and an average would lag behind the drops).
  const alpha = Math.min(1, Math.max(0.2, 30 / Math.max(1, pts.length)));
  let ema = NaN;
  const smooth = pts.map(([s, l]): [number, number] => {
    ema = Number.isFinite(ema) ? (1 - alpha) * ema + alpha * Math.log(l) : Math.log(l);
    return [s, Math.exp(ema)];
  });
  return { raw: path(pts), smooth: smooth.length > 1 ? path(smooth) : '' };
}

/** Finite extent of the values, or the fallback when there is none. */
function extentOr(values: Iterable<number>, fallback: [number, number]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return hi >= lo ? [lo, hi] : fallback;
}

/** The two panels on the shared step axis: D_i above (60% of the box), the loss (log) below. */
function panelScales(
  box: Box,
  steps: ArrayLike<number>,
  dimensionalities: readonly ArrayLike<number>[],
  losses: ArrayLike<number>,
  T: number,
  count: number,
) {
  const gap = 16;
  const dBottom = box.y0 + (box.y1 - box.y0 - gap) * 0.6;
  const lTop = dBottom + gap;
  let dMax = 1;
  for (let t = 0; t < T; t++)
    for (let i = 0; i < count; i++)
      if (Number.isFinite(dimensionalities[t][i])) dMax = Math.max(dMax, dimensionalities[t][i]);
  const yD = axisScale({ domain: [0, Math.min(1.5, dMax) * 1.04], ticks: [0, 0.5, 1] }, [dBottom, box.y0]);
  const lossPts: [number, number][] = [];
  for (let t = 0; t < T; t++)
    if (Number.isFinite(steps[t]) && Number.isFinite(losses[t]) && losses[t] > 0) lossPts.push([steps[t], losses[t]]);
  const [l0, l1] = extentOr(
    lossPts.map(([, l]) => l),
    [1e-3, 1],
  );
  // Not niced to whole decades: a loss that moves by 30% must not be drawn as a flat line.
  const yL = axisScale({ type: 'log', domain: l1 / l0 < 1.5 ? [l0 / 1.15, l1 * 1.15] : [l0 / 1.05, l1 * 1.05] }, [
    box.y1,
    lTop,
  ]);
  return { dBottom, lTop, yD, yL, lossPts };
}

/** The snapshots each D_i line is drawn through: every one, or every k-th of a long history (first and last kept). */
function pickedSnapshots(T: number, count: number): number[] {
  const stride = Math.max(1, Math.ceil((T * Math.max(1, count)) / MAX_LINE_POINTS));
  const picked: number[] = [];
  for (let t = 0; t < T; t += stride) picked.push(t);
  if (T > 0 && picked[picked.length - 1] !== T - 1) picked.push(T - 1);
  return picked;
}

/** The paper's fractions as dashed lines and glyphs at the right of the D_i panel, and the loss panel's grid. */
function LevelGuides({
  box,
  yD,
  yL,
  dBottom,
}: {
  box: Box;
  yD: ScaledAxis;
  yL: ScaledAxis;
  dBottom: number;
}): ReactElement {
  const dTopValue = yD.scale.domain()[1];
  const levels = DIMENSIONALITY_LEVELS.filter((l) => l.value <= dTopValue);
  const labelYs = spreadLabels(
    levels.map((l) => yD.scale(l.value)),
    TYPE.note + 1,
    box.y0,
    dBottom,
  );
  return (
    <>
      <g data-layer="grid">
        {levels.map((l) => (
          <line
            key={l.label}
            data-level={l.label}
            x1={px(box.x0)}
            x2={px(box.x1)}
            y1={px(yD.scale(l.value))}
            y2={px(yD.scale(l.value))}
            stroke={AXIS_COLOR}
            strokeWidth={0.75}
            strokeDasharray="4 3"
            strokeOpacity={0.7}
          />
        ))}
      </g>
      <GridLines box={box} y={yL.scale} yTicks={yL.ticks} />
      <g data-layer="level-labels">
        {levels.map((l, k) => (
          <Text key={l.label} x={box.x1 + 4} y={labelYs[k]} baseline="central" role="note">
            {levelGlyph(l.label)}
          </Text>
        ))}
      </g>
    </>
  );
}

/** One line per feature through its D_i at the picked snapshots, broken where a value is missing. */
function DimensionalityLines({
  steps,
  dimensionalities,
  picked,
  T,
  count,
  colors,
  x,
  yD,
}: {
  steps: ArrayLike<number>;
  dimensionalities: readonly ArrayLike<number>[];
  picked: readonly number[];
  T: number;
  count: number;
  colors?: readonly string[];
  x: Scale;
  yD: ScaledAxis;
}): ReactElement {
  const dTopValue = yD.scale.domain()[1];
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
      d += `${pen ? 'L' : 'M'}${px(x(steps[t]))},${px(yD.scale(Math.min(v, dTopValue)))}`;
      pen = true;
    }
    return d;
  };
  return (
    <g data-layer="dimensionality" fill="none">
      {T > 0
        ? Array.from({ length: count }, (_, i) => {
            const d = dPath(i);
            return d ? (
              <path
                key={i}
                data-feature={i}
                d={d}
                stroke={colorOf(i)}
                strokeOpacity={px(lineOpacity)}
                strokeWidth={count <= 20 ? 1.5 : 1}
                strokeLinejoin="round"
              >
                <title>{`feature ${i}: D = ${fmt(dimensionalities[T - 1][i])} at step ${steps[T - 1]}`}</title>
              </path>
            ) : null;
          })
        : null}
    </g>
  );
}

/** The vertical line at the step the geometry panels show, labelled with the step. */
function StepCursor({ box, cursorX, step }: { box: Box; cursorX: number; step: number }): ReactElement {
  return (
    <g data-layer="cursor">
      <line
        x1={cursorX}
        x2={cursorX}
        y1={px(box.y0)}
        y2={px(box.y1)}
        stroke={TEXT_COLOR}
        strokeWidth={1}
        strokeDasharray="2 2"
      />
      <Text x={cursorX} y={box.y0 + 2} dx={3} baseline="hanging" role="note" tone="text">
        {`step ${fmtCount(Math.round(finite(step)))}`}
      </Text>
    </g>
  );
}

export function DynamicsChart({
  steps,
  dimensionalities,
  losses,
  n,
  cursor = null,
  colors,
  onSeek,
  width = 560,
  height = 320,
  title = 'Feature dimensionalities and loss during training',
}: DynamicsChartProps) {
  const count = Math.max(0, Math.floor(finite(n)));
  const T = Math.min(steps.length, dimensionalities.length, losses.length);
  const [s0, s1] = extentOr(
    Array.from({ length: T }, (_, t) => steps[t]),
    [0, 1],
  );
  const xDomain: [number, number] = [s0, Math.max(s1, s0 + 1)];
  const plot = plotLayout({
    width: dimension(width, 560, 240),
    height: dimension(height, 320, 180),
    margin: { right: 40, left: 52 },
    x: {
      domain: xDomain,
      ticks: d3ticks(xDomain[0], xDomain[1], 5).filter((t) => Number.isInteger(t)),
      format: fmtCount,
      label: 'step',
    },
  });
  const { box } = plot;
  const x = plot.x.scale;
  const { dBottom, lTop, yD, yL, lossPts } = panelScales(box, steps, dimensionalities, losses, T, count);
  const loss = lossPaths(lossPts, x, yL.scale);
  const cursorX =
    cursor !== null && Number.isFinite(cursor) && T > 0 ? px(x(Math.max(s0, Math.min(s1, cursor)))) : null;

  const seek = onSeek
    ? (e: { clientX: number; currentTarget: Element }) => {
        const rect = e.currentTarget.getBoundingClientRect();
        const sx = ((e.clientX - rect.left) / Math.max(1, rect.width)) * (box.x1 - box.x0);
        const k = nearestStepIndex(steps, x.invert(box.x0 + sx));
        if (k >= 0) onSeek(steps[k]);
      }
    : undefined;

  return (
    <Frame plot={plot} chart="dynamics" title={title} data-snapshots={T} data-features={count}>
      <LevelGuides box={box} yD={yD} yL={yL} dBottom={dBottom} />
      <AxisLeft scale={yD.scale} ticks={yD.ticks} label="D_i" x={box.x0} y0={box.y0} y1={dBottom} />
      <AxisLeft scale={yL.scale} ticks={yL.ticks} label="loss" x={box.x0} y0={lTop} y1={box.y1} />
      <DimensionalityLines
        steps={steps}
        dimensionalities={dimensionalities}
        picked={pickedSnapshots(T, count)}
        T={T}
        count={count}
        colors={colors}
        x={x}
        yD={yD}
      />
      {loss.raw ? (
        <path data-layer="loss" d={loss.raw} fill="none" stroke={LINE_COLOR} strokeOpacity={0.3} strokeWidth={1} />
      ) : null}
      {loss.smooth ? (
        <path data-layer="loss-smoothed" d={loss.smooth} fill="none" stroke={LINE_COLOR} strokeWidth={1.75} />
      ) : null}
      {T === 0 ? <EmptyNote box={{ ...box, y1: dBottom }}>no snapshots recorded yet</EmptyNote> : null}
      {cursorX !== null ? <StepCursor box={box} cursorX={cursorX} step={cursor ?? 0} /> : null}
      {seek ? (
        <rect
          data-layer="seek"
          x={px(box.x0)}
          y={px(box.y0)}
          width={px(box.x1 - box.x0)}
          height={px(box.y1 - box.y0)}
          fill="transparent"
          style={{ cursor: 'col-resize' }}
          onClick={seek}
        />
      ) : null}
    </Frame>
  );
}
