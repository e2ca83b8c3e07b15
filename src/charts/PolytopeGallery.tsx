/**
 * The polytopes a model's tegum factors form, tallied: one tile per polytope name with its
 * reference shape and how many factors of the model form it.
 */
import { FACTOR_NAMES, type FactorName } from '../model/geometry';
import { ChartSvg } from './frame';
import { POLYTOPE_COLORS, POLYTOPE_LABELS } from './polytopes';
import { Text } from './text';
import { AXIS_COLOR, TEXT_COLOR, finite, px } from './theme';

/** Space round the tiles (px). */
const MARGIN = 10;

/** Reference vectors of each polytope as seen in its own plane (3-D ones projected), for icons. */
function iconVectors(name: FactorName): [number, number][] {
  const ring = (k: number, r = 1, phase = -Math.PI / 2): [number, number][] =>
    Array.from({ length: k }, (_, t) => [
      r * Math.cos(phase + (2 * Math.PI * t) / k),
      r * Math.sin(phase + (2 * Math.PI * t) / k),
    ]);
  switch (name) {
    case 'dedicated':
      return [[0, -1]];
    case 'digon':
      return [
        [-1, 0],
        [1, 0],
      ];
    case 'triangle':
      return ring(3);
    case 'pentagon':
      return ring(5);
    case 'tetrahedron':
      // Oblique view: three base vertices and the apex off-centre.
      return [...ring(3, 0.95, Math.PI / 2), [0.15, -0.35]];
    case 'square-antiprism':
      return [...ring(4, 1, 0), ...ring(4, 0.7, Math.PI / 4)];
    case 'other':
      return [];
  }
}

export interface PolytopeGalleryProps {
  counts: Record<FactorName, number>;
  /** Features in the model's factors by name (for the tooltip). */
  features?: Partial<Record<FactorName, number[]>>;
  width?: number;
  title?: string;
}

/** One tile per polytope name with its reference shape and how many factors of the model form it. */
export function PolytopeGallery({
  counts,
  features,
  width = 360,
  title = 'Polytopes the features form',
}: PolytopeGalleryProps) {
  const w = Math.max(200, finite(width, 360));
  const cols = Math.max(1, Math.min(FACTOR_NAMES.length, Math.floor((w - 2 * MARGIN) / 86)));
  const tileW = (w - 2 * MARGIN) / cols;
  const tileH = 92;
  const rows = Math.ceil(FACTOR_NAMES.length / cols);
  const h = 2 * MARGIN + rows * tileH;
  return (
    <ChartSvg chart="polytope-gallery" width={w} height={h} title={title}>
      {FACTOR_NAMES.map((name, k) => {
        const count = Math.max(0, Math.floor(finite(counts[name])));
        const tx = MARGIN + (k % cols) * tileW;
        const ty = MARGIN + Math.floor(k / cols) * tileH;
        const cx = tx + tileW / 2;
        const cy = ty + 26;
        const r = 18;
        const vs = iconVectors(name);
        const list = features?.[name];
        return (
          <g key={name} data-polytope={name} data-count={count} opacity={count > 0 ? 1 : 0.35}>
            <title>{`${POLYTOPE_LABELS[name]}: ${count}${list && list.length ? ` (features ${list.join(', ')})` : ''}`}</title>
            {vs.length > 2 ? (
              <polygon
                points={vs
                  .slice(0, name === 'square-antiprism' ? 4 : vs.length)
                  .map(([a, b]) => `${px(cx + r * a)},${px(cy + r * b)}`)
                  .join(' ')}
                fill="none"
                stroke={AXIS_COLOR}
                strokeWidth={0.75}
              />
            ) : null}
            {name === 'square-antiprism' ? (
              <polygon
                points={vs
                  .slice(4)
                  .map(([a, b]) => `${px(cx + r * a)},${px(cy + r * b)}`)
                  .join(' ')}
                fill="none"
                stroke={AXIS_COLOR}
                strokeWidth={0.75}
              />
            ) : null}
            {vs.map(([a, b], t) => (
              <g key={t}>
                <line
                  x1={px(cx)}
                  y1={px(cy)}
                  x2={px(cx + r * a)}
                  y2={px(cy + r * b)}
                  stroke={TEXT_COLOR}
                  strokeWidth={1}
                />
                <circle
                  cx={px(cx + r * a)}
                  cy={px(cy + r * b)}
                  r={3}
                  fill={POLYTOPE_COLORS[name]}
                  stroke={TEXT_COLOR}
                  strokeWidth={0.75}
                />
              </g>
            ))}
            {name === 'other' ? (
              <Text x={cx} y={cy} anchor="middle" baseline="central" role="icon" tone="muted">
                ?
              </Text>
            ) : null}
            <Text x={cx} y={ty + 58} anchor="middle" tone="text">
              {POLYTOPE_LABELS[name]}
            </Text>
            <Text x={cx} y={ty + 75} anchor="middle" role="emphasis" weight={600}>
              {`× ${count}`}
            </Text>
          </g>
        );
      })}
    </ChartSvg>
  );
}
