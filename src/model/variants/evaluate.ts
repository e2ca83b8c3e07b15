/**
 * Expected loss of trained variant instances, to pick the best of several seeds as the paper
 * does (model/evaluate.ts does the same for the basic models on independent features).
 */
import type { InstanceSpec, TrainConfig } from '../config';
import { EVAL_STREAM, argminFinite, stratifiedSum } from '../evaluate';
import { Rng, deriveSeed } from '../rng';
import { variantBatch, variantData } from './correlated-data';
import { instanceParams, variantLoss, variantModel, type VariantModel, type VariantParams } from './model';

/** Largest n whose stratified estimate enumerates all 2^n on/off patterns. */
export const VARIANT_STRATIFIED_MAX_N = 10;

type Params = VariantParams<Float32Array> | VariantParams<Float64Array>;

/** Importance-weighted MSE (notebook normalisation) on `samples` fresh samples of the run's data. */
export function variantEvaluationLoss(
  config: Pick<TrainConfig, 'n' | 'm' | 'kind' | 'untied' | 'featureSets'>,
  inst: Pick<InstanceSpec, 'density' | 'importance'>,
  params: Params,
  samples = 20_000,
  seed = 1,
): number {
  const model = variantModel(config);
  const X = variantBatch(
    samples,
    variantData(inst.density, config.featureSets ?? [], model.signedInputs),
    new Rng(deriveSeed(seed, EVAL_STREAM)),
  );
  return variantLoss(model, params, X, samples, inst.importance, config.m);
}

/**
 * Expected loss stratified over which features are on (independent features only, n ≤ 10):
 * exact pattern probabilities, `samplesPerPattern` draws of the values per pattern. Falls back to
 * plain Monte Carlo (variantEvaluationLoss) for feature sets or larger n.
 */
export function variantStratifiedLoss(
  config: Pick<TrainConfig, 'n' | 'm' | 'kind' | 'untied' | 'featureSets'>,
  inst: Pick<InstanceSpec, 'density' | 'importance'>,
  params: Params,
  samplesPerPattern = 128,
  seed = 1,
): number {
  const n = inst.density.length;
  if (n > VARIANT_STRATIFIED_MAX_N || (config.featureSets?.length ?? 0) > 0)
    return variantEvaluationLoss(config, inst, params, 20_000, seed);
  const model: VariantModel = variantModel(config);
  const rng = new Rng(deriveSeed(seed, EVAL_STREAM, 1));
  return stratifiedSum(
    inst.density,
    samplesPerPattern,
    (X, pattern) => {
      for (let r = 0; r < samplesPerPattern; r++) {
        for (let i = 0; i < n; i++) {
          const u = rng.uniform();
          X[r * n + i] = pattern & (1 << i) ? (model.signedInputs ? 2 * u - 1 : u) : 0;
        }
      }
    },
    (X, rows) => variantLoss(model, params, X, rows, inst.importance, config.m),
  );
}

/** Every instance's evaluation loss and the index of the lowest (the paper's best-of-k). */
export function bestVariantInstance(
  config: TrainConfig,
  W: Float32Array,
  b: Float32Array,
  opts: { stratified?: boolean; samples?: number } = {},
): { index: number; losses: number[]; params: VariantParams<Float32Array> } {
  const losses = config.instances.map((inst, j) => {
    const p = instanceParams(config, W, b, j);
    return opts.stratified
      ? variantStratifiedLoss(config, inst, p)
      : variantEvaluationLoss(config, inst, p, opts.samples ?? 20_000);
  });
  const index = argminFinite(losses);
  return { index, losses, params: instanceParams(config, W, b, index) };
}
