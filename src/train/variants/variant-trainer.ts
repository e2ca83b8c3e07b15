/**
 * The JS training path for the variants of issue 5 (see model/variants/model.ts): ReLU hidden
 * layer (privileged basis), the untied absolute-value model, and any model on correlated /
 * anticorrelated feature sets. Same recipe as JsTrainer (fresh batches, notebook loss
 * normalisation, PyTorch AdamW on W and b), same seeds: a tied 'relu' or 'linear' run on
 * independent features reproduces JsTrainer step for step.
 *
 * Gradients (one instance, one sample x, s = 1/(B n), t = |x|; W1, W2 feature-major [n, m]):
 *   pre_k = Σ_i W1[i,k] x_i,   h_k = ReLU(pre_k) (or pre_k),   o_i = b_i + Σ_k W2[i,k] h_k
 *   y_i = ReLU(o_i) (or o_i),  L += s Σ_i I_i (y_i − t_i)²
 *   g_i  = 2 s I_i (y_i − t_i) · [o_i > 0]          (∂L/∂o_i; ReLU'(0) = 0 like PyTorch)
 *   ∂L/∂b_i += g_i,   ∂L/∂W2[i,k] += g_i h_k
 *   gh_k = Σ_i g_i W2[i,k],   gpre_k = gh_k · [pre_k > 0]
 *   ∂L/∂W1[i,k] += x_i gpre_k
 * Tied models pass the same array (and the same gradient accumulator) as W1 and W2, so the two
 * contributions add up. Inputs that are zero and neurons that are off are skipped; all-zero rows
 * (h = 0, o = b) are counted and handled once.
 */
import type { TrainConfig } from '../../model/config';
import { initWeights } from '../../model/data';
import { Rng, deriveSeed } from '../../model/rng';
import { notebookInitStd } from '../../model/config';
import { fillVariantBatch, variantData, type VariantData } from '../../model/variants/correlated-data';
import { variantModel, weightsPerInstance, type VariantModel } from '../../model/variants/model';
import { UNROLL_MAX_M, sparseEncode, zeroRowsLossAndBiasGrad } from '../basic/js-kernel';
import { Float64AdamTrainer, adamWUpdate } from '../float64-trainer';
import { STREAM } from '../trainer';

/** Extra label of W2's initialisation stream (W1 uses the basic trainers' init stream). */
export const W2_INIT_LABEL = 2;

/** Scratch space for one (n, m). */
export class GradScratch {
  readonly active: Int32Array;
  readonly pre: Float64Array;
  readonly gh: Float64Array;
  readonly act: Int32Array;
  readonly gradScale: Float64Array;
  constructor(n: number, m: number) {
    this.active = new Int32Array(n);
    this.gradScale = new Float64Array(n);
    this.pre = new Float64Array(m);
    this.gh = new Float64Array(m);
    this.act = new Int32Array(m);
  }
}

export interface VariantGradArgs {
  model: VariantModel;
  n: number;
  m: number;
  W1: Float64Array;
  w1Off: number;
  /** === W1 (and w2Off === w1Off) for tied models */
  W2: Float64Array;
  w2Off: number;
  b: Float64Array;
  bOff: number;
  /** [B, n] */
  X: Float32Array;
  B: number;
  importance: ArrayLike<number>;
  /** Gradient outputs, [n·m], [n·m] (=== gW1 when tied) and [n]; overwritten. */
  gW1: Float64Array;
  gW2: Float64Array;
  gb: Float64Array;
  scratch?: GradScratch;
}

/**
 * Loss (notebook normalisation) of one instance on one batch, and its exact gradient with respect
 * to W1, W2 and b written to gW1, gW2, gb.
 */
