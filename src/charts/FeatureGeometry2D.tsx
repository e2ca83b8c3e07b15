/**
 * The hidden plane of an m = 2 model: each feature's column W_i drawn as a vector from the
 * origin, coloured by importance and labelled with its index (the paper's pentagon/antipodal
 * pictures). The view is square and symmetric so angles read true.
 *
 * Optional, for a section that lets a reader take the model in hand: a pinned model ghosted under
 * the live one (dashed), one feature highlighted (linked hover), and editing — drag a vector's tip,
 * or focus a feature and turn it with the arrow keys (Shift: 1° steps) and scale it with + / −.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { fmt } from '../model/format';
import { ChartSvg, dimension } from './frame';
import { PINNED_COLOR } from './palette';
import { PlaneAxes, TipLabel, Vector, planeLayout } from './plane';
import { usePointerDrag, type DragPhase } from './pointer';
import { TEXT_COLOR, finite, importanceColor, px } from './theme';

/** A keyboard edit of one feature: turn by `rotate` radians (counter-clockwise) or scale by `scale`. */
export type FeatureKeyEdit = { rotate: number } | { scale: number };

export interface FeatureGeometry2DProps {
  /** Feature-major n×2 weights: W[i*2 + k] is component k of feature i's embedding. */
  W: ArrayLike<number>;
  n: number;
  /** Importance per feature (length n); colours the vectors. */
  importance: ArrayLike<number>;
  size?: number;
  title?: string;
  /** A pinned model's n×2 weights, drawn dashed under the live vectors. */
  ghost?: { W: ArrayLike<number>; n: number } | null;
  /** The feature hovered or focused anywhere in the section. */
  highlight?: number | null;
  onHover?(i: number | null): void;
  /** Makes the tips draggable: feature i's tip is at `to` (data units). */
  onPlace?(i: number, to: [number, number], phase: DragPhase): void;
  /** Makes the features focusable and keyboard-editable. */
  onKeyEdit?(i: number, edit: FeatureKeyEdit): void;
}

/** Features shorter than this are drawn as a faint dot: the model has dropped them. */
const DROPPED_NORM = 0.05;
const DEGREE = Math.PI / 180;

/** The edit a key asks for: arrows turn (5°, Shift 1°), + / − scale by 5%. */
export function keyEdit(key: string, shift: boolean): FeatureKeyEdit | null {
  const step = (shift ? 1 : 5) * DEGREE;
  if (key === 'ArrowLeft' || key === 'ArrowUp') return { rotate: step };
  if (key === 'ArrowRight' || key === 'ArrowDown') return { rotate: -step };
  if (key === '+' || key === '=') return { scale: 1.05 };
  if (key === '-' || key === '_') return { scale: 1 / 1.05 };
  return null;
}

const vectorsOf = (W: ArrayLike<number>, n: number) =>
  Array.from(
    { length: Math.max(0, Math.floor(finite(n))) },
    (_, i) => [finite(W[i * 2]), finite(W[i * 2 + 1])] as const,
  );

