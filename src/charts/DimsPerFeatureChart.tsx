/**
 * Dimensions per feature m/‖W‖_F² against 1/(1 − S) on a log axis, one point per model of a
 * uniform-superposition sweep (paper §6.3, the upper panel of its dimensionality figure). The
 * paper's "sticky" levels are drawn as labelled dashed lines: 1 (every represented feature has a
 * dimension of its own) and ½ (features stored as antipodal pairs). Click a point to select its
 * model; with focus, ←/→ move the selection.
 */
import type { KeyboardEvent } from 'react';
import { scaleLinear, scaleLog } from 'd3';
import { AXIS_COLOR, BACKGROUND, FONT_SIZE, GRID_COLOR, LINE_COLOR, MUTED_TEXT_COLOR, SMALL_FONT_SIZE, TEXT_COLOR, clamp, finite, fmt, px, svgRootProps } from './theme';

export interface DimsPerFeaturePoint {
  /** 1/(1 − S) of the model. */
  invDensity: number;
  /** m/‖W‖_F² (Infinity when W = 0: drawn clipped at the top). */
  dimensionsPerFeature: number;
}

export interface DimsPerFeatureChartProps {
  /** One point per model, in sweep order (the index is what onSelect reports). */
  points: readonly DimsPerFeaturePoint[];
  /** Highlighted model index. */
  selected?: number | null;
  onSelect?(index: number): void;
  onHover?(index: number | null): void;
  /** x range as 1/(1 − S); default: the points' own range. */
  xDomain?: [number, number];
  width?: number;
  height?: number;
  title?: string;
}

/** The sticky levels the paper reports (§6.3). */
export const STICKY_LEVELS: readonly { value: number; label: string; meaning: string }[] = [
  { value: 1, label: '1', meaning: 'one dimension per feature' },
  { value: 0.5, label: '½', meaning: 'antipodal pairs' },
];

/** Point colour: the theme's line blue (≥ 4.5:1 on the background); the selection adds a dark ring. */
const POINT_COLOR = LINE_COLOR;
const SELECTED_RING = TEXT_COLOR;

/**
 * Ticks for a log axis that may span less than two decades (1 to 20 is the default sweep):
 * 1-2-5 per decade, or only the decades when there are at least three of them.
 */
export function sweepLogTicks([lo, hi]: [number, number]): number[] {
  if (!(lo > 0) || !(hi > lo) || !Number.isFinite(hi)) return [];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const mant of [1, 2, 5]) {
      const v = Number((mant * 10 ** e).toPrecision(3));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  const decades = out.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  return decades.length >= 3 ? decades : out;
}

/**
 * The x range of a sweep chart: the given domain or the finite, positive values' extent, padded
 * by a few percent of its log width (half a decade around a single value).
 */
export function sweepXDomain(values: readonly number[], given?: [number, number]): [number, number] {
  let lo = given?.[0];
  let hi = given?.[1];
  if (!(lo! > 0 && hi! >= lo! && Number.isFinite(hi))) {
    const ok = values.filter((v) => Number.isFinite(v) && v > 0);
    lo = ok.length ? Math.min(...ok) : 1;
    hi = ok.length ? Math.max(...ok) : 20;
  }
  const a = Math.log10(lo!);
  const b = Math.log10(hi!);
  const pad = b > a ? 0.04 * (b - a) : 0.25;
  return [10 ** (a - pad), 10 ** (b + pad)];
}

/** Arrow keys on a sweep chart: the next model along x (by index, which is x order), Enter/space re-selects. */
export function sweepKeyHandler(count: number, selected: number | null, onSelect: (index: number) => void) {
  return (e: KeyboardEvent<SVGSVGElement>) => {
    if (count === 0 || !['ArrowLeft', 'ArrowRight', 'Home', 'End', 'Enter', ' '].includes(e.key)) return;
    e.preventDefault();
    if (selected === null) onSelect(e.key === 'End' ? count - 1 : 0);
    else if (e.key === 'ArrowLeft') onSelect(Math.max(0, selected - 1));
    else if (e.key === 'ArrowRight') onSelect(Math.min(count - 1, selected + 1));
    else if (e.key === 'Home') onSelect(0);
    else if (e.key === 'End') onSelect(count - 1);
    else onSelect(selected);
  };
}

