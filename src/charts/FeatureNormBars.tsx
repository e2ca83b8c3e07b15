/**
 * One bar per feature: length ‖W_i‖ (how strongly the feature is represented), colour = how much
 * it shares its direction with other features (superposition). The paper's Figure 3-style plot:
 * with features sorted by importance, the dashed line marks the m most important ones, the
 * features a model without superposition would keep. Optionally a pinned model's norms (dashed
 * outlines) and one highlighted feature, hovered or focused anywhere in the section.
 */
import { max } from 'd3';
import { fmt } from '../model/format';
import { Frame, dimension, plotLayout } from './frame';
import { ColorRamp, rampHeight } from './legend';
import { IndexLabels, indexLabelSize } from './matrix';
import { Text } from './text';
import { HOVER_BAND, PINNED_COLOR } from './palette';
import { indexAt } from './pointer';
import { TEXT_COLOR, clamp, finite, px, superpositionColor } from './theme';

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
  /** A pinned model's ‖W_i‖ (its first n are drawn as dashed outlines). */
  ghost?: ArrayLike<number> | null;
  highlight?: number | null;
  onHover?(i: number | null): void;
}

/** Beyond this many features only every k-th index is labelled. */
const MAX_LABELLED_FEATURES = 40;
const SUPERPOSITION_LABEL = 'superposition Σ_{j≠i}(Ŵ_i·W_j)^2';

export function FeatureNormBars({
  norms,
  superposition,
  n,
  m,
  title = 'Feature norms ‖W_i‖ coloured by superposition',
  width = 360,
  ghost = null,
  highlight = null,
  onHover,
}: FeatureNormBarsProps) {
  const count = Math.max(0, Math.floor(finite(n)));
  const hidden = Math.floor(finite(m));
  const rowHeight = count > 0 ? clamp(320 / count, 3, 16) : 16;
  const labelEvery = count <= MAX_LABELLED_FEATURES ? 1 : Math.ceil(count / 20);
  const normValues = Array.from({ length: count }, (_, i) => finite(norms[i]));
  const ghostValues = ghost ? Array.from({ length: Math.min(count, ghost.length) }, (_, i) => finite(ghost[i])) : [];
  const plot = plotLayout({
    width: dimension(width, 360, 160),
    // Rows from the top, 2 px clear of the axis.
    plotHeight: Math.max(rowHeight, count * rowHeight) + 2,
    margin: { top: 8, right: 16, left: 32 },
    // Never narrower than 1.2 so that unit-norm features (the typical trained value) sit at a fixed spot.
    x: { domain: [0, Math.max(1.2, max(normValues) ?? 0, max(ghostValues) ?? 0)], label: '‖W_i‖', grid: true },
    legend: ghost ? [{ label: 'pinned', color: PINNED_COLOR, mark: 'outline' }] : undefined,
    below: rampHeight(SUPERPOSITION_LABEL) + 6,
  });
  const { box } = plot;
  const x = plot.x.scale;
  const rowTop = (i: number) => box.y0 + i * rowHeight;

  const bars = normValues.map((v, i) => {
    const s = superposition[i];
    return (
      <rect
        key={i}
        data-feature={i}
        x={px(box.x0)}
        y={px(rowTop(i) + rowHeight * 0.11)}
        width={px(Math.max(0, x(Math.max(0, v)) - box.x0))}
        height={px(rowHeight * 0.78)}
        fill={superpositionColor(finite(s))}
      >
        <title>{`feature ${i}: ‖W_${i}‖ = ${fmt(norms[i])}, superposition = ${fmt(s)}`}</title>
      </rect>
    );
  });
  const ghosts = ghostValues.map((v, i) => (
    <rect
      key={i}
      data-pinned-feature={i}
      x={px(box.x0)}
      y={px(rowTop(i) + rowHeight * 0.04)}
      width={px(Math.max(0, x(Math.max(0, v)) - box.x0))}
      height={px(rowHeight * 0.92)}
      fill="none"
      stroke={PINNED_COLOR}
      strokeWidth={1.25}
      strokeDasharray="3 2"
    >
      <title>{`pinned feature ${i}: ‖W_${i}‖ = ${fmt(v)}`}</title>
    </rect>
  ));
  const hl = highlight !== null && highlight >= 0 && highlight < count ? highlight : null;
  const labels = normValues
    .map((_, i) => ({ centre: rowTop(i) + rowHeight / 2, text: i }))
    .filter((_, i) => i % labelEvery === 0);
  const boundaryY = rowTop(hidden);

  return (
    <Frame plot={plot} chart="feature-norm-bars" title={title}>
      {hl !== null ? (
        <rect
          data-layer="highlight"
          x={px(box.x0)}
          y={px(rowTop(hl))}
          width={px(box.x1 - box.x0)}
          height={px(rowHeight)}
          fill={HOVER_BAND}
        />
      ) : null}
      {onHover ? (
        // Whole rows answer the pointer (under the bars, whose tooltips stay on top).
        <g
          data-layer="hover"
          onPointerOver={(e) => onHover(indexAt(e.target, 'data-feature'))}
          onPointerLeave={() => onHover(null)}
        >
          {normValues.map((_, i) => (
            <rect
              key={i}
              data-feature={i}
              x={px(box.x0)}
              y={px(rowTop(i))}
              width={px(box.x1 - box.x0)}
              height={px(rowHeight)}
              fill="none"
              pointerEvents="all"
            />
          ))}
          <g data-layer="bars">{bars}</g>
        </g>
      ) : (
        <g data-layer="bars">{bars}</g>
      )}
      {ghosts.length ? <g data-layer="pinned">{ghosts}</g> : null}
      {hl !== null ? (
        <rect
          data-highlight={hl}
          x={px(box.x0)}
          y={px(rowTop(hl) + rowHeight * 0.11)}
          width={px(Math.max(0, x(Math.max(0, normValues[hl])) - box.x0))}
          height={px(rowHeight * 0.78)}
          fill="none"
          stroke={TEXT_COLOR}
          strokeWidth={1.5}
        />
      ) : null}
      <IndexLabels edge="left" at={box.x0 - 1} labels={labels} size={indexLabelSize(rowHeight * 1.15)} />
      {hidden > 0 && hidden < count && (
        <g data-layer="top-m-boundary">
          <line
            data-boundary="top-m"
            x1={px(box.x0 - 4)}
            x2={px(box.x1)}
            y1={px(boundaryY)}
            y2={px(boundaryY)}
            stroke={TEXT_COLOR}
            strokeWidth={1}
            strokeDasharray="4 3"
          />
          <Text x={box.x1} y={boundaryY - 3} anchor="end" role="note">
            {`top m = ${hidden}`}
          </Text>
        </g>
      )}
      <ColorRamp
        x={box.x0}
        y={plot.belowY + 2}
        width={Math.min(160, box.x1 - box.x0)}
        color={superpositionColor}
        title={SUPERPOSITION_LABEL}
        ticks={[
          { at: 0, label: '0' },
          { at: 1, label: '≥1' },
        ]}
      />
    </Frame>
  );
}
