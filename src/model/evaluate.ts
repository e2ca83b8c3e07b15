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

/** One block of evaluation samples: `rows` rows of X (row-major, n per row) standing for probability `weight`. */
export interface EvalPattern {
  weight: number;
  X: Float32Array;
  rows: number;
}

/** Fills X with a pattern's `samplesPerPattern` rows of values (with the caller's own draws). */
export type PatternFill = (X: Float32Array, pattern: number) => void;

/**
 * The stratified evaluation samples: for each on/off pattern A of the features (2^n of them),
 * its exact probability P(A) = Π_{i∈A} p_i Π_{i∉A} (1 − p_i) and `samplesPerPattern` rows of
 * values from `fill` (the all-zero pattern needs one row: it is exact). The X buffer is reused:
 * read each block before the next.
 */
export function* stratifiedPatterns(
  density: ArrayLike<number>,
  samplesPerPattern: number,
  fill: PatternFill,
): Generator<EvalPattern> {
  const n = density.length;
  const X = new Float32Array(samplesPerPattern * n);
  for (let pattern = 0; pattern < 1 << n; pattern++) {
    let prob = 1;
    for (let i = 0; i < n; i++) prob *= pattern & (1 << i) ? density[i] : 1 - density[i];
    if (prob === 0) continue;
    fill(X, pattern);
    yield { weight: prob, X, rows: pattern === 0 ? 1 : samplesPerPattern };
  }
}

/** Σ over the 2^n on/off patterns of P(pattern) · loss(pattern's rows). */
export function stratifiedSum(
  density: ArrayLike<number>,
  samplesPerPattern: number,
  fill: PatternFill,
  loss: (X: Float32Array, rows: number) => number,
): number {
  let total = 0;
  for (const { weight, X, rows } of stratifiedPatterns(density, samplesPerPattern, fill))
    total += weight * loss(X, rows);
  return total;
}

/**
 * The basic model's evaluation samples (independent features, values uniform on [0, 1)):
 * stratified for n ≤ STRATIFIED_MAX_N, else one block of 20,000 plain samples. The page's seed
 * picker, the hand-placed weights' readouts and bestResponseBias all see these same samples.
 */
export function evaluationPatterns(density: Float32Array, samplesPerPattern = 256, seed = 1): Iterable<EvalPattern> {
  const n = density.length;
  if (n > STRATIFIED_MAX_N) {
    const samples = 20_000;
    return [{ weight: 1, X: sparseBatch(samples, density, new Rng(deriveSeed(seed, EVAL_STREAM))), rows: samples }];
  }
  const rng = new Rng(deriveSeed(seed, EVAL_STREAM, 1));
  return stratifiedPatterns(density, samplesPerPattern, (X, pattern) => {
    for (let r = 0; r < samplesPerPattern; r++)
      for (let i = 0; i < n; i++) X[r * n + i] = pattern & (1 << i) ? rng.uniform() : 0;
  });
}

/**
 * Expected loss by stratifying over which features are on: E[L] = Σ_A P(A) · E[L | A]. Plain
 * Monte Carlo at density 0.01 sees two features on together about once per 10,000 samples —
 * exactly the events that separate the phases — so a best-of-seeds choice made on it is noise.
 * Same normalisation as importanceWeightedMse (mean over features).
 */
export function stratifiedExpectedLoss(
  inst: EvalInstance,
  m: number,
  kind: ModelKind,
  samplesPerPattern = 256,
  seed = 1,
): number {
  if (inst.density.length > STRATIFIED_MAX_N) return evaluationLoss(inst, m, kind, 20_000, seed);
  let total = 0;
  for (const { weight, X, rows } of evaluationPatterns(inst.density, samplesPerPattern, seed)) {
    total += weight * importanceWeightedMse(inst.W, inst.b, X, rows, inst.importance, m, kind);
  }
  return total;
}
