/**
 * The hidden space of an m = 3 model: each feature's W_i drawn as a vector from the origin, seen
 * by orthographic projection after rotating the space by (yaw, pitch). Drag to rotate (pointer
 * events) or, once focused, use the arrow keys. Depth cue: farther vectors are lighter and
 * thinner, and everything is drawn back to front. Faint lines join neighbouring tips so the solid
 * the features form (tetrahedron, octahedron, antiprism …) reads at a glance. The SVG on screen is
 * the current view, so the chart frame's Export SVG saves exactly that view.
 */
import { Fragment, useRef, type KeyboardEvent, type PointerEvent, type ReactElement } from 'react';
import { fmt } from '../model/format';
import { ChartSvg, dimension } from './frame';
import { Text } from './text';
import { AXIS_COLOR, GRID_COLOR, LINE_COLOR, TEXT_COLOR, finite, px } from './theme';

/**
 * Rotation of the hidden space: first yaw about the vertical axis h₁, then pitch about the screen's horizontal axis
 * (radians).
 */
export interface View3D {
  yaw: number;
  pitch: number;
}

/** A three-quarter view: all three axes visible, none end-on. */
export const DEFAULT_VIEW: Readonly<View3D> = Object.freeze({ yaw: -0.6, pitch: 0.4 });

/** Radians per pixel dragged. */
export const DRAG_RADIANS_PER_PX = 0.01;
/** One arrow-key press (radians): 15°. */
export const KEY_STEP = Math.PI / 12;

type Vec3 = [number, number, number];

/**
 * The rotated coordinates of v: R = Rx(pitch) · Ry(yaw). The result's x points right on screen,
 * y up, and z toward the viewer (its depth). With yaw = pitch = 0 the view looks down −h₂, so
 * a vector along h₂ projects to the centre.
 */
export function rotate3(v: readonly number[], view: View3D): Vec3 {
  const cy = Math.cos(view.yaw);
  const sy = Math.sin(view.yaw);
  const cp = Math.cos(view.pitch);
  const sp = Math.sin(view.pitch);
  const x1 = cy * v[0] + sy * v[2];
  const y1 = v[1];
  const z1 = -sy * v[0] + cy * v[2];
  return [x1, cp * y1 - sp * z1, sp * y1 + cp * z1];
}

/** Keep pitch within ±90° (no flipping over the pole) and yaw in (−π, π]. */
export function normaliseView(view: View3D): View3D {
  const half = Math.PI / 2;
  const pitch = Math.max(-half, Math.min(half, finite(view.pitch)));
  let yaw = finite(view.yaw) % (2 * Math.PI);
  if (yaw > Math.PI) yaw -= 2 * Math.PI;
  if (yaw <= -Math.PI) yaw += 2 * Math.PI;
  return { yaw, pitch };
}

/** The view after a drag of (dx, dy) pixels: right turns the front to the right, down tips it down. */
export function dragView(view: View3D, dx: number, dy: number): View3D {
  return normaliseView({ yaw: view.yaw + dx * DRAG_RADIANS_PER_PX, pitch: view.pitch + dy * DRAG_RADIANS_PER_PX });
}

/** The view after a key press, or null when the key does not rotate (←/→ yaw, ↑/↓ pitch, Home resets). */
export function keyView(view: View3D, key: string): View3D | null {
  switch (key) {
    case 'ArrowLeft':
      return normaliseView({ ...view, yaw: view.yaw - KEY_STEP });
    case 'ArrowRight':
      return normaliseView({ ...view, yaw: view.yaw + KEY_STEP });
    case 'ArrowUp':
      return normaliseView({ ...view, pitch: view.pitch - KEY_STEP });
    case 'ArrowDown':
      return normaliseView({ ...view, pitch: view.pitch + KEY_STEP });
    case 'Home':
      return { ...DEFAULT_VIEW };
    default:
      return null;
  }
}

