/**
 * What the two plain-JavaScript trainers share (JsTrainer: the basic model; VariantTrainer: the
 * variants): parameters and AdamW moments as Float64Arrays, the step loop over instances, frozen
 * instances, the mean loss since the last read, and the BatchedTrainer bookkeeping. A subclass
 * supplies one instance's forward, backward and AdamW update (`instanceStep`).
 */
import type { TrainConfig } from '../model/config';
import type { Rng } from '../model/rng';
import { LossLedger } from './loss-ledger';
import {
  adamCorrections,
  dataStreams,
  type BatchedTrainer,
  type TrainerCheckpoint,
  type TrainerState,
} from './trainer';

export abstract class Float64AdamTrainer implements BatchedTrainer {
  readonly path = 'js' as const;
  protected readonly W: Float64Array;
  protected readonly b: Float64Array;
  protected readonly mW: Float64Array;
  protected readonly vW: Float64Array;
  protected readonly mb: Float64Array;
  protected readonly vb: Float64Array;
  /** Last minibatch loss per instance (instanceStep writes it). */
  protected readonly loss: Float32Array;
  /** One data stream per instance. */
  protected readonly rngs: Rng[];
  /** AdamW step count t (restarts at 0 on setParams). */
  protected adamT = 0;
  private readonly ledger: LossLedger;
  private readonly frozen: Uint8Array;
  private steps = 0;
  private disposed = false;

  /** `W0`: the initial weights of every instance, in the subclass's layout. */
  constructor(
    readonly config: TrainConfig,
    W0: ArrayLike<number>,
  ) {
    const I = config.instances.length;
    this.W = Float64Array.from(W0);
    this.b = new Float64Array(I * config.n);
    this.mW = new Float64Array(this.W.length);
    this.vW = new Float64Array(this.W.length);
    this.mb = new Float64Array(this.b.length);
    this.vb = new Float64Array(this.b.length);
    this.ledger = new LossLedger(I);
    this.loss = this.ledger.last;
    this.rngs = dataStreams(config);
    this.frozen = new Uint8Array(I);
  }

  /** One training step of instance j: sample its batch, back-propagate, update its parameters, set loss[j]. */
  protected abstract instanceStep(j: number): void;

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
        this.ledger.record(j, this.loss[j]);
      }
      this.steps++;
    }
  }

  async read(): Promise<TrainerState> {
    return {
      W: Float32Array.from(this.W),
      b: Float32Array.from(this.b),
      loss: Float32Array.from(this.loss),
      step: this.steps,
      ...this.ledger.takeMeans(),
    };
  }

  freeze(mask: Uint8Array): void {
    if (mask.length !== this.frozen.length) throw new RangeError('freeze: one flag per instance');
    this.frozen.set(mask);
  }

  /** New parameters in the trainer's own layout; the optimiser restarts. */
  setParams(W: Float32Array, b: Float32Array): void {
    if (W.length !== this.W.length || b.length !== this.b.length) {
      throw new RangeError(
        `setParams: shape mismatch: expected W of ${this.W.length} and b of ${this.b.length} floats`,
      );
    }
    this.W.set(W);
    this.b.set(b);
    this.mW.fill(0);
    this.vW.fill(0);
    this.mb.fill(0);
    this.vb.fill(0);
    this.adamT = 0;
    this.frozen.fill(0);
    this.ledger.clear();
  }

  checkpoint(): TrainerCheckpoint {
    const parts = [this.W, this.mW, this.vW, this.b, this.mb, this.vb];
    const state = new Float64Array(
      parts.reduce((a, p) => a + p.length, 0) + 2 + 4 * this.rngs.length + this.frozen.length,
    );
    let o = 0;
    for (const p of parts) {
      state.set(p, o);
      o += p.length;
    }
    state[o++] = this.adamT;
    state[o++] = this.steps;
    for (const r of this.rngs) for (const s of r.getState()) state[o++] = s;
    state.set(this.frozen, o);
    return {
      path: this.path,
      step: this.steps,
      W: Float32Array.from(this.W),
      b: Float32Array.from(this.b),
      loss: this.loss.slice(),
      state,
    };
  }

  restore(cp: TrainerCheckpoint): void {
    const parts = [this.W, this.mW, this.vW, this.b, this.mb, this.vb];
    const size = parts.reduce((a, p) => a + p.length, 0) + 2 + 4 * this.rngs.length + this.frozen.length;
    if (cp.path !== this.path || cp.state.length !== size)
      throw new RangeError('restore: the checkpoint was made by another kind of trainer or shape');
    let o = 0;
    for (const p of parts) {
      p.set(cp.state.subarray(o, o + p.length));
      o += p.length;
    }
    this.adamT = cp.state[o++];
    this.steps = cp.state[o++];
    for (const r of this.rngs) {
      r.setState(Array.from(cp.state.subarray(o, o + 4)));
      o += 4;
    }
    this.frozen.set(cp.state.subarray(o));
    this.loss.set(cp.loss);
    this.ledger.clear();
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