export function variantLossAndGradient(a: VariantGradArgs): number {
  const { model, n, m, W1, w1Off, W2, w2Off, b, bOff, X, B, importance, gW1, gW2, gb } = a;
  const { hiddenRelu, outputRelu } = model;
  const { active, pre, gh, act, gradScale } = a.scratch ?? new GradScratch(n, m);
  // 2 · importance / (B n), computed as JsTrainer does so that tied runs match it bit for bit.
  for (let i = 0; i < n; i++) gradScale[i] = (2 * importance[i]) / (B * n);
  gW1.fill(0);
  if (gW2 !== gW1) gW2.fill(0);
  gb.fill(0);
  const scale = 1 / (B * n);
  let lossSum = 0;
  let zeroRows = 0;
  for (let r = 0; r < B; r++) {
    const xOff = r * n;
    const na = sparseEncode(X, xOff, n, W1, w1Off, m, active, pre);
    if (na === 0) {
      zeroRows++;
      continue;
    }
    let nh = 0;
    if (hiddenRelu) {
      for (let k = 0; k < m; k++) if (pre[k] > 0) act[nh++] = k;
    } else {
      for (let k = 0; k < m; k++) act[nh++] = k;
    }
    for (let k = 0; k < m; k++) gh[k] = 0;
    for (let i = 0; i < n; i++) {
      const w = w2Off + i * m;
      let o = b[bOff + i];
      for (let q = 0; q < nh; q++) {
        const k = act[q];
        o += W2[w + k] * pre[k];
      }
      const t = Math.abs(X[xOff + i]);
      if (outputRelu && o <= 0) {
        lossSum += importance[i] * t * t;
        continue;
      }
      const e = o - t;
      lossSum += importance[i] * e * e;
      const gi = gradScale[i] * e;
      gb[i] += gi;
      const g = i * m;
      for (let q = 0; q < nh; q++) {
        const k = act[q];
        gW2[g + k] += gi * pre[k];
        gh[k] += gi * W2[w + k];
      }
    }
    for (let q = 0; q < na; q++) {
      const i = active[q];
      const xi = X[xOff + i];
      const g = i * m;
      for (let c = 0; c < nh; c++) {
        const k = act[c];
        gW1[g + k] += xi * gh[k];
      }
    }
  }
  if (zeroRows > 0) lossSum += zeroRowsLossAndBiasGrad(b, bOff, n, zeroRows, outputRelu, importance, gradScale, gb);
  return lossSum * scale;
}

export type VariantKernel = (a: VariantGradArgs & { scratch: GradScratch }) => number;

const compiled = new Map<string, VariantKernel>();

/**
 * variantLossAndGradient specialised for (n, m, model) with the m-loops unrolled and h, Vᵀg held
 * in locals (as js-kernel.ts does for the basic model); the generic function for m > UNROLL_MAX_M.
 * Off neurons are kept in the sums with h = 0, which adds exact zeros: same values as the generic
 * loop.
 */