export function DimsPerFeatureChart({
  points,
  selected = null,
  onSelect,
  onHover,
  xDomain,
  width = 440,
  height = 280,
  title = 'Dimensions per feature m/‖W‖²_F against 1/(1 − S)',
}: DimsPerFeatureChartProps) {
  const w = Math.max(200, finite(width, 440));
  const h = Math.max(160, finite(height, 280));
  const plot = { x0: 46, x1: w - 14, y0: 14, y1: h - 42 };

  const xd = sweepXDomain(
    points.map((p) => p.invDensity),
    xDomain,
  );
  const x = scaleLog().domain(xd).range([plot.x0, plot.x1]);
  const finiteValues = points.map((p) => p.dimensionsPerFeature).filter((v) => Number.isFinite(v) && v >= 0);
  // Untrained models (tiny W) sit far above 1; keep the levels readable and clip those at the top.
  const yMax = clamp(Math.max(0, ...finiteValues) * 1.08, 1.15, 3);
  const y = scaleLinear().domain([0, yMax]).range([plot.y1, plot.y0]);
  const yTicks = y.ticks(5);
  const xTicks = sweepLogTicks(xd);
  const count = points.length;
  const sel = selected != null && Number.isInteger(selected) && selected >= 0 && selected < count ? selected : null;

  const drawn = points.map((p, j) => {
    const okX = Number.isFinite(p.invDensity) && p.invDensity > 0;
    const v = p.dimensionsPerFeature;
    const clipped = !(Number.isFinite(v) && v <= yMax);
    return {
      j,
      okX,
      clipped,
      cx: px(x(okX ? p.invDensity : xd[0])),
      cy: px(clipped ? (v < 0 ? plot.y1 : plot.y0) : y(Math.max(0, v))),
      tip: `model ${j} (1/(1−S) = ${fmt(p.invDensity)}): m/‖W‖²_F = ${fmt(v)}${clipped ? ' (above the axis)' : ''}`,
    };
  });
  const linePath = drawn
    .filter((d) => d.okX)
    .sort((a, b) => a.cx - b.cx)
    .map((d, i) => `${i === 0 ? 'M' : 'L'}${d.cx},${d.cy}`)
    .join('');

  const label = onSelect ? `${title}. Click a point or use the arrow keys to select a model.` : title;
  return (
    <svg
      {...svgRootProps('dims-per-feature', w, h, label)}
      tabIndex={onSelect ? 0 : undefined}
      onKeyDown={onSelect ? sweepKeyHandler(count, sel, onSelect) : undefined}
      data-points={count}
    >
      <title>{title}</title>
      <rect x={0} y={0} width={px(w)} height={px(h)} fill={BACKGROUND} />
      <g data-layer="grid">
        {yTicks.map((t) => (
          <line key={t} x1={px(plot.x0)} x2={px(plot.x1)} y1={px(y(t))} y2={px(y(t))} stroke={GRID_COLOR} strokeWidth={0.75} />
        ))}
      </g>
      {sel !== null && drawn[sel].okX ? (
        <line data-layer="selection" x1={drawn[sel].cx} x2={drawn[sel].cx} y1={px(plot.y0)} y2={px(plot.y1)} stroke={AXIS_COLOR} strokeWidth={1} strokeDasharray="2 2" />
      ) : null}
      <g data-layer="levels" pointerEvents="none">
        {STICKY_LEVELS.filter((l) => l.value <= yMax).map((l) => (
          <g key={l.label} data-level={l.value}>
            <line x1={px(plot.x0)} x2={px(plot.x1)} y1={px(y(l.value))} y2={px(y(l.value))} stroke={TEXT_COLOR} strokeWidth={1} strokeDasharray="5 3" />
            <text x={px(plot.x1 - 3)} y={px(y(l.value) - 4)} textAnchor="end" fontSize={SMALL_FONT_SIZE + 1} fill={TEXT_COLOR}>
              {`${l.label}: ${l.meaning}`}
            </text>
          </g>
        ))}
      </g>
      {linePath ? <path data-layer="line" d={linePath} fill="none" stroke={POINT_COLOR} strokeOpacity={0.6} strokeWidth={1.25} /> : null}
      <g data-layer="points">
        {drawn
          .filter((d) => d.okX)
          .map((d) => {
            const isSel = d.j === sel;
            const interactive = {
              cursor: onSelect ? 'pointer' : undefined,
              onClick: onSelect ? () => onSelect(d.j) : undefined,
              onMouseEnter: onHover ? () => onHover(d.j) : undefined,
              onMouseLeave: onHover ? () => onHover(null) : undefined,
            };
            return d.clipped ? (
              <path
                key={d.j}
                data-model={d.j}
                data-clipped="true"
                data-selected={isSel ? 'true' : undefined}
                d={`M${d.cx},${d.cy - 1}l-5,8h10z`}
                fill={POINT_COLOR}
                stroke={isSel ? SELECTED_RING : BACKGROUND}
                strokeWidth={isSel ? 2 : 1}
                {...interactive}
              >
                <title>{d.tip}</title>
              </path>
            ) : (
              <circle
                key={d.j}
                data-model={d.j}
                data-selected={isSel ? 'true' : undefined}
                cx={d.cx}
                cy={d.cy}
                r={isSel ? 6 : 4.5}
                fill={POINT_COLOR}
                stroke={isSel ? SELECTED_RING : BACKGROUND}
                strokeWidth={isSel ? 2 : 1}
                {...interactive}
              >
                <title>{d.tip}</title>
              </circle>
            );
          })}
      </g>
      <SweepAxes plot={plot} x={x} y={y} xTicks={xTicks} yTicks={yTicks} yLabel="m / ‖W‖²_F" />
    </svg>
  );
}

