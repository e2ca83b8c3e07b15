/**
 * The feature geometry graph's layout, a closed-form function of W (no force simulation), so it is
 * stable from frame to frame and testable: each tegum factor on its own small circle, its features
 * in their cyclic order, the factors flowing left to right in rows, largest first.
 */
import type { FactorName, PolytopeCounts } from '../model/geometry';
import { textWidth } from './legend';
import { POLYTOPE_LABELS } from './polytopes';
import { TYPE, clamp, finite, px } from './theme';

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

/** Space round the drawing (px); the chart's footer lines start at it too. */
export const MARGIN = 10;
const PAD = 16;
const LABEL_HEIGHT = 14;
const MIN_CELL = 40;
/** A factor label's width, with some air. */
const labelWidth = (text: string) => textWidth(text, TYPE.tick) + 10;
const NODE_SPACING = 15;

/** Dot products this close count as a tie (float32 rounding). */
const TIE = 1e-5;

/**
 * Order a factor's features around its circle: start at the lowest index, then repeatedly step
 * to the unvisited feature most aligned with the current one (largest signed W_i · W_j; ties by
 * index). A pentagon comes out in its cyclic order, an antiprism as alternating squares.
 */
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
