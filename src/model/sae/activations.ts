/**
 * The data an SAE reads: hidden activations h = Σ_i x_i W_i of a toy model (feature-major W [n, m],
 * see ../config.ts), for inputs x from the model's feature distribution — independent features,
 * x_i = 0 with probability 1 − p_i and otherwise U[0, 1] (../data.ts) — optionally with a hierarchy:
 * a child is off whenever its parent is off, and at most one of a group's mutually exclusive children
 * is on (the rest chosen off uniformly), as SAELens's synthetic HierarchyNode does (after Nabeshima's
 * Matryoshka toy model). A child's density is its probability given the parent is on.
 *
 * The true features are the rows W_i: an SAE on h can be scored against them exactly.
 */
import { fillSparseUniform } from '../data';
import type { Rng } from '../rng';

/** A parent feature and its children (feature indices). */
export interface HierarchyGroup {
  parent: number;
  children: readonly number[];
  /** At most one child on at a time. */
  exclusive: boolean;
}

export interface ActivationSource {
  n: number;
  m: number;
  /** [n, m] feature-major: row i is feature i's direction W_i. */
  W: Float32Array;
  /** Per-feature density p_i (a child's: given its parent is on). */
  density: Float32Array;
  hierarchy: readonly HierarchyGroup[];
  /**
   * A feature's value when on: 'uniform' on [0, 1] (the toy model's own distribution, the default) or
   * 'unit', always 1 (as in Chanin et al.'s toy models of absorption and SAELens's constant firing
   * magnitudes), where the absorbed direction reconstructs a parent and child exactly.
   */
  magnitude?: 'uniform' | 'unit';
}

/** Throws a RangeError naming what is wrong; returns the source unchanged. */
export function validateSource(s: ActivationSource): ActivationSource {
  if (!Number.isInteger(s.n) || s.n < 1 || !Number.isInteger(s.m) || s.m < 1)
    throw new RangeError('n and m must be positive integers');
  if (s.W.length !== s.n * s.m) throw new RangeError(`W must hold n·m = ${s.n * s.m} numbers, got ${s.W.length}`);
  if (s.density.length !== s.n) throw new RangeError(`density must hold n = ${s.n} numbers`);
  if (s.W.some((v) => !Number.isFinite(v))) throw new RangeError('W must be finite');
  if (s.density.some((p) => !(p > 0 && p <= 1))) throw new RangeError('every density must lie in (0, 1]');
  const seen = new Uint8Array(s.n);
  for (const g of s.hierarchy) {
    for (const f of [g.parent, ...g.children]) {
      if (!Number.isInteger(f) || f < 0 || f >= s.n)
        throw new RangeError(`hierarchy: feature ${f} is not in [0, ${s.n})`);
    }
    for (const c of g.children) {
      if (c === g.parent || seen[c]) throw new RangeError(`hierarchy: feature ${c} has more than one parent`);
      seen[c] = 1;
    }
  }
  return s;
}

/** Every parent → child edge of the hierarchy. */
export function hierarchyEdges(h: readonly HierarchyGroup[]): { parent: number; child: number }[] {
  return h.flatMap((g) => g.children.map((child) => ({ parent: g.parent, child })));
}

/** Rows sampled per chunk (the x scratch is CHUNK × n). */
const CHUNK = 256;

/**
 * Draws batches of h from one source, allocation-free after construction. The non-zero samples are
 * written compactly (h into H [count, m], optionally their x into X [count, n]); the all-zero samples,
 * whose h is 0, are only counted.
 */
export class ActivationSampler {
  private readonly x: Float32Array;

  constructor(readonly source: ActivationSource) {
    this.x = new Float32Array(CHUNK * source.n);
  }

  /**
   * `rows` samples from `rng`: returns how many were non-zero (their h at H[0 … count·m), x at
   * X[0 … count·n) when X is given); the other rows − count samples are h = 0.
   */
  sample(rng: Rng, rows: number, H: Float32Array | Float64Array, X?: Float32Array): number {
    const { n, m, W, density, hierarchy } = this.source;
    const unit = this.source.magnitude === 'unit';
    const x = this.x;
    let count = 0;
    for (let done = 0; done < rows; done += CHUNK) {
      const chunk = Math.min(CHUNK, rows - done);
      fillSparseUniform(x, 0, chunk, density, rng);
      for (let r = 0; r < chunk; r++) {
        const xo = r * n;
        if (hierarchy.length) applyHierarchy(x, xo, hierarchy, rng);
        if (unit) for (let i = 0; i < n; i++) if (x[xo + i] !== 0) x[xo + i] = 1;
        const ho = count * m;
        let any = false;
        for (let i = 0; i < n; i++) {
          const xi = x[xo + i];
          if (xi === 0) continue;
          if (!any) {
            for (let k = 0; k < m; k++) H[ho + k] = 0;
            any = true;
          }
          const w = i * m;
          for (let k = 0; k < m; k++) H[ho + k] += xi * W[w + k];
        }
        if (!any) continue;
        if (X) for (let i = 0; i < n; i++) X[count * n + i] = x[xo + i];
        count++;
      }
    }
    return count;
  }
}

/** One sample's hierarchy, in place: children of an inactive parent off, then one exclusive child at most. */
function applyHierarchy(x: Float32Array, xo: number, groups: readonly HierarchyGroup[], rng: Rng): void {
  for (const g of groups) {
    const cs = g.children;
    if (x[xo + g.parent] === 0) {
      for (let c = 0; c < cs.length; c++) x[xo + cs[c]] = 0;
      continue;
    }
    if (!g.exclusive) continue;
    let on = 0;
    for (let c = 0; c < cs.length; c++) if (x[xo + cs[c]] !== 0) on++;
    if (on < 2) continue;
    let keep = rng.int(on);
    for (let c = 0; c < cs.length; c++) {
      if (x[xo + cs[c]] === 0) continue;
      if (keep-- !== 0) x[xo + cs[c]] = 0;
    }
  }
}
