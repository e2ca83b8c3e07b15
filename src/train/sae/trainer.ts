/**
 * The batched SAE trainer: many SAEs (instances) on one toy model's activations, each with its own
 * settings and seed streams (initialisation, data, resampling), so an instance trains the same SAE
 * whatever else is in the run. One step, per instance: draw a batch of h (B = 1024 by default), the
 * fused forward/backward (batch-kernel.ts), remove each decoder row's gradient along itself, Adam, put
 * the decoder rows back on the unit sphere, update the "steps since fired" of every latent, and every
 * `resampleEvery` steps resample the dead ones (resample.ts). Nothing is allocated per step.
 */
import { Rng, deriveSeed } from '../../model/rng';
import { ActivationSampler, validateSource, type ActivationSource } from '../../model/sae/activations';
import { coefficientAt, validateSaeConfig, type SaeTrainConfig } from '../../model/sae/config';
import type { SaeParams } from '../../model/sae/sae';
import { SaeBatchKernel, type KernelSettings } from './batch-kernel';
import {
  SAE_STREAM,
  SaeLayout,
  initialiseInstance,
  instanceParams,
  normaliseDecoder,
  projectDecoderGradient,
} from './layout';
import { resampleDead } from './resample';

/** What a trainer reports between steps (copies). */
export interface SaeStats {
  step: number;
  /** Per instance, the last batch's loss, reconstruction MSE (1/m)‖ĥ − h‖² and L0 over non-zero samples. */
  loss: Float32Array;
  recon: Float32Array;
  l0: Float32Array;
  /** [I, Lmax]: steps since each latent last fired. */
  sinceFired: Float32Array;
  /** Per instance: latents dead now (no firing for deadWindow steps), and resampled so far. */
  dead: Int32Array;
  resampled: Int32Array;
}

/** The whole run at one step; restore() continues from it bit for bit. */
export interface SaeCheckpoint {
  readonly step: number;
  readonly state: Float64Array;
}

export class SaeTrainer {
  readonly layout: SaeLayout;
  private readonly I: number;
  private readonly P: Float64Array;
  private readonly M: Float64Array;
  private readonly V: Float64Array;
  private readonly sinceFired: Float64Array;
  private readonly fireCounts: Float64Array;
  private readonly samples: Float64Array;
  private readonly resampled: Float64Array;
  private readonly lastLoss: Float32Array;
  private readonly lastRecon: Float32Array;
  private readonly lastL0: Float32Array;
  private readonly dataRng: Rng[];
  private readonly resampleRng: Rng[];
  private readonly sampler: ActivationSampler;
  private readonly kernel: SaeBatchKernel;
  private readonly H: Float64Array;
  private readonly dead: Uint8Array;
  private readonly cumulative: Float64Array;
  private readonly settings: KernelSettings;
  private steps = 0;

  constructor(
    readonly config: SaeTrainConfig,
    readonly source: ActivationSource,
  ) {
    validateSaeConfig(config);
    validateSource(source);
    if (source.m !== config.m) throw new RangeError(`the SAE reads m = ${config.m}, the model has m = ${source.m}`);
    const lay = (this.layout = new SaeLayout(config));
    const I = (this.I = config.instances.length);
    const B = config.batchSize;
    this.P = new Float64Array(I * lay.blockSize);
    this.M = new Float64Array(I * lay.blockSize);
    this.V = new Float64Array(I * lay.blockSize);
    this.sinceFired = new Float64Array(I * lay.lmax);
    this.fireCounts = new Float64Array(I * lay.lmax);
    this.samples = new Float64Array(I);
    this.resampled = new Float64Array(I);
    this.lastLoss = new Float32Array(I).fill(NaN);
    this.lastRecon = new Float32Array(I).fill(NaN);
    this.lastL0 = new Float32Array(I).fill(NaN);
    config.instances.forEach((s, j) => initialiseInstance(this.P, j * lay.blockSize, lay, s, config.jumpInitThreshold));
    this.dataRng = config.instances.map((s) => new Rng(deriveSeed(s.seed, SAE_STREAM.data)));
    this.resampleRng = config.instances.map((s) => new Rng(deriveSeed(s.seed, SAE_STREAM.resample)));
    this.sampler = new ActivationSampler(source);
    const segments = 1 + config.instances.reduce((a, s) => Math.max(a, s.prefixes.length), 0);
    this.kernel = new SaeBatchKernel(lay, segments, B);
    this.H = new Float64Array((B + 1) * config.m);
    this.dead = new Uint8Array(lay.lmax);
    this.cumulative = new Float64Array(B);
    this.settings = {
      coefficient: 0,
      bandwidth: config.jumpBandwidth,
      auxCoefficient: config.auxCoefficient,
      dead: this.dead,
      deadCount: 0,
    };
  }

  get stepCount(): number {
    return this.steps;
  }

  /** k optimisation steps of every instance. */
  step(k = 1): void {
    for (let t = 0; t < k; t++) {
      const c = this.config;
      const c1 = 1 - Math.pow(c.beta1, this.steps + 1);
      const c2 = 1 - Math.pow(c.beta2, this.steps + 1);
      for (let j = 0; j < this.I; j++) this.stepInstance(j, c1, c2);
      this.steps++;
    }
  }

