/**
 * Synthetic data for the variants (the paper's "Correlated and Anticorrelated Features" and "Computation in
 * Superposition"): correlated and anticorrelated feature sets, and signed inputs for the absolute-value task. Seeded
 * and reproducible: the same Rng state gives the same batch.
 *
 * Conventions (p = the density a config gives every member of a set; see FeatureSet in config.ts):
 * - independent feature: non-zero with probability p, value U[0, 1) (exactly model/data.ts);
 * - correlated set: one gate per row, on with probability p; when on every member gets its own
 *   independent U[0, 1) value. Each member's marginal density is p and the members are always
 *   co-active.
 * - anticorrelated set of k members: on with probability q = min(1, k·p); when on exactly one
 *   member, chosen uniformly, gets a U[0, 1) value. Each member's marginal density is q/k =
 *   min(p, 1/k), and no two members are ever co-active.
 * - signed (the abs task): every non-zero value v is mapped to 2v − 1, i.e. uniform on [−1, 1).
 *
 * With no sets and unsigned data the generator is model/data.ts's fillSparseUniform itself (the
 * same random stream), so a variant run of a basic model reproduces the basic trainer.
 */
import type { FeatureSet } from '../config';
import { SKIP_SAMPLING_BELOW, fillSparseUniform } from '../data';
import type { Rng } from '../rng';

export const ANTICORRELATED_CONVENTION =
  'anticorrelated set of k features with density p: the set is on with probability min(1, k·p) and then exactly ' +
  'one member, chosen uniformly, is non-zero; each member keeps marginal density p (capped at 1/k)';

export const CORRELATED_CONVENTION =
  'correlated set with density p: one gate for the whole set, on with probability p; the members’ values are ' +
  'independent U[0, 1]';

/** A data distribution ready to sample. */
export interface VariantData {
  n: number;
  /** Per-feature density p_i as given (members of a set share one value). */
  density: Float32Array;
  sets: readonly FeatureSet[];
  signed: boolean;
  /** Features in no set. */
  independent: Int32Array;
}

export function variantData(density: Float32Array, sets: readonly FeatureSet[] = [], signed = false): VariantData {
  const n = density.length;
  const inSet = new Uint8Array(n);
  for (const s of sets) for (const f of s.features) inSet[f] = 1;
  const independent: number[] = [];
  for (let i = 0; i < n; i++) if (!inSet[i]) independent.push(i);
  return { n, density, sets, signed, independent: Int32Array.from(independent) };
}

/** Probability that a set's gate is on (correlated: p; anticorrelated: min(1, k·p)). */
export function setGateProbability(set: FeatureSet, density: ArrayLike<number>): number {
  const p = density[set.features[0]];
  return set.kind === 'correlated' ? p : Math.min(1, set.features.length * p);
}

/** The actual probability that each feature is non-zero under these conventions. */
export function marginalDensity(density: Float32Array, sets: readonly FeatureSet[] = []): Float32Array {
  const out = Float32Array.from(density);
  for (const s of sets) {
    if (s.kind !== 'anticorrelated') continue;
    const q = setGateProbability(s, density) / s.features.length;
    for (const f of s.features) out[f] = q;
  }
  return out;
}

/**
 * Visit the rows whose gate (probability q) is on, in increasing order. Sparse gates skip over
 * the off rows with geometric gaps, as model/data.ts does.
 */
function forEachOnRow(rows: number, q: number, rng: Rng, visit: (r: number) => void): void {
  if (q <= 0) return;
  if (q >= SKIP_SAMPLING_BELOW) {
    for (let r = 0; r < rows; r++) if (rng.uniform() < q) visit(r);
    return;
  }
  const invLogQ = 1 / Math.log1p(-q);
  let r = Math.floor(Math.log(1 - rng.uniform()) * invLogQ);
  while (r < rows) {
    visit(r);
    r += 1 + Math.floor(Math.log(1 - rng.uniform()) * invLogQ);
  }
}

/** Fill out[offset … offset + rows·n) with `rows` samples (row-major [rows, n]). */
export function fillVariantBatch(out: Float32Array, offset: number, rows: number, data: VariantData, rng: Rng): void {
  const { n, density, sets } = data;
  if (sets.length === 0) {
    fillSparseUniform(out, offset, rows, density, rng);
  } else {
    out.fill(0, offset, offset + rows * n);
    for (const i of data.independent) {
      forEachOnRow(rows, density[i], rng, (r) => {
        out[offset + r * n + i] = rng.uniform();
      });
    }
    for (const set of sets) {
      const q = setGateProbability(set, density);
      const f = set.features;
      const k = f.length;
      if (set.kind === 'correlated') {
        forEachOnRow(rows, q, rng, (r) => {
          const o = offset + r * n;
          for (let a = 0; a < k; a++) out[o + f[a]] = rng.uniform();
        });
      } else {
        forEachOnRow(rows, q, rng, (r) => {
          out[offset + r * n + f[Math.min(k - 1, rng.int(k))]] = rng.uniform();
        });
      }
    }
  }
  if (data.signed) {
    for (let o = offset, end = offset + rows * n; o < end; o++) if (out[o] !== 0) out[o] = 2 * out[o] - 1;
  }
}

/** A fresh [rows, n] batch. */
export function variantBatch(rows: number, data: VariantData, rng: Rng): Float32Array {
  const out = new Float32Array(rows * data.n);
  fillVariantBatch(out, 0, rows, data, rng);
  return out;
}

/**
 * `count` sets of `size` consecutive features starting at `start` (the paper's and ARENA's
 * layout: correlated pairs first, then anticorrelated pairs, then independent features).
 */
export function consecutiveSets(kind: FeatureSet['kind'], count: number, size: number, start = 0): FeatureSet[] {
  return Array.from({ length: count }, (_, s) => ({
    kind,
    features: Array.from({ length: size }, (_, a) => start + s * size + a),
  }));
}

/** For colouring: the set index of every feature, −1 for independent features. */
export function setIndexOfFeature(n: number, sets: readonly FeatureSet[] = []): Int32Array {
  const out = new Int32Array(n).fill(-1);
  sets.forEach((s, j) => s.features.forEach((f) => (out[f] = j)));
  return out;
}
