/**
 * A model's feature geometry graph (paper §6.3, spec §4): nodes are the learned features, edges
 * join features whose embeddings overlap, drawn thicker and darker the larger |W_i · W_j|. The
 * connected components are the tegum factors; each is laid out on its own small circle, the
 * factors flowing left to right in rows (largest first), each labelled with the polytope it forms.
 * The layout is a closed-form function of W (no force simulation), so it is stable from frame to
 * frame and testable. PolytopeGallery tallies the factors by name.
 */
import { fmt } from '../model/format';
import {
  FACTOR_NAMES,
  geometryAnalysis,
  type FactorName,
  type GeometryAnalysis,
  type PolytopeCounts,
} from '../model/geometry';
import { ChartSvg } from './frame';
import { textWidth } from './legend';
import { indexAt } from './pointer';
import { Text } from './text';
import { AXIS_COLOR, TEXT_COLOR, TYPE, clamp, finite, px } from './theme';

/**
 * One colour per polytope: Paul Tol's "bright" scheme (distinct under the common colour-vision
 * deficiencies). Nodes carry a dark outline, so the light members stay visible on the background.
 */
export const POLYTOPE_COLORS: Record<FactorName, string> = {
  dedicated: '#4477AA',
  digon: '#EE6677',
  triangle: '#228833',
  tetrahedron: '#AA3377',
  pentagon: '#CCBB44',
  'square-antiprism': '#66CCEE',
  other: '#BBBBBB',
};

export const POLYTOPE_LABELS: Record<FactorName, string> = {
  dedicated: 'dedicated',
  digon: 'digon',
  triangle: 'triangle',
  tetrahedron: 'tetrahedron',
  pentagon: 'pentagon',
  'square-antiprism': 'square antiprism',
  other: 'other',
};

/** "4 digons, 1 pentagon" (names with a zero count left out). */
export function polytopeSummary(counts: Record<FactorName, number>): string {
  const one = (name: FactorName) => (name === 'dedicated' ? 'dedicated feature' : POLYTOPE_LABELS[name]);
  const many = (name: FactorName) =>
    name === 'dedicated' ? 'dedicated features' : name === 'other' ? 'other' : `${POLYTOPE_LABELS[name]}s`;
  const parts = FACTOR_NAMES.filter((name) => counts[name] > 0).map(
    (name) => `${counts[name]} ${counts[name] === 1 ? one(name) : many(name)}`,
  );
  return parts.length ? parts.join(', ') : 'none (no learned features)';
}

/** A colour per feature by the polytope its tegum factor forms (unlearned features: 'other'). */
export function featureColorsByPolytope(polytopes: PolytopeCounts, n: number): string[] {
  const out: string[] = new Array(n).fill(POLYTOPE_COLORS.other);
  polytopes.factors.forEach((f) => f.features.forEach((i) => (out[i] = POLYTOPE_COLORS[f.name])));
  return out;
}

const EDGE_COLOR = TEXT_COLOR;
/** Beyond this many edges only the strongest are drawn (a big "other" factor can have ~n²/2). */
export const MAX_DRAWN_EDGES = 2500;

export interface FactorPlacement {
  features: number[];
  name: FactorName;
  cx: number;
  cy: number;
  /** Radius of the circle the nodes sit on (0 for a single feature). */
  radius: number;
  /** Top of the factor's label. */
  labelY: number;
  label: string;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodeRadius: number;
  factors: FactorPlacement[];
  /** Node position by feature index. */
  position: Map<number, { x: number; y: number }>;
}

const MARGIN = 10;
const PAD = 16;
const LABEL_HEIGHT = 14;
const MIN_CELL = 40;
/** A factor label's width, with some air. */
const labelWidth = (text: string) => textWidth(text, TYPE.tick) + 10;
const NODE_SPACING = 15;

/**
 * Order a factor's features around its circle: start at the lowest index, then repeatedly step
 * to the unvisited feature most aligned with the current one (largest signed W_i · W_j; ties by
 * index). A pentagon comes out in its cyclic order, an antiprism as alternating squares.
 */
const TIE = 1e-5;

export function circleOrder(features: readonly number[], W: ArrayLike<number>, m: number): number[] {
  if (features.length <= 2) return [...features];
  const left = new Set(features);
  let cur = features[0];
  const out = [cur];
  left.delete(cur);
  while (left.size) {
    let best = -1;
    let bestDot = -Infinity;
    for (const j of left) {
      let d = 0;
      for (let k = 0; k < m; k++) d += W[cur * m + k] * W[j * m + k];
      // Ties within float32 rounding go to the lower index, so a rotated copy of W draws the same.
      if (d > bestDot + TIE || (Math.abs(d - bestDot) <= TIE && j < best)) {
        best = j;
        bestDot = d;
      }
    }
    out.push(best);
    left.delete(best);
    cur = best;
  }
  return out;
}

