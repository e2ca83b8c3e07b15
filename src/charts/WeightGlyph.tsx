/**
 * A thumbnail of one model's weights for hover cards: m = 1 — each feature as a stem at its
 * weight on a symmetric number line; m = 2 — each feature as a vector in the hidden plane
 * (as in FeatureGeometry2D); m > 2 — the n×n Gram matrix WᵀW as a tiny heatmap.
 */
import { scaleLinear } from 'd3';
import { fmt } from '../model/format';
import { ChartSvg, dimension } from './frame';
import { HeatCell } from './matrix';
import { PlaneAxes, TipLabel, Vector, planeLayout } from './plane';
import { Text } from './text';
import { AXIS_COLOR, BACKGROUND, LINE_COLOR, divergingColor, finite, importanceColor, px } from './theme';

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

/** What the three pictures share: the weights, the colour and note of each feature, its drawing order. */
interface Glyph {
  side: number;
  count: number;
  dims: number;
  /** The raw weights, for tooltips ("—" where non-finite)… */
  W: ArrayLike<number>;
  /** …and sanitised, for drawing. */
  w(i: number, k: number): number;
  colour(i: number): string;
  impNote(i: number): string;
  /** Least important first, so the important features are drawn on top. */
  order: number[];
  showLabels: boolean;
  hasImportance: boolean;
}

/** m = 1: a stem per feature at its weight on a symmetric number line. */
function NumberLine({ g }: { g: Glyph }) {
  const { side, count } = g;
  const values = Array.from({ length: count }, (_, i) => g.w(i, 0));
  const extent = Math.max(1, ...values.map(Math.abs)) * 1.12;
  const pad = 8;
  const x = scaleLinear()
    .domain([-extent, extent])
    .range([pad, side - pad]);
  const axisY = side * 0.66;
  // Stems of staggered heights, so features at the same weight (e.g. all dropped, at 0) stay apart.
  const levels = Math.min(count, 4);
  const stemTop = (i: number) => axisY - side * (0.16 + (levels > 1 ? (0.3 * (i % levels)) / (levels - 1) : 0));
  return (
    <>
      <g data-layer="axis">
        <line x1={pad} x2={px(side - pad)} y1={px(axisY)} y2={px(axisY)} stroke={AXIS_COLOR} />
        {[-1, 0, 1].map((t) => (
          <g key={t}>
            <line x1={px(x(t))} x2={px(x(t))} y1={px(axisY)} y2={px(axisY + 3)} stroke={AXIS_COLOR} />
            <Text x={x(t)} y={axisY + 11} anchor="middle" role="glyph">
              {t < 0 ? '−1' : String(t)}
            </Text>
          </g>
        ))}
      </g>
      <g data-layer="features">
        {g.order.map((i) => {
          const cx = px(x(values[i]));
          const top = px(stemTop(i));
          return (
            <g key={i} data-feature={i}>
              <title>{`feature ${i}: W = ${fmt(g.W[i * g.dims])}${g.impNote(i)}`}</title>
              <line x1={cx} x2={cx} y1={px(axisY)} y2={top} stroke={g.colour(i)} strokeWidth={1.5} />
              <circle cx={cx} cy={top} r={3} fill={g.colour(i)} />
              {g.showLabels ? (
                <Text x={cx} y={top - 5} anchor="middle" role="glyph" weight={600} tone="text">
                  {i}
                </Text>
              ) : null}
            </g>
          );
        })}
      </g>
    </>
  );
}

