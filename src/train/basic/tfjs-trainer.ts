/**
 * The tfjs path (wasm, webgl, webgpu or cpu backend): all instances as one batched tensor program,
 * W [I, n, m], b [I, 1, n], data [I, B, n]. The gradient is written out by hand (the same
 * formulas as js-trainer.ts) — five batched matMuls per step and no autodiff tape — and the
 * AdamW update is explicit because tf.train.adam has no decoupled weight decay and another eps.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from '../../model/config';
import { fillSparseUniform } from '../../model/data';
import type { Rng } from '../../model/rng';
import { deriveSeed } from '../../model/rng';
import {
  STREAM,
  dataStreams,
  initialWeights,
  type BatchedTrainer,
  type TrainPath,
  type TrainerState,
} from '../trainer';
import { assertWebgpuAlive, raceWebgpuFailure } from './webgpu';

/** Makes each step's [I, B, n] batch on the GPU (webgl-sampler.ts, webgpu-sampler.ts). */
interface GpuSampler {
  sample(step: number): tf.Tensor3D;
  dispose(): void;
}

export class TfjsTrainer implements BatchedTrainer {
  private W: tf.Tensor3D;
  private b: tf.Tensor3D;
  private mW: tf.Tensor3D;
  private vW: tf.Tensor3D;
  private mb: tf.Tensor3D;
  private vb: tf.Tensor3D;
  private lastLoss: tf.Tensor1D | null = null;
  private readonly importance: tf.Tensor3D;
  private readonly rngs: Rng[];
  private readonly hostX: Float32Array;
  /** WebGL, WebGPU: batches made on the GPU from a counter hash (null: generated in JS and uploaded). */
  private sampler: GpuSampler | null = null;
  private steps = 0;
  private adamT = 0;
  private disposed = false;

  constructor(
    readonly config: TrainConfig,
    readonly path: Exclude<TrainPath, 'js'>,
  ) {
    if (tf.getBackend() !== path) throw new Error(`tfjs backend is ${tf.getBackend()}, expected ${path}`);
    const { n, m, batchSize, instances } = config;
    const I = instances.length;
    this.W = tf.tensor3d(initialWeights(config), [I, n, m]);
    this.b = tf.zeros([I, 1, n]);
    this.mW = tf.zeros([I, n, m]);
    this.vW = tf.zeros([I, n, m]);
    this.mb = tf.zeros([I, 1, n]);
    this.vb = tf.zeros([I, 1, n]);
    const imp = new Float32Array(I * n);
    instances.forEach((inst, j) => imp.set(inst.importance, j * n));
    this.importance = tf.tensor3d(imp, [I, 1, n]);
    this.rngs = dataStreams(config);
    this.hostX = new Float32Array(I * batchSize * n);
  }

  get stepCount(): number {
    return this.steps;
  }

  /** Where the training data comes from: 'gpu' (counter-hash kernel) or 'js' (uploaded). */
  get dataSource(): 'gpu' | 'js' {
    return this.sampler ? 'gpu' : 'js';
  }

  /**
   * On WebGL2 or WebGPU, make the batches on the GPU (same distribution, another random stream
   * than the js/wasm paths: model/counter-hash.ts). Returns false where the kernel cannot run.
   */
  async useGpuData(): Promise<boolean> {
    const Sampler =
      this.path === 'webgpu'
        ? (await import('./webgpu-sampler')).WebgpuSampler
        : (await import('./webgl-sampler')).WebglSampler;
    if (!Sampler.available()) return false;
    const { n, batchSize, instances } = this.config;
    const density = new Float32Array(instances.length * n);
    instances.forEach((inst, j) => density.set(inst.density, j * n));
    this.sampler?.dispose();
    this.sampler = new Sampler(
      instances.map((inst) => deriveSeed(inst.seed, STREAM.data)),
      density,
      batchSize,
      n,
    );
    return true;
  }

  /** The same per-instance streams as the js path, so both see identical data. */
  private nextBatch(): tf.Tensor3D {
    if (this.sampler) return this.sampler.sample(this.steps);
    const { n, batchSize: B, instances } = this.config;
    instances.forEach((inst, j) => fillSparseUniform(this.hostX, j * B * n, B, inst.density, this.rngs[j]));
    return tf.tensor3d(this.hostX, [instances.length, B, n]);
  }

  async step(k: number): Promise<void> {
    for (let s = 0; s < k; s++) this.stepOnce();
  }

