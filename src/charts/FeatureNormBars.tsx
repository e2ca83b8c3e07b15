/**
 * One bar per feature: length ‖W_i‖ (how strongly the feature is represented), colour = how much
 * it shares its direction with other features (superposition). The paper's Figure 3-style plot:
 * with features sorted by importance, the dashed line marks the m most important ones, the
 * features a model without superposition would keep.
 */
import { max, scaleLinear } from 'd3';
import {
  AXIS_COLOR,
  BACKGROUND,
  FONT_SIZE,
  GRID_COLOR,
  MUTED_TEXT_COLOR,
  SMALL_FONT_SIZE,
  TEXT_COLOR,
  clamp,
  finite,
  fmt,
  legendSwatches,
  px,
  superpositionColor,
  svgRootProps,
} from './theme';

export interface FeatureNormBarsProps {
  /** ‖W_i‖ per feature (length n). */
  norms: ArrayLike<number>;
  /** Σ_{j≠i} (Ŵ_i · W_j)² per feature (length n). */
  superposition: ArrayLike<number>;
  n: number;
  /** Hidden dimensions; draws the top-m boundary when m < n. */
  m: number;
  title?: string;
  width?: number;
}

/** Beyond this many features only every k-th index is labelled. */
const MAX_LABELLED_FEATURES = 40;
const LEGEND_SWATCHES = 30;

export function FeatureNormBars({
  norms,
  superposition,
  n,
  m,
  title = 'Feature norms ‖W_i‖ coloured by superposition',
  width = 360,
}: FeatureNormBarsProps) {
  const count = Math.max(0, Math.floor(finite(n)));
  const hidden = Math.floor(finite(m));
  const totalWidth = Math.max(160, finite(width, 360));

  const rowHeight = count > 0 ? clamp(320 / count, 3, 16) : 16;
  const labelEvery = count <= MAX_LABELLED_FEATURES ? 1 : Math.ceil(count / 20);
  const left = 32;
  const right = 16;
  const top = 8;
  const plotWidth = totalWidth - left - right;
  const plotHeight = Math.max(rowHeight, count * rowHeight);
  const axisY = top + plotHeight + 2;
  const legendTitleY = axisY + 44;
  const legendY = legendTitleY + 6;
  const legendHeight = 10;
  const legendWidth = Math.min(160, plotWidth);
  const height = legendY + legendHeight + 18;

  const normValues = Array.from({ length: count }, (_, i) => finite(norms[i]));
  // Never narrower than 1.2 so that unit-norm features (the typical trained value) sit at a fixed spot.
  const xMax = Math.max(1.2, max(normValues) ?? 0);
  const x = scaleLinear().domain([0, xMax]).range([left, left + plotWidth]);
  const ticks = x.ticks(5);

  const bars = [];
  const labels = [];
  for (let i = 0; i < count; i++) {
    const y = top + i * rowHeight;
    const barWidth = Math.max(0, x(Math.max(0, normValues[i])) - left);
    const s = superposition[i];
    bars.push(
      <rect
        key={i}
        data-feature={i}
        x={left}
        y={px(y + rowHeight * 0.11)}
        width={px(barWidth)}
        height={px(rowHeight * 0.78)}
        fill={superpositionColor(finite(s))}
      >
        <title>{`feature ${i}: ‖W_${i}‖ = ${fmt(norms[i])}, superposition = ${fmt(s)}`}</title>
      </rect>,
    );
    if (i % labelEvery === 0) {
      labels.push(
        <text
          key={i}
          x={left - 5}
          y={px(y + rowHeight / 2)}
          textAnchor="end"
          dominantBaseline="central"
          fontSize={px(Math.min(SMALL_FONT_SIZE + 1, Math.max(7, rowHeight * 0.8)))}
          fill={MUTED_TEXT_COLOR}
        >
          {i}
        </text>,
      );
    }
  }

  const boundaryY = top + hidden * rowHeight;
  const legendX = left;

  return (
    <svg {...svgRootProps('feature-norm-bars', totalWidth, height, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={px(totalWidth)} height={px(height)} fill={BACKGROUND} />
      <g data-layer="grid">
        {ticks.map((t) => (
          <line key={t} x1={px(x(t))} x2={px(x(t))} y1={top} y2={px(axisY)} stroke={GRID_COLOR} strokeWidth={0.75} />
        ))}
      </g>
      <g data-layer="bars">{bars}</g>
      <g data-layer="labels">{labels}</g>
      {hidden > 0 && hidden < count && (
        <g data-layer="top-m-boundary">
          <line
            data-boundary="top-m"
            x1={left - 4}
            x2={px(left + plotWidth)}
            y1={px(boundaryY)}
            y2={px(boundaryY)}
            stroke={TEXT_COLOR}
            strokeWidth={1}
            strokeDasharray="4 3"
          />
          <text
            x={px(left + plotWidth)}
            y={px(boundaryY - 3)}
            textAnchor="end"
            fontSize={SMALL_FONT_SIZE}
            fill={MUTED_TEXT_COLOR}
          >
            {`top m = ${hidden}`}
          </text>
        </g>
      )}
      <g data-layer="x-axis">
        <line x1={left} x2={px(left + plotWidth)} y1={px(axisY)} y2={px(axisY)} stroke={AXIS_COLOR} />
        {ticks.map((t) => (
          <g key={t}>
            <line x1={px(x(t))} x2={px(x(t))} y1={px(axisY)} y2={px(axisY + 4)} stroke={AXIS_COLOR} />
            <text
              x={px(x(t))}
              y={px(axisY + 15)}
              textAnchor="middle"
              fontSize={FONT_SIZE - 1}
              fill={MUTED_TEXT_COLOR}
            >
              {fmt(t)}
            </text>
          </g>
        ))}
        <text
          x={px(left + plotWidth / 2)}
          y={px(axisY + 29)}
          textAnchor="middle"
          fontSize={FONT_SIZE}
          fill={TEXT_COLOR}
        >
          ‖W_i‖
        </text>
      </g>
      <g data-layer="legend">
        <text x={legendX} y={px(legendTitleY)} fontSize={FONT_SIZE - 1} fill={TEXT_COLOR}>
          {'superposition Σ_{j≠i}(Ŵ_i·W_j)²'}
        </text>
        {legendSwatches(legendX, legendWidth, LEGEND_SWATCHES, superpositionColor).map((sw) => (
          <rect key={sw.x} x={sw.x} y={px(legendY)} width={sw.width} height={legendHeight} fill={sw.fill} />
        ))}
        <text x={legendX} y={px(legendY + legendHeight + 12)} fontSize={FONT_SIZE - 1} fill={MUTED_TEXT_COLOR}>
          0
        </text>
        <text
          x={px(legendX + legendWidth)}
          y={px(legendY + legendHeight + 12)}
          textAnchor="end"
          fontSize={FONT_SIZE - 1}
          fill={MUTED_TEXT_COLOR}
        >
          ≥1
        </text>
      </g>
    </svg>
  );
}