function factorLabel(f: PolytopeCounts['factors'][number]): string {
  return f.name === 'other' ? `other (${f.features.length} in ${f.dimension}-d)` : POLYTOPE_LABELS[f.name];
}

/** The deterministic layout: each factor on its own circle, factors in rows, largest first. */
export function graphLayout(polytopes: PolytopeCounts, W: ArrayLike<number>, m: number, width: number): GraphLayout {
  const w = Math.max(160, finite(width, 420));
  const inner = w - 2 * MARGIN;
  const biggest = Math.max(1, ...polytopes.factors.map((f) => f.features.length));
  // One node size for the whole chart, so a glance compares factors fairly.
  const maxRadius = (inner - PAD) / 2 - 6;
  const nodeRadius = clamp(Math.min(5, (0.8 * Math.PI * maxRadius) / biggest / 2), 1.2, 5);
  const spacing = Math.max(2.2 * nodeRadius + 1, Math.min(NODE_SPACING, (2 * Math.PI * maxRadius) / biggest));
  const position = new Map<number, { x: number; y: number }>();
  const factors: FactorPlacement[] = [];
  // Pass 1: sizes, and which row each factor goes in (flowing left to right).
  type Cell = {
    f: PolytopeCounts['factors'][number];
    radius: number;
    side: number;
    disc: number;
    label: string;
    row: number;
    x: number;
  };
  const cells: Cell[] = [];
  const rows: { width: number; disc: number }[] = [];
  for (const f of polytopes.factors) {
    const k = f.features.length;
    const radius = k === 1 ? 0 : Math.min(maxRadius, Math.max(14, (k * spacing) / (2 * Math.PI)));
    const label = factorLabel(f);
    const disc = 2 * radius + 2 * nodeRadius + PAD;
    const side = Math.min(inner, Math.max(MIN_CELL, labelWidth(label), disc));
    let row = rows[rows.length - 1];
    if (!row || (row.width > 0 && row.width + side > inner)) rows.push((row = { width: 0, disc: 0 }));
    cells.push({ f, radius, side, disc, label, row: rows.length - 1, x: row.width });
    row.width += side;
    row.disc = Math.max(row.disc, disc);
  }
  // Pass 2: rows centred horizontally, discs centred on their row's mid-line, labels along its bottom.
  const rowTop: number[] = [];
  let y = MARGIN;
  for (const r of rows) {
    rowTop.push(y);
    y += r.disc + LABEL_HEIGHT;
  }
  for (const c of cells) {
    const row = rows[c.row];
    const cx = MARGIN + (inner - row.width) / 2 + c.x + c.side / 2;
    const cy = rowTop[c.row] + row.disc / 2;
    const k = c.f.features.length;
    // Digons lie flat; other polygons start at the top.
    const start = k === 2 ? Math.PI : -Math.PI / 2;
    circleOrder(c.f.features, W, m).forEach((i, t) => {
      const a = start + (2 * Math.PI * t) / k;
      position.set(i, { x: px(cx + c.radius * Math.cos(a)), y: px(cy + c.radius * Math.sin(a)) });
    });
    factors.push({
      features: c.f.features,
      name: c.f.name,
      cx: px(cx),
      cy: px(cy),
      radius: px(c.radius),
      labelY: px(rowTop[c.row] + row.disc),
      label: c.label,
    });
  }
  return { width: w, height: y + MARGIN, nodeRadius, factors, position };
}

export interface GeometryGraphChartProps {
  /** Feature-major weights [n, m] of one model. */
  W: Float32Array;
  n: number;
  m: number;
  /** Precomputed geometryAnalysis(W, n, m) (saves recomputing it when the page has it). */
  analysis?: GeometryAnalysis;
  width?: number;
  title?: string;
  /** A feature hovered or focused elsewhere: its node gets a ring and its edges are drawn dark. */
  highlight?: number | null;
  onHover?(i: number | null): void;
}