  private stepOnce(): void {
    if (this.disposed) throw new Error('trainer disposed');
    if (this.path === 'webgpu') assertWebgpuAlive();
    const { n, batchSize: B, kind, optimizer: opt } = this.config;
    this.adamT++;
    const t = this.adamT;
    const next = tf.tidy(() => {
      const x = this.nextBatch();
      const W = this.W;
      const h = tf.matMul(x, W); // [I, B, m]
      const o = tf.add(tf.matMul(h, W, false, true), this.b); // [I, B, n]
      const y = kind === 'relu' ? tf.relu(o) : o;
      const e = tf.sub(y, x);
      const weighted = tf.mul(this.importance, e);
      const scale = 1 / (B * n);
      const loss = tf.mul(tf.sum(tf.mul(weighted, e), [1, 2]), scale) as tf.Tensor1D;
      let g = tf.mul(weighted, 2 * scale);
      if (kind === 'relu') g = tf.mul(g, tf.step(o)); // tf.step(0) = 0, like ReLU'(0) in PyTorch
      const gb = tf.sum(g, 1, true) as tf.Tensor3D;
      const gh = tf.matMul(g, W); // [I, B, m]
      const gW = tf.add(tf.matMul(g, h, true, false), tf.matMul(x, gh, true, false)) as tf.Tensor3D;
      const [W2, mW2, vW2] = adamW(W, this.mW, this.vW, gW, opt, t);
      const [b2, mb2, vb2] = adamW(this.b, this.mb, this.vb, gb, opt, t);
      return { W2, mW2, vW2, b2, mb2, vb2, loss };
    });
    tf.dispose([this.W, this.mW, this.vW, this.b, this.mb, this.vb]);
    if (this.lastLoss) this.lastLoss.dispose();
    this.W = next.W2;
    this.mW = next.mW2;
    this.vW = next.vW2;
    this.b = next.b2;
    this.mb = next.mb2;
    this.vb = next.vb2;
    this.lastLoss = next.loss;
    this.steps++;
  }

  async read(): Promise<TrainerState> {
    const I = this.config.instances.length;
    const all = this.path === 'webgpu' ? raceWebgpuFailure : <T>(p: Promise<T>) => p;
    const [W, b, loss] = await all(
      Promise.all([
        this.W.data() as Promise<Float32Array>,
        this.b.data() as Promise<Float32Array>,
        this.lastLoss
          ? (this.lastLoss.data() as Promise<Float32Array>)
          : Promise.resolve(new Float32Array(I).fill(NaN)),
      ]),
    );
    return { W: Float32Array.from(W), b: Float32Array.from(b), loss: Float32Array.from(loss), step: this.steps };
  }

  setParams(W: Float32Array, b: Float32Array): void {
    const { n, m, instances } = this.config;
    const I = instances.length;
    if (W.length !== I * n * m || b.length !== I * n) throw new RangeError('setParams: shape mismatch');
    tf.dispose([this.W, this.b, this.mW, this.vW, this.mb, this.vb]);
    this.W = tf.tensor3d(W, [I, n, m]);
    this.b = tf.tensor3d(b, [I, 1, n]);
    this.mW = tf.zeros([I, n, m]);
    this.vW = tf.zeros([I, n, m]);
    this.mb = tf.zeros([I, 1, n]);
    this.vb = tf.zeros([I, 1, n]);
    this.adamT = 0;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([this.W, this.b, this.mW, this.vW, this.mb, this.vb, this.importance]);
    if (this.lastLoss) this.lastLoss.dispose();
    this.lastLoss = null;
    this.sampler?.dispose();
    this.sampler = null;
  }
}

/** PyTorch AdamW as tensor ops; returns [param, m, v]. Call inside tf.tidy. */
function adamW(
  p: tf.Tensor3D,
  m1: tf.Tensor3D,
  m2: tf.Tensor3D,
  g: tf.Tensor3D,
  opt: TrainConfig['optimizer'],
  t: number,
): [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D] {
  const { learningRate: lr, beta1, beta2, epsilon, weightDecay } = opt;
  const c1 = 1 - Math.pow(beta1, t);
  const c2 = 1 - Math.pow(beta2, t);
  const nm1 = tf.add(tf.mul(m1, beta1), tf.mul(g, 1 - beta1)) as tf.Tensor3D;
  const nm2 = tf.add(tf.mul(m2, beta2), tf.mul(tf.square(g), 1 - beta2)) as tf.Tensor3D;
  const denom = tf.add(tf.div(tf.sqrt(nm2), Math.sqrt(c2)), epsilon);
  const np = tf.sub(tf.mul(p, 1 - lr * weightDecay), tf.mul(tf.div(nm1, denom), lr / c1)) as tf.Tensor3D;
  return [np, nm1, nm2];
}