/** m = 2: each feature as a vector in the hidden plane. */
function PlaneGlyph({ g }: { g: Glyph }) {
  const vecs = Array.from({ length: g.count }, (_, i) => [g.w(i, 0), g.w(i, 1)] as const);
  const plane = planeLayout(g.side, Math.max(1, ...vecs.map(([a, b]) => Math.hypot(a, b))) * 1.3, 4);
  return (
    <>
      <PlaneAxes plane={plane} />
      <g data-layer="features">
        {g.order.map((i) => (
          <g key={i} data-feature={i}>
            <title>{`feature ${i}: W = (${fmt(g.W[i * g.dims])}, ${fmt(g.W[i * g.dims + 1])})${g.impNote(i)}`}</title>
            <Vector plane={plane} to={vecs[i]} color={g.colour(i)} width={1.5} dot={2.25} />
            {g.showLabels ? (
              <TipLabel plane={plane} to={vecs[i]} gap={7} role="glyph">
                {i}
              </TipLabel>
            ) : null}
          </g>
        ))}
      </g>
    </>
  );
}

/** m > 2: WᵀW, G_ij = W_i · W_j over the m hidden dimensions, with an importance strip on the left. */
function GramGlyph({ g }: { g: Glyph }) {
  const { side, count, dims } = g;
  const strip = g.hasImportance ? 5 : 0;
  const pad = 3;
  const cell = (side - 2 * pad - (strip ? strip + 2 : 0)) / count;
  const x0 = pad + (strip ? strip + 2 : 0);
  const cells = [];
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) {
      let v = 0;
      for (let k = 0; k < dims; k++) v += g.w(i, k) * g.w(j, k);
      cells.push(
        <HeatCell
          key={`${i},${j}`}
          data-cell={`${i},${j}`}
          x={x0 + j * cell}
          y={pad + i * cell}
          width={cell}
          height={cell}
          fill={divergingColor(v)}
          stroke={count <= 20 ? BACKGROUND : 'none'}
          strokeWidth={0.4}
          tip={`W_${i}·W_${j} = ${fmt(v)}`}
        />,
      );
    }
  }
  return (
    <>
      <g data-layer="matrix">{cells}</g>
      {strip ? (
        <g data-layer="importance">
          {Array.from({ length: count }, (_, i) => (
            <HeatCell
              key={i}
              data-importance={i}
              x={pad}
              y={pad + i * cell}
              width={strip}
              height={cell}
              fill={g.colour(i)}
              tip={`feature ${i}${g.impNote(i)}`}
            />
          ))}
        </g>
      ) : null}
    </>
  );
}

export function WeightGlyph({ W, n, m, size = 90, importance, title }: WeightGlyphProps) {
  const count = Math.max(0, Math.floor(finite(n)));
  const dims = Math.max(0, Math.floor(finite(m)));
  const side = dimension(size, 90, 40);
  const label =
    title ?? `Weights of a model with n = ${count} features in m = ${dims} hidden dimension${dims === 1 ? '' : 's'}`;
  const imp = importance ? Array.from({ length: count }, (_, i) => finite(importance[i])) : null;
  const lo = imp && imp.length ? Math.min(...imp) : 0;
  const hi = imp && imp.length ? Math.max(...imp) : 0;
  const g: Glyph = {
    side,
    count,
    dims,
    W,
    w: (i, k) => finite(W[i * dims + k]),
    colour: (i) => (imp ? importanceColor(hi - lo > 1e-12 ? (imp[i] - lo) / (hi - lo) : 1) : LINE_COLOR),
    impNote: (i) => (imp ? `, importance ${fmt(imp[i])}` : ''),
    order: Array.from({ length: count }, (_, i) => i).sort((a, b) => (imp ? imp[a] - imp[b] : a - b)),
    showLabels: count <= MAX_LABELLED_FEATURES,
    hasImportance: imp !== null,
  };
  return (
    <ChartSvg chart="weight-glyph" width={side} height={side} title={label} data-m={dims}>
      {count === 0 || dims === 0 ? (
        <Text x={side / 2} y={side / 2} anchor="middle" baseline="central" role="glyph">
          no weights
        </Text>
      ) : dims === 1 ? (
        <NumberLine g={g} />
      ) : dims === 2 ? (
        <PlaneGlyph g={g} />
      ) : (
        <GramGlyph g={g} />
      )}
    </ChartSvg>
  );
}