/** A feature counts as learned (drawn with a label, joined to neighbours) above this norm, as in the geometry graph. */
const LEARNED_NORM = 0.5;
/** Shorter than this, a feature is not drawn at all. */
const DROPPED_NORM = 0.05;
/**
 * Tips i and j are joined when their angle is at most this factor times both features' smallest
 * angle to any other learned feature, and under 150° (antipodes are never joined). It draws the
 * edges of the regular solids: tetrahedron (all 109.5°), octahedron (90°, not the 180° pairs),
 * square antiprism (≈ 75° edges against ≥ 119° for the next-nearest) and the triangular bipyramid
 * (its 120° triangle edges beside 90° to the poles).
 */
export const NEIGHBOUR_FACTOR = 1.35;

/**
 * Pairs (i < j) of learned features whose tips are neighbours on the sphere (see NEIGHBOUR_FACTOR). W is feature-major
 * [n, 3].
 */
export function neighbourEdges(W: ArrayLike<number>, n: number): [number, number][] {
  const learned: number[] = [];
  const unit: Vec3[] = [];
  for (let i = 0; i < n; i++) {
    const v: Vec3 = [finite(W[3 * i]), finite(W[3 * i + 1]), finite(W[3 * i + 2])];
    const r = Math.hypot(...v);
    if (r > LEARNED_NORM) {
      learned.push(i);
      unit.push([v[0] / r, v[1] / r, v[2] / r]);
    }
  }
  const k = learned.length;
  if (k < 3) return [];
  const angle = (a: number, b: number) =>
    Math.acos(Math.max(-1, Math.min(1, unit[a][0] * unit[b][0] + unit[a][1] * unit[b][1] + unit[a][2] * unit[b][2])));
  const A = Array.from({ length: k }, (_, a) =>
    Array.from({ length: k }, (_, b) => (a === b ? Infinity : angle(a, b))),
  );
  const nearest = A.map((row) => Math.min(...row));
  const out: [number, number][] = [];
  const limit = (150 * Math.PI) / 180;
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const t = A[a][b];
      if (t < limit && t <= NEIGHBOUR_FACTOR * nearest[a] + 1e-9 && t <= NEIGHBOUR_FACTOR * nearest[b] + 1e-9)
        out.push([learned[a], learned[b]]);
    }
  }
  return out;
}

export interface FeatureGeometry3DProps {
  /** Feature-major n×3 weights: W[i*3 + k] is component k of feature i's embedding. */
  W: ArrayLike<number>;
  n: number;
  view: View3D;
  /** Called with the new view on drag or arrow keys; absent: a static picture. */
  onViewChange?(view: View3D): void;
  /** A colour per feature (e.g. by the polytope its factor forms); default one colour. */
  colors?: readonly string[];
  size?: number;
  title?: string;
}

const deg = (r: number) => Math.round((r * 180) / Math.PI);

/** Orthographic projection into a square of side `side`: the unit of W spans `scale` px round the centre c. */
interface Projection {
  c: number;
  scale: number;
  sx(p: Vec3): number;
  sy(p: Vec3): number;
  /** Depth cue: 0 = farthest possible, 1 = nearest. */
  near(z: number): number;
}

function projection(side: number, pad: number, extent: number): Projection {
  const c = side / 2;
  const scale = (side / 2 - pad) / extent;
  return {
    c,
    scale,
    sx: (p) => px(c + scale * p[0]),
    sy: (p) => px(c - scale * p[1]),
    near: (z) => Math.max(0, Math.min(1, (z / extent + 1) / 2)),
  };
}

/** Something drawn at a depth; the features layer draws them back to front. */
type DepthItem = { z: number; key: string; node: ReactElement };

