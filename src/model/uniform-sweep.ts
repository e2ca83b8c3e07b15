/**
 * Uniform superposition (the paper's "The Geometry of Superposition: Uniform Superposition") and the perturbed pentagon
 * ("Non-Uniform Superposition") as batched training requests, and the per-instance summary the dimensionality charts
 * draw.
 */
import { paperConfig, constantVector, type InstanceSpec, type TrainConfig } from './config';
import { dimensionsPerFeature, featureDimensionality, frobeniusSquared, instanceWeights } from './metrics';
import { logSpace } from './log-space';
import { deriveSeed } from './rng';

export interface SweepRange {
  /** Number of densities (one instance each). */
  sparsities: number;
  /** Densest point as 1/(1 − S); default 1 (dense). */
  minInvDensity?: number;
  /**
   * Sparsest point as 1/(1 − S). Default 20: the official notebook's grid 20^(−t),
   * t = linspace(0, 1, 20), the sparsities of the paper's notebook for "Uniform Superposition".
   */
  maxInvDensity?: number;
}

export interface UniformSweepOptions extends SweepRange {
  n: number;
  m: number;
  seed?: number;
}

export const UNIFORM_SWEEP_DEFAULTS = Object.freeze({ minInvDensity: 1, maxInvDensity: 20 });

/** Densities 1 − S of the sweep, dense to sparse, with 1/(1 − S) log-spaced. */
export function sweepDensities({
  sparsities,
  minInvDensity = UNIFORM_SWEEP_DEFAULTS.minInvDensity,
  maxInvDensity = UNIFORM_SWEEP_DEFAULTS.maxInvDensity,
}: SweepRange): Float64Array {
  if (!Number.isInteger(sparsities) || sparsities < 1)
    throw new RangeError(`sparsities must be a positive integer, got ${sparsities}`);
  if (!(minInvDensity >= 1 && maxInvDensity >= minInvDensity && Number.isFinite(maxInvDensity))) {
    throw new RangeError(`need 1 ≤ minInvDensity ≤ maxInvDensity, got ${minInvDensity}, ${maxInvDensity}`);
  }
  const inv = sparsities === 1 ? Float64Array.of(minInvDensity) : logSpace(minInvDensity, maxInvDensity, sparsities);
  return inv.map((v) => 1 / v);
}

/**
 * One instance per density, every feature at that density with importance 1, the notebook's
 * optimizer and batch (initialisation std left to the trainer's notebook default, which depends
 * on the instance count like PyTorch's xavier_normal_ on the batched tensor).
 */
export function uniformSweepConfig(opts: UniformSweepOptions): TrainConfig {
  const { n, m, seed = 1 } = opts;
  const densities = sweepDensities(opts);
  const instances: InstanceSpec[] = Array.from(densities, (d, j) => ({
    seed: deriveSeed(seed, j),
    density: constantVector(n, d),
    importance: constantVector(n, 1),
  }));
  return paperConfig(n, m, 'relu', instances);
}

export interface SweepPoint {
  /** 1 − S (of feature 0; uniform sweeps share it across features). */
  density: number;
  invDensity: number;
  /** m / ‖W‖_F²: 1 with one dimension per feature, ½ on the antipodal plateau. */
  dimensionsPerFeature: number;
  frobeniusSquared: number;
  /** D_i for every feature (0 for features that are not learned). */
  dimensionalities: Float64Array;
  /** Σ_i D_i (≤ m; = m for tight frames and their tegum products). */
  sumDimensionality: number;
}

/** Per-instance summary of a trained sweep; W is the batched [I, n, m] array. */
export function sweepSummary(W: Float32Array, config: Pick<TrainConfig, 'n' | 'm' | 'instances'>): SweepPoint[] {
  const { n, m, instances } = config;
  if (W.length !== instances.length * n * m)
    throw new RangeError(`W needs ${instances.length * n * m} entries, got ${W.length}`);
  return instances.map((inst, j) => {
    const Wj = instanceWeights(W, j, n, m);
    const D = featureDimensionality(Wj, n, m);
    const density = inst.density[0];
    return {
      density,
      invDensity: 1 / density,
      dimensionsPerFeature: dimensionsPerFeature(Wj, m),
      frobeniusSquared: frobeniusSquared(Wj),
      dimensionalities: D,
      sumDimensionality: D.reduce((s, v) => s + v, 0),
    };
  });
}

export interface PerturbedPentagonOptions {
  /** Density of features 0–3; default 0.05 (the paper's 1 − S = 0.05). */
  baseDensity?: number;
  /** Density of feature 4 relative to the others, one instance (or `seeds` instances) each. */
  relativeDensities: readonly number[];
  /** Independent fits per relative density (the paper keeps the lowest loss); default 1. */
  seeds?: number;
  seed?: number;
}

/**
 * The paper's "Non-Uniform Superposition": n = 5, m = 2, equal importance; features 0–3 at baseDensity, feature 4 at
 * baseDensity × relative density (capped at 1). Instance index = relative-density index · seeds + k.
 */
export function perturbedPentagonConfig({
  baseDensity = 0.05,
  relativeDensities,
  seeds = 1,
  seed = 1,
}: PerturbedPentagonOptions): TrainConfig {
  if (!Number.isInteger(seeds) || seeds < 1) throw new RangeError(`seeds must be a positive integer, got ${seeds}`);
  if (!(baseDensity > 0 && baseDensity <= 1))
    throw new RangeError(`baseDensity must lie in (0, 1], got ${baseDensity}`);
  const n = 5;
  const instances: InstanceSpec[] = [];
  relativeDensities.forEach((rel, r) => {
    if (!(rel > 0)) throw new RangeError(`relative densities must be positive, got ${rel}`);
    const density = constantVector(n, baseDensity);
    density[4] = Math.min(1, baseDensity * rel);
    for (let k = 0; k < seeds; k++)
      instances.push({ seed: deriveSeed(seed, r, k), density: density.slice(), importance: constantVector(n, 1) });
  });
  return paperConfig(n, 2, 'relu', instances);
}

/**
 * Where two loss curves cross, by linear interpolation of log(loss) in log(relative density)
 * between the first adjacent pair whose difference changes sign (skipping missing values);
 * null if they never cross.
 */
export function crossing(
  rel: readonly number[],
  a: readonly (number | null)[],
  b: readonly (number | null)[],
): number | null {
  let prev: { x: number; d: number } | null = null;
  for (let r = 0; r < rel.length; r++) {
    const u = a[r];
    const v = b[r];
    if (u === null || v === null || !(u > 0) || !(v > 0) || !(rel[r] > 0)) continue;
    const cur = { x: Math.log(rel[r]), d: Math.log(u) - Math.log(v) };
    if (prev && Math.sign(prev.d) !== Math.sign(cur.d) && cur.d !== 0) {
      const t = prev.d / (prev.d - cur.d);
      return Math.exp(prev.x + t * (cur.x - prev.x));
    }
    if (cur.d === 0) return rel[r];
    prev = cur;
  }
  return null;
}
