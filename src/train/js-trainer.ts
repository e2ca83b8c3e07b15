/**
 * The 'js' path: forward, backward and AdamW for all instances in one fused loop over
 * Float64Arrays. On a CPU this beats tfjs (no per-op dispatch, no tensor allocation) and
 * skips work that sparse data makes zero: inactive inputs in W x and in the encoder gradient,
 * and ReLU-clipped outputs in the decoder gradient.
 *
 * Gradients (one instance, feature-major V = W [n, m], one sample x, loss scale s = 1/(B n)):
 *   h = Vᵀx,  o_i = V_i·h + b_i,  y = ReLU(o)
 *   g_i = 2 s I_i (y_i − x_i) · [o_i > 0]          (∂L/∂o_i; ReLU'(0) = 0 like PyTorch)
 *   ∂L/∂b_i += g_i,  ∂L/∂V_ik += g_i h_k + x_i (Σ_j g_j V_jk)
 */
import type { TrainConfig } from '../model/config';
import { fillSparseUniform } from '../model/data';
import type { Rng } from '../model/rng';
import { compileBatchKernel, genericBatchKernel, type BatchKernel } from './js-kernel';
import { adamCorrections, dataStreams, initialWeights, type BatchedTrainer, type TrainerState } from './trainer';

export class JsTrainer implements BatchedTrainer {
  readonly path = 'js' as const;
  private W: Float64Array;
  private b: Float64Array;
  private mW: Float64Array;
  private vW: Float64Array;
  private mb: Float64Array;
  private vb: Float64Array;
  private gW: Float64Array;
  private gb: Float64Array;
  private readonly loss: Float32Array;
  private readonly rngs: Rng[];
  private readonly X: Float32Array;
  private readonly h: Float64Array;
  private readonly gh: Float64Array;
  private readonly active: Int32Array;
  private readonly frozen: Uint8Array;
  private readonly kernel: BatchKernel;
  private readonly kernelOut = new Float64Array(2);
  /** Per instance: 2 · loss scale · importance_i (the gradient's constant factor). */
  private readonly gradScale: Float64Array[];
  /** Per-instance loss sum and step count since the last read (for convergence). */
  private readonly lossAcc: Float64Array;
  private readonly lossAccSteps: Float32Array;
  private steps = 0;
  private adamT = 0;
  private disposed = false;

  /** `specialise: false` runs the generic loop (the reference the generated kernel is tested against). */
  constructor(
    readonly config: TrainConfig,
    opts: { specialise?: boolean } = {},
  ) {
    const { n, m, batchSize, instances } = config;
    const I = instances.length;
    this.W = Float64Array.from(initialWeights(config));
    this.b = new Float64Array(I * n);
    this.mW = new Float64Array(I * n * m);
    this.vW = new Float64Array(I * n * m);
    this.mb = new Float64Array(I * n);
    this.vb = new Float64Array(I * n);
    this.gW = new Float64Array(n * m);
    this.gb = new Float64Array(n);
    this.loss = new Float32Array(I).fill(NaN);
    this.rngs = dataStreams(config);
    this.X = new Float32Array(batchSize * n);
    this.h = new Float64Array(m);
    this.gh = new Float64Array(m);
    this.active = new Int32Array(n);
    this.frozen = new Uint8Array(I);
    const relu = config.kind === 'relu';
    this.kernel = opts.specialise === false ? genericBatchKernel(n, m, relu) : compileBatchKernel(n, m, relu);
    this.gradScale = instances.map((inst) => Float64Array.from(inst.importance, (v) => (2 * v) / (batchSize * n)));
    this.lossAcc = new Float64Array(I);
    this.lossAccSteps = new Float32Array(I);
  }

  get stepCount(): number {
    return this.steps;
  }

  async step(k: number): Promise<void> {
    this.stepSync(k);
  }

  /** Synchronous k steps (the worker and CLI may call this directly). */
  stepSync(k: number): void {
    if (this.disposed) throw new Error('trainer disposed');
    for (let s = 0; s < k; s++) {
      this.adamT++;
      for (let j = 0; j < this.config.instances.length; j++) {
        if (this.frozen[j]) continue;
        this.instanceStep(j);
        this.lossAcc[j] += this.loss[j];
        this.lossAccSteps[j]++;
      }
      this.steps++;
    }
  }

