/**
 * The frame of the 2-D hidden-plane pictures (feature vectors, vector sums, dictionary atoms,
 * weight glyphs): a square, symmetric view so angles read true, its cross-hair axes and unit
 * circle, and the vector mark drawn from the origin with a label beyond its tip.
 */
import type { ReactElement } from 'react';
import { Text, type TypeRole } from './text';
import { AXIS_COLOR, GRID_COLOR, finite, px } from './theme';

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

export interface Plane {
  /** Data → px: x right, y up. */
  x(v: number): number;
  y(v: number): number;
  /** The unit length in px. */
  unit: number;
  /** The view's half-width in data units. */
  extent: number;
  side: number;
  /** px → data (the inverse of x, y). */
  toData(px: number, py: number): [number, number];
}

/** A side × side view of [−extent, extent]², `pad` px in from each edge. */
export function planeLayout(side: number, extent: number, pad: number): Plane {
  const unit = (side - 2 * pad) / (2 * extent);
  return {
    x: (v) => pad + (v + extent) * unit,
    y: (v) => side - pad - (v + extent) * unit,
    unit,
    extent,
    side,
    toData: (x, y) => [(x - pad) / unit - extent, (side - pad - y) / unit - extent],
  };
}

/** The cross-hair through the origin and the dashed unit circle; optionally labelled "‖W‖ = 1" and h₀ / h₁. */
export function PlaneAxes({
  plane,
  unitLabel = false,
  axisLabels = false,
}: {
  plane: Plane;
  unitLabel?: boolean;
  axisLabels?: boolean;
}): ReactElement {
  const { x, y, extent, unit, side } = plane;
  return (
    <g data-layer="axes">
      <line x1={px(x(-extent))} x2={px(x(extent))} y1={px(y(0))} y2={px(y(0))} stroke={GRID_COLOR} />
      <line x1={px(x(0))} x2={px(x(0))} y1={px(y(-extent))} y2={px(y(extent))} stroke={GRID_COLOR} />
      <circle
        cx={px(x(0))}
        cy={px(y(0))}
        r={px(unit)}
        fill="none"
        stroke={AXIS_COLOR}
        strokeWidth={0.75}
        strokeDasharray="3 3"
      />
      {unitLabel ? (
        <Text x={x(0) + unit * Math.SQRT1_2 + 3} y={y(0) - unit * Math.SQRT1_2 - 3} role="note">
          ‖W‖ = 1
        </Text>
      ) : null}
      {axisLabels ? (
        <>
          <Text x={side - 6} y={y(0) - 4} anchor="end" role="note">
            h₀
          </Text>
          <Text x={x(0) + 4} y={12} role="note">
            h₁
          </Text>
        </>
      ) : null}
    </g>
  );
}

export interface VectorProps {
  plane: Plane;
  /** Tip in data units; the tail is the origin unless `from` is given. */
  to: readonly [number, number];
  from?: readonly [number, number];
  color: string;
  width?: number;
  dash?: string;
  opacity?: number;
  /** Dot radius at the tip (0: none). */
  dot?: number;
  /** Arrowhead size (0: none). */
  head?: number;
}

/** A vector as a line (with a dot or an arrowhead at its tip). */
export function Vector({
  plane,
  to,
  from = [0, 0],
  color,
  width = 2,
  dash,
  opacity,
  dot = 0,
  head = 0,
}: VectorProps): ReactElement {
  const [x0, y0, x1, y1] = [plane.x(from[0]), plane.y(from[1]), plane.x(to[0]), plane.y(to[1])];
  return (
    <>
      <line
        x1={px(x0)}
        y1={px(y0)}
        x2={px(x1)}
        y2={px(y1)}
        stroke={color}
        strokeWidth={width}
        strokeDasharray={dash}
        strokeOpacity={opacity}
        strokeLinecap="round"
      />
      {head ? <polygon points={arrowHead(x0, y0, x1, y1, head)} fill={color} /> : null}
      {dot ? <circle cx={px(x1)} cy={px(y1)} r={dot} fill={color} /> : null}
    </>
  );
}

/** A label just beyond a vector's tip, along its direction (diagonally up-right for a zero vector). */
export function TipLabel({
  plane,
  to,
  gap = 10,
  role = 'tick',
  tone = 'text',
  bold = true,
  children,
}: {
  plane: Plane;
  to: readonly [number, number];
  gap?: number;
  role?: TypeRole;
  tone?: 'text' | 'muted';
  bold?: boolean;
  children: string | number;
}): ReactElement {
  const norm = Math.hypot(to[0], to[1]);
  const ux = norm > 1e-9 ? to[0] / norm : Math.SQRT1_2;
  const uy = norm > 1e-9 ? to[1] / norm : Math.SQRT1_2;
  return (
    <Text
      x={plane.x(to[0]) + ux * gap}
      y={plane.y(to[1]) - uy * gap}
      anchor="middle"
      baseline="central"
      role={role}
      tone={tone}
      weight={bold ? 600 : undefined}
    >
      {children}
    </Text>
  );
}
