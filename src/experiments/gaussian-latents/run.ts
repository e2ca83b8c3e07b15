/**
 * The worker side of "Many sparse features add up to something Gaussian" (footnote 22): sample
 * hidden vectors of random unit directions (or the model's own), fit a normal to one hidden
 * dimension, and follow the excess kurtosis as features per dimension grow. Runs in the task
 * worker (src/experiments/tasks.ts), in Node for tests, the CLI and the bench.
 */
import {
  column,
  excessKurtosisPerDimension,
  gaussianFit,
  hiddenSamples,
  kurtosisByFeaturesPerDimension,
} from '../../model/footnotes/gaussian';
import type { TaskContext } from '../../worker/tasks';
import { validModel, type ModelData } from '../shared/footnote-model';
import { MIN_DENSITY, finiteOr, positiveInt } from '../shared/inputs';
import { GAUSS_RANDOM_M, GAUSS_RATIOS, GAUSSIAN_PARAMS } from './params';

export const GAUSSIAN_DEFAULTS = Object.freeze({
  samples: 50_000,
  /** Samples per point of the kurtosis curve. */
  curveSamples: 20_000,
  bins: 60,
  qqPoints: 99,
});

export interface GaussianRequest {
  /** 'random': n = ratio·m random unit directions; 'model': the given model's W. */
  source: 'random' | 'model';
  model?: ModelData;
  /** Hidden dimensions for 'random' (default the section's 8). */
  m?: number;
  /** Features per hidden dimension for 'random' (default the section's). */
  featuresPerDimension?: number;
  /** Feature density 1 − S. */
  density: number;
  /** Which hidden dimension's histogram (default 0). */
  dimension?: number;
  /** Samples of h (default 50 000). */
  samples?: number;
  bins?: number;
  qqPoints?: number;
  /** Features per dimension for the kurtosis curve (default the section's menu; random directions, m as above). */
  curveRatios?: number[];
  /** Samples per curve point (default 20 000). */
  curveSamples?: number;
  seed?: number;
}

export interface GaussianResult {
  n: number;
  m: number;
  dimension: number;
  samples: number;
  featuresPerDimension: number;
  mean: number;
  std: number;
  skewness: number;
  excessKurtosis: number;
  /** Histogram as a density: bins + 1 edges, and the moment-matched normal at the bin centres. */
  edges: Float64Array;
  density: Float64Array;
  normalDensity: Float64Array;
  /** Q–Q points: standard-normal quantiles against standardised sample quantiles. */
  qqTheoretical: Float64Array;
  qqSample: Float64Array;
  /** Excess kurtosis of every hidden dimension. */
  perDimension: Float64Array;
  /** Excess kurtosis against features per dimension (random directions, m = curveM). */
  curve: { ratio: number; n: number; dimension0: number; mean: number }[];
  curveM: number;
  ms: number;
}

export async function gaussianLatents(req: GaussianRequest, ctx: TaskContext): Promise<GaussianResult> {
  const t0 = performance.now();
  const density = Math.min(1, Math.max(MIN_DENSITY, finiteOr(req.density, GAUSSIAN_PARAMS.density.default)));
  const samples = positiveInt(req.samples, GAUSSIAN_DEFAULTS.samples);
  const seed = req.seed ?? 1;
  let sampled: { H: Float32Array; n: number; m: number };
  if (req.source === 'model') {
    if (!req.model) throw new Error('gaussian: source "model" needs a model');
    const model = validModel(req.model);
    sampled = hiddenSamples({ m: model.m, W: model.W, density, samples, seed });
  } else {
    const m = positiveInt(req.m, GAUSS_RANDOM_M);
    const featuresPerDimension = finiteOr(req.featuresPerDimension, GAUSSIAN_PARAMS.featuresPerDimension.default);
    sampled = hiddenSamples({ m, featuresPerDimension, density, samples, seed });
  }
  const { H, n, m } = sampled;
  const dimension = Math.min(m - 1, Math.max(0, Math.floor(finiteOr(req.dimension, 0))));
  const bins = positiveInt(req.bins, GAUSSIAN_DEFAULTS.bins);
  const fit = gaussianFit(column(H, m, dimension), bins, positiveInt(req.qqPoints, GAUSSIAN_DEFAULTS.qqPoints));
  const perDimension = excessKurtosisPerDimension(H, m);
  await ctx.breathe();
  const curve = kurtosisByFeaturesPerDimension(req.curveRatios ?? [...GAUSS_RATIOS], {
    m,
    density,
    samples: positiveInt(req.curveSamples, GAUSSIAN_DEFAULTS.curveSamples),
    seed,
  });
  ctx.check();
  const { mean, std, skewness, excessKurtosis, edges, normalDensity, qqTheoretical, qqSample } = fit;
  return {
    n,
    m,
    dimension,
    samples,
    featuresPerDimension: n / m,
    mean,
    std,
    skewness,
    excessKurtosis,
    edges,
    density: fit.density,
    normalDensity,
    qqTheoretical,
    qqSample,
    perDimension,
    curve,
    curveM: m,
    ms: performance.now() - t0,
  };
}
