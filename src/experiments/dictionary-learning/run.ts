/**
 * The worker side of "Dictionary learning finds the features again" (footnote 20): sample hidden
 * vectors of the model, learn a sparse non-negative dictionary of them (FISTA + MOD on tfjs) and
 * count the features an atom points at; then the same over densities and over k. Runs in the task
 * worker (src/experiments/tasks.ts), in Node for tests, the CLI and the bench.
 */
import {
  cosineMatrix,
  featureDirections,
  matchedAtomOrder,
  recoveryFraction,
  sampleHiddenActivations,
} from '../../model/footnotes/dictionary';
import { representedFeatures } from '../../model/metrics';
import { learnDictionary } from '../../train/solvers/fista';
import { solverPath, type SolverPath } from '../../train/solvers/tensor-path';
import type { TaskContext } from '../../worker/tasks';
import { clampDensities, validModel, type ModelData } from '../shared/footnote-model';
import { MIN_DENSITY, finiteOr, meanOf, positiveInt, uniqueSorted } from '../shared/inputs';

/**
 * Single runs and every curve point alike (so the curves pass through the single run's result):
 * 1000 activations, 40 alternations × 30 FISTA steps. In our checks this lands in the good minimum
 * more often than 2000 × (30 × 40) at about half the cost.
 */
export const DICTIONARY_DEFAULTS = Object.freeze({
  samples: 1000,
  iterations: 40,
  codeIterations: 30,
  /** |cos| at which a feature counts as recovered. */
  threshold: 0.9,
  curveDensities: [0.01, 0.1, 0.3, 0.6] as readonly number[],
  curveRatios: [0.5, 1, 2, 4] as readonly number[],
});

/** How a dictionary is learned and scored: the same for a single run and every point of its curves. */
export interface DictionarySettings {
  model: ModelData;
  /** L1 weight relative to the RMS norm of the activations (default 0.05). */
  relativeLambda?: number;
  /** Activations sampled (default 1000). */
  samples?: number;
  /** Alternations and FISTA iterations per code update (defaults 40 and 30). */
  iterations?: number;
  codeIterations?: number;
  /** |cos| at which a feature counts as recovered (default 0.9). */
  threshold?: number;
  seed?: number;
}

export interface DictionaryRequest extends DictionarySettings {
  /** Number of atoms. */
  k: number;
  /** Density 1 − S of the inputs behind the sampled activations (default: the model's own). */
  density?: number;
}

export interface DictionaryResult {
  n: number;
  m: number;
  k: number;
  samples: number;
  /** The features with ‖W_i‖ > 0.5: the ones a dictionary can hope to find. */
  represented: number[];
  /** Their unit directions [represented.length, m]. */
  directions: Float64Array;
  /** The learned unit-norm atoms [k, m]. */
  atoms: Float32Array;
  /** Signed cosine between each represented feature and each atom [represented.length, k]. */
  cos: Float64Array;
  /** Display order of the atoms: matched one-to-one first (on the diagonal), then the rest. */
  atomOrder: number[];
  /** Per represented feature: best |cos| over the atoms, and which atom. */
  best: Float64Array;
  bestAtom: Int32Array;
  /** Fraction of represented features whose best atom has |cos| ≥ threshold. */
  fraction: number;
  threshold: number;
  /** Control: the same fraction for the hidden basis itself (what one reads off without learning). */
  axisFraction: number;
  relativeError: number;
  meanActive: number;
  lambda: number;
  path: SolverPath;
  ms: number;
}

export interface DictionaryCurvesRequest extends DictionarySettings {
  /** Atoms as a multiple of n, for the curve over sparsity (default 2). */
  kPerFeature?: number;
  /** Densities of the sampled inputs (default 0.01, 0.1, 0.3, 0.6, plus the model's own and `density`). */
  densities?: number[];
  /** k/n values (default 0.5, 1, 2, 4). */
  ratios?: number[];
  /** Density for the curve over k/n (default the model's own). */
  density?: number;
  /** Points already computed with these same settings (e.g. the single run): used, not recomputed. */
  known?: { density: number; k: number; fraction: number }[];
}

export interface DictionaryCurvesResult {
  byDensity: { density: number; fraction: number }[];
  byRatio: { ratio: number; k: number; fraction: number }[];
  samples: number;
  path: SolverPath;
  ms: number;
}

/** The settings' solver options with their defaults filled in. */
function solverOptions(req: DictionarySettings) {
  return {
    relativeLambda: req.relativeLambda,
    iterations: positiveInt(req.iterations, DICTIONARY_DEFAULTS.iterations),
    codeIterations: positiveInt(req.codeIterations, DICTIONARY_DEFAULTS.codeIterations),
    seed: req.seed ?? 1,
  };
}

