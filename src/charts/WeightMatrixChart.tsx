/**
 * A weight matrix drawn as the paper's "W as a matrix" (§6.7): one row per hidden neuron, one
 * column per feature, each cell coloured by W[k, i] on a diverging scale symmetric about 0
 * (blue negative, white 0, red positive: RdBu, colour-blind safe, the same palette as WᵀW).
 * The scale runs over ±maxAbs so that several panels can share it; a legend shows its range.
 */
import { scaleBand, scaleLinear } from 'd3';
import {
  BACKGROUND,
  FONT_SIZE,
  HEADING_FONT_SIZE,
  MUTED_TEXT_COLOR,
  SMALL_FONT_SIZE,
  TEXT_COLOR,
  divergingColor,
  finite,
  fmt,
  px,
  svgRootProps,
} from './theme';
import { DivergingLegend } from './chart-parts';

export interface WeightMatrixChartProps {
  /** Feature-major n×m weights (the project's layout): W[i·m + k] is neuron k's weight on feature i. */
  W: ArrayLike<number>;
  /** Features (columns). */
  n: number;
  /** Hidden neurons (rows). */
  m: number;
  /** Neuron shown in each row, top to bottom (default 0 … m−1), e.g. the neuron stack plot's order. */
  rowOrder?: readonly number[];
  /** Half-width of the colour scale; default the largest |W| (1 when all are 0 or non-finite). */
  maxAbs?: number;
  /** Side of one cell in px. */
  cell?: number;
  title?: string;
}

/** Index labels only while they stay legible. */
const MAX_LABELLED = 40;

/** The largest finite |W| (0 if none): a shared colour scale for several panels. */
export function maxAbsWeight(W: ArrayLike<number>): number {
  let top = 0;
  for (let k = 0; k < W.length; k++) {
    const a = Math.abs(W[k]);
    if (Number.isFinite(a) && a > top) top = a;
  }
  return top;
}

export function WeightMatrixChart({ W, n, m, rowOrder, maxAbs, cell = 18, title = 'Weight matrix W (neurons × features)' }: WeightMatrixChartProps) {
  const cols = Math.max(0, Math.floor(finite(n)));
  const rowsCount = Math.max(0, Math.floor(finite(m)));
  // A row order that is not a permutation of the neurons would hide or repeat rows: ignore it.
  const validOrder = rowOrder && rowOrder.length === rowsCount && new Set(rowOrder).size === rowsCount && rowOrder.every((k) => Number.isInteger(k) && k >= 0 && k < rowsCount);
  const rows = validOrder ? [...rowOrder] : Array.from({ length: rowsCount }, (_, k) => k);
  const side = Math.max(2, finite(cell, 18));
  const top = finite(maxAbs ?? NaN, 0) > 0 ? (maxAbs as number) : maxAbsWeight(W) || 1;

  const labels = cols <= MAX_LABELLED && rowsCount <= MAX_LABELLED;
  const labelFont = Math.min(SMALL_FONT_SIZE + 1, Math.max(6, side * 0.6));
  const headingY = 15;
  const left = 30 + (labels ? 14 : 0);
  const matrixTop = headingY + 22 + (labels ? 12 : 0);
  const matrixW = cols * side;
  const matrixH = rowsCount * side;
  const x = scaleBand<number>().domain(Array.from({ length: cols }, (_, i) => i)).range([left, left + matrixW]);
  const y = scaleBand<number>().domain(rows).range([matrixTop, matrixTop + matrixH]);
  // Value → position on the diverging palette, [−top, top] → [−1, 1]; clamped so outliers saturate.
  const tone = scaleLinear().domain([-top, top]).range([-1, 1]).clamp(true);
  const colour = (v: number) => divergingColor(tone(finite(v)));

  const legendY = matrixTop + matrixH + 14;
  const legendHeight = 10;
  const legendWidth = Math.max(100, Math.min(180, matrixW));
  const width = Math.max(left + matrixW + 10, left + legendWidth + 16);
  const height = legendY + legendHeight + 30;
  const stroke = cols <= MAX_LABELLED ? BACKGROUND : 'none';

  const cells = [];
  for (const k of rows) {
    for (let i = 0; i < cols; i++) {
      const v = W[i * rowsCount + k];
      cells.push(
        <rect
          key={`${k},${i}`}
          data-cell={`${k},${i}`}
          x={px(x(i) ?? 0)}
          y={px(y(k) ?? 0)}
          width={px(side)}
          height={px(side)}
          fill={colour(v)}
          stroke={stroke}
          strokeWidth={0.5}
        >
          <title>{`neuron ${k}, feature ${i}: W = ${fmt(v)}`}</title>
        </rect>,
      );
    }
  }

  const indexLabels = [];
  if (labels) {
    for (let i = 0; i < cols; i++) {
      indexLabels.push(
        <text key={`c${i}`} x={px((x(i) ?? 0) + side / 2)} y={px(matrixTop - 4)} textAnchor="middle" fontSize={px(labelFont)} fill={MUTED_TEXT_COLOR}>
          {i}
        </text>,
      );
    }
    for (const k of rows) {
      indexLabels.push(
        <text key={`r${k}`} x={px(left - 4)} y={px((y(k) ?? 0) + side / 2)} textAnchor="end" dominantBaseline="central" fontSize={px(labelFont)} fill={MUTED_TEXT_COLOR}>
          {k}
        </text>,
      );
    }
  }

  return (
    <svg {...svgRootProps('weight-matrix', width, height, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={px(width)} height={px(height)} fill={BACKGROUND} />
      <text x={px(left + matrixW / 2)} y={headingY} textAnchor="middle" fontSize={HEADING_FONT_SIZE} fontWeight={600} fill={TEXT_COLOR}>
        W
      </text>
      <g data-layer="axis-labels">
        <text x={px(left + matrixW / 2)} y={px(headingY + 14)} textAnchor="middle" fontSize={FONT_SIZE - 1} fill={TEXT_COLOR}>
          feature i
        </text>
        <text
          x={12}
          y={px(matrixTop + matrixH / 2)}
          textAnchor="middle"
          dominantBaseline="central"
          fontSize={FONT_SIZE - 1}
          fill={TEXT_COLOR}
          transform={`rotate(-90 12 ${px(matrixTop + matrixH / 2)})`}
        >
          neuron k
        </text>
      </g>
      <g data-layer="matrix">{cells}</g>
      <g data-layer="labels">{indexLabels}</g>
      <g data-layer="legend">
        <DivergingLegend x={left} y={legendY} width={legendWidth} height={legendHeight} half={top} ticks={[-top, 0, top].map((v) => ({ value: v, label: fmt(v) }))} />
        <text x={px(left + legendWidth / 2)} y={px(legendY + legendHeight + 26)} textAnchor="middle" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
          {`W[k, i]: blue −, red +`}
        </text>
      </g>
    </svg>
  );
}
