/**
 * WᵀW (the n×n Gram matrix of feature embeddings) as a heatmap, with the bias vector b as a
 * separate column, as in the paper's Figure 2-style plots. Diagonal = ‖W_i‖², off-diagonal =
 * interference between features i and j.
 */
import { fmt } from '../model/format';
import { ChartSvg } from './frame';
import { ColorRamp, rampHeight } from './legend';
import { HeatCell, IndexLabels, indexLabelSize } from './matrix';
import { Text } from './text';
import { indexAt } from './pointer';
import { BACKGROUND, TEXT_COLOR, clamp, divergingColor, divergingRamp, finite, px } from './theme';

export interface GramHeatmapProps {
  /** Row-major n×n Gram matrix, G[i*n + j] = W_i · W_j. */
  gram: ArrayLike<number>;
  /** Bias vector b (length n). */
  bias: ArrayLike<number>;
  n: number;
  /** Side length of the matrix square in px (labels, bias column and legend come on top). */
  size?: number;
  title?: string;
  /** Outline feature i's row and column (hovered or focused anywhere in the section). */
  highlight?: number | null;
  onHover?(i: number | null): void;
}

/** Index labels only while they stay legible. */
const MAX_LABELLED_FEATURES = 20;
/** Cell separators only while cells are large enough for a hairline not to dominate. */
const MAX_STROKED_FEATURES = 40;

export function GramHeatmap({
  gram,
  bias,
  n,
  size = 300,
  title = 'Gram matrix WᵀW and bias b',
  highlight = null,
  onHover,
}: GramHeatmapProps) {
  const count = Math.max(0, Math.floor(finite(n)));
  const side = Math.max(40, finite(size, 300));
  const showLabels = count > 0 && count <= MAX_LABELLED_FEATURES;
  const cell = count > 0 ? side / count : side;

  const left = showLabels ? 24 : 8;
  const headingY = 15;
  const top = headingY + 7 + (showLabels ? 14 : 0);
  const gap = 14;
  const biasWidth = clamp(cell, 10, 22);
  const biasX = left + side + gap;
  const legendY = top + side + 16;
  const legendWidth = Math.min(160, side);
  // Wide enough for the bias column and for the legend's caption, whichever reaches further.
  const width = Math.max(biasX + biasWidth + 10, left + legendWidth + 96);
  const height = legendY + rampHeight() + 2;
  const cellStroke = count <= MAX_STROKED_FEATURES ? BACKGROUND : 'none';

  const cells = [];
  const biasCells = [];
  for (let i = 0; i < count; i++) {
    // Tooltips show the raw value ("—" if non-finite); geometry and colour use the sanitised one.
    for (let j = 0; j < count; j++) {
      const v = gram[i * count + j];
      cells.push(
        <HeatCell
          key={`${i},${j}`}
          data-cell={`${i},${j}`}
          x={left + j * cell}
          y={top + i * cell}
          width={cell}
          height={cell}
          fill={divergingColor(finite(v))}
          stroke={cellStroke}
          tip={`W_${i}·W_${j} = ${fmt(v)}`}
        />,
      );
    }
    const b = bias[i];
    biasCells.push(
      <HeatCell
        key={i}
        data-bias={i}
        x={biasX}
        y={top + i * cell}
        width={biasWidth}
        height={cell}
        fill={divergingColor(finite(b))}
        stroke={cellStroke}
        tip={`b_${i} = ${fmt(b)}`}
      />,
    );
  }
  const index = Array.from({ length: showLabels ? count : 0 }, (_, i) => ({ text: i, offset: (i + 0.5) * cell }));
  const labelSize = indexLabelSize(cell);

  return (
    <ChartSvg chart="gram-heatmap" width={width} height={height} title={title}>
      <Text x={left + side / 2} y={headingY} anchor="middle" role="heading" weight={600}>
        WᵀW
      </Text>
      <Text x={biasX + biasWidth / 2} y={headingY} anchor="middle" role="heading" weight={600} italic>
        b
      </Text>
      {onHover ? (
        <g
          data-layer="hover"
          onPointerOver={(e) => onHover(indexAt(e.target, 'data-cell') ?? indexAt(e.target, 'data-bias'))}
          onPointerLeave={() => onHover(null)}
        >
          <g data-layer="matrix">{cells}</g>
          <g data-layer="bias">{biasCells}</g>
        </g>
      ) : (
        <>
          <g data-layer="matrix">{cells}</g>
          <g data-layer="bias">{biasCells}</g>
        </>
      )}
      {highlight !== null && highlight >= 0 && highlight < count ? (
        <g
          data-layer="highlight"
          data-highlight={highlight}
          fill="none"
          stroke={TEXT_COLOR}
          strokeWidth={1.5}
          pointerEvents="none"
        >
          <rect x={px(left)} y={px(top + highlight * cell)} width={px(biasX + biasWidth - left)} height={px(cell)} />
          <rect x={px(left + highlight * cell)} y={px(top)} width={px(cell)} height={px(side)} />
        </g>
      ) : null}
      <IndexLabels
        edge="left"
        at={left}
        labels={index.map((l) => ({ text: l.text, centre: top + l.offset }))}
        size={labelSize}
      />
      <IndexLabels
        edge="top"
        at={top}
        labels={index.map((l) => ({ text: l.text, centre: left + l.offset }))}
        size={labelSize}
      />
      <ColorRamp
        x={left}
        y={legendY}
        width={legendWidth}
        color={divergingRamp}
        ticks={[-1, 0, 1].map((v) => ({ at: (v + 1) / 2, label: String(v) }))}
      >
        <Text x={left + legendWidth + 8} y={legendY + 5} baseline="central">
          clamped to ±1
        </Text>
      </ColorRamp>
    </ChartSvg>
  );
}
