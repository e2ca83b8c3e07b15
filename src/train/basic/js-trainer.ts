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
import type { TrainConfig } from '../../model/config';
import { fillSparseUniform } from '../../model/data';
import { compileBatchKernel, genericBatchKernel, zeroRowsLossAndBiasGrad, type BatchKernel } from './js-kernel';
import { Float64AdamTrainer, adamWUpdate } from '../float64-trainer';
import { initialWeights } from '../trainer';

export class JsTrainer extends Float64AdamTrainer {
  private readonly gW: Float64Array;
  private readonly gb: Float64Array;
  private readonly X: Float32Array;
  private readonly h: Float64Array;
  private readonly gh: Float64Array;
  private readonly active: Int32Array;
  private readonly kernel: BatchKernel;
  private readonly kernelOut = new Float64Array(2);
  /** Per instance: 2 · loss scale · importance_i (the gradient's constant factor). */
  private readonly gradScale: Float64Array[];

  /** `specialise: false` runs the generic loop (the reference the generated kernel is tested against). */
  constructor(config: TrainConfig, opts: { specialise?: boolean } = {}) {
    super(config, initialWeights(config));
    const { n, m, batchSize, instances } = config;
    this.gW = new Float64Array(n * m);
    this.gb = new Float64Array(n);
    this.X = new Float32Array(batchSize * n);
    this.h = new Float64Array(m);
    this.gh = new Float64Array(m);
    this.active = new Int32Array(n);
    const relu = config.kind === 'relu';
    this.kernel = opts.specialise === false ? genericBatchKernel(n, m, relu) : compileBatchKernel(n, m, relu);
    this.gradScale = instances.map((inst) => Float64Array.from(inst.importance, (v) => (2 * v) / (batchSize * n)));
  }

  protected instanceStep(j: number): void {
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
    if (zeroRows > 0) lossSum += zeroRowsLossAndBiasGrad(bias, bOff, n, zeroRows, relu, importance, gradScale, gb);
    this.loss[j] = lossSum * scale;
    adamWUpdate(W, this.mW, this.vW, gW, wOff, opt, this.adamT);
    adamWUpdate(this.b, this.mb, this.vb, gb, bOff, opt, this.adamT);
  }
}