export function GeometryGraphChart({
  W,
  n,
  m,
  analysis,
  width = 420,
  title = 'Feature geometry graph',
  highlight = null,
  onHover,
}: GeometryGraphChartProps) {
  const a = analysis ?? geometryAnalysis(W, n, m);
  const layout = graphLayout(a.polytopes, W, m, width);
  const D = new Map<number, number>();
  a.polytopes.factors.forEach((f) => f.features.forEach((i, k) => D.set(i, f.dimensionalities[k])));
  const nameOf = new Map<number, FactorName>();
  a.polytopes.factors.forEach((f) => f.features.forEach((i) => nameOf.set(i, f.name)));

  const edges = [...a.graph.edges]
    .sort((p, q) => q.weight - p.weight)
    .slice(0, MAX_DRAWN_EDGES)
    .reverse();
  const footer = 30;
  const empty = a.graph.nodes.length === 0;
  const bodyH = empty ? 70 : layout.height;
  const h = bodyH + footer;
  const w = layout.width;
  const notLearned = n - a.graph.nodes.length;
  const hiddenEdges = a.graph.edges.length - edges.length;
  // Hundreds of overlapping edges would paint a solid disc: fade each one as their number grows.
  const edgeFade = Math.min(1, Math.sqrt(120 / Math.max(1, edges.length)));
  const hl = highlight !== null ? (layout.position.get(highlight) ?? null) : null;

  return (
    <ChartSvg
      chart="geometry-graph"
      width={w}
      height={h}
      title={title}
      data-nodes={a.graph.nodes.length}
      data-edges={edges.length}
      data-factors={layout.factors.length}
    >
      {empty ? (
        <Text x={w / 2} y={35} anchor="middle" baseline="central" role="label" tone="muted">
          No feature has ‖W_i‖ &gt; 0.5, so none counts as learned.
        </Text>
      ) : null}
      <g data-layer="factor-rings">
        {layout.factors.map((f, k) =>
          f.radius > 0 ? (
            <circle
              key={k}
              cx={f.cx}
              cy={f.cy}
              r={f.radius}
              fill="none"
              stroke={AXIS_COLOR}
              strokeOpacity={0.35}
              strokeWidth={0.75}
              strokeDasharray="2 3"
            />
          ) : null,
        )}
      </g>
      <g data-layer="edges">
        {edges.map((e) => {
          const p = layout.position.get(e.i);
          const q = layout.position.get(e.j);
          if (!p || !q) return null;
          const s = clamp(e.weight, 0, 1);
          return (
            <line
              key={`${e.i}-${e.j}`}
              data-edge={`${e.i}-${e.j}`}
              x1={p.x}
              y1={p.y}
              x2={q.x}
              y2={q.y}
              stroke={EDGE_COLOR}
              strokeWidth={px((0.4 + 2.6 * s) * (edgeFade < 1 ? 0.5 : 1))}
              strokeOpacity={px((0.15 + 0.7 * s) * edgeFade)}
              strokeLinecap="round"
            >
              <title>{`|W_${e.i}·W_${e.j}| = ${fmt(e.weight)}`}</title>
            </line>
          );
        })}
      </g>
      {hl ? (
        <g data-layer="highlight" data-highlight={highlight} pointerEvents="none">
          {edges
            .filter((e) => e.i === highlight || e.j === highlight)
            .map((e) => {
              const p = layout.position.get(e.i)!;
              const q = layout.position.get(e.j)!;
              return (
                <line
                  key={`${e.i}-${e.j}`}
                  x1={p.x}
                  y1={p.y}
                  x2={q.x}
                  y2={q.y}
                  stroke={TEXT_COLOR}
                  strokeWidth={1.5}
                  strokeLinecap="round"
                />
              );
            })}
          <circle cx={hl.x} cy={hl.y} r={px(layout.nodeRadius + 3)} fill="none" stroke={TEXT_COLOR} strokeWidth={1.5} />
        </g>
      ) : null}
      <g
        data-layer="nodes"
        onPointerOver={onHover ? (e) => onHover(indexAt(e.target, 'data-feature')) : undefined}
        onPointerLeave={onHover ? () => onHover(null) : undefined}
      >
        {a.graph.nodes.map((i) => {
          const p = layout.position.get(i);
          if (!p) return null;
          const name = nameOf.get(i) ?? 'other';
          return (
            <circle
              key={i}
              data-feature={i}
              data-factor-name={name}
              cx={p.x}
              cy={p.y}
              r={px(layout.nodeRadius)}
              fill={POLYTOPE_COLORS[name]}
              stroke={TEXT_COLOR}
              strokeWidth={0.75}
            >
              <title>{`feature ${i}: ‖W_${i}‖ = ${fmt(a.norms[i])}, D = ${fmt(D.get(i) ?? NaN)} (${POLYTOPE_LABELS[name]})`}</title>
            </circle>
          );
        })}
      </g>
      <g data-layer="factor-labels">
        {layout.factors.map((f, k) => (
          <Text
            key={k}
            data-factor={k}
            data-name={f.name}
            x={f.cx}
            y={f.labelY}
            anchor="middle"
            baseline="hanging"
            tone="text"
          >
            {f.label}
          </Text>
        ))}
      </g>
      <g data-layer="footer">
        <Text x={MARGIN} y={bodyH + 9} baseline="central" role="note">
          {`${a.graph.nodes.length} of ${n} features learned (‖W_i‖ > 0.5)${notLearned ? `; ${notLearned} not` : ''}`}
        </Text>
        <Text x={MARGIN} y={bodyH + 21} baseline="central" role="note">
          {`edges: |W_i·W_j| > 0.1${hiddenEdges > 0 ? `; the strongest ${edges.length} of ${a.graph.edges.length} drawn` : ''}`}
        </Text>
      </g>
    </ChartSvg>
  );
}

