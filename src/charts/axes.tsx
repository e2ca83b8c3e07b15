/**
 * The frame's axes: ticks (linear, log with optional minor ticks), a bottom and a left axis in
 * one style, grid lines and the plot border. Plain functions of their props (no hooks, no ids), so
 * they render in Node and inside exported SVGs exactly as on screen.
 */
import type { ReactElement } from 'react';
import { fmt } from '../model/format';
import { Text } from './text';
import { AXIS_COLOR, GRID_COLOR, px } from './theme';

export type Scale = (v: number) => number;

/** A rectangle in px: x0 left, x1 right, y0 top, y1 bottom. */
export interface Box {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** Tick mark lengths and where labels and titles sit, in px from the axis line. */
const TICK = 4;
const MINOR_TICK = 2.5;
const X_TICK_LABEL = 15;
const X_TITLE = 30;
/** A rotated y-axis title sits this far from the chart's left edge. */
const Y_TITLE_X = 13;

/** m × 10^e for each mantissa, inside [lo, hi] (with a relative slack of 1e-9), rounded to 3 digits. */
function logSteps(lo: number, hi: number, mantissas: readonly number[]): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const mant of mantissas) {
      const v = Number((mant * 10 ** e).toPrecision(3));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

const isDecade = (v: number) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

/**
 * Ticks of a log axis: the powers of ten inside [lo, hi] when at least `minDecades` of them fit,
 * otherwise 1-2-5 steps, so labels stay few and round. Empty for a non-positive or empty range.
 */
export function logTicks([lo, hi]: readonly [number, number], minDecades = 2): number[] {
  if (!(lo > 0) || !(hi > lo) || !Number.isFinite(hi)) return [];
  const steps = logSteps(lo, hi, [1, 2, 5]);
  const decades = steps.filter(isDecade);
  return decades.length >= minDecades ? decades : steps;
}

/** Unlabelled minor ticks of a log axis: 2…9 × 10^k inside the domain, minus the major ones. */
export function minorLogTicks([lo, hi]: readonly [number, number], major: readonly number[]): number[] {
  if (!(lo > 0) || !(hi > lo) || !Number.isFinite(hi)) return [];
  return logSteps(lo, hi, [1, 2, 3, 4, 5, 6, 7, 8, 9]).filter((v) => !major.some((t) => Math.abs(t - v) <= 1e-9 * v));
}

interface AxisProps {
  scale: Scale;
  ticks: readonly number[];
  /** Unlabelled minor ticks (log axes). */
  minor?: readonly number[];
  format?: (v: number) => string;
  /** Axis title; its math (W_i, ‖W‖_F^2) is typeset. */
  label?: string;
  /** Draw the axis line (off where a plot border already draws it). */
  line?: boolean;
}

/** A bottom axis at y from x0 to x1 (data-layer="x-axis"; each labelled tick a data-tick group). */
export function AxisBottom({
  scale,
  ticks,
  minor = [],
  format = fmt,
  label,
  line = true,
  y,
  x0,
  x1,
}: AxisProps & { y: number; x0: number; x1: number }): ReactElement {
  return (
    <g data-layer="x-axis">
      {line ? <line x1={px(x0)} x2={px(x1)} y1={px(y)} y2={px(y)} stroke={AXIS_COLOR} /> : null}
      {minor.map((t) => (
        <line
          key={`m${t}`}
          x1={px(scale(t))}
          x2={px(scale(t))}
          y1={px(y)}
          y2={px(y + MINOR_TICK)}
          stroke={AXIS_COLOR}
          strokeWidth={0.75}
        />
      ))}
      {ticks.map((t, k) => (
        <g key={`${k}:${t}`} data-tick={t}>
          <line x1={px(scale(t))} x2={px(scale(t))} y1={px(y)} y2={px(y + TICK)} stroke={AXIS_COLOR} />
          <Text x={scale(t)} y={y + X_TICK_LABEL} anchor="middle">
            {format(t)}
          </Text>
        </g>
      ))}
      {label ? (
        <Text x={(x0 + x1) / 2} y={y + X_TITLE} role="label" anchor="middle">
          {label}
        </Text>
      ) : null}
    </g>
  );
}

/** A left axis at x from y0 (top) to y1 (bottom), its title rotated at the chart's left edge (data-layer="y-axis"). */
export function AxisLeft({
  scale,
  ticks,
  minor = [],
  format = fmt,
  label,
  line = true,
  x,
  y0,
  y1,
}: AxisProps & { x: number; y0: number; y1: number }): ReactElement {
  return (
    <g data-layer="y-axis">
      {line ? <line x1={px(x)} x2={px(x)} y1={px(y0)} y2={px(y1)} stroke={AXIS_COLOR} /> : null}
      {minor.map((t) => (
        <line
          key={`m${t}`}
          x1={px(x - MINOR_TICK)}
          x2={px(x)}
          y1={px(scale(t))}
          y2={px(scale(t))}
          stroke={AXIS_COLOR}
          strokeWidth={0.75}
        />
      ))}
      {ticks.map((t, k) => (
        <g key={`${k}:${t}`} data-tick={t}>
          <line x1={px(x - TICK)} x2={px(x)} y1={px(scale(t))} y2={px(scale(t))} stroke={AXIS_COLOR} />
          <Text x={x - TICK - 2} y={scale(t)} anchor="end" baseline="central">
            {format(t)}
          </Text>
        </g>
      ))}
      {label ? (
        <Text x={Y_TITLE_X} y={(y0 + y1) / 2} role="label" anchor="middle" baseline="central" rotate={-90}>
          {label}
        </Text>
      ) : null}
    </g>
  );
}

/** Light grid lines across the box: horizontal at the y ticks, vertical at the x ticks. */
export function GridLines({
  box,
  x,
  y,
  xTicks = [],
  yTicks = [],
}: {
  box: Box;
  x?: Scale;
  y?: Scale;
  xTicks?: readonly number[];
  yTicks?: readonly number[];
}): ReactElement {
  return (
    <g data-layer="grid">
      {y
        ? yTicks.map((t) => (
            <line
              key={`y${t}`}
              x1={px(box.x0)}
              x2={px(box.x1)}
              y1={px(y(t))}
              y2={px(y(t))}
              stroke={GRID_COLOR}
              strokeWidth={0.75}
            />
          ))
        : null}
      {x
        ? xTicks.map((t) => (
            <line
              key={`x${t}`}
              x1={px(x(t))}
              x2={px(x(t))}
              y1={px(box.y0)}
              y2={px(box.y1)}
              stroke={GRID_COLOR}
              strokeWidth={0.75}
            />
          ))
        : null}
    </g>
  );
}

/** A thin outline round the plot area, on top of the marks but not catching the pointer. */
export function PlotBorder({ box }: { box: Box }): ReactElement {
  return (
    <rect
      data-layer="plot-area"
      x={px(box.x0)}
      y={px(box.y0)}
      width={px(box.x1 - box.x0)}
      height={px(box.y1 - box.y0)}
      fill="none"
      stroke={AXIS_COLOR}
      strokeWidth={0.75}
      pointerEvents="none"
    />
  );
}
