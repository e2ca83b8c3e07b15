/**
 * Feature dimensionality D_i of every feature of every model in a sparsity sweep, each at its model's 1/(1 −
 * S) (log x), jittered sideways so the clusters read as clouds, translucent so overlaps darken (the paper's
 * "Uniform Superposition", lower panel of its dimensionality figure). Labelled reference lines mark the
 * fractions the paper finds the features cluster at: 1, ¾, ⅔, ½, ⅖, ⅜ (dedicated, tetrahedron, triangle,
 * digon, pentagon, square antiprism). Click a point to select its model.
 */
import { fmt } from '../model/format';
import { DIMENSIONALITY_LEVELS } from '../model/geometry';
import { sweepKeyHandler, sweepXAxis } from './DimsPerFeatureChart';
import { Frame, dimension, keyboardSelect, plotLayout } from './frame';
import { Text } from './text';
import { AXIS_COLOR, GRID_COLOR, LINE_COLOR, TEXT_COLOR, px, validIndex } from './theme';

export interface DimensionalityModel {
  /** 1/(1 − S) of the model. */
  invDensity: number;
  /** D_i of each feature (0 for features that are not learned). */
  dimensionalities: ArrayLike<number>;
}

export interface DimensionalityScatterProps {
  /** Models in sweep order (the index is what onSelect reports). */
  models: readonly DimensionalityModel[];
  selected?: number | null;
  onSelect?(modelIndex: number): void;
  xDomain?: [number, number];
  width?: number;
  height?: number;
  title?: string;
}

/** Unicode fractions for the dimensionality levels' labels ("3/4" → "¾"). */
const LEVEL_GLYPHS: Record<string, string> = { '1': '1', '3/4': '¾', '2/3': '⅔', '1/2': '½', '2/5': '⅖', '3/8': '⅜' };
export const levelGlyph = (label: string) => LEVEL_GLYPHS[label] ?? label;
/** Short polytope names for the right-hand labels. */
const SHORT: Record<string, string> = {
  'dedicated dimension': 'dedicated',
  tetrahedron: 'tetrahedron',
  triangle: 'triangle',
  'digon (antipodal pair)': 'digon',
  pentagon: 'pentagon',
  'square antiprism': 'sq. antiprism',
};
const LABEL_GAP = 11;
const POINT_COLOR = LINE_COLOR;

