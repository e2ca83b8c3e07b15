/**
 * Configuration types and the paper's defaults (the paper's notebook: AdamW, lr 10⁻³, batch 1024).
 *
 * Layout convention used everywhere in this project: an instance's weights are stored
 * feature-major, `W[i * m + k]` = component k of feature i's embedding (the paper's column W_i,
 * the notebook's row). Batched arrays stack instances: `W[(inst * n + i) * m + k]`, `b[inst * n + i]`.
 */

/**
 * 'relu' and 'linear' are the basic tied models (the paper's "Demonstrating Superposition: Experiment Setup"). The
 * variants of issue 5 train on the JS path only (src/train/variants/variant-trainer.ts):
 *   'relu-hidden' — h = ReLU(W x), x' = ReLU(Wᵀh + b), tied (privileged basis);
 *   'abs'         — h = ReLU(W1 x), y' = ReLU(W2 h + b), always untied, inputs on [−1, 1],
 *                   target |x| (computation in superposition).
 */
export type ModelKind = 'relu' | 'linear' | 'relu-hidden' | 'abs';

export const MODEL_KINDS: readonly ModelKind[] = ['relu', 'linear', 'relu-hidden', 'abs'];

/**
 * Features whose gates are tied (the paper's "Non-Uniform Superposition: Correlated and Anticorrelated Features"), by
 * feature index; sets are disjoint and every member of a set has the same density in each instance.
 *   correlated:     one gate for the whole set, on with probability p (the members' density);
 *                   the members' values are drawn independently.
 *   anticorrelated: the set is on with probability min(1, k·p) (k members), and then exactly
 *                   one member, chosen uniformly, is non-zero. Each member's marginal density is
 *                   min(p, 1/k), i.e. p whenever k·p ≤ 1 (ARENA's convention, generalised).
 *                   The paper's convention (set on with probability 1 − S, member density
 *                   (1 − S)/k) is the same generator with p = (1 − S)/k.
 */
export interface FeatureSet {
  kind: 'correlated' | 'anticorrelated';
  features: number[];
}

/** One model trained as one instance of a batched program. */
export interface InstanceSpec {
  /** Per-feature density 1 − S_i (probability that feature i is non-zero), length n. */
  density: Float32Array;
  /** Per-feature importance I_i, length n. */
  importance: Float32Array;
  /** Seed of this instance's initialisation and data stream (independent of its position). */
  seed: number;
}

export interface OptimizerConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Decoupled (AdamW) weight decay, applied to W and b as in the official notebook. */
  weightDecay: number;
}

export interface TrainConfig {
  n: number;
  m: number;
  kind: ModelKind;
  batchSize: number;
  optimizer: OptimizerConfig;
  instances: InstanceSpec[];
  /**
   * Standard deviation of the normal initialisation of W. Default (undefined): PyTorch's
   * xavier_normal_ on the notebook's [instances, n, m] tensor, sqrt(2 / (m (n + I))).
   */
  initStd?: number;
  /** Correlated / anticorrelated feature sets, shared by every instance (none: independent). */
  featureSets?: FeatureSet[];
  /**
   * Separate encoder W1 and decoder W2 instead of W and Wᵀ (the 'abs' kind is always untied).
   * Untied runs store W as [I, 2, n, m]: per instance the feature-major W1 block, then W2.
   */
  untied?: boolean;
}

export const PAPER_OPTIMIZER: Readonly<OptimizerConfig> = Object.freeze({
  learningRate: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  weightDecay: 0.01,
});

export const PAPER_BATCH_SIZE = 1024;
export const PAPER_STEPS = 10_000;

/** Limits the UI and CLI accept (validated at every boundary). */
export const LIMITS = Object.freeze({
  nMin: 1,
  nMax: 1024,
  mMin: 1,
  mMax: 256,
  densityMin: 1e-4,
  densityMax: 1,
  batchMax: 65536,
  instancesMax: 8192,
});

/** Xavier-normal std for the notebook's 3-D parameter tensor [instances, n, m]. */
export function notebookInitStd(n: number, m: number, instances: number): number {
  return Math.sqrt(2 / (m * (n + instances)));
}

/** Importance vector I_i = decay^i (decay = 1 gives uniform importance). */
export function geometricImportance(n: number, decay: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.pow(decay, i);
  return out;
}

/** A constant vector (uniform importance, or one density shared by every feature). */
export function constantVector(n: number, value: number): Float32Array {
  return new Float32Array(n).fill(value);
}