/** A faint dashed line joining two neighbouring tips, just behind the vectors at the same depth. */
function edgeItem(i: number, j: number, rotated: readonly Vec3[], proj: Projection): DepthItem {
  const a = rotated[i];
  const b = rotated[j];
  const t = proj.near((a[2] + b[2]) / 2);
  return {
    z: (a[2] + b[2]) / 2 - 1e-6,
    key: `e${i}-${j}`,
    node: (
      <line
        data-edge={`${i}-${j}`}
        x1={proj.sx(a)}
        y1={proj.sy(a)}
        x2={proj.sx(b)}
        y2={proj.sy(b)}
        stroke={AXIS_COLOR}
        strokeOpacity={px(0.2 + 0.45 * t)}
        strokeWidth={px(0.5 + 0.6 * t)}
        strokeDasharray="3 2"
      />
    ),
  };
}

/** Feature i's vector from the origin and its tip, lighter and thinner the farther it is; learned ones labelled. */
function featureItem(
  i: number,
  W: Vec3,
  p: Vec3,
  norm: number,
  colour: string,
  labelled: boolean,
  proj: Projection,
): DepthItem {
  const { c, scale } = proj;
  const t = proj.near(p[2]);
  const learned = norm > LEARNED_NORM;
  const len2 = Math.hypot(p[0], p[1]);
  // Label just beyond the projected tip (or above it when the vector points at the viewer).
  const ux = len2 > 1e-6 ? p[0] / len2 : 0;
  const uy = len2 > 1e-6 ? p[1] / len2 : 1;
  return {
    z: p[2],
    key: `f${i}`,
    node: (
      <g data-feature={i} data-depth={px(p[2])} opacity={px(0.3 + 0.7 * t)}>
        <title>{`feature ${i}: W = (${fmt(W[0])}, ${fmt(W[1])}, ${fmt(W[2])}), ‖W‖ = ${fmt(norm)}`}</title>
        <line
          x1={px(c)}
          y1={px(c)}
          x2={proj.sx(p)}
          y2={proj.sy(p)}
          stroke={colour}
          strokeWidth={px(learned ? 1 + 1.6 * t : 0.8)}
          strokeLinecap="round"
        />
        <circle
          cx={proj.sx(p)}
          cy={proj.sy(p)}
          r={px(learned ? 2.2 + 2 * t : 1.6)}
          fill={colour}
          stroke={TEXT_COLOR}
          strokeWidth={0.5}
        />
        {labelled && learned ? (
          <Text
            x={c + scale * p[0] + ux * 10}
            y={c - scale * p[1] - uy * 10}
            anchor="middle"
            baseline="central"
            weight={600}
            tone="text"
          >
            {i}
          </Text>
        ) : null}
      </g>
    ),
  };
}

/** The unit sphere's outline and the three hidden axes h₀, h₁, h₂ as the view turns them. */
function HiddenAxes({ view, proj }: { view: View3D; proj: Projection }): ReactElement {
  const { c, scale, sx, sy } = proj;
  return (
    <g data-layer="axes">
      <circle
        cx={px(c)}
        cy={px(c)}
        r={px(scale)}
        fill="none"
        stroke={AXIS_COLOR}
        strokeWidth={0.75}
        strokeDasharray="3 3"
      />
      <Text x={c + scale * Math.SQRT1_2 + 3} y={c + scale * Math.SQRT1_2 + 8} role="note">
        ‖W‖ = 1
      </Text>
      {(['h₀', 'h₁', 'h₂'] as const).map((label, k) => {
        const e: Vec3 = [0, 0, 0];
        e[k] = 1;
        const p = rotate3(e, view);
        const q: Vec3 = [-p[0], -p[1], -p[2]];
        const tip: Vec3 = [p[0] * 1.08, p[1] * 1.08, p[2]];
        return (
          <g key={label} data-axis={k}>
            <line x1={sx(q)} y1={sy(q)} x2={sx(p)} y2={sy(p)} stroke={GRID_COLOR} strokeWidth={1} />
            <Text
              x={sx(tip)}
              y={sy(tip)}
              anchor="middle"
              baseline="central"
              role="note"
              opacity={px(0.45 + 0.55 * proj.near(p[2]))}
            >
              {label}
            </Text>
          </g>
        );
      })}
    </g>
  );
}

