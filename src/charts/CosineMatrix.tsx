/**
 * A matrix of cosines between two sets of directions (rows: e.g. true features; columns: e.g.
 * learned atoms, in a matched order so matches sit on the diagonal), as a heatmap of |cos| from
 * white (0) to dark blue (1). Cells at or above a threshold get a dark outline: those pairs count
 * as the same direction.
 */
import { interpolateBlues } from 'd3';
import { BACKGROUND, FONT_SIZE, MUTED_TEXT_COLOR, SMALL_FONT_SIZE, TEXT_COLOR, clamp, finite, fmt, legendSwatches, px, svgRootProps } from './theme';

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
}

const LEGEND_SWATCHES = 30;
/** Cosine colour: |cos| ∈ [0, 1] on a white → dark-blue scale (skipping the palest end). */
export const cosineColor = (v: number) => interpolateBlues(0.04 + 0.96 * clamp(Math.abs(finite(v)), 0, 1));

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
  const legendY = top + matH + 18;
  const legendWidth = 150;
  const w = Math.max(left + matW + 12, left + legendWidth + 60);
  const h = legendY + 10 + 30;

  const cells = [];
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const j = order[c];
      const v = values[r * C + j];
      const a = Math.abs(finite(v));
      const hit = threshold !== null && a >= threshold;
      cells.push(
        <rect
          key={`${r},${c}`}
          data-cell={`${r},${j}`}
          data-match={hit ? 1 : undefined}
          x={px(left + c * cell)}
          y={px(top + r * cell)}
          width={px(cell)}
          height={px(cell)}
          fill={cosineColor(a)}
          stroke={hit ? TEXT_COLOR : BACKGROUND}
          strokeWidth={hit ? 1.25 : 0.5}
        >
          <title>{`${rowLabels?.[r] ?? `row ${r}`} · ${colLabels?.[j] ?? `column ${j}`}: cos = ${fmt(finite(v, NaN))}`}</title>
        </rect>,
      );
    }
  }

  return (
    <svg {...svgRootProps('cosine-matrix', w, h, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={px(w)} height={px(h)} fill={BACKGROUND} />
      <text x={px(left + matW / 2)} y={12} textAnchor="middle" fontSize={FONT_SIZE - 1} fill={TEXT_COLOR}>
        {colTitle}
      </text>
      <text x={12} y={px(top + matH / 2)} textAnchor="middle" fontSize={FONT_SIZE - 1} fill={TEXT_COLOR} transform={`rotate(-90 12 ${px(top + matH / 2)})`}>
        {rowTitle}
      </text>
      <g data-layer="cells">{cells}</g>
      {showRowLabels ? (
        <g data-layer="row-labels">
          {Array.from({ length: R }, (_, r) => (
            <text key={r} x={px(left - 4)} y={px(top + (r + 0.5) * cell)} textAnchor="end" dominantBaseline="central" fontSize={Math.min(SMALL_FONT_SIZE, Math.max(6, cell * 0.7))} fill={MUTED_TEXT_COLOR}>
              {rowLabels?.[r] ?? String(r)}
            </text>
          ))}
        </g>
      ) : null}
      {showColLabels ? (
        <g data-layer="col-labels">
          {order.map((j, c) => (
            <text key={c} x={px(left + (c + 0.5) * cell)} y={px(top - 4)} textAnchor="middle" fontSize={Math.min(SMALL_FONT_SIZE, Math.max(6, cell * 0.6))} fill={MUTED_TEXT_COLOR}>
              {colLabels?.[j] ?? String(j)}
            </text>
          ))}
        </g>
      ) : null}
      <g data-layer="legend">
        {legendSwatches(left, legendWidth, LEGEND_SWATCHES, (t) => cosineColor(t)).map((sw) => (
          <rect key={sw.x} x={sw.x} y={px(legendY)} width={sw.width} height={10} fill={sw.fill} />
        ))}
        <text x={left} y={px(legendY + 22)} fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
          |cos| 0
        </text>
        <text x={px(left + legendWidth)} y={px(legendY + 22)} textAnchor="end" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
          1
        </text>
        {threshold !== null ? (
          <g>
            <rect x={px(left + legendWidth + 10)} y={px(legendY)} width={10} height={10} fill="none" stroke={TEXT_COLOR} strokeWidth={1.25} />
            <text x={px(left + legendWidth + 24)} y={px(legendY + 9)} fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
              {`≥ ${fmt(threshold)}`}
            </text>
          </g>
        ) : null}
      </g>
    </svg>
  );
}
