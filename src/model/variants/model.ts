/**
 * The model family of issue 5 on plain arrays, one instance (the paper's "Experiment Setup", "Superposition in a
 * Privileged Basis" and "Computation in Superposition"):
 *
 *   pre = W1ᵀ-applied input:   pre_k = Σ_i W1[i, k] x_i          (k < m hidden units)
 *   h   = ReLU(pre) if hiddenRelu, else pre
 *   o_i = b_i + Σ_k W2[i, k] h_k,   y_i = ReLU(o_i) if outputRelu, else o_i
 *   loss = mean over samples and features of I_i (y_i − |x_i|)²   (notebook normalisation)
 *
 * W1 and W2 are both feature-major [n, m] (the project's layout): W1[i·m + k] is the paper's
 * W1[k, i] (input i → neuron k), W2[i·m + k] is the paper's W2[i, k] (neuron k → output i).
 * Tied models use the same array for both (W2 = W1ᵀ in the paper's notation). The target |x| is
 * x itself for the non-negative data of every kind but 'abs'.
 *
 * Batched storage (TrainerState.W): tied runs [I, n, m] exactly as the basic trainers; untied
 * runs [I, 2, n, m] — per instance the W1 block, then the W2 block.
 */
import type { ModelKind, TrainConfig } from '../config';

export interface VariantModel {
  hiddenRelu: boolean;
  outputRelu: boolean;
  tied: boolean;
  /** Inputs uniform on [−1, 1] when on (the abs task) instead of [0, 1]. */
  signedInputs: boolean;
}

/** The structure a config asks for. */
export function variantModel(config: Pick<TrainConfig, 'kind' | 'untied'>): VariantModel {
  const kind: ModelKind = config.kind;
  return {
    hiddenRelu: kind === 'relu-hidden' || kind === 'abs',
    outputRelu: kind !== 'linear',
    tied: kind !== 'abs' && !config.untied,
    signedInputs: kind === 'abs',
  };
}

/**
 * Whether a config needs the variant trainer (the basic JsTrainer and tfjs trainers implement only
 * tied 'relu'/'linear' models on independent [0, 1] features).
 */
export function needsVariantTrainer(config: Pick<TrainConfig, 'kind' | 'untied' | 'featureSets'>): boolean {
  return (
    (config.kind !== 'relu' && config.kind !== 'linear') ||
    config.untied === true ||
    (config.featureSets?.length ?? 0) > 0
  );
}

/** Floats of W per instance: n·m tied, 2·n·m untied. */
export function weightsPerInstance(config: Pick<TrainConfig, 'n' | 'm' | 'kind' | 'untied'>): number {
  return (variantModel(config).tied ? 1 : 2) * config.n * config.m;
}

/** One instance's parameters (views into the batched arrays; W2 === W1 when tied). */
export interface VariantParams<A extends Float32Array | Float64Array = Float32Array> {
  W1: A;
  W2: A;
  b: A;
}

/** Views of instance `inst` in a batched W (tied [I, n, m] or untied [I, 2, n, m]) and b [I, n]. */
export function instanceParams<A extends Float32Array | Float64Array>(
  config: Pick<TrainConfig, 'n' | 'm' | 'kind' | 'untied'>,
  W: A,
  b: A,
  inst: number,
): VariantParams<A> {
  const { n, m } = config;
  const per = weightsPerInstance(config);
  const W1 = W.subarray(inst * per, inst * per + n * m) as A;
  const W2 = variantModel(config).tied ? W1 : (W.subarray(inst * per + n * m, (inst + 1) * per) as A);
  return { W1, W2, b: b.subarray(inst * n, (inst + 1) * n) as A };
}

/** Hidden activations h for one sample (length m). */
export function variantHidden(
  model: VariantModel,
  W1: ArrayLike<number>,
  x: ArrayLike<number>,
  n: number,
  m: number,
): Float64Array {
  const h = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    for (let k = 0; k < m; k++) h[k] += W1[i * m + k] * xi;
  }
  if (model.hiddenRelu) for (let k = 0; k < m; k++) if (h[k] < 0) h[k] = 0;
  return h;
}

/** The output y for one sample (length n). */
export function variantForward(
  model: VariantModel,
  p: VariantParams<Float32Array> | VariantParams<Float64Array>,
  x: ArrayLike<number>,
  n: number,
  m: number,
): Float64Array {
  const h = variantHidden(model, p.W1, x, n, m);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let o = p.b[i];
    for (let k = 0; k < m; k++) o += p.W2[i * m + k] * h[k];
    y[i] = model.outputRelu && o < 0 ? 0 : o;
  }
  return y;
}

/** Importance-weighted MSE against |x| (notebook normalisation: mean over rows and features). */
export function variantLoss(
  model: VariantModel,
  p: VariantParams<Float32Array> | VariantParams<Float64Array>,
  X: ArrayLike<number>,
  rows: number,
  importance: ArrayLike<number>,
  m: number,
): number {
  const n = importance.length;
  let total = 0;
  const x = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < n; i++) x[i] = X[r * n + i];
    const y = variantForward(model, p, x, n, m);
    for (let i = 0; i < n; i++) {
      const e = y[i] - Math.abs(x[i]);
      total += importance[i] * e * e;
    }
  }
  return total / (rows * n);
}
