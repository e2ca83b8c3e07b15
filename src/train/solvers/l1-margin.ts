/**
 * The L1 margin (footnote 21). A trained model sits where the derivative of its loss with
 * respect to "how much superposition" is zero — otherwise training would have moved it — so a
 * small push against superposition should cost almost nothing at first. The push here is an L1
 * penalty on the hidden activations, λ · mean over the batch of Σ_j |h_j|, added while training
 * continues from the trained weights, for a sweep of λ (λ = 0 is the control continuation).
 *
 * A small dedicated batched trainer: every λ is an instance of one loop, all instances see the
 * same batches (common random numbers, so the loss differences between λ are not sampling noise),
 * with the gradient maths of src/train/basic/js-trainer.ts plus the penalty's term
 * ∂/∂W_ik [λ/B Σ_b |h_bk|] = λ/B Σ_b sign(h_bk) x_bi.
 */
import { PAPER_OPTIMIZER, perFeature, type ModelKind, type OptimizerConfig } from '../../model/config';
import { fillSparseUniform, sparseBatch } from '../../model/data';
import { EVAL_STREAM } from '../../model/evaluate';
import { superposition } from '../../model/metrics';
import { Rng, deriveSeed } from '../../model/rng';
import { hiddenInto } from '../../model/toy-model';
import { adamWUpdate } from '../float64-trainer';
import { sparseEncode } from '../basic/js-kernel';

/** Total superposition Σ_i Σ_{j≠i} (Ŵ_i · W_j)² of one instance (features with ~0 norm count 0). */
export function totalSuperposition(W: Float32Array, n: number, m: number): number {
  let s = 0;
  for (const v of superposition(W, n, m)) s += v;
  return s;
}

export interface L1MarginConfig {
  n: number;
  m: number;
  kind: ModelKind;
  /** The trained instance to continue from: feature-major W [n, m] and b [n]. */
  W: Float32Array;
  b: Float32Array;
  density: number | ArrayLike<number>;
  importance: number | ArrayLike<number>;
  /** Penalty strengths, one instance each (include 0 as the control). */
  lambdas: readonly number[];
  batchSize?: number;
  optimizer?: OptimizerConfig;
  /** Seed of the continuation's data stream. */
  seed?: number;
}

export interface L1MarginRow {
  lambda: number;
  /** Importance-weighted MSE without the penalty (notebook normalisation) on the evaluation set. */
  loss: number;
  /** Σ_i Σ_{j≠i} (Ŵ_i · W_j)². */
  superposition: number;
  /** loss / loss(λ = 0) − 1 (relative to the starting model when the sweep has no λ = 0). */
  relativeLoss: number;
  /** superposition / superposition(λ = 0) − 1. */
  relativeSuperposition: number;
  /** Mean over the evaluation set of Σ_j |h_j| (what the penalty pushes down). */
  meanAbsHidden: number;
  W: Float32Array;
  b: Float32Array;
}

export class L1MarginTrainer {
  readonly n: number;
  readonly m: number;
  private readonly kind: ModelKind;
  private readonly lambdas: number[];
  private readonly B: number;
  private readonly opt: OptimizerConfig;
  private readonly density: Float32Array;
  private readonly importance: Float32Array;
  private readonly rng: Rng;
  private readonly W0: Float32Array;
  private readonly b0: Float32Array;
  private readonly W: Float64Array;
  private readonly b: Float64Array;
  private readonly mW: Float64Array;
  private readonly vW: Float64Array;
  private readonly mb: Float64Array;
  private readonly vb: Float64Array;
  private readonly gW: Float64Array;
  private readonly gb: Float64Array;
  private readonly X: Float32Array;
  private readonly h: Float64Array;
  private readonly gh: Float64Array;
  private readonly g: Float64Array;
  private readonly active: Int32Array;
  /** Loss + penalty of the last gradient evaluation. */
  private objective = 0;
  private t = 0;