/** Reference vectors of each polytope as seen in its own plane (3-D ones projected), for icons. */
function iconVectors(name: FactorName): [number, number][] {
  const ring = (k: number, r = 1, phase = -Math.PI / 2): [number, number][] =>
    Array.from({ length: k }, (_, t) => [
      r * Math.cos(phase + (2 * Math.PI * t) / k),
      r * Math.sin(phase + (2 * Math.PI * t) / k),
    ]);
  switch (name) {
    case 'dedicated':
      return [[0, -1]];
    case 'digon':
      return [
        [-1, 0],
        [1, 0],
      ];
    case 'triangle':
      return ring(3);
    case 'pentagon':
      return ring(5);
    case 'tetrahedron':
      // Oblique view: three base vertices and the apex off-centre.
      return [...ring(3, 0.95, Math.PI / 2), [0.15, -0.35]];
    case 'square-antiprism':
      return [...ring(4, 1, 0), ...ring(4, 0.7, Math.PI / 4)];
    case 'other':
      return [];
  }
}

export interface PolytopeGalleryProps {
  counts: Record<FactorName, number>;
  /** Features in the model's factors by name (for the tooltip). */
  features?: Partial<Record<FactorName, number[]>>;
  width?: number;
  title?: string;
}

/** One tile per polytope name with its reference shape and how many factors of the model form it. */
export function PolytopeGallery({
  counts,
  features,
  width = 360,
  title = 'Polytopes the features form',
}: PolytopeGalleryProps) {
  const w = Math.max(200, finite(width, 360));
  const cols = Math.max(1, Math.min(FACTOR_NAMES.length, Math.floor((w - 2 * MARGIN) / 86)));
  const tileW = (w - 2 * MARGIN) / cols;
  const tileH = 92;
  const rows = Math.ceil(FACTOR_NAMES.length / cols);
  const h = 2 * MARGIN + rows * tileH;
  return (
    <ChartSvg chart="polytope-gallery" width={w} height={h} title={title}>
      {FACTOR_NAMES.map((name, k) => {
        const count = Math.max(0, Math.floor(finite(counts[name])));
        const tx = MARGIN + (k % cols) * tileW;
        const ty = MARGIN + Math.floor(k / cols) * tileH;
        const cx = tx + tileW / 2;
        const cy = ty + 26;
        const r = 18;
        const vs = iconVectors(name);
        const list = features?.[name];
        return (
          <g key={name} data-polytope={name} data-count={count} opacity={count > 0 ? 1 : 0.35}>
            <title>{`${POLYTOPE_LABELS[name]}: ${count}${list && list.length ? ` (features ${list.join(', ')})` : ''}`}</title>
            {vs.length > 2 ? (
              <polygon
                points={vs
                  .slice(0, name === 'square-antiprism' ? 4 : vs.length)
                  .map(([a, b]) => `${px(cx + r * a)},${px(cy + r * b)}`)
                  .join(' ')}
                fill="none"
                stroke={AXIS_COLOR}
                strokeWidth={0.75}
              />
            ) : null}
            {name === 'square-antiprism' ? (
              <polygon
                points={vs
                  .slice(4)
                  .map(([a, b]) => `${px(cx + r * a)},${px(cy + r * b)}`)
                  .join(' ')}
                fill="none"
                stroke={AXIS_COLOR}
                strokeWidth={0.75}
              />
            ) : null}
            {vs.map(([a, b], t) => (
              <g key={t}>
                <line
                  x1={px(cx)}
                  y1={px(cy)}
                  x2={px(cx + r * a)}
                  y2={px(cy + r * b)}
                  stroke={TEXT_COLOR}
                  strokeWidth={1}
                />
                <circle
                  cx={px(cx + r * a)}
                  cy={px(cy + r * b)}
                  r={3}
                  fill={POLYTOPE_COLORS[name]}
                  stroke={TEXT_COLOR}
                  strokeWidth={0.75}
                />
              </g>
            ))}
            {name === 'other' ? (
              <Text x={cx} y={cy} anchor="middle" baseline="central" role="icon" tone="muted">
                ?
              </Text>
            ) : null}
            <Text x={cx} y={ty + 58} anchor="middle" tone="text">
              {POLYTOPE_LABELS[name]}
            </Text>
            <Text x={cx} y={ty + 75} anchor="middle" role="emphasis" weight={600}>
              {`× ${count}`}
            </Text>
          </g>
        );
      })}
    </ChartSvg>
  );
}
