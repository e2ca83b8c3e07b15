/**
 * Sparse autoencoders (SAEs) on a toy model's hidden activations h (footnote 20 done as the field does
 * it today): what one SAE is and how a batch of them trains. Many SAEs train at once as instances,
 * each with its own seed stream and its own settings (kind, size, coefficient, remedies), so a
 * sweep of coefficients, sizes or remedies is one run.
 *
 * The SAE (Bricken et al. 2023, "Towards Monosemanticity"; ARENA 1.3.1 §5; SAELens):
 *   z = σ(W_enc (h − b_dec) + b_enc),  ĥ = W_decᵀ z + b_dec,
 * with decoder rows d_j of unit norm. Layout as everywhere in this project: row-major, latent-major,
 * W_enc[j·m + k] and W_dec[j·m + k] are component k of latent j's encoder and decoder row.
 *
 * Loss per sample (ARENA's convention): (1/m)‖ĥ − h‖² + the kind's sparsity term, averaged over the
 * batch (the all-zero samples included: they teach the biases to keep every latent off at h = 0).
 */

/**
 * 'l1'       z = ReLU(pre), sparsity term λ Σ_j z_j (with unit-norm decoder rows this is the
 *            decoder-norm-weighted L1 of SAELens's standard SAE);
 * 'topk'     z = the k largest of ReLU(pre) (the rest 0), no sparsity term (Gao et al. 2024);
 * 'jumprelu' z = pre · H(pre − θ_j), sparsity term λ Σ_j H(pre − θ_j) (an L0 penalty), θ_j = exp(log θ_j)
 *            learned through a straight-through estimator with a rectangle kernel of width ε
 *            (Rajamanoharan et al. 2024; SAELens's "step" mode).
 */
export type SaeKind = 'l1' | 'topk' | 'jumprelu';
export const SAE_KINDS: readonly SaeKind[] = ['l1', 'topk', 'jumprelu'];

/**
 * What happens to a dead latent (no firing for `deadWindow` steps) every `resampleEvery` steps:
 * 'none';
 * 'inputs' its decoder row ← a random non-zero input of the batch, centred (h − b_dec) and normalised;
 *          its encoder row ← the same direction × the mean norm of the live encoder rows × resampleScale;
 *          its encoder bias ← 0; its Adam moments ← 0 (Bricken et al. 2023; ARENA's resample);
 * 'loss'   the same, with the input drawn with probability ∝ (its reconstruction loss)² (ARENA's
 *          "advanced" resampling, after Bricken et al.).
 */
export type Resampling = 'none' | 'inputs' | 'loss';
export const RESAMPLINGS: readonly Resampling[] = ['none', 'inputs', 'loss'];

/** One SAE of a batched run. */
export interface SaeInstanceSpec {
  /** Seed of its initialisation, data stream and resampling draws (independent of its position). */
  seed: number;
  kind: SaeKind;
  /** Dictionary size (number of latents). */
  latents: number;
  /** λ: the L1 coefficient ('l1') or the L0 coefficient ('jumprelu'); unused by 'topk'. */
  coefficient: number;
  /** Active latents per sample ('topk' only). */
  k: number;
  /** Encoder rows are the decoder rows (W_enc = W_dec, one parameter). */
  tied: boolean;
  resample: Resampling;
  /** TopK's auxiliary loss: the top k_aux dead latents reconstruct the residual (Gao et al. 2024). */
  auxK: boolean;
  /** λ rises linearly from 0 over these steps (0: no warm-up). */
  warmupSteps: number;
  /**
   * Matryoshka nested prefixes (Nabeshima 2024; Bussmann et al. 2025): every prefix of the latents of
   * these sizes (ascending, each < latents) must reconstruct h on its own as well; the reconstruction
   * loss is the mean over the prefixes and the whole dictionary. Empty: a plain SAE.
   */
  prefixes: readonly number[];
}

/** The run's shared settings. */
export interface SaeTrainConfig {
  /** Input dimension (the toy model's hidden size). */
  m: number;
  batchSize: number;
  /** Adam (no weight decay), as ARENA and SAELens train SAEs. */
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** A latent is dead after this many steps without firing on any sample of the batch. */
  deadWindow: number;
  /** Resampling period in steps (instances with resample 'none' ignore it). */
  resampleEvery: number;
  /** Scale of a resampled encoder row relative to the mean live encoder norm (ARENA: 0.5). */
  resampleScale: number;
  /** JumpReLU: initial threshold and the straight-through estimator's bandwidth ε (SAELens: 0.01, 0.05). */
  jumpInitThreshold: number;
  jumpBandwidth: number;
  /** TopK auxiliary loss coefficient (Gao et al.: 1/32). */
  auxCoefficient: number;
  instances: SaeInstanceSpec[];
}

