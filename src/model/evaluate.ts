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