  constructor(cfg: L1MarginConfig) {
    const { n, m } = cfg;
    if (cfg.W.length !== n * m || cfg.b.length !== n)
      throw new RangeError('L1MarginTrainer: W must be [n, m] and b [n]');
    this.n = n;
    this.m = m;
    this.kind = cfg.kind;
    this.lambdas = [...cfg.lambdas];
    this.B = cfg.batchSize ?? 1024;
    this.opt = cfg.optimizer ?? { ...PAPER_OPTIMIZER };
    this.density = perFeature(n, cfg.density);
    this.importance = perFeature(n, cfg.importance);
    this.rng = new Rng(deriveSeed(cfg.seed ?? 1, 0x11));
    this.W0 = Float32Array.from(cfg.W);
    this.b0 = Float32Array.from(cfg.b);
    const I = this.lambdas.length;
    this.W = new Float64Array(I * n * m);
    this.b = new Float64Array(I * n);
    for (let j = 0; j < I; j++) {
      this.W.set(cfg.W, j * n * m);
      this.b.set(cfg.b, j * n);
    }
    this.mW = new Float64Array(I * n * m);
    this.vW = new Float64Array(I * n * m);
    this.mb = new Float64Array(I * n);
    this.vb = new Float64Array(I * n);
    this.gW = new Float64Array(n * m);
    this.gb = new Float64Array(n);
    this.X = new Float32Array(this.B * n);
    this.h = new Float64Array(m);
    this.gh = new Float64Array(m);
    this.g = new Float64Array(n);
    this.active = new Int32Array(n);
  }

  get steps(): number {
    return this.t;
  }

  /** k AdamW steps of every λ instance on shared batches. */
  stepSync(k: number): void {
    for (let s = 0; s < k; s++) {
      fillSparseUniform(this.X, 0, this.B, this.density, this.rng);
      this.t++;
      for (let j = 0; j < this.lambdas.length; j++) {
        this.gradient(j);
        adamWUpdate(this.W, this.mW, this.vW, this.gW, j * this.n * this.m, this.opt, this.t);
        adamWUpdate(this.b, this.mb, this.vb, this.gb, j * this.n, this.opt, this.t);
      }
    }
  }

  /**
   * Gradient of instance j on the current batch (notation of js-trainer.ts, s = 1/(B n)):
   *   g_i = 2 s I_i (y_i − x_i)·[o_i > 0];  ∂b_i += g_i
   *   ∂W_ik += g_i h_k + x_i (Σ_j g_j W_jk + (λ/B) sign(h_k))
   */
  private gradient(j: number): void {
    const { n, m, B, X, h, gh, g, active, gW, gb, importance } = this;
    const W = this.W;
    const bias = this.b;
    const wOff = j * n * m;
    const bOff = j * n;
    const relu = this.kind === 'relu';
    const s2 = 2 / (B * n);
    const l1 = this.lambdas[j] / B;
    gW.fill(0);
    gb.fill(0);
    let zeroRows = 0;
    let lossSum = 0;
    let absSum = 0;
    for (let r = 0; r < B; r++) {
      const xo = r * n;
      const na = sparseEncode(X, xo, n, W, wOff, m, active, h);
      if (na === 0) {
        zeroRows++;
        continue;
      }
      for (let k = 0; k < m; k++) {
        gh[k] = l1 * Math.sign(h[k]);
        absSum += Math.abs(h[k]);
      }
      for (let i = 0; i < n; i++) {
        const wo = wOff + i * m;
        let o = bias[bOff + i];
        for (let k = 0; k < m; k++) o += W[wo + k] * h[k];
        if (relu && o <= 0) {
          g[i] = 0;
          lossSum += importance[i] * X[xo + i] ** 2;
          continue;
        }
        lossSum += importance[i] * (o - X[xo + i]) ** 2;
        const gi = (g[i] = s2 * importance[i] * (o - X[xo + i]));
        gb[i] += gi;
        const go = i * m;
        for (let k = 0; k < m; k++) {
          gW[go + k] += gi * h[k];
          gh[k] += gi * W[wo + k];
        }
      }
      for (let a = 0; a < na; a++) {
        const i = active[a];
        const xi = X[xo + i];
        const go = i * m;
        for (let k = 0; k < m; k++) gW[go + k] += xi * gh[k];
      }
    }
    // All-zero rows: h = 0 (no penalty, no W gradient); output ReLU(b) against 0.
    if (zeroRows > 0) {
      for (let i = 0; i < n; i++) {
        const o = bias[bOff + i];
        if (relu && o <= 0) continue;
        lossSum += zeroRows * importance[i] * o * o;
        gb[i] += zeroRows * s2 * importance[i] * o;
      }
    }
    this.objective = lossSum / (B * n) + (this.lambdas[j] * absSum) / B;
  }