export const SAE_DEFAULTS = Object.freeze({
  batchSize: 1024,
  learningRate: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  deadWindow: 500,
  resampleEvery: 1500,
  resampleScale: 0.5,
  jumpInitThreshold: 0.01,
  jumpBandwidth: 0.05,
  auxCoefficient: 1 / 32,
});

export const SAE_LIMITS = Object.freeze({ latentsMax: 256, mMax: 64, instancesMax: 256, batchMax: 8192 });

/** A plain SAE of a kind: the defaults for every remedy off. */
export function saeInstance(seed: number, latents: number, patch: Partial<SaeInstanceSpec> = {}): SaeInstanceSpec {
  return {
    seed,
    kind: 'l1',
    latents,
    coefficient: 0.1,
    k: 1,
    tied: false,
    resample: 'none',
    auxK: false,
    warmupSteps: 0,
    prefixes: [],
    ...patch,
  };
}

export function saeConfig(
  m: number,
  instances: SaeInstanceSpec[],
  patch: Partial<SaeTrainConfig> = {},
): SaeTrainConfig {
  return { m, ...SAE_DEFAULTS, instances, ...patch };
}

/** Throws a RangeError naming the first invalid field; returns the config unchanged. */
export function validateSaeConfig(c: SaeTrainConfig): SaeTrainConfig {
  const int = (name: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi)
      throw new RangeError(`${name} must be an integer in [${lo}, ${hi}], got ${v}`);
  };
  const nonNegative = (name: string, v: number) => {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${name} must be a finite number ≥ 0, got ${v}`);
  };
  int('m', c.m, 1, SAE_LIMITS.mMax);
  int('batchSize', c.batchSize, 1, SAE_LIMITS.batchMax);
  int('instances', c.instances.length, 1, SAE_LIMITS.instancesMax);
  int('deadWindow', c.deadWindow, 1, 1e9);
  int('resampleEvery', c.resampleEvery, 1, 1e9);
  for (const k of ['learningRate', 'epsilon', 'resampleScale', 'auxCoefficient'] as const) nonNegative(k, c[k]);
  if (!(c.beta1 >= 0 && c.beta1 < 1 && c.beta2 >= 0 && c.beta2 < 1))
    throw new RangeError('Adam betas must be in [0, 1)');
  if (!(c.jumpInitThreshold > 0 && c.jumpBandwidth > 0))
    throw new RangeError('jumpInitThreshold and jumpBandwidth must be > 0');
  c.instances.forEach((s, j) => validateInstance(s, `instance ${j}`));
  return c;
}

function validateInstance(s: SaeInstanceSpec, at: string): void {
  if (!Number.isInteger(s.seed)) throw new RangeError(`${at}: seed must be an integer`);
  if (!SAE_KINDS.includes(s.kind)) throw new RangeError(`${at}: kind must be one of ${SAE_KINDS.join(', ')}`);
  if (!Number.isInteger(s.latents) || s.latents < 1 || s.latents > SAE_LIMITS.latentsMax)
    throw new RangeError(`${at}: latents must be an integer in [1, ${SAE_LIMITS.latentsMax}], got ${s.latents}`);
  if (!Number.isFinite(s.coefficient) || s.coefficient < 0)
    throw new RangeError(`${at}: coefficient must be ≥ 0, got ${s.coefficient}`);
  if (s.kind === 'topk' && (!Number.isInteger(s.k) || s.k < 1 || s.k > s.latents))
    throw new RangeError(`${at}: k must be an integer in [1, latents = ${s.latents}], got ${s.k}`);
  if (!RESAMPLINGS.includes(s.resample))
    throw new RangeError(`${at}: resample must be one of ${RESAMPLINGS.join(', ')}`);
  if (!Number.isInteger(s.warmupSteps) || s.warmupSteps < 0)
    throw new RangeError(`${at}: warmupSteps must be an integer ≥ 0`);
  let prev = 0;
  for (const p of s.prefixes) {
    if (!Number.isInteger(p) || p <= prev || p >= s.latents)
      throw new RangeError(`${at}: prefixes must be ascending integers in [1, latents), got ${s.prefixes.join(',')}`);
    prev = p;
  }
}

/** The sparsity coefficient at `step` (0-based) with a linear warm-up. */
export function coefficientAt(s: Pick<SaeInstanceSpec, 'coefficient' | 'warmupSteps'>, step: number): number {
  return s.warmupSteps > 0 && step < s.warmupSteps ? (s.coefficient * (step + 1)) / s.warmupSteps : s.coefficient;
}

/** The largest dictionary of a run (the stride of its batched parameter arrays). */
export const maxLatents = (c: Pick<SaeTrainConfig, 'instances'>): number =>
  c.instances.reduce((a, s) => Math.max(a, s.latents), 0);
