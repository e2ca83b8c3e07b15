/**
 * Expected loss of trained instances on a fixed evaluation set: a last-batch loss is too noisy
 * to pick the best of several seeds at high sparsity (few features are on in any one batch).
 */
import type { ModelKind } from './config';
import { sparseBatch } from './data';
import { Rng, deriveSeed } from './rng';
import { importanceWeightedMse } from './toy-model';

export const EVAL_STREAM = 0x5eed;

export interface EvalInstance {
  W: Float32Array;
  b: Float32Array;
  density: Float32Array;
  importance: Float32Array;
}

/** Importance-weighted MSE (notebook normalisation) on `samples` fresh samples from `seed`. */
export function evaluationLoss(inst: EvalInstance, m: number, kind: ModelKind, samples = 20_000, seed = 1): number {
  const X = sparseBatch(samples, inst.density, new Rng(deriveSeed(seed, EVAL_STREAM)));
  return importanceWeightedMse(inst.W, inst.b, X, samples, inst.importance, m, kind);
}

/** Index of the lowest value (the paper keeps the lowest-loss of several fits); NaN counts as worst. */
export function argminFinite(values: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && (best < 0 || v < values[best])) best = i;
  }
  return best < 0 ? 0 : best;
}

/** Largest n for which the stratified estimate enumerates every on/off pattern (2^n strata). */
export const STRATIFIED_MAX_N = 10;

/**
 * Expected loss by stratifying over which features are on: E[L] = Σ_A P(A) · E[L | A], with
 * P(A) = Π_{i∈A} p_i Π_{i∉A} (1 − p_i) exact and E[L | A] from `samplesPerPattern` draws of the
 * active values. Plain Monte Carlo at density 0.01 sees two features on together about once per
 * 10,000 samples — exactly the events that separate the phases — so a best-of-seeds choice
 * made on it is noise. Same normalisation as importanceWeightedMse (mean over features).
 */
export function stratifiedExpectedLoss(inst: EvalInstance, m: number, kind: ModelKind, samplesPerPattern = 256, seed = 1): number {
  const n = inst.density.length;
  if (n > STRATIFIED_MAX_N) return evaluationLoss(inst, m, kind, 20_000, seed);
  const rng = new Rng(deriveSeed(seed, EVAL_STREAM, 1));
  return stratifiedSum(
    inst.density,
    samplesPerPattern,
    (X, pattern) => {
      for (let r = 0; r < samplesPerPattern; r++) for (let i = 0; i < n; i++) X[r * n + i] = pattern & (1 << i) ? rng.uniform() : 0;
    },
    (X, rows) => importanceWeightedMse(inst.W, inst.b, X, rows, inst.importance, m, kind),
  );
}

/**
 * Σ over the 2^n on/off patterns of P(pattern) · loss: `fill(X, pattern)` writes the pattern's
 * `samplesPerPattern` rows of values (with the caller's own draws), `loss(X, rows)` scores them.
 * The all-zero pattern needs one row: it is exact.
 */
export function stratifiedSum(density: ArrayLike<number>, samplesPerPattern: number, fill: (X: Float32Array, pattern: number) => void, loss: (X: Float32Array, rows: number) => number): number {
  const n = density.length;
  const X = new Float32Array(samplesPerPattern * n);
  let total = 0;
  for (let pattern = 0; pattern < 1 << n; pattern++) {
    let prob = 1;
    for (let i = 0; i < n; i++) prob *= pattern & (1 << i) ? density[i] : 1 - density[i];
    if (prob === 0) continue;
    fill(X, pattern);
    total += prob * loss(X, pattern === 0 ? 1 : samplesPerPattern);
  }
  return total;
}
