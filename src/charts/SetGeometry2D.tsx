/**
 * The hidden plane of an m = 2 model with feature sets (correlated / anticorrelated): each
 * feature's column W_i drawn from the origin, coloured by the set it belongs to (grey when it is
 * in none), labelled with its index. Square and symmetric so angles read true.
 */
import { scaleLinear } from 'd3';
import { NEUTRAL_COLOR, seriesColor } from './chart-parts';
import { AXIS_COLOR, BACKGROUND, GRID_COLOR, MUTED_TEXT_COLOR, SMALL_FONT_SIZE, TEXT_COLOR, finite, fmt, px, svgRootProps } from './theme';

export interface SetGeometry2DProps {
  /** Feature-major n×2 weights. */
  W: ArrayLike<number>;
  n: number;
  /** Set index per feature (−1: independent), e.g. setIndexOfFeature. */
  setOf: ArrayLike<number>;
  /** Short label under the plot (density, loss…). */
  note?: string;
  size?: number;
  title?: string;
}

const DROPPED_NORM = 0.05;

export function setColor(set: number): string {
  return set < 0 ? NEUTRAL_COLOR : seriesColor(set);
}

export function SetGeometry2D({ W, n, setOf, note, size = 200, title = 'Feature embeddings coloured by feature set' }: SetGeometry2DProps) {
  const count = Math.max(0, Math.floor(finite(n)));
  const side = Math.max(120, finite(size, 200));
  const pad = 22;
  const bottom = note ? 16 : 0;
  const vecs = Array.from({ length: count }, (_, i) => [finite(W[i * 2]), finite(W[i * 2 + 1])] as const);
  const norms = vecs.map(([a, b]) => Math.hypot(a, b));
  const extent = Math.max(1, ...norms) * 1.18;
  const x = scaleLinear().domain([-extent, extent]).range([pad, side - pad]);
  const y = scaleLinear().domain([-extent, extent]).range([side - pad, pad]);
  const r1 = x(1) - x(0);
  return (
    <svg {...svgRootProps('set-geometry-2d', side, side + bottom, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={side} height={side + bottom} fill={BACKGROUND} />
      <g data-layer="axes">
        <line x1={px(x(-extent))} x2={px(x(extent))} y1={px(y(0))} y2={px(y(0))} stroke={GRID_COLOR} />
        <line x1={px(x(0))} x2={px(x(0))} y1={px(y(-extent))} y2={px(y(extent))} stroke={GRID_COLOR} />
        <circle cx={px(x(0))} cy={px(y(0))} r={px(r1)} fill="none" stroke={AXIS_COLOR} strokeWidth={0.75} strokeDasharray="3 3" />
      </g>
      <g data-layer="features">
        {vecs.map(([vx, vy], i) => {
          const set = Math.floor(finite(setOf[i], -1));
          const colour = setColor(set);
          const norm = norms[i];
          const dropped = norm < DROPPED_NORM;
          const ux = dropped ? 0.7071 : vx / norm;
          const uy = dropped ? 0.7071 : vy / norm;
          return (
            <g key={i} data-feature={i} data-set={set} opacity={dropped ? 0.5 : 1}>
              <title>{`feature ${i}${set >= 0 ? `, set ${set}` : ''}: W = (${fmt(vx)}, ${fmt(vy)}), ‖W‖ = ${fmt(norm)}`}</title>
              <line x1={px(x(0))} y1={px(y(0))} x2={px(x(vx))} y2={px(y(vy))} stroke={colour} strokeWidth={2} strokeLinecap="round" />
              <circle cx={px(x(vx))} cy={px(y(vy))} r={3.5} fill={colour} />
              <text x={px(x(vx) + ux * 10)} y={px(y(vy) - uy * 10)} textAnchor="middle" dominantBaseline="central" fontSize={SMALL_FONT_SIZE + 1} fontWeight={600} fill={TEXT_COLOR}>
                {i}
              </text>
            </g>
          );
        })}
      </g>
      {note ? (
        <text x={px(side / 2)} y={px(side + bottom - 4)} textAnchor="middle" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
          {note}
        </text>
      ) : null}
    </svg>
  );
}
