/**
 * A weight matrix drawn as the paper's "W as a matrix" ("Superposition in a Privileged Basis"): one row per
 * hidden neuron, one column per feature, each cell coloured by W[k, i] on a diverging scale symmetric about 0
 * (blue negative, white 0, red positive: RdBu, colour-blind safe, the same palette as WᵀW). The scale runs
 * over ±maxAbs so that several panels can share it; a legend shows its range.
 */
import { scaleBand, scaleLinear } from 'd3';
import { fmt } from '../model/format';
import { ChartSvg } from './frame';
import { ColorRamp, rampHeight } from './legend';
import { HeatCell, IndexLabels, indexLabelSize } from './matrix';
import { Text } from './text';
import { BACKGROUND, divergingColor, divergingRamp, finite } from './theme';

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

export function WeightMatrixChart({
  W,
  n,
  m,
  rowOrder,
  maxAbs,
  cell = 18,
  title = 'Weight matrix W (neurons × features)',
}: WeightMatrixChartProps) {
  const cols = Math.max(0, Math.floor(finite(n)));
  const rowsCount = Math.max(0, Math.floor(finite(m)));
  // A row order that is not a permutation of the neurons would hide or repeat rows: ignore it.
  const validOrder =
    rowOrder &&
    rowOrder.length === rowsCount &&
    new Set(rowOrder).size === rowsCount &&
    rowOrder.every((k) => Number.isInteger(k) && k >= 0 && k < rowsCount);
  const rows = validOrder ? [...rowOrder] : Array.from({ length: rowsCount }, (_, k) => k);
  const side = Math.max(2, finite(cell, 18));
  const top = finite(maxAbs ?? NaN, 0) > 0 ? (maxAbs as number) : maxAbsWeight(W) || 1;

  const labels = cols <= MAX_LABELLED && rowsCount <= MAX_LABELLED;
  const headingY = 15;
  const left = 30 + (labels ? 14 : 0);
  const matrixTop = headingY + 22 + (labels ? 12 : 0);
  const matrixW = cols * side;
  const matrixH = rowsCount * side;
  const x = scaleBand<number>()
    .domain(Array.from({ length: cols }, (_, i) => i))
    .range([left, left + matrixW]);
  const y = scaleBand<number>()
    .domain(rows)
    .range([matrixTop, matrixTop + matrixH]);
  // Value → position on the diverging palette, [−top, top] → [−1, 1]; clamped so outliers saturate.
  const tone = scaleLinear().domain([-top, top]).range([-1, 1]).clamp(true);
  const colour = (v: number) => divergingColor(tone(finite(v)));

  const legendY = matrixTop + matrixH + 14;
  const legendWidth = Math.max(100, Math.min(180, matrixW));
  const width = Math.max(left + matrixW + 10, left + legendWidth + 16);
  const height = legendY + rampHeight() + 14;
  const stroke = cols <= MAX_LABELLED ? BACKGROUND : 'none';

  const cells = [];
  for (const k of rows) {
    for (let i = 0; i < cols; i++) {
      const v = W[i * rowsCount + k];
      cells.push(
        <HeatCell
          key={`${k},${i}`}
          data-cell={`${k},${i}`}
          x={x(i) ?? 0}
          y={y(k) ?? 0}
          width={side}
          height={side}
          fill={colour(v)}
          stroke={stroke}
          tip={`neuron ${k}, feature ${i}: W = ${fmt(v)}`}
        />,
      );
    }
  }
  const labelSize = indexLabelSize(side * 0.85);

  return (
    <ChartSvg chart="weight-matrix" width={width} height={height} title={title}>
      <Text x={left + matrixW / 2} y={headingY} anchor="middle" role="heading" weight={600}>
        W
      </Text>
      <g data-layer="axis-labels">
        <Text x={left + matrixW / 2} y={headingY + 14} anchor="middle" role="label">
          feature i
        </Text>
        <Text x={12} y={matrixTop + matrixH / 2} anchor="middle" baseline="central" role="label" rotate={-90}>
          neuron k
        </Text>
      </g>
      <g data-layer="matrix">{cells}</g>
      {labels ? (
        <>
          <IndexLabels
            edge="top"
            at={matrixTop}
            labels={Array.from({ length: cols }, (_, i) => ({ text: i, centre: (x(i) ?? 0) + side / 2 }))}
            size={labelSize}
          />
          <IndexLabels
            edge="left"
            at={left}
            labels={rows.map((k) => ({ text: k, centre: (y(k) ?? 0) + side / 2 }))}
            size={labelSize}
          />
        </>
      ) : null}
      <ColorRamp
        x={left}
        y={legendY}
        width={legendWidth}
        color={divergingRamp}
        ticks={[-top, 0, top].map((v) => ({ at: (v / top + 1) / 2, label: fmt(v) }))}
      >
        <Text x={left + legendWidth / 2} y={legendY + rampHeight() + 10} anchor="middle" role="note">
          {`W[k, i]: blue −, red +`}
        </Text>
      </ColorRamp>
    </ChartSvg>
  );
}