/** Deterministic jitter in [−0.5, 0.5) for (model, feature): an integer hash, no RNG state. */
export function jitter(model: number, feature: number): number {
  let h = (Math.imul(model + 1, 0x9e3779b1) ^ Math.imul(feature + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  h = Math.imul(h ^ (h >>> 12), 0x297a2d39) >>> 0;
  h = (h ^ (h >>> 15)) >>> 0;
  return h / 4294967296 - 0.5;
}

/**
 * Label positions for reference lines at the given y pixels: as close to their line as possible,
 * at least `gap` apart, inside [lo, hi]. Input order is kept.
 */
export function spreadLabels(ys: readonly number[], gap: number, lo: number, hi: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const pos = order.map((o) => o.y);
  for (let k = 1; k < pos.length; k++) pos[k] = Math.max(pos[k], pos[k - 1] + gap);
  const overflow = pos.length ? pos[pos.length - 1] - hi : 0;
  if (overflow > 0)
    for (let k = pos.length - 1; k >= 0; k--)
      pos[k] = Math.min(pos[k] - overflow, k + 1 < pos.length ? pos[k + 1] - gap : Infinity);
  const out = new Array<number>(ys.length);
  order.forEach((o, k) => (out[o.i] = Math.max(lo, pos[k])));
  return out;
}

export function DimensionalityScatter({
  models,
  selected = null,
  onSelect,
  xDomain,
  width = 480,
  height = 300,
  title = 'Feature dimensionality D_i of every feature, by sparsity',
}: DimensionalityScatterProps) {
  const plot = plotLayout({
    width: dimension(width, 480, 240),
    height: dimension(height, 300, 180),
    margin: { top: 12, right: 112, left: 46 },
    x: sweepXAxis(
      models.map((mo) => mo.invDensity),
      xDomain,
    ),
    y: { domain: [0, 1.08], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], label: 'feature dimensionality D_i', grid: true },
    border: true,
  });
  const { box } = plot;
  const x = plot.x.scale;
  const y = plot.y.scale;
  const count = models.length;
  const sel = validIndex(selected, count);

  const centres = models.map((mo) => (Number.isFinite(mo.invDensity) && mo.invDensity > 0 ? x(mo.invDensity) : NaN));
  const sorted = centres.filter(Number.isFinite).sort((a, b) => a - b);
  let minGap = box.x1 - box.x0;
  for (let k = 1; k < sorted.length; k++) minGap = Math.min(minGap, sorted[k] - sorted[k - 1]);
  // Jitter spreads a model's features over at most 60% of the gap to its neighbour (≤ 14 px).
  const spread = Math.max(2, Math.min(14, 0.6 * minGap));
  const totalFeatures = models.reduce((s, mo) => s + mo.dimensionalities.length, 0);
  const perModel = count ? totalFeatures / count : 0;
  const radius = perModel > 100 ? 1.6 : perModel > 40 ? 2 : 2.6;
  const opacity = perModel > 100 ? 0.25 : 0.4;

  const groups = models.map((mo, j) => {
    const cx = centres[j];
    if (!Number.isFinite(cx)) return null;
    const isSel = j === sel;
    const dots = [];
    for (let i = 0; i < mo.dimensionalities.length; i++) {
      const D = mo.dimensionalities[i];
      if (!Number.isFinite(D)) continue;
      dots.push(
        <circle
          key={i}
          data-feature={i}
          cx={px(cx + spread * jitter(j, i))}
          cy={px(y(Math.min(1.08, Math.max(0, D))))}
          r={radius}
          fill={POINT_COLOR}
          fillOpacity={isSel ? 0.8 : opacity}
        >
          <title>{`model ${j} (1/(1−S) = ${fmt(mo.invDensity)}), feature ${i}: D = ${fmt(D)}${D === 0 ? ' (not learned)' : ''}`}</title>
        </circle>,
      );
    }
    return (
      <g
        key={j}
        data-model={j}
        data-selected={isSel ? 'true' : undefined}
        cursor={onSelect ? 'pointer' : undefined}
        onClick={onSelect ? () => onSelect(j) : undefined}
      >
        {dots}
      </g>
    );
  });

  const levels = DIMENSIONALITY_LEVELS.map((l) => ({ ...l, y: y(l.value) }));
  const labelY = spreadLabels(
    levels.map((l) => l.y),
    LABEL_GAP,
    box.y0 + 4,
    box.y1 - 4,
  );
  const select = keyboardSelect(
    title,
    'Click a point or use the arrow keys to select its model.',
    onSelect && sweepKeyHandler(count, sel, onSelect),
  );
  return (
    <Frame plot={plot} chart="dimensionality-scatter" title={title} {...select} data-models={count}>
      {sel !== null && Number.isFinite(centres[sel]) ? (
        <rect
          data-layer="selection"
          x={px(centres[sel] - spread / 2 - 4)}
          y={px(box.y0)}
          width={px(spread + 8)}
          height={px(box.y1 - box.y0)}
          fill={GRID_COLOR}
          fillOpacity={0.8}
          stroke={AXIS_COLOR}
          strokeWidth={0.75}
          strokeDasharray="2 2"
        />
      ) : null}
      <g data-layer="levels" pointerEvents="none">
        {levels.map((l, k) => (
          <g key={l.label} data-level={l.label}>
            <title>{`D = ${l.label}: ${l.geometry}`}</title>
            <line
              x1={px(box.x0)}
              x2={px(box.x1)}
              y1={px(l.y)}
              y2={px(l.y)}
              stroke={TEXT_COLOR}
              strokeOpacity={0.55}
              strokeWidth={0.9}
              strokeDasharray="4 3"
            />
            <line
              x1={px(box.x1)}
              x2={px(box.x1 + 6)}
              y1={px(l.y)}
              y2={px(labelY[k])}
              stroke={AXIS_COLOR}
              strokeWidth={0.75}
            />
            <Text x={box.x1 + 9} y={labelY[k]} baseline="central" tone="text">
              {`${levelGlyph(l.label)} ${SHORT[l.geometry] ?? l.geometry}`}
            </Text>
          </g>
        ))}
      </g>
      <g data-layer="points">{groups}</g>
    </Frame>
  );
}
