/**
 * Small building blocks shared by the generic charts (axes, legend, arrowheads, a categorical
 * palette). Plain functions of their props, no hooks and no ids, so they render in Node and
 * inside exported SVGs exactly as on screen.
 */
import type { ReactElement } from 'react';
import { AXIS_COLOR, FONT_SIZE, MUTED_TEXT_COLOR, SMALL_FONT_SIZE, TEXT_COLOR, divergingColor, finite, fmt, legendSwatches, px } from './theme';

/**
 * Paul Tol's "bright" qualitative scheme (colour-blind safe), minus its light grey, ordered so the
 * first few stay distinct in greyscale too.
 */
export const SERIES_COLORS: readonly string[] = ['#4477AA', '#EE6677', '#228833', '#CCBB44', '#AA3377', '#66CCEE', '#555555'];

export function seriesColor(i: number): string {
  return SERIES_COLORS[((i % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length];
}

/** Accent for highlighted marks (interference, the removed feature…). */
export const HIGHLIGHT_COLOR = '#CC3311';
/** Neutral for inputs and context. */
export const NEUTRAL_COLOR = '#9a958c';

type Scale = (v: number) => number;

export interface XAxisProps {
  scale: Scale;
  ticks: readonly number[];
  /** Baseline y and the axis' horizontal extent. */
  y: number;
  x0: number;
  x1: number;
  label?: string;
  format?: (v: number) => string;
}

/** A bottom axis: baseline, tick marks, tick labels and a centred label (data-layer="x-axis"). */
export function XAxis({ scale, ticks, y, x0, x1, label, format = fmt }: XAxisProps): ReactElement {
  return (
    <g data-layer="x-axis">
      <line x1={px(x0)} x2={px(x1)} y1={px(y)} y2={px(y)} stroke={AXIS_COLOR} />
      {ticks.map((t, k) => (
        <g key={`${k}:${t}`}>
          <line x1={px(scale(t))} x2={px(scale(t))} y1={px(y)} y2={px(y + 4)} stroke={AXIS_COLOR} />
          <text x={px(scale(t))} y={px(y + 14)} textAnchor="middle" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
            {format(t)}
          </text>
        </g>
      ))}
      {label ? (
        <text x={px((x0 + x1) / 2)} y={px(y + 28)} textAnchor="middle" fontSize={FONT_SIZE - 1} fill={TEXT_COLOR}>
          {label}
        </text>
      ) : null}
    </g>
  );
}

export interface YAxisProps {
  scale: Scale;
  ticks: readonly number[];
  /** Axis line x and its vertical extent (y0 top, y1 bottom). */
  x: number;
  y0: number;
  y1: number;
  label?: string;
  /** Distance of the rotated label from the axis line. */
  labelOffset?: number;
  format?: (v: number) => string;
}

/** A left axis with a rotated label (data-layer="y-axis"). */
export function YAxis({ scale, ticks, x, y0, y1, label, labelOffset = 40, format = fmt }: YAxisProps): ReactElement {
  const ly = (y0 + y1) / 2;
  const lx = x - labelOffset;
  return (
    <g data-layer="y-axis">
      <line x1={px(x)} x2={px(x)} y1={px(y0)} y2={px(y1)} stroke={AXIS_COLOR} />
      {ticks.map((t, k) => (
        <g key={`${k}:${t}`}>
          <line x1={px(x - 4)} x2={px(x)} y1={px(scale(t))} y2={px(scale(t))} stroke={AXIS_COLOR} />
          <text x={px(x - 6)} y={px(scale(t))} textAnchor="end" dominantBaseline="central" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
            {format(t)}
          </text>
        </g>
      ))}
      {label ? (
        <text x={px(lx)} y={px(ly)} textAnchor="middle" fontSize={FONT_SIZE - 1} fill={TEXT_COLOR} transform={`rotate(-90 ${px(lx)} ${px(ly)})`}>
          {label}
        </text>
      ) : null}
    </g>
  );
}

export type LegendMark = 'line' | 'dashed' | 'square' | 'outline' | 'dot';

export interface LegendItem {
  label: string;
  color: string;
  mark?: LegendMark;
}

/** Rough text width at the legend's font size (no DOM measurement in Node). */
function textWidth(s: string): number {
  return s.length * (SMALL_FONT_SIZE + 1) * 0.56;
}

/** Rows of legend entries wrapped to maxWidth; its height, for the caller's layout. */
export function legendLayout(items: readonly LegendItem[], maxWidth: number): { rows: { item: LegendItem; x: number }[][]; height: number } {
  const rows: { item: LegendItem; x: number }[][] = [];
  let row: { item: LegendItem; x: number }[] = [];
  let x = 0;
  for (const item of items) {
    const w = 20 + textWidth(item.label) + 14;
    if (row.length > 0 && x + w > maxWidth) {
      rows.push(row);
      row = [];
      x = 0;
    }
    row.push({ item, x });
    x += w;
  }
  if (row.length) rows.push(row);
  return { rows, height: rows.length * 15 };
}

/** A wrapped horizontal legend (data-layer="legend"), top-left at (x, y). */
export function Legend({ items, x, y, maxWidth }: { items: readonly LegendItem[]; x: number; y: number; maxWidth: number }): ReactElement | null {
  if (items.length === 0) return null;
  const { rows } = legendLayout(items, maxWidth);
  return (
    <g data-layer="legend">
      {rows.map((row, r) =>
        row.map(({ item, x: dx }) => {
          const cx = x + dx;
          const cy = y + r * 15 + 6;
          return (
            <g key={`${r}:${item.label}`} data-legend-item={item.label}>
              {legendMark(item.mark ?? 'square', item.color, cx, cy)}
              <text x={px(cx + 18)} y={px(cy)} dominantBaseline="central" fontSize={SMALL_FONT_SIZE + 1} fill={TEXT_COLOR}>
                {item.label}
              </text>
            </g>
          );
        }),
      )}
    </g>
  );
}

function legendMark(mark: LegendMark, color: string, x: number, y: number): ReactElement {
  switch (mark) {
    case 'line':
    case 'dashed':
      return <line x1={px(x)} x2={px(x + 14)} y1={px(y)} y2={px(y)} stroke={color} strokeWidth={2} strokeDasharray={mark === 'dashed' ? '4 2' : undefined} />;
    case 'dot':
      return <circle cx={px(x + 7)} cy={px(y)} r={3.5} fill={color} />;
    case 'outline':
      return <rect x={px(x + 2)} y={px(y - 5)} width={10} height={10} fill="none" stroke={color} strokeWidth={1.25} strokeDasharray="2 1.5" />;
    default:
      return <rect x={px(x + 2)} y={px(y - 5)} width={10} height={10} fill={color} />;
  }
}

/** The three points of an arrowhead at (x2, y2) pointing away from (x1, y1), as a polygon's points. */
export function arrowHead(x1: number, y1: number, x2: number, y2: number, size = 7): string {
  const dx = finite(x2 - x1);
  const dy = finite(y2 - y1);
  const len = Math.hypot(dx, dy);
  if (!(len > 1e-9)) return `${px(x2)},${px(y2)} ${px(x2)},${px(y2)} ${px(x2)},${px(y2)}`;
  const ux = dx / len;
  const uy = dy / len;
  const s = Math.min(size, len * 0.6);
  const bx = x2 - ux * s;
  const by = y2 - uy * s;
  const wx = -uy * s * 0.45;
  const wy = ux * s * 0.45;
  return `${px(x2)},${px(y2)} ${px(bx + wx)},${px(by + wy)} ${px(bx - wx)},${px(by - wy)}`;
}

/** A symmetric or zero-anchored linear domain covering the values, never empty. */
export function paddedDomain(values: readonly number[], opts: { includeZero?: boolean; pad?: number } = {}): [number, number] {
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

/** Powers of ten inside [lo, hi] (or 1-2-5 steps when fewer than two decades fit). */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi > lo)) return [];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const mant of [1, 2, 5]) {
      const v = Number((mant * 10 ** e).toPrecision(3));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  const decades = out.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  return decades.length >= 2 ? decades : out;
}

