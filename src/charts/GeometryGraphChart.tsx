/**
 * A model's feature geometry graph (the paper's "Uniform Superposition"): nodes are the learned features, edges
 * join features whose embeddings overlap, drawn thicker and darker the larger |W_i · W_j|. The
 * connected components are the tegum factors; each is laid out on its own small circle, the
 * factors flowing left to right in rows (largest first), each labelled with the polytope it forms
 * (graph-layout.ts).
 */
import type { ReactElement } from 'react';
import { fmt } from '../model/format';
import { geometryAnalysis, type FactorName, type GeometryAnalysis } from '../model/geometry';
import { ChartSvg } from './frame';
import { MARGIN, graphLayout, type GraphLayout } from './graph-layout';
import { indexAt } from './pointer';
import { POLYTOPE_COLORS, POLYTOPE_LABELS } from './polytopes';
import { Text } from './text';
import { AXIS_COLOR, TEXT_COLOR, clamp, px } from './theme';

const EDGE_COLOR = TEXT_COLOR;
/** Beyond this many edges only the strongest are drawn (a big "other" factor can have ~n²/2). */
export const MAX_DRAWN_EDGES = 2500;

type Edge = GeometryAnalysis['graph']['edges'][number];

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

/** A faint dashed circle under each factor with more than one feature. */
function FactorRings({ layout }: { layout: GraphLayout }): ReactElement {
  return (
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
  );
}

/** The drawn edges, weakest first so the strongest lie on top. */
function Edges({ edges, layout }: { edges: readonly Edge[]; layout: GraphLayout }): ReactElement {
  // Hundreds of overlapping edges would paint a solid disc: fade each one as their number grows.
  const edgeFade = Math.min(1, Math.sqrt(120 / Math.max(1, edges.length)));
  return (
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
  );
}

/** The highlighted feature: its edges drawn dark and a ring round its node. */
function Highlight({
  feature,
  at,
  edges,
  layout,
}: {
  feature: number;
  at: { x: number; y: number };
  edges: readonly Edge[];
  layout: GraphLayout;
}): ReactElement {
  return (
    <g data-layer="highlight" data-highlight={feature} pointerEvents="none">
      {edges
        .filter((e) => e.i === feature || e.j === feature)
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
      <circle cx={at.x} cy={at.y} r={px(layout.nodeRadius + 3)} fill="none" stroke={TEXT_COLOR} strokeWidth={1.5} />
    </g>
  );
}

/** One node per learned feature, coloured by its factor's polytope; hover reports the feature. */
function Nodes({
  a,
  layout,
  onHover,
}: {
  a: GeometryAnalysis;
  layout: GraphLayout;
  onHover?: (i: number | null) => void;
}): ReactElement {
  const D = new Map<number, number>();
  a.polytopes.factors.forEach((f) => f.features.forEach((i, k) => D.set(i, f.dimensionalities[k])));
  const nameOf = new Map<number, FactorName>();
  a.polytopes.factors.forEach((f) => f.features.forEach((i) => nameOf.set(i, f.name)));
  return (
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
  );
}

/** Each factor's polytope name under its circle. */
function FactorLabels({ layout }: { layout: GraphLayout }): ReactElement {
  return (
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
  );
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
  const edges = [...a.graph.edges]
    .sort((p, q) => q.weight - p.weight)
    .slice(0, MAX_DRAWN_EDGES)
    .reverse();
  const footer = 30;
  const empty = a.graph.nodes.length === 0;
  const bodyH = empty ? 70 : layout.height;
  const w = layout.width;
  const notLearned = n - a.graph.nodes.length;
  const hiddenEdges = a.graph.edges.length - edges.length;
  const hl = highlight !== null ? (layout.position.get(highlight) ?? null) : null;

  return (
    <ChartSvg
      chart="geometry-graph"
      width={w}
      height={bodyH + footer}
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
      <FactorRings layout={layout} />
      <Edges edges={edges} layout={layout} />
      {hl && highlight !== null ? <Highlight feature={highlight} at={hl} edges={edges} layout={layout} /> : null}
      <Nodes a={a} layout={layout} onHover={onHover} />
      <FactorLabels layout={layout} />
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
