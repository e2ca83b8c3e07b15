/**
 * Adversarial vulnerability of the variant models (the paper's "Relationship to Adversarial Robustness"): the analytic
 * attack (to first order the worst small perturbation for feature i is along row i of the end-to-end map) and the loss
 * it costs, compared with a model that stores m features on orthogonal axes and drops the rest. Weights are
 * feature-major [n, m], as in ./analysis.ts.
 */
import type { FeatureSet, ModelKind } from '../config';
import { Rng, deriveSeed } from '../rng';
import { marginalDensity, variantBatch, variantData } from './correlated-data';
import { variantForward, variantModel, type VariantModel, type VariantParams } from './model';

type Params = VariantParams<Float32Array> | VariantParams<Float64Array>;

/** Mean L2 norm of the rows of X [rows, n]. */
export function meanInputNorm(X: ArrayLike<number>, rows: number, n: number): number {
  let s = 0;
  for (let r = 0; r < rows; r++) {
    let q = 0;
    for (let i = 0; i < n; i++) q += X[r * n + i] ** 2;
    s += Math.sqrt(q);
  }
  return s / rows;
}

/**
 * The analytic attack directions: row i of the model's end-to-end linear map M = W2 W1 (paper
 * notation; M = WᵀW for tied models), normalised. Row-major [n, n]; a zero row stays zero.
 */
export function attackDirections(p: Params, n: number, m: number): Float64Array {
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let q = 0;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += p.W2[i * m + k] * p.W1[j * m + k];
      D[i * n + j] = s;
      q += s * s;
    }
    const norm = Math.sqrt(q);
    if (norm > 1e-12) for (let j = 0; j < n; j++) D[i * n + j] /= norm;
    else for (let j = 0; j < n; j++) D[i * n + j] = 0;
  }
  return D;
}

export interface AttackResult {
  /** Loss on the clean inputs (notebook normalisation). */
  clean: number;
  /** Loss when every input is moved by budget · direction_i, for each feature i. */
  perFeature: Float64Array;
  /** The feature whose attack hurts most, and that loss. */
  feature: number;
  attacked: number;
}

/**
 * The paper's analytic attack: for each feature i, add budget · (M_i / ‖M_i‖) to every input and
 * measure the loss against the clean targets |x|; keep the feature that hurts most.
 */
export function analyticAttack(
  model: VariantModel,
  p: Params,
  X: Float32Array,
  rows: number,
  importance: ArrayLike<number>,
  m: number,
  budget: number,
): AttackResult {
  const n = importance.length;
  const D = attackDirections(p, n, m);
  const x = new Float64Array(n);
  const lossWith = (dir: number): number => {
    let total = 0;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < n; j++) x[j] = X[r * n + j] + (dir < 0 ? 0 : budget * D[dir * n + j]);
      const y = variantForward(model, p, x, n, m);
      for (let j = 0; j < n; j++) {
        const e = y[j] - Math.abs(X[r * n + j]);
        total += importance[j] * e * e;
      }
    }
    return total / (rows * n);
  };
  const clean = lossWith(-1);
  const perFeature = new Float64Array(n);
  let feature = 0;
  for (let i = 0; i < n; i++) {
    perFeature[i] = lossWith(i);
    if (perFeature[i] > perFeature[feature]) feature = i;
  }
  return { clean, perFeature, feature, attacked: perFeature[feature] };
}

/**
 * The non-superposition reference at the same data: the m most important features (ties: lower
 * index first) each on its own orthonormal axis with bias 0, every other feature dropped with its
 * optimal constant output E|x_i| = marginal density / 2 as bias. Tied.
 */
export function noSuperpositionBaseline(
  importance: ArrayLike<number>,
  density: Float32Array,
  m: number,
  sets: readonly FeatureSet[] = [],
): VariantParams<Float32Array> {
  const n = importance.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => importance[b] - importance[a] || a - b);
  const W = new Float32Array(n * m);
  const marginal = marginalDensity(density, sets);
  const b = new Float32Array(n);
  order.forEach((i, rank) => {
    if (rank < m) W[i * m + rank] = 1;
    else b[i] = marginal[i] / 2;
  });
  return { W1: W, W2: W, b };
}

export interface Vulnerability {
  /** (L' − L) / (L'₀ − L₀): the loss increase under attack relative to the baseline's. */
  ratio: number;
  increase: number;
  baselineIncrease: number;
  /** The L2 budget used: budgetFraction × mean input norm. */
  budget: number;
  meanNorm: number;
  model: AttackResult;
  baseline: AttackResult;
}

/**
 * Adversarial vulnerability of one trained instance ("Relationship to Adversarial Robustness"): budget = budgetFraction
 * (0.1) × the mean input L2 norm, the analytic attack on the model and on noSuperpositionBaseline, both on the same
 * `samples` inputs of the run's distribution.
 */
export function adversarialVulnerability(
  config: { n: number; m: number; kind: ModelKind; untied?: boolean; featureSets?: FeatureSet[] },
  inst: { density: Float32Array; importance: Float32Array },
  p: Params,
  opts: { samples?: number; seed?: number; budgetFraction?: number } = {},
): Vulnerability {
  const { n, m } = config;
  const samples = opts.samples ?? 4000;
  const model = variantModel(config);
  if (model.signedInputs)
    throw new Error('adversarialVulnerability: defined for models of non-negative features, not the abs task');
  const sets = config.featureSets ?? [];
  const X = variantBatch(
    samples,
    variantData(inst.density, sets, model.signedInputs),
    new Rng(deriveSeed(opts.seed ?? 1, 0xad7)),
  );
  const meanNorm = meanInputNorm(X, samples, n);
  const budget = (opts.budgetFraction ?? 0.1) * meanNorm;
  const res = analyticAttack(model, p, X, samples, inst.importance, m, budget);
  const base = analyticAttack(
    variantModel({ kind: config.kind === 'linear' ? 'linear' : 'relu' }),
    noSuperpositionBaseline(inst.importance, inst.density, m, sets),
    X,
    samples,
    inst.importance,
    m,
    budget,
  );
  const increase = res.attacked - res.clean;
  const baselineIncrease = base.attacked - base.clean;
  return {
    ratio: increase / baselineIncrease,
    increase,
    baselineIncrease,
    budget,
    meanNorm,
    model: res,
    baseline: base,
  };
}
