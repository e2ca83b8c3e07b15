/**
 * The hidden plane of an m = 2 model: each feature's column W_i drawn as a vector from the
 * origin, coloured by importance and labelled with its index (the paper's pentagon/antipodal
 * pictures). The view is square and symmetric so angles read true.
 */
import { scaleLinear } from 'd3';
import {
  AXIS_COLOR,
  BACKGROUND,
  GRID_COLOR,
  MUTED_TEXT_COLOR,
  SMALL_FONT_SIZE,
  TEXT_COLOR,
  finite,
  fmt,
  importanceColor,
  px,
  svgRootProps,
} from './theme';

export interface FeatureGeometry2DProps {
  /** Feature-major n×2 weights: W[i*2 + k] is component k of feature i's embedding. */
  W: ArrayLike<number>;
  n: number;
  /** Importance per feature (length n); colours the vectors. */
  importance: ArrayLike<number>;
  size?: number;
  title?: string;
}

/** Features shorter than this are drawn as a faint dot: the model has dropped them. */
const DROPPED_NORM = 0.05;

export function FeatureGeometry2D({ W, n, importance, size = 300, title = 'Feature embeddings W_i in the 2-D hidden space' }: FeatureGeometry2DProps) {
  const count = Math.max(0, Math.floor(finite(n)));
  const side = Math.max(120, finite(size, 300));
  const pad = 26;
  const vecs = Array.from({ length: count }, (_, i) => [finite(W[i * 2]), finite(W[i * 2 + 1])] as const);
  const norms = vecs.map(([x, y]) => Math.hypot(x, y));
  // Unit circle always visible; grow to fit longer vectors plus room for labels.
  const extent = Math.max(1, ...norms) * 1.18;
  const x = scaleLinear().domain([-extent, extent]).range([pad, side - pad]);
  const y = scaleLinear().domain([-extent, extent]).range([side - pad, pad]);
  const r1 = x(1) - x(0);

  const imp = Array.from({ length: count }, (_, i) => finite(importance[i]));
  const lo = Math.min(...imp);
  const hi = Math.max(...imp);
  const tOf = (v: number) => (hi - lo > 1e-12 ? (v - lo) / (hi - lo) : 1);

  // Draw the least important first so the important vectors sit on top.
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => imp[a] - imp[b]);

  return (
    <svg {...svgRootProps('feature-geometry-2d', side, side, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={side} height={side} fill={BACKGROUND} />
      <g data-layer="axes">
        <line x1={px(x(-extent))} x2={px(x(extent))} y1={px(y(0))} y2={px(y(0))} stroke={GRID_COLOR} />
        <line x1={px(x(0))} x2={px(x(0))} y1={px(y(-extent))} y2={px(y(extent))} stroke={GRID_COLOR} />
        <circle cx={px(x(0))} cy={px(y(0))} r={px(r1)} fill="none" stroke={AXIS_COLOR} strokeWidth={0.75} strokeDasharray="3 3" />
        <text x={px(x(0) + r1 * 0.7071 + 3)} y={px(y(0) - r1 * 0.7071 - 3)} fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
          ‖W‖ = 1
        </text>
        <text x={side - 6} y={px(y(0) - 4)} textAnchor="end" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
          h₀
        </text>
        <text x={px(x(0) + 4)} y={12} fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
          h₁
        </text>
      </g>
      <g data-layer="features">
        {order.map((i) => {
          const [vx, vy] = vecs[i];
          const colour = importanceColor(tOf(imp[i]));
          const norm = norms[i];
          const dropped = norm < DROPPED_NORM;
          // Label just beyond the tip, along the vector's direction.
          const ux = dropped ? 0.7071 : vx / norm;
          const uy = dropped ? 0.7071 : vy / norm;
          const lx = x(vx) + ux * 10;
          const ly = y(vy) - uy * 10;
          return (
            <g key={i} data-feature={i} opacity={dropped ? 0.5 : 1}>
              <title>{`feature ${i}: W = (${fmt(vx)}, ${fmt(vy)}), ‖W‖ = ${fmt(norm)}, importance ${fmt(imp[i])}`}</title>
              <line x1={px(x(0))} y1={px(y(0))} x2={px(x(vx))} y2={px(y(vy))} stroke={colour} strokeWidth={2} strokeLinecap="round" />
              <circle cx={px(x(vx))} cy={px(y(vy))} r={3.5} fill={colour} />
              <text x={px(lx)} y={px(ly)} textAnchor="middle" dominantBaseline="central" fontSize={SMALL_FONT_SIZE + 1} fontWeight={600} fill={TEXT_COLOR}>
                {i}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
