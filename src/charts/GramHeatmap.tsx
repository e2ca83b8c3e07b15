/**
 * WᵀW (the n×n Gram matrix of feature embeddings) as a heatmap, with the bias vector b as a
 * separate column, as in the paper's Figure 2-style plots. Diagonal = ‖W_i‖², off-diagonal =
 * interference between features i and j.
 */
import {
  BACKGROUND,
  FONT_SIZE,
  HEADING_FONT_SIZE,
  MUTED_TEXT_COLOR,
  SMALL_FONT_SIZE,
  TEXT_COLOR,
  clamp,
  divergingColor,
  finite,
  fmt,
  px,
  svgRootProps,
} from './theme';
import { DivergingLegend } from './chart-parts';

export interface GramHeatmapProps {
  /** Row-major n×n Gram matrix, G[i*n + j] = W_i · W_j. */
  gram: ArrayLike<number>;
  /** Bias vector b (length n). */
  bias: ArrayLike<number>;
  n: number;
  /** Side length of the matrix square in px (labels, bias column and legend come on top). */
  size?: number;
  title?: string;
}

/** Index labels only while they stay legible. */
const MAX_LABELLED_FEATURES = 20;
/** Cell separators only while cells are large enough for a hairline not to dominate. */
const MAX_STROKED_FEATURES = 40;

export function GramHeatmap({ gram, bias, n, size = 300, title = 'Gram matrix WᵀW and bias b' }: GramHeatmapProps) {
  const count = Math.max(0, Math.floor(finite(n)));
  const side = Math.max(40, finite(size, 300));
  const showLabels = count > 0 && count <= MAX_LABELLED_FEATURES;
  const cell = count > 0 ? side / count : side;
  const labelFont = Math.min(SMALL_FONT_SIZE + 1, Math.max(6, cell * 0.7));

  const left = showLabels ? 24 : 8;
  const headingY = 15;
  const top = headingY + 7 + (showLabels ? 14 : 0);
  const gap = 14;
  const biasWidth = clamp(cell, 10, 22);
  const biasX = left + side + gap;
  const legendY = top + side + 16;
  const legendHeight = 10;
  const legendWidth = Math.min(160, side);
  // Wide enough for the bias column and for the legend's caption, whichever reaches further.
  const width = Math.max(biasX + biasWidth + 10, left + legendWidth + 96);
  const height = legendY + legendHeight + 18;

  const cellStroke = count <= MAX_STROKED_FEATURES ? BACKGROUND : 'none';

  const cells = [];
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < count; j++) {
      // Tooltips show the raw value ("—" if non-finite); geometry and colour use the sanitised one.
      const v = gram[i * count + j];
      cells.push(
        <rect
          key={`${i},${j}`}
          data-cell={`${i},${j}`}
          x={px(left + j * cell)}
          y={px(top + i * cell)}
          width={px(cell)}
          height={px(cell)}
          fill={divergingColor(finite(v))}
          stroke={cellStroke}
          strokeWidth={0.5}
        >
          <title>{`W_${i}·W_${j} = ${fmt(v)}`}</title>
        </rect>,
      );
    }
  }

  const biasCells = [];
  for (let i = 0; i < count; i++) {
    const v = bias[i];
    biasCells.push(
      <rect
        key={i}
        data-bias={i}
        x={px(biasX)}
        y={px(top + i * cell)}
        width={px(biasWidth)}
        height={px(cell)}
        fill={divergingColor(finite(v))}
        stroke={cellStroke}
        strokeWidth={0.5}
      >
        <title>{`b_${i} = ${fmt(v)}`}</title>
      </rect>,
    );
  }

  const indexLabels = [];
  if (showLabels) {
    for (let i = 0; i < count; i++) {
      const centre = px((i + 0.5) * cell);
      indexLabels.push(
        <text
          key={`r${i}`}
          x={left - 4}
          y={px(top + centre)}
          textAnchor="end"
          dominantBaseline="central"
          fontSize={px(labelFont)}
          fill={MUTED_TEXT_COLOR}
        >
          {i}
        </text>,
        <text
          key={`c${i}`}
          x={px(left + centre)}
          y={top - 4}
          textAnchor="middle"
          fontSize={px(labelFont)}
          fill={MUTED_TEXT_COLOR}
        >
          {i}
        </text>,
      );
    }
  }

  return (
    <svg {...svgRootProps('gram-heatmap', width, height, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={px(width)} height={px(height)} fill={BACKGROUND} />
      <text
        x={px(left + side / 2)}
        y={headingY}
        textAnchor="middle"
        fontSize={HEADING_FONT_SIZE}
        fontWeight={600}
        fill={TEXT_COLOR}
      >
        WᵀW
      </text>
      <text
        x={px(biasX + biasWidth / 2)}
        y={headingY}
        textAnchor="middle"
        fontSize={HEADING_FONT_SIZE}
        fontWeight={600}
        fontStyle="italic"
        fill={TEXT_COLOR}
      >
        b
      </text>
      <g data-layer="matrix">{cells}</g>
      <g data-layer="bias">{biasCells}</g>
      <g data-layer="labels">{indexLabels}</g>
      <g data-layer="legend">
        <DivergingLegend x={left} y={legendY} width={legendWidth} height={legendHeight} half={1} ticks={[-1, 0, 1].map((v) => ({ value: v, label: String(v) }))} />
        <text
          x={px(left + legendWidth + 8)}
          y={px(legendY + legendHeight / 2)}
          dominantBaseline="central"
          fontSize={FONT_SIZE - 1}
          fill={MUTED_TEXT_COLOR}
        >
          clamped to ±1
        </text>
      </g>
    </svg>
  );
}