export function compileVariantKernel(n: number, m: number, model: VariantModel): VariantKernel {
  if (m > UNROLL_MAX_M) return variantLossAndGradient;
  const { hiddenRelu, outputRelu } = model;
  const key = `${n}:${m}:${+hiddenRelu}:${+outputRelu}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const ks = Array.from({ length: m }, (_, k) => k);
  const sum = (f: (k: number) => string) => ks.map(f).join(' + ');
  const each = (f: (k: number) => string) => ks.map(f).join('\n');
  const src = `
    const { W1, w1Off, W2, w2Off, b, bOff, X, B, importance, gW1, gW2, gb } = a;
    const { active, gradScale } = a.scratch;
    for (let i = 0; i < ${n}; i++) gradScale[i] = (2 * importance[i]) / (B * ${n});
    gW1.fill(0);
    if (gW2 !== gW1) gW2.fill(0);
    gb.fill(0);
    let lossSum = 0;
    let zeroRows = 0;
    for (let r = 0; r < B; r++) {
      const xOff = r * ${n};
      let na = 0;
      for (let i = 0; i < ${n}; i++) if (X[xOff + i] !== 0) active[na++] = i;
      if (na === 0) { zeroRows++; continue; }
      ${each((k) => `let p${k} = 0;`)}
      for (let q = 0; q < na; q++) {
        const i = active[q];
        const xi = X[xOff + i];
        const w = w1Off + i * ${m};
        ${each((k) => `p${k} += W1[w + ${k}] * xi;`)}
      }
      ${each((k) => (hiddenRelu ? `const h${k} = p${k} > 0 ? p${k} : 0;` : `const h${k} = p${k};`))}
      ${each((k) => `let gh${k} = 0;`)}
      for (let i = 0; i < ${n}; i++) {
        const w = w2Off + i * ${m};
        const o = b[bOff + i] + ${sum((k) => `W2[w + ${k}] * h${k}`)};
        const xi = X[xOff + i];
        const t = xi < 0 ? -xi : xi;
        ${outputRelu ? 'if (o <= 0) { lossSum += importance[i] * t * t; continue; }' : ''}
        const e = o - t;
        lossSum += importance[i] * e * e;
        const gi = gradScale[i] * e;
        gb[i] += gi;
        const g = i * ${m};
        ${each((k) => `gW2[g + ${k}] += gi * h${k}; gh${k} += gi * W2[w + ${k}];`)}
      }
      ${hiddenRelu ? each((k) => `if (!(p${k} > 0)) gh${k} = 0;`) : ''}
      for (let q = 0; q < na; q++) {
        const i = active[q];
        const xi = X[xOff + i];
        const g = i * ${m};
        ${each((k) => `gW1[g + ${k}] += xi * gh${k};`)}
      }
    }
    if (zeroRows > 0) {
      for (let i = 0; i < ${n}; i++) {
        const o = b[bOff + i];
        const y = ${outputRelu ? 'o < 0 ? 0 : o' : 'o'};
        lossSum += zeroRows * importance[i] * y * y;
        ${outputRelu ? 'if (o > 0)' : ''} gb[i] += zeroRows * gradScale[i] * y;
      }
    }
    return lossSum * (1 / (B * ${n}));`;
  const kernel = new Function('a', src) as VariantKernel;
  compiled.set(key, kernel);
  return kernel;
}

/**
 * Initial W of every instance in the run's layout. W1 (and tied W) come from the same stream as
 * the basic trainers' initialWeights, so tied runs start identical to JsTrainer; W2 from its own.
 * Both use config.initStd, default the notebook's xavier-normal std for [I, n, m].
 */
export function variantInitialWeights(config: TrainConfig): Float32Array {
  const { n, m, instances } = config;
  const std = config.initStd ?? notebookInitStd(n, m, instances.length);
  const per = weightsPerInstance(config);
  const tied = variantModel(config).tied;
  const W = new Float32Array(instances.length * per);
  instances.forEach((inst, j) => {
    W.set(initWeights(n, m, std, new Rng(deriveSeed(inst.seed, STREAM.init))), j * per);
    if (!tied)
      W.set(initWeights(n, m, std, new Rng(deriveSeed(inst.seed, STREAM.init, W2_INIT_LABEL))), j * per + n * m);
  });
  return W;
}

/** The variants' trainer; its W layout is [I, n, m] tied and [I, 2, n, m] untied (see model/variants/model.ts). */
export class VariantTrainer extends Float64AdamTrainer {
  readonly model: VariantModel;
  private readonly gW1: Float64Array;
  private readonly gW2: Float64Array;
  private readonly gb: Float64Array;
  private readonly X: Float32Array;
  private readonly scratch: GradScratch;
  private readonly kernel: VariantKernel;
  private readonly data: VariantData[];
  private readonly per: number;

  /** `specialise: false` runs the generic loop (the reference the generated kernel is tested against). */
  constructor(config: TrainConfig, opts: { specialise?: boolean } = {}) {
    super(config, variantInitialWeights(config));
    const { n, m, batchSize, instances } = config;
    this.model = variantModel(config);
    this.per = weightsPerInstance(config);
    this.gW1 = new Float64Array(n * m);
    this.gW2 = this.model.tied ? this.gW1 : new Float64Array(n * m);
    this.gb = new Float64Array(n);
    this.X = new Float32Array(batchSize * n);
    this.scratch = new GradScratch(n, m);
    this.kernel = opts.specialise === false ? variantLossAndGradient : compileVariantKernel(n, m, this.model);
    const sets = config.featureSets ?? [];
    this.data = instances.map((inst) => variantData(inst.density, sets, this.model.signedInputs));
  }

  protected instanceStep(j: number): void {
    const { n, m, batchSize: B, optimizer: opt } = this.config;
    const off = j * this.per;
    const w2Off = this.model.tied ? off : off + n * m;
    fillVariantBatch(this.X, 0, B, this.data[j], this.rngs[j]);
    this.loss[j] = this.kernel({
      model: this.model,
      n,
      m,
      W1: this.W,
      w1Off: off,
      W2: this.W,
      w2Off,
      b: this.b,
      bOff: j * n,
      X: this.X,
      B,
      importance: this.config.instances[j].importance,
      gW1: this.gW1,
      gW2: this.gW2,
      gb: this.gb,
      scratch: this.scratch,
    });
    adamWUpdate(this.W, this.mW, this.vW, this.gW1, off, opt, this.adamT);
    if (!this.model.tied) adamWUpdate(this.W, this.mW, this.vW, this.gW2, w2Off, opt, this.adamT);
    adamWUpdate(this.b, this.mb, this.vb, this.gb, j * n, opt, this.adamT);
  }
}