  private stepInstance(j: number, c1: number, c2: number): void {
    const c = this.config;
    const spec = c.instances[j];
    const lay = this.layout;
    const base = j * lay.blockSize;
    const L = spec.latents;
    const count = this.sampler.sample(this.dataRng[j], c.batchSize, this.H);
    this.settings.coefficient = coefficientAt(spec, this.steps);
    this.settings.deadCount = this.markDead(j, L);
    this.kernel.run(this.P, base, spec, this.settings, this.H, count, c.batchSize);
    const G = this.kernel.G;
    projectDecoderGradient(G, this.P, base, lay, L);
    this.adam(base, G, c1, c2);
    normaliseDecoder(this.P, base, lay, L);
    const since = j * lay.lmax;
    for (let l = 0; l < L; l++) {
      this.sinceFired[since + l] = this.kernel.firedAny[l] ? 0 : this.sinceFired[since + l] + 1;
      this.fireCounts[since + l] += this.kernel.fires[l];
    }
    this.samples[j] += count;
    this.lastLoss[j] = this.kernel.loss;
    this.lastRecon[j] = this.kernel.recon;
    this.lastL0[j] = this.kernel.l0;
    if (spec.resample !== 'none' && (this.steps + 1) % c.resampleEvery === 0 && this.markDead(j, L) > 0) {
      this.resampled[j] += resampleDead({
        P: this.P,
        M: this.M,
        V: this.V,
        base,
        lay,
        spec,
        H: this.H,
        rowLoss: this.kernel.rowLoss,
        count,
        dead: this.dead,
        scale: c.resampleScale,
        initLogTheta: Math.log(c.jumpInitThreshold),
        rng: this.resampleRng[j],
        cumulative: this.cumulative,
      });
      for (let l = 0; l < L; l++) if (this.dead[l]) this.sinceFired[since + l] = 0;
    }
  }

  /** dead[l] = 1 for instance j's latents without a firing for deadWindow steps; returns how many. */
  private markDead(j: number, L: number): number {
    const since = j * this.layout.lmax;
    let n = 0;
    for (let l = 0; l < L; l++) {
      const d = this.sinceFired[since + l] >= this.config.deadWindow ? 1 : 0;
      this.dead[l] = d;
      n += d;
    }
    return n;
  }

  /** Adam (bias-corrected, no weight decay) over one instance's block. */
  private adam(base: number, G: Float64Array, c1: number, c2: number): void {
    const { learningRate, beta1, beta2, epsilon } = this.config;
    const { P, M, V } = this;
    const step = learningRate / c1;
    const sc2 = 1 / Math.sqrt(c2);
    for (let i = 0, o = base; i < G.length; i++, o++) {
      const g = G[i];
      if (g === 0 && M[o] === 0 && V[o] === 0) continue;
      const mo = beta1 * M[o] + (1 - beta1) * g;
      const vo = beta2 * V[o] + (1 - beta2) * g * g;
      M[o] = mo;
      V[o] = vo;
      P[o] -= (step * mo) / (Math.sqrt(vo) * sc2 + epsilon);
    }
  }

  /** Instance j as a standalone SAE (copies). */
  params(j: number): SaeParams {
    return instanceParams(this.P, j * this.layout.blockSize, this.layout, this.config.instances[j]);
  }

  stats(): SaeStats {
    const lay = this.layout;
    const dead = new Int32Array(this.I);
    this.config.instances.forEach((s, j) => {
      for (let l = 0; l < s.latents; l++) if (this.sinceFired[j * lay.lmax + l] >= this.config.deadWindow) dead[j]++;
    });
    return {
      step: this.steps,
      loss: this.lastLoss.slice(),
      recon: this.lastRecon.slice(),
      l0: this.lastL0.slice(),
      sinceFired: Float32Array.from(this.sinceFired),
      dead,
      resampled: Int32Array.from(this.resampled),
    };
  }

  /** [I, Lmax]: each latent's firing frequency over the non-zero samples since the last take (NaN: none seen). */
  takeFrequencies(): Float32Array {
    const lmax = this.layout.lmax;
    const out = Float32Array.from(this.fireCounts, (f, i) => f / this.samples[Math.floor(i / lmax)]);
    this.fireCounts.fill(0);
    this.samples.fill(0);
    return out;
  }

  checkpoint(): SaeCheckpoint {
    const rngs = [...this.dataRng, ...this.resampleRng].flatMap((r) => r.getState());
    const parts = [this.P, this.M, this.V, this.sinceFired, this.resampled, this.lastLoss, this.lastRecon, this.lastL0];
    const state = new Float64Array(parts.reduce((a, p) => a + p.length, 0) + rngs.length);
    let o = 0;
    for (const p of parts) {
      state.set(p, o);
      o += p.length;
    }
    state.set(rngs, o);
    return { step: this.steps, state };
  }

  restore(cp: SaeCheckpoint): void {
    const parts = [this.P, this.M, this.V, this.sinceFired, this.resampled, this.lastLoss, this.lastRecon, this.lastL0];
    const rngs = [...this.dataRng, ...this.resampleRng];
    if (cp.state.length !== parts.reduce((a, p) => a + p.length, 0) + 4 * rngs.length)
      throw new Error('a checkpoint of another run');
    let o = 0;
    for (const p of parts) {
      p.set(cp.state.subarray(o, o + p.length));
      o += p.length;
    }
    rngs.forEach((r, i) => r.setState(Array.from(cp.state.subarray(o + 4 * i, o + 4 * i + 4))));
    this.fireCounts.fill(0);
    this.samples.fill(0);
    this.steps = cp.step;
  }
}