export interface DivergingLegendProps {
  /** Left edge, top edge, size of the colour bar. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The value at each end of the bar: the bar spans [−half, half], blue to red. */
  half: number;
  /** Values to tick, with their labels. */
  ticks: readonly { value: number; label: string }[];
}

/** The diverging colour bar of the signed-value heatmaps (WᵀW, W): swatches, outline and ticks. */
export function DivergingLegend({ x, y, width, height, half, ticks }: DivergingLegendProps): ReactElement {
  const at = (v: number) => x + ((v / half + 1) / 2) * width;
  return (
    <>
      {legendSwatches(x, width, 40, (t) => divergingColor(t * 2 - 1)).map((s) => (
        <rect key={s.x} x={s.x} y={px(y)} width={s.width} height={height} fill={s.fill} />
      ))}
      <rect x={px(x)} y={px(y)} width={px(width)} height={height} fill="none" stroke={AXIS_COLOR} strokeWidth={0.5} />
      {ticks.map((t) => (
        <g key={t.value}>
          <line x1={px(at(t.value))} x2={px(at(t.value))} y1={px(y + height)} y2={px(y + height + 3)} stroke={AXIS_COLOR} />
          <text x={px(at(t.value))} y={px(y + height + 13)} textAnchor="middle" fontSize={FONT_SIZE - 1} fill={MUTED_TEXT_COLOR}>
            {t.label}
          </text>
        </g>
      ))}
    </>
  );
}
