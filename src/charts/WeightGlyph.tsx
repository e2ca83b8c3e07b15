/**
 * A thumbnail of one model's weights for hover cards: m = 1 — each feature as a stem at its
 * weight on a symmetric number line; m = 2 — each feature as a vector in the hidden plane
 * (as in FeatureGeometry2D); m > 2 — the n×n Gram matrix WᵀW as a tiny heatmap.
 */
import { scaleLinear } from 'd3';
import {
  AXIS_COLOR,
  BACKGROUND,
  GRID_COLOR,
  LINE_COLOR,
  MUTED_TEXT_COLOR,
  TEXT_COLOR,
  divergingColor,
  finite,
  fmt,
  importanceColor,
  px,
  svgRootProps,
} from './theme';

export interface WeightGlyphProps {
  /** Feature-major n×m weights: W[i*m + k] is component k of feature i's embedding. */
  W: ArrayLike<number>;
  n: number;
  m: number;
  /** Side of the square glyph in px. */
  size?: number;
  /** Importance per feature (length n); colours the features when given. */
  importance?: ArrayLike<number>;
  title?: string;
}

/** Index labels only while they stay legible at thumbnail size. */
const MAX_LABELLED_FEATURES = 12;
const GLYPH_FONT = 8;

export function WeightGlyph({ W, n, m, size = 90, importance, title }: WeightGlyphProps) {
  const count = Math.max(0, Math.floor(finite(n)));
  const dims = Math.max(0, Math.floor(finite(m)));
  const side = Math.max(40, finite(size, 90));
  const label = title ?? `Weights of a model with n = ${count} features in m = ${dims} hidden dimension${dims === 1 ? '' : 's'}`;
  const w = (i: number, k: number) => finite(W[i * dims + k]);

  const imp = importance ? Array.from({ length: count }, (_, i) => finite(importance[i])) : null;
  const lo = imp && imp.length ? Math.min(...imp) : 0;
  const hi = imp && imp.length ? Math.max(...imp) : 0;
  const colour = (i: number) => (imp ? importanceColor(hi - lo > 1e-12 ? (imp[i] - lo) / (hi - lo) : 1) : LINE_COLOR);
  const impNote = (i: number) => (imp ? `, importance ${fmt(imp[i])}` : '');
  const showLabels = count <= MAX_LABELLED_FEATURES;
  // Least important first, so the important features are drawn on top.
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => (imp ? imp[a] - imp[b] : a - b));

  let body;
  if (count === 0 || dims === 0) {
    body = (
      <text x={px(side / 2)} y={px(side / 2)} textAnchor="middle" dominantBaseline="central" fontSize={GLYPH_FONT} fill={MUTED_TEXT_COLOR}>
        no weights
      </text>
    );
  } else if (dims === 1) {
    const values = Array.from({ length: count }, (_, i) => w(i, 0));
    const extent = Math.max(1, ...values.map(Math.abs)) * 1.12;
    const pad = 8;
    const x = scaleLinear().domain([-extent, extent]).range([pad, side - pad]);
    const axisY = side * 0.66;
    // Stems of staggered heights, so features at the same weight (e.g. all dropped, at 0) stay apart.
    const levels = Math.min(count, 4);
    const stemTop = (i: number) => axisY - side * (0.16 + (levels > 1 ? (0.3 * (i % levels)) / (levels - 1) : 0));
    body = (
      <>
        <g data-layer="axis">
          <line x1={pad} x2={px(side - pad)} y1={px(axisY)} y2={px(axisY)} stroke={AXIS_COLOR} />
          {[-1, 0, 1].map((t) => (
            <g key={t}>
              <line x1={px(x(t))} x2={px(x(t))} y1={px(axisY)} y2={px(axisY + 3)} stroke={AXIS_COLOR} />
              <text x={px(x(t))} y={px(axisY + 11)} textAnchor="middle" fontSize={GLYPH_FONT - 1} fill={MUTED_TEXT_COLOR}>
                {t < 0 ? '−1' : String(t)}
              </text>
            </g>
          ))}
        </g>
        <g data-layer="features">
          {order.map((i) => {
            const cx = px(x(values[i]));
            const top = px(stemTop(i));
            return (
              <g key={i} data-feature={i}>
                <title>{`feature ${i}: W = ${fmt(W[i * dims])}${impNote(i)}`}</title>
                <line x1={cx} x2={cx} y1={px(axisY)} y2={top} stroke={colour(i)} strokeWidth={1.5} />
                <circle cx={cx} cy={top} r={3} fill={colour(i)} />
                {showLabels ? (
                  <text x={cx} y={px(top - 5)} textAnchor="middle" fontSize={GLYPH_FONT} fontWeight={600} fill={TEXT_COLOR}>
                    {i}
                  </text>
                ) : null}
              </g>
            );
          })}
        </g>
      </>
    );
  } else if (dims === 2) {
    const vecs = Array.from({ length: count }, (_, i) => [w(i, 0), w(i, 1)] as const);
    const norms = vecs.map(([a, b]) => Math.hypot(a, b));
    const extent = Math.max(1, ...norms) * 1.3;
    const pad = 4;
    const x = scaleLinear().domain([-extent, extent]).range([pad, side - pad]);
    const y = scaleLinear().domain([-extent, extent]).range([side - pad, pad]);
    const r1 = x(1) - x(0);
    body = (
      <>
        <g data-layer="axes">
          <line x1={pad} x2={px(side - pad)} y1={px(y(0))} y2={px(y(0))} stroke={GRID_COLOR} />
          <line x1={px(x(0))} x2={px(x(0))} y1={pad} y2={px(side - pad)} stroke={GRID_COLOR} />
          <circle cx={px(x(0))} cy={px(y(0))} r={px(r1)} fill="none" stroke={AXIS_COLOR} strokeWidth={0.5} strokeDasharray="2 2" />
        </g>
        <g data-layer="features">
          {order.map((i) => {
            const [vx, vy] = vecs[i];
            const norm = norms[i];
            const ux = norm > 1e-9 ? vx / norm : 0.7071;
            const uy = norm > 1e-9 ? vy / norm : 0.7071;
            return (
              <g key={i} data-feature={i}>
                <title>{`feature ${i}: W = (${fmt(W[i * dims])}, ${fmt(W[i * dims + 1])})${impNote(i)}`}</title>
                <line x1={px(x(0))} y1={px(y(0))} x2={px(x(vx))} y2={px(y(vy))} stroke={colour(i)} strokeWidth={1.5} strokeLinecap="round" />
                <circle cx={px(x(vx))} cy={px(y(vy))} r={2.25} fill={colour(i)} />
                {showLabels ? (
                  <text
                    x={px(x(vx) + ux * 7)}
                    y={px(y(vy) - uy * 7)}
                    textAnchor="middle"
                    dominantBaseline="central"
                    fontSize={GLYPH_FONT}
                    fontWeight={600}
                    fill={TEXT_COLOR}
                  >
                    {i}
                  </text>
                ) : null}
              </g>
            );
          })}
        </g>
      </>
    );
  } else {
    // WᵀW: G_ij = W_i · W_j over the m hidden dimensions. An importance strip sits on the left.
    const strip = imp ? 5 : 0;
    const pad = 3;
    const matrix = side - 2 * pad - (strip ? strip + 2 : 0);
    const cell = matrix / count;
    const x0 = pad + (strip ? strip + 2 : 0);
    const cells = [];
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < count; j++) {
        let g = 0;
        for (let k = 0; k < dims; k++) g += w(i, k) * w(j, k);
        cells.push(
          <rect
            key={`${i},${j}`}
            data-cell={`${i},${j}`}
            x={px(x0 + j * cell)}
            y={px(pad + i * cell)}
            width={px(cell)}
            height={px(cell)}
            fill={divergingColor(g)}
            stroke={count <= 20 ? BACKGROUND : 'none'}
            strokeWidth={0.4}
          >
            <title>{`W_${i}·W_${j} = ${fmt(g)}`}</title>
          </rect>,
        );
      }
    }
    body = (
      <>
        <g data-layer="matrix">{cells}</g>
        {imp ? (
          <g data-layer="importance">
            {Array.from({ length: count }, (_, i) => (
              <rect key={i} data-importance={i} x={pad} y={px(pad + i * cell)} width={strip} height={px(cell)} fill={colour(i)}>
                <title>{`feature ${i}${impNote(i)}`}</title>
              </rect>
            ))}
          </g>
        ) : null}
      </>
    );
  }

  return (
    <svg {...svgRootProps('weight-glyph', side, side, label)} data-m={dims}>
      <title>{label}</title>
      <rect x={0} y={0} width={px(side)} height={px(side)} fill={BACKGROUND} />
      {body}
    </svg>
  );
}
