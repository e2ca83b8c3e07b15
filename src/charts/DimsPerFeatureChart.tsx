/**
 * Dimensions per feature m/‖W‖_F² against 1/(1 − S) on a log axis, one point per model of a
 * uniform-superposition sweep (the paper's "Uniform Superposition", the upper panel of its dimensionality figure). The
 * paper's "sticky" levels are drawn as labelled dashed lines: 1 (every represented feature has a
 * dimension of its own) and ½ (features stored as antipodal pairs). Click a point to select its
 * model; with focus, ←/→ move the selection.
 */
import type { KeyboardEvent } from 'react';
import { fmt } from '../model/format';
import { Frame, dimension, keyboardSelect, plotLayout, type AxisSpec } from './frame';
import { Text } from './text';
import { AXIS_COLOR, BACKGROUND, LINE_COLOR, TEXT_COLOR, clamp, px, validIndex } from './theme';

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

/** The sticky levels the paper reports ("Uniform Superposition"). */
export const STICKY_LEVELS: readonly { value: number; label: string; meaning: string }[] = [
  { value: 1, label: '1', meaning: 'one dimension per feature' },
  { value: 0.5, label: '½', meaning: 'antipodal pairs' },
];

/** Point colour: the theme's line blue (≥ 4.5:1 on the background); the selection adds a dark ring. */
const POINT_COLOR = LINE_COLOR;
const SELECTED_RING = TEXT_COLOR;

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

/** The x axis of the sweep charts: 1/(1 − S) on a log scale, decades only when three fit. */
export function sweepXAxis(values: readonly number[], given?: [number, number]): AxisSpec {
  return { type: 'log', domain: sweepXDomain(values, given), decades: 3, label: '1/(1 − S) (log scale; sparser →)' };
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
  const finiteValues = points.map((p) => p.dimensionsPerFeature).filter((v) => Number.isFinite(v) && v >= 0);
  // Untrained models (tiny W) sit far above 1; keep the levels readable and clip those at the top.
  const yMax = clamp(Math.max(0, ...finiteValues) * 1.08, 1.15, 3);
  const plot = plotLayout({
    width: dimension(width, 440, 200),
    height: dimension(height, 280, 160),
    margin: { top: 14, left: 46 },
    x: sweepXAxis(
      points.map((p) => p.invDensity),
      xDomain,
    ),
    y: { domain: [0, yMax], label: 'm / ‖W‖_F^2', grid: true },
    border: true,
  });
  const { box } = plot;
  const x = plot.x.scale;
  const y = plot.y.scale;
  const count = points.length;
  const sel = validIndex(selected, count);

  const drawn = points.map((p, j) => {
    const okX = Number.isFinite(p.invDensity) && p.invDensity > 0;
    const v = p.dimensionsPerFeature;
    const clipped = !(Number.isFinite(v) && v <= yMax);
    return {
      j,
      okX,
      clipped,
      cx: px(x(okX ? p.invDensity : x.domain()[0])),
      cy: px(clipped ? (v < 0 ? box.y1 : box.y0) : y(Math.max(0, v))),
      tip: `model ${j} (1/(1−S) = ${fmt(p.invDensity)}): m/‖W‖²_F = ${fmt(v)}${clipped ? ' (above the axis)' : ''}`,
    };
  });
  const linePath = drawn
    .filter((d) => d.okX)
    .sort((a, b) => a.cx - b.cx)
    .map((d, i) => `${i === 0 ? 'M' : 'L'}${d.cx},${d.cy}`)
    .join('');

  const select = keyboardSelect(
    title,
    'Click a point or use the arrow keys to select a model.',
    onSelect && sweepKeyHandler(count, sel, onSelect),
  );
  return (
    <Frame plot={plot} chart="dims-per-feature" title={title} {...select} data-points={count}>
      {sel !== null && drawn[sel].okX ? (
        <line
          data-layer="selection"
          x1={drawn[sel].cx}
          x2={drawn[sel].cx}
          y1={px(box.y0)}
          y2={px(box.y1)}
          stroke={AXIS_COLOR}
          strokeWidth={1}
          strokeDasharray="2 2"
        />
      ) : null}
      <g data-layer="levels" pointerEvents="none">
        {STICKY_LEVELS.filter((l) => l.value <= yMax).map((l) => (
          <g key={l.label} data-level={l.value}>
            <line
              x1={px(box.x0)}
              x2={px(box.x1)}
              y1={px(y(l.value))}
              y2={px(y(l.value))}
              stroke={TEXT_COLOR}
              strokeWidth={1}
              strokeDasharray="5 3"
            />
            <Text x={box.x1 - 3} y={y(l.value) - 4} anchor="end" tone="text">
              {`${l.label}: ${l.meaning}`}
            </Text>
          </g>
        ))}
      </g>
      {linePath ? (
        <path data-layer="line" d={linePath} fill="none" stroke={POINT_COLOR} strokeOpacity={0.6} strokeWidth={1.25} />
      ) : null}
      <g data-layer="points">
        {drawn
          .filter((d) => d.okX)
          .map((d) => {
            const isSel = d.j === sel;
            const marker = {
              'data-model': d.j,
              'data-selected': isSel ? 'true' : undefined,
              fill: POINT_COLOR,
              stroke: isSel ? SELECTED_RING : BACKGROUND,
              strokeWidth: isSel ? 2 : 1,
              cursor: onSelect ? 'pointer' : undefined,
              onClick: onSelect ? () => onSelect(d.j) : undefined,
              onMouseEnter: onHover ? () => onHover(d.j) : undefined,
              onMouseLeave: onHover ? () => onHover(null) : undefined,
            };
            return d.clipped ? (
              <path key={d.j} data-clipped="true" d={`M${d.cx},${d.cy - 1}l-5,8h10z`} {...marker}>
                <title>{d.tip}</title>
              </path>
            ) : (
              <circle key={d.j} cx={d.cx} cy={d.cy} r={isSel ? 6 : 4.5} {...marker}>
                <title>{d.tip}</title>
              </circle>
            );
          })}
      </g>
    </Frame>
  );
}