  /**
   * Instance j's objective (loss + λ·mean Σ|h|) and its gradient on a given batch X [batchSize, n]
   * — what one training step follows; exposed so the gradient can be checked numerically.
   */
  gradientOn(j: number, X: Float32Array): { objective: number; gW: Float64Array; gb: Float64Array } {
    if (X.length !== this.X.length) throw new RangeError('gradientOn: X must be [batchSize, n]');
    this.X.set(X);
    this.gradient(j);
    return { objective: this.objective, gW: this.gW.slice(), gb: this.gb.slice() };
  }

  /** Overwrite instance j's parameters (e.g. to probe the objective around a point). */
  setParams(j: number, W: ArrayLike<number>, b: ArrayLike<number>): void {
    this.W.set(W, j * this.n * this.m);
    this.b.set(b, j * this.n);
  }

  /** Instance j's current weights. */
  params(j: number): { W: Float32Array; b: Float32Array } {
    const { n, m } = this;
    return {
      W: Float32Array.from(this.W.subarray(j * n * m, (j + 1) * n * m)),
      b: Float32Array.from(this.b.subarray(j * n, (j + 1) * n)),
    };
  }

  /**
   * Every λ's loss (without the penalty) and total superposition on one fixed evaluation set of
   * `samples` inputs (the same set for every λ), relative to the λ = 0 instance.
   */
  evaluate(samples = 100_000, seed = 1): L1MarginRow[] {
    const { n, m } = this;
    const X = sparseBatch(samples, this.density, new Rng(deriveSeed(seed, EVAL_STREAM)));
    const rows = this.lambdas.map((lambda, j) => {
      const { W, b } = this.params(j);
      const { loss, meanAbsHidden } = evaluateOn(W, b, X, samples, n, m, this.kind, this.importance);
      return {
        lambda,
        loss,
        superposition: totalSuperposition(W, n, m),
        relativeLoss: 0,
        relativeSuperposition: 0,
        meanAbsHidden,
        W,
        b,
      };
    });
    const ctrl = this.lambdas.indexOf(0);
    const ref =
      ctrl >= 0
        ? rows[ctrl]
        : {
            ...evaluateOn(this.W0, this.b0, X, samples, n, m, this.kind, this.importance),
            superposition: totalSuperposition(this.W0, n, m),
          };
    for (const r of rows) {
      r.relativeLoss = r.loss / ref.loss - 1;
      r.relativeSuperposition = ref.superposition > 0 ? r.superposition / ref.superposition - 1 : 0;
    }
    return rows;
  }
}

function evaluateOn(
  W: Float32Array,
  b: Float32Array,
  X: Float32Array,
  rows: number,
  n: number,
  m: number,
  kind: ModelKind,
  importance: Float32Array,
): { loss: number; meanAbsHidden: number } {
  const h = new Float64Array(m);
  let total = 0;
  let abs = 0;
  for (let r = 0; r < rows; r++) {
    const xo = r * n;
    hiddenInto(h, W, X, xo, n, m);
    for (let k = 0; k < m; k++) abs += Math.abs(h[k]);
    for (let i = 0; i < n; i++) {
      let o = b[i];
      for (let k = 0; k < m; k++) o += W[i * m + k] * h[k];
      const y = kind === 'relu' && o < 0 ? 0 : o;
      const e = y - X[xo + i];
      total += importance[i] * e * e;
    }
  }
  return { loss: total / (rows * n), meanAbsHidden: abs / rows };
}
