/**
 * A matrix of cosines between two sets of directions (rows: e.g. true features; columns: e.g.
 * learned atoms, in a matched order so matches sit on the diagonal), as a heatmap of |cos| from
 * white (0) to dark blue (1). Cells at or above a threshold get a dark outline: those pairs count
 * as the same direction.
 */
import { interpolateBlues } from 'd3';
import { fmt } from '../model/format';
import { ChartSvg } from './frame';
import { HIGHLIGHT_COLOR } from './palette';
import { ColorRamp, rampHeight } from './legend';
import { HeatCell, IndexLabels, indexLabelSize } from './matrix';
import { Text } from './text';
import { BACKGROUND, TEXT_COLOR, clamp, finite, px } from './theme';

export interface CosineMatrixProps {
  /** Row-major [rows, cols] cosines (signed; drawn as |cos|). */
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  /** Column order to draw (default 0 … cols − 1). */
  colOrder?: readonly number[];
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
  rowTitle?: string;
  colTitle?: string;
  /** Outline cells with |cos| ≥ threshold (default 0.9; null: none). */
  threshold?: number | null;
  /** Width of the matrix area in px (cells are square, capped at 26 px). */
  size?: number;
  title?: string;
  /** Outline a row and a column (e.g. a feature and its matched latent, hovered anywhere in the section). */
  highlight?: { row: number | null; col: number | null } | null;
}

/** Colour steps of |cos|: finer than the eye tells apart on this scale. */
const COSINE_LEVELS = 100;

/**
 * Cosine colour: |cos| ∈ [0, 1] on a white → dark-blue scale (skipping the palest end), in steps of
 * 1/100 so that a cell's fill changes only when its value moves visibly: a live matrix then restyles
 * the few cells that moved, not all of them (800 cells restyled took 25–35 ms a redraw in Chromium).
 */
export const cosineColor = (v: number) =>
  interpolateBlues(0.04 + (0.96 * Math.round(clamp(Math.abs(finite(v)), 0, 1) * COSINE_LEVELS)) / COSINE_LEVELS);

export function CosineMatrix({
  values,
  rows,
  cols,
  colOrder,
  rowLabels,
  colLabels,
  rowTitle = 'features',
  colTitle = 'atoms',
  threshold = 0.9,
  size = 320,
  title = '|cos| between two sets of directions',
  highlight = null,
}: CosineMatrixProps) {
  const R = Math.max(0, Math.floor(finite(rows)));
  const C = Math.max(0, Math.floor(finite(cols)));
  const order = colOrder && colOrder.length === C ? colOrder : Array.from({ length: C }, (_, j) => j);
  const cell = clamp(finite(size, 320) / Math.max(1, C), 3, 26);
  const showRowLabels = R <= 40 && cell >= 6;
  const showColLabels = C <= 40 && cell >= 15;
  const left = 34 + (showRowLabels ? 10 : 0);
  const top = 30 + (showColLabels ? 10 : 0);
  const matW = C * cell;
  const matH = R * cell;
  const legendY = top + matH + 14;
  const legendWidth = 150;
  const w = Math.max(left + matW + 12, left + legendWidth + 60);
  const h = legendY + rampHeight('|cos|') + 4;

  // One group per column in a fixed (unordered) DOM order, placed by a translate: when the column order
  // changes while a run trains, only the moved columns' transforms change, and no cell is restyled.
  const at = new Array<number>(C).fill(0);
  order.forEach((j, c) => (at[j] = c));
  const columns = [];
  for (let j = 0; j < C; j++) {
    const cells = [];
    for (let r = 0; r < R; r++) {
      const v = values[r * C + j];
      const a = Math.abs(finite(v));
      const hit = threshold !== null && a >= threshold;
      cells.push(
        <HeatCell
          key={r}
          data-cell={`${r},${j}`}
          data-match={hit ? 1 : undefined}
          x={0}
          y={top + r * cell}
          width={cell}
          height={cell}
          fill={cosineColor(a)}
          stroke={hit ? TEXT_COLOR : BACKGROUND}
          strokeWidth={hit ? 1.25 : 0.5}
          tip={`${rowLabels?.[r] ?? `row ${r}`} · ${colLabels?.[j] ?? `column ${j}`}: cos = ${fmt(finite(v, NaN))}`}
        />,
      );
    }
    columns.push(
      <g key={j} transform={`translate(${px(left + at[j] * cell)},0)`}>
        {cells}
      </g>,
    );
  }
  const rampTop = legendY + rampHeight('|cos|') - rampHeight();

  return (
    <ChartSvg chart="cosine-matrix" width={w} height={h} title={title}>
      <Text x={left + matW / 2} y={12} anchor="middle" role="label">
        {colTitle}
      </Text>
      <Text x={12} y={top + matH / 2} anchor="middle" role="label" rotate={-90}>
        {rowTitle}
      </Text>
      <g data-layer="cells">{columns}</g>
      {highlight ? (
        <MatrixHighlight
          row={highlight.row}
          col={highlight.col === null ? null : order.indexOf(highlight.col)}
          rows={R}
          cols={C}
          left={left}
          top={top}
          cell={cell}
        />
      ) : null}
      {showRowLabels ? (
        <IndexLabels
          edge="left"
          at={left}
          labels={Array.from({ length: R }, (_, r) => ({
            text: rowLabels?.[r] ?? String(r),
            centre: top + (r + 0.5) * cell,
          }))}
          size={indexLabelSize(cell)}
        />
      ) : null}
      {showColLabels ? (
        <IndexLabels
          edge="top"
          at={top}
          labels={order.map((j, c) => ({ text: colLabels?.[j] ?? String(j), centre: left + (c + 0.5) * cell }))}
          size={indexLabelSize(cell * 0.85)}
        />
      ) : null}
      <ColorRamp
        x={left}
        y={legendY}
        width={legendWidth}
        color={cosineColor}
        title="|cos|"
        ticks={[0, 0.5, 1].map((at) => ({ at, label: String(at) }))}
      >
        {threshold !== null ? (
          <g>
            <rect
              x={px(left + legendWidth + 10)}
              y={px(rampTop)}
              width={10}
              height={10}
              fill="none"
              stroke={TEXT_COLOR}
              strokeWidth={1.25}
            />
            <Text x={left + legendWidth + 24} y={rampTop + 5} baseline="central">
              {`≥ ${fmt(threshold)}`}
            </Text>
          </g>
        ) : null}
      </ColorRamp>
    </ChartSvg>
  );
}

/** Outlines of one row and one column position of the matrix (either may be absent). */
function MatrixHighlight(p: {
  row: number | null;
  col: number | null;
  rows: number;
  cols: number;
  left: number;
  top: number;
  cell: number;
}) {
  const { row, col, rows, cols, left, top, cell } = p;
  return (
    <g data-layer="highlight" fill="none" stroke={HIGHLIGHT_COLOR} strokeWidth={2} pointerEvents="none">
      {row !== null && row >= 0 && row < rows ? (
        <rect
          data-highlight-row={row}
          x={px(left)}
          y={px(top + row * cell)}
          width={px(cols * cell)}
          height={px(cell)}
        />
      ) : null}
      {col !== null && col >= 0 && col < cols ? (
        <rect
          data-highlight-col={col}
          x={px(left + col * cell)}
          y={px(top)}
          width={px(cell)}
          height={px(rows * cell)}
        />
      ) : null}
    </g>
  );
}