export function FeatureGeometry2D({
  W,
  n,
  importance,
  size = 300,
  title = 'Feature embeddings W_i in the 2-D hidden space',
  ghost = null,
  highlight = null,
  onHover,
  onPlace,
  onKeyEdit,
}: FeatureGeometry2DProps) {
  const count = Math.max(0, Math.floor(finite(n)));
  const side = dimension(size, 300, 120);
  const vecs = vectorsOf(W, count);
  const norms = vecs.map(([x, y]) => Math.hypot(x, y));
  const ghosts = ghost ? vectorsOf(ghost.W, ghost.n) : [];
  // Unit circle always visible; grow to fit longer vectors plus room for labels. A drag keeps
  // the view it started in, so the plane does not rescale under the pointer.
  const frozen = useRef<number | null>(null);
  const plane = planeLayout(
    side,
    frozen.current ?? Math.max(1, ...norms, ...ghosts.map(([x, y]) => Math.hypot(x, y))) * 1.18,
    26,
  );
  const imp = Array.from({ length: count }, (_, i) => finite(importance[i]));
  const lo = Math.min(...imp);
  const hi = Math.max(...imp);
  const tOf = (v: number) => (hi - lo > 1e-12 ? (v - lo) / (hi - lo) : 1);
  // Draw the least important first so the important vectors sit on top.
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => imp[a] - imp[b]);
  const drag = usePointerDrag((i, [x, y], phase) => {
    if (phase === 'start') frozen.current = plane.extent;
    onPlace?.(i, plane.toData(x, y), phase);
    if (phase === 'end') frozen.current = null;
  });
  const editable = Boolean(onPlace || onKeyEdit);
  const how = 'Drag a vector’s tip, or focus a feature and use the arrow keys to turn it and + / − to scale it.';

  const feature = (i: number) => {
    const hl = highlight === i;
    const opacity = highlight !== null && !hl ? 0.3 : norms[i] < DROPPED_NORM ? 0.5 : 1;
    const tip = `feature ${i}: W = (${fmt(vecs[i][0])}, ${fmt(vecs[i][1])}), ‖W‖ = ${fmt(norms[i])}, importance ${fmt(imp[i])}`;
    const handlers = {
      onPointerEnter: onHover ? () => onHover(i) : undefined,
      onPointerLeave: onHover ? () => onHover(null) : undefined,
      ...(editable
        ? {
            tabIndex: 0,
            role: 'button',
            'aria-label': `${tip}. ${how}`,
            onFocus: () => onHover?.(i),
            onBlur: () => onHover?.(null),
            onKeyDown: (e: KeyboardEvent<SVGGElement>) => {
              const edit = keyEdit(e.key, e.shiftKey);
              if (!edit || !onKeyEdit) return;
              e.preventDefault();
              onKeyEdit(i, edit);
            },
            style: { outline: 'none' } as const,
          }
        : {}),
    };
    return (
      <g key={i} data-feature={i} opacity={opacity} data-highlight={hl ? 1 : undefined} {...handlers}>
        <title>{tip}</title>
        {hl ? (
          <circle
            cx={px(plane.x(vecs[i][0]))}
            cy={px(plane.y(vecs[i][1]))}
            r={8}
            fill="none"
            stroke={TEXT_COLOR}
            strokeWidth={1.5}
          />
        ) : null}
        <Vector plane={plane} to={vecs[i]} color={importanceColor(tOf(imp[i]))} dot={3.5} />
        <TipLabel plane={plane} to={vecs[i]} gap={hl ? 15 : undefined}>
          {i}
        </TipLabel>
      </g>
    );
  };

  return (
    <ChartSvg
      chart="feature-geometry-2d"
      width={side}
      height={side}
      title={title}
      label={editable ? `${title}. ${how}` : undefined}
      // Editable, each feature is a focusable control: a group of them (a picture's children are not reachable).
      {...(editable ? { role: 'group' } : {})}
      data-extent={editable ? px(plane.extent) : undefined}
      style={onPlace ? { touchAction: 'none', userSelect: 'none' } : undefined}
      {...(onPlace ? drag.root : {})}
    >
      <PlaneAxes plane={plane} unitLabel axisLabels />
      {ghosts.length ? (
        <g data-layer="pinned">
          {ghosts.map((v, i) => (
            <g key={i} data-pinned-feature={i}>
              <title>{`pinned feature ${i}: W = (${fmt(v[0])}, ${fmt(v[1])})`}</title>
              <Vector plane={plane} to={v} color={PINNED_COLOR} width={1.25} dash="4 3" />
              <TipLabel plane={plane} to={v} role="note" tone="muted" bold={false} gap={8}>
                {i}
              </TipLabel>
            </g>
          ))}
        </g>
      ) : null}
      <g data-layer="features">{order.map(feature)}</g>
      {onPlace ? (
        // Grab targets on top of every line, the most important last (on top where tips meet).
        <g data-layer="handles">
          {order.map((i) => (
            <circle
              key={i}
              data-handle={i}
              cx={px(plane.x(vecs[i][0]))}
              cy={px(plane.y(vecs[i][1]))}
              r={11}
              fill="none"
              pointerEvents="all"
              style={{ cursor: 'grab' }}
              onPointerDown={(e: PointerEvent<SVGCircleElement>) => drag.begin(e, i)}
              onPointerEnter={onHover ? () => onHover(i) : undefined}
              onPointerLeave={onHover ? () => onHover(null) : undefined}
            />
          ))}
        </g>
      ) : null}
    </ChartSvg>
  );
}