/** Plot area of a sweep chart, in px. */
export interface SweepPlot {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * The frame and axes the sweep charts share: 1/(1 − S) on a log x-axis below, the chart's own
 * quantity on the left (drawn after the marks, so the frame stays on top).
 */
export function SweepAxes({ plot, x, y, xTicks, yTicks, yLabel }: { plot: SweepPlot; x: (v: number) => number; y: (v: number) => number; xTicks: readonly number[]; yTicks: readonly number[]; yLabel: string }) {
  return (
    <>
      <rect x={px(plot.x0)} y={px(plot.y0)} width={px(plot.x1 - plot.x0)} height={px(plot.y1 - plot.y0)} fill="none" stroke={AXIS_COLOR} strokeWidth={0.75} pointerEvents="none" />
      <g data-layer="x-axis">
        {xTicks.map((t) => (
          <g key={t} data-tick={t}>
            <line x1={px(x(t))} x2={px(x(t))} y1={px(plot.y1)} y2={px(plot.y1 + 5)} stroke={AXIS_COLOR} />
            <text x={px(x(t))} y={px(plot.y1 + 16)} textAnchor="middle" fontSize={FONT_SIZE - 1} fill={MUTED_TEXT_COLOR}>
              {fmt(t)}
            </text>
          </g>
        ))}
        <text x={px((plot.x0 + plot.x1) / 2)} y={px(plot.y1 + 32)} textAnchor="middle" fontSize={FONT_SIZE} fill={TEXT_COLOR}>
          1/(1 − S) (log scale; sparser →)
        </text>
      </g>
      <g data-layer="y-axis">
        {yTicks.map((t) => (
          <g key={t}>
            <line x1={px(plot.x0 - 5)} x2={px(plot.x0)} y1={px(y(t))} y2={px(y(t))} stroke={AXIS_COLOR} />
            <text x={px(plot.x0 - 7)} y={px(y(t))} textAnchor="end" dominantBaseline="central" fontSize={FONT_SIZE - 1} fill={MUTED_TEXT_COLOR}>
              {fmt(t)}
            </text>
          </g>
        ))}
        <text transform={`translate(${px(13)},${px((plot.y0 + plot.y1) / 2)}) rotate(-90)`} textAnchor="middle" dominantBaseline="central" fontSize={FONT_SIZE} fill={TEXT_COLOR}>
          {yLabel}
        </text>
      </g>
    </>
  );
}