export async function learnFeatureDictionary(req: DictionaryRequest, ctx: TaskContext): Promise<DictionaryResult> {
  const t0 = performance.now();
  const path = await solverPath();
  const model = validModel(req.model);
  const { n, m, W } = model;
  const k = Math.max(1, Math.floor(finiteOr(req.k, 2 * n)));
  const samples = positiveInt(req.samples, DICTIONARY_DEFAULTS.samples);
  const threshold = finiteOr(req.threshold, DICTIONARY_DEFAULTS.threshold);
  const density =
    req.density !== undefined ? Math.max(MIN_DENSITY, finiteOr(req.density, 0.1)) : clampDensities(model.density);
  const options = solverOptions(req);
  const { H } = sampleHiddenActivations(W, n, m, density, samples, options.seed);
  await ctx.breathe();
  const represented = representedFeatures(W, n, m);
  const directions = featureDirections(W, m, represented);
  const dict = await learnDictionary(H, samples, m, { k, ...options });
  ctx.check();
  const p = represented.length;
  const rec = recoveryFraction(directions, dict.B, m, threshold);
  const axes = new Float32Array(m * m);
  for (let q = 0; q < m; q++) axes[q * m + q] = 1;
  const axisRec = recoveryFraction(directions, axes, m, threshold);
  return {
    n,
    m,
    k,
    samples,
    represented,
    directions,
    atoms: dict.B,
    cos: cosineMatrix(directions, dict.B, m),
    atomOrder: p > 0 ? matchedAtomOrder(directions, dict.B, m) : Array.from({ length: k }, (_, j) => j),
    best: rec.best,
    bestAtom: rec.bestAtom,
    fraction: p > 0 ? rec.fraction : 0,
    threshold,
    axisFraction: p > 0 ? axisRec.fraction : 0,
    relativeError: dict.relativeError,
    meanActive: dict.meanActive,
    lambda: dict.lambda,
    path,
    ms: performance.now() - t0,
  };
}

export async function dictionaryCurves(
  req: DictionaryCurvesRequest,
  ctx: TaskContext,
): Promise<DictionaryCurvesResult> {
  const t0 = performance.now();
  const path = await solverPath();
  const model = validModel(req.model);
  const { n, m, W } = model;
  const samples = positiveInt(req.samples, DICTIONARY_DEFAULTS.samples);
  const threshold = finiteOr(req.threshold, DICTIONARY_DEFAULTS.threshold);
  const options = solverOptions(req);
  const own = Number(meanOf(model.density).toPrecision(6)); // float32 densities: 0.05, not 0.0500000007
  const curveDensity = Math.min(1, Math.max(MIN_DENSITY, finiteOr(req.density ?? own, own)));
  const densities = uniqueSorted(
    (req.densities ?? [...DICTIONARY_DEFAULTS.curveDensities, own, curveDensity]).map((d) =>
      Math.min(1, Math.max(MIN_DENSITY, d)),
    ),
  );
  const ratios = uniqueSorted(req.ratios ?? [...DICTIONARY_DEFAULTS.curveRatios]);
  const kPer = finiteOr(req.kPerFeature, 2);
  const represented = representedFeatures(W, n, m);
  const directions = featureDirections(W, m, represented);
  const total = densities.length + ratios.length;
  let done = 0;
  const fractionFor = async (density: number, k: number) => {
    if (represented.length === 0) return 0;
    const tolerance = 1e-6 * Math.max(density, 1e-9);
    const known = req.known?.find((q) => q.k === k && Math.abs(q.density - density) <= tolerance);
    if (known) return known.fraction;
    const { H } = sampleHiddenActivations(W, n, m, density, samples, options.seed);
    const dict = await learnDictionary(H, samples, m, { ...options, k });
    return recoveryFraction(directions, dict.B, m, threshold).fraction;
  };
  const point = async <T>(label: string, compute: () => Promise<T>): Promise<T> => {
    const value = await compute();
    ctx.progress({ done: ++done, total, label });
    await ctx.breathe();
    return value;
  };
  const byDensity: DictionaryCurvesResult['byDensity'] = [];
  for (const density of densities) {
    const k = Math.max(1, Math.round(kPer * n));
    byDensity.push(
      await point(`1 − S = ${density}`, async () => ({ density, fraction: await fractionFor(density, k) })),
    );
  }
  const byRatio: DictionaryCurvesResult['byRatio'] = [];
  for (const ratio of ratios) {
    const k = Math.max(1, Math.round(ratio * n));
    byRatio.push(await point(`k = ${k}`, async () => ({ ratio, k, fraction: await fractionFor(curveDensity, k) })));
  }
  return { byDensity, byRatio, samples, path, ms: performance.now() - t0 };
}