/** A run with the paper's batch size and optimizer (AdamW, lr 10⁻³, weight decay 0.01). */
export function paperConfig(n: number, m: number, kind: ModelKind, instances: InstanceSpec[]): TrainConfig {
  return { n, m, kind, batchSize: PAPER_BATCH_SIZE, optimizer: { ...PAPER_OPTIMIZER }, instances };
}

/** `seeds` instances of one setting (one density for every feature, I_i = decay^i), seeds seed, seed + 1, … */
export function settingInstances(
  n: number,
  density: number,
  decay: number,
  seed: number,
  seeds: number,
): InstanceSpec[] {
  return Array.from({ length: seeds }, (_, j) => ({
    seed: seed + j,
    density: constantVector(n, density),
    importance: geometricImportance(n, decay),
  }));
}

/** Accept a scalar as shorthand for a per-feature vector. */
export function perFeature(n: number, v: number | ArrayLike<number>): Float32Array {
  if (typeof v === 'number') return constantVector(n, v);
  if (v.length !== n) throw new RangeError(`expected ${n} per-feature values, got ${v.length}`);
  return Float32Array.from(v);
}

/** Throws a RangeError naming the first invalid field; returns the config unchanged. */
export function validateTrainConfig(c: TrainConfig): TrainConfig {
  const int = (name: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi)
      throw new RangeError(`${name} must be an integer in [${lo}, ${hi}], got ${v}`);
  };
  int('n', c.n, LIMITS.nMin, LIMITS.nMax);
  int('m', c.m, LIMITS.mMin, LIMITS.mMax);
  int('batchSize', c.batchSize, 1, LIMITS.batchMax);
  int('instances', c.instances.length, 1, LIMITS.instancesMax);
  if (!MODEL_KINDS.includes(c.kind))
    throw new RangeError(`kind must be one of ${MODEL_KINDS.join(', ')}, got ${String(c.kind)}`);
  if (c.untied !== undefined && typeof c.untied !== 'boolean') throw new RangeError('untied must be a boolean');
  if (c.kind === 'abs' && c.untied === false) throw new RangeError('the abs model is always untied');
  const o = c.optimizer;
  for (const [k, v] of Object.entries(o)) {
    if (!Number.isFinite(v) || v < 0)
      throw new RangeError(`optimizer.${k} must be a finite non-negative number, got ${v}`);
  }
  if (o.beta1 >= 1 || o.beta2 >= 1) throw new RangeError('optimizer betas must be < 1');
  if (c.initStd !== undefined && (!Number.isFinite(c.initStd) || c.initStd < 0))
    throw new RangeError('initStd must be finite and >= 0');
  c.instances.forEach((inst, j) => {
    if (inst.density.length !== c.n || inst.importance.length !== c.n) {
      throw new RangeError(`instance ${j}: density and importance need ${c.n} entries`);
    }
    for (const d of inst.density) {
      if (!(d >= LIMITS.densityMin && d <= LIMITS.densityMax)) {
        throw new RangeError(`instance ${j}: density (1 − S) must lie in [${LIMITS.densityMin}, 1], got ${d}`);
      }
    }
    for (const v of inst.importance) {
      if (!Number.isFinite(v) || v < 0)
        throw new RangeError(`instance ${j}: importance must be finite and >= 0, got ${v}`);
    }
    if (!Number.isInteger(inst.seed)) throw new RangeError(`instance ${j}: seed must be an integer`);
  });
  validateFeatureSets(c);
  return c;
}

function validateFeatureSets(c: TrainConfig): void {
  if (c.featureSets === undefined) return;
  if (!Array.isArray(c.featureSets)) throw new RangeError('featureSets must be an array');
  const seen = new Uint8Array(c.n);
  c.featureSets.forEach((set, s) => {
    if (set.kind !== 'correlated' && set.kind !== 'anticorrelated') {
      throw new RangeError(`featureSets[${s}]: kind must be correlated or anticorrelated, got ${String(set.kind)}`);
    }
    if (!Array.isArray(set.features) || set.features.length < 2)
      throw new RangeError(`featureSets[${s}]: a set needs at least 2 features`);
    for (const f of set.features) {
      if (!Number.isInteger(f) || f < 0 || f >= c.n)
        throw new RangeError(`featureSets[${s}]: feature ${f} is not in [0, ${c.n})`);
      if (seen[f]) throw new RangeError(`featureSets[${s}]: feature ${f} is in more than one set`);
      seen[f] = 1;
    }
    c.instances.forEach((inst, j) => {
      const p = inst.density[set.features[0]];
      if (set.features.some((f) => inst.density[f] !== p)) {
        throw new RangeError(`instance ${j}: the members of featureSets[${s}] must share one density`);
      }
    });
  });
}