  private instanceStep(j: number): void {
    const { n, m, batchSize: B, kind, optimizer: opt } = this.config;
    const { density, importance } = this.config.instances[j];
    const { X, h, gh, gW, gb, active } = this;
    const W = this.W;
    const bias = this.b;
    const wOff = j * n * m;
    const bOff = j * n;
    const relu = kind === 'relu';
    const scale = 1 / (B * n);

    fillSparseUniform(X, 0, B, density, this.rngs[j]);
    gW.fill(0);
    gb.fill(0);
    const gradScale = this.gradScale[j];
    const out = this.kernelOut;
    this.kernel({ W, b: bias, gW, gb, X, B, wOff, bOff, importance, gradScale, active, h, gh, out });
    let lossSum = out[0];
    const zeroRows = out[1];
    // The all-zero rows: output y = ReLU(b) against target 0; only the bias gets a gradient.
    if (zeroRows > 0) {
      for (let i = 0; i < n; i++) {
        const o = bias[bOff + i];
        const y = relu && o < 0 ? 0 : o;
        lossSum += zeroRows * importance[i] * y * y;
        if (!(relu && o <= 0)) gb[i] += zeroRows * gradScale[i] * y;
      }
    }
    this.loss[j] = lossSum * scale;
    adamWUpdate(W, this.mW, this.vW, gW, wOff, opt, this.adamT);
    adamWUpdate(this.b, this.mb, this.vb, gb, bOff, opt, this.adamT);
  }

  async read(): Promise<TrainerState> {
    const I = this.loss.length;
    const meanLoss = new Float32Array(I);
    for (let j = 0; j < I; j++) meanLoss[j] = this.lossAccSteps[j] > 0 ? this.lossAcc[j] / this.lossAccSteps[j] : NaN;
    const meanLossSteps = this.lossAccSteps.slice();
    this.lossAcc.fill(0);
    this.lossAccSteps.fill(0);
    return {
      W: Float32Array.from(this.W),
      b: Float32Array.from(this.b),
      loss: Float32Array.from(this.loss),
      step: this.steps,
      meanLoss,
      meanLossSteps,
    };
  }

  freeze(mask: Uint8Array): void {
    if (mask.length !== this.frozen.length) throw new RangeError('freeze: one flag per instance');
    this.frozen.set(mask);
  }

  setParams(W: Float32Array, b: Float32Array): void {
    if (W.length !== this.W.length || b.length !== this.b.length) throw new RangeError('setParams: shape mismatch');
    this.W.set(W);
    this.b.set(b);
    this.mW.fill(0);
    this.vW.fill(0);
    this.mb.fill(0);
    this.vb.fill(0);
    this.adamT = 0;
    this.frozen.fill(0);
    this.lossAcc.fill(0);
    this.lossAccSteps.fill(0);
  }

  dispose(): void {
    this.disposed = true;
  }
}

/**
 * PyTorch AdamW on params[off … off + grad.length): decoupled decay p ← p(1 − lr·wd),
 * then the bias-corrected Adam step p ← p − lr · m̂ / (√v̂ + eps).
 */
export function adamWUpdate(
  p: Float64Array,
  mom1: Float64Array,
  mom2: Float64Array,
  grad: Float64Array,
  off: number,
  opt: TrainConfig['optimizer'],
  t: number,
): void {
  const { learningRate: lr, beta1, beta2, epsilon, weightDecay } = opt;
  const { c1, c2 } = adamCorrections(beta1, beta2, t);
  const decay = 1 - lr * weightDecay;
  const sc2 = 1 / Math.sqrt(c2);
  const stepSize = lr / c1;
  for (let q = 0; q < grad.length; q++) {
    const i = off + q;
    const gq = grad[q];
    const m1 = (mom1[i] = beta1 * mom1[i] + (1 - beta1) * gq);
    const m2 = (mom2[i] = beta2 * mom2[i] + (1 - beta2) * gq * gq);
    p[i] = p[i] * decay - (stepSize * m1) / (Math.sqrt(m2) * sc2 + epsilon);
  }
}