/** Root props that rotate the view: drag with the primary button (pointer capture) or the arrow keys once focused. */
function useRotation(view: View3D, onViewChange?: (view: View3D) => void) {
  const drag = useRef<{ id: number; x: number; y: number; view: View3D } | null>(null);
  if (!onViewChange) return {};
  const set = (next: View3D) => onViewChange(normaliseView(next));
  return {
    tabIndex: 0,
    onPointerDown: (e: PointerEvent<SVGSVGElement>) => {
      if (e.button !== 0) return;
      e.preventDefault();
      e.currentTarget.focus?.();
      drag.current = { id: e.pointerId, x: e.clientX, y: e.clientY, view };
      e.currentTarget.setPointerCapture?.(e.pointerId);
    },
    onPointerMove: (e: PointerEvent<SVGSVGElement>) => {
      const d = drag.current;
      if (!d || d.id !== e.pointerId) return;
      set(dragView(d.view, e.clientX - d.x, e.clientY - d.y));
    },
    onPointerUp: (e: PointerEvent<SVGSVGElement>) => {
      if (drag.current?.id === e.pointerId) drag.current = null;
    },
    onPointerCancel: () => (drag.current = null),
    onKeyDown: (e: KeyboardEvent<SVGSVGElement>) => {
      const next = keyView(view, e.key);
      if (!next) return;
      e.preventDefault();
      set(next);
    },
    // No text selection while dragging across the labels.
    style: { cursor: 'grab', touchAction: 'none', userSelect: 'none', WebkitUserSelect: 'none' } as const,
  };
}

export function FeatureGeometry3D({
  W,
  n,
  view,
  onViewChange,
  colors,
  size = 300,
  title = 'Feature embeddings W_i in the 3-D hidden space',
}: FeatureGeometry3DProps) {
  const count = Math.max(0, Math.floor(finite(n)));
  const side = dimension(size, 300, 140);
  const footer = 18;
  const v = normaliseView(view);
  const handlers = useRotation(v, onViewChange);
  const vecs = Array.from(
    { length: count },
    (_, i) => [finite(W[i * 3]), finite(W[i * 3 + 1]), finite(W[i * 3 + 2])] as Vec3,
  );
  const norms = vecs.map((p) => Math.hypot(...p));
  const proj = projection(side, 22, Math.max(1, ...norms) * 1.12);
  const rotated = vecs.map((p) => rotate3(p, v));
  const drawn = Array.from({ length: count }, (_, i) => i).filter((i) => norms[i] >= DROPPED_NORM);
  const labelled = count <= 24;
  const items: DepthItem[] = [
    ...neighbourEdges(W, count).map(([i, j]) => edgeItem(i, j, rotated, proj)),
    ...drawn.map((i) => featureItem(i, vecs[i], rotated[i], norms[i], colors?.[i] ?? LINE_COLOR, labelled, proj)),
  ].sort((a, b) => a.z - b.z);
  const label = onViewChange
    ? `${title}. Drag, or focus and use the arrow keys, to rotate; Home resets the view.`
    : title;

  return (
    <ChartSvg
      chart="feature-geometry-3d"
      width={side}
      height={side + footer}
      title={title}
      label={label}
      data-yaw={deg(v.yaw)}
      data-pitch={deg(v.pitch)}
      {...handlers}
    >
      <HiddenAxes view={v} proj={proj} />
      <g data-layer="features">
        {items.map((it) => (
          <Fragment key={it.key}>{it.node}</Fragment>
        ))}
      </g>
      <Text x={8} y={side + footer / 2} baseline="central" role="note">
        {`yaw ${deg(v.yaw)}°, pitch ${deg(v.pitch)}°${drawn.length < count ? ` · ${count - drawn.length} of ${count} features ≈ 0, not drawn` : ''}`}
      </Text>
    </ChartSvg>
  );
}
