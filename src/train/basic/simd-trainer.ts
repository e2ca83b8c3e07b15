/**
 * The 'simd' path: the basic model's fused AdamW step in SIMD WebAssembly
 * (src/train/assembly/kernel.ts, built by scripts/build-wasm.mjs). One wasm memory per trainer
 * holds every instance's W, b, Adam moments and data generator plus the shared scratch; a step
 * allocates nothing. Runs wherever WebAssembly SIMD does (Node, the page's workers).
 *
 * Two layouts (see the kernel): 'rows' (one instance at a time, sparse-aware) and 'lanes'
 * (four instances per f32x4, for tiny shapes). The data stream of an instance depends on its
 * seed and the layout only, never on its position or on the other instances.
 */
import type { TrainConfig } from '../../model/config';
import { Rng, deriveSeed } from '../../model/rng';
import { LossLedger } from '../loss-ledger';
import {
  STREAM,
  adamCorrections,
  initialWeights,
  type BatchedTrainer,
  type TrainerCheckpoint,
  type TrainerState,
} from '../trainer';
import {
  chooseSimdLayout,
  inverseLogComplement,
  simdKernelModule,
  type KernelExports,
  type SimdLayout,
} from './simd-kernel';

/** Where the kernel's memory starts being ours (the first page is left to the module). */
const BASE = 65536;

export class SimdTrainer implements BatchedTrainer {
  readonly path = 'simd' as const;
  readonly layout: SimdLayout;
  /** The lane step unrolled for this shape, where the kernel has one (same results as laneStep). */
  private readonly fixedLaneStep: ((grp: number, scr: number, opt: number, B: number, relu: number) => void) | null;
  private readonly k: KernelExports;
  private readonly memory: WebAssembly.Memory;
  private readonly opt: number;
  private readonly scratch: number;
  private readonly blocks: number;
  private readonly blockSize: number;
  /** Instances (rows) or groups of four (lanes). */
  private readonly units: number;
  private readonly frozen: Uint8Array;
  /** rows: per-instance last loss and the sums since the last read (lanes keep theirs in memory). */
  private readonly ledger: LossLedger;
  private steps = 0;
  private adamT = 0;
  private disposed = false;

  private constructor(
    readonly config: TrainConfig,
    module: WebAssembly.Module,
    layout: SimdLayout,
    unrolled: boolean,
  ) {
    if (config.kind !== 'relu' && config.kind !== 'linear')
      throw new Error(`the simd path trains the basic model only, not ${config.kind}`);
    if (config.featureSets?.length || config.untied)
      throw new Error('the simd path trains independent features with tied weights only');
    this.layout = layout;
    const { n, m, instances } = config;
    const I = instances.length;
    // Layout queries need an instance; a one-page throwaway memory serves them.
    this.memory = new WebAssembly.Memory({ initial: 1 });
    const inst = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    this.k = inst.exports as unknown as KernelExports;
    this.fixedLaneStep = (layout === 'lanes' && unrolled && this.k[`laneStep_${n}_${m}`]) || null;
    const g = (name: string) => (this.k[name] as WebAssembly.Global).value as number;
    this.units = layout === 'rows' ? I : Math.ceil(I / 4);
    const scratchSize = layout === 'rows' ? this.k.scratchField(g('S_SIZE'), n, m) : this.k.laneScratchSize(n, m);
    this.blockSize = layout === 'rows' ? this.k.rowField(g('R_SIZE'), n, m) : this.k.laneField(g('L_SIZE'), n, m);
    this.opt = BASE;
    this.scratch = BASE + 64;
    this.blocks = this.scratch + roundUp(scratchSize, 64);
    const bytes = this.blocks + this.units * this.blockSize;
    this.memory.grow(Math.ceil(bytes / 65536));
    this.frozen = new Uint8Array(I);
    this.ledger = new LossLedger(I);
    this.writeStatic();
    this.writeParams(initialWeights(config), new Float32Array(I * n));
    this.writeRngs();
    if (layout === 'lanes') this.writeLaneActive();
  }

  /**
   * A trainer on the compiled kernel; `layout` defaults to chooseSimdLayout(m). `unrolled: false`
   * keeps the generic lane step even where an unrolled one exists (tests compare the two).
   */
  static async create(
    config: TrainConfig,
    opts: { layout?: SimdLayout; unrolled?: boolean } = {},
  ): Promise<SimdTrainer> {
    return new SimdTrainer(
      config,
      await simdKernelModule(),
      opts.layout ?? chooseSimdLayout(config.m),
      opts.unrolled ?? true,
    );
  }

  /** Whether this trainer runs a lane step unrolled for its shape. */
  get unrolled(): boolean {
    return this.fixedLaneStep !== null;
  }

  get stepCount(): number {
    return this.steps;
  }

  private field(name: string): number {
    const g = (this.k[name] as WebAssembly.Global).value as number;
    const { n, m } = this.config;
    return this.layout === 'rows' ? this.k.rowField(g, n, m) : this.k.laneField(g, n, m);
  }

  /** Importance, gradient scale, density and the sampling constants of every instance. */
  private writeStatic(): void {
    const { n, batchSize: B, instances } = this.config;
    const f32 = new Float32Array(this.memory.buffer);
    const f64 = new Float64Array(this.memory.buffer);
    const fields = ['IMP', 'GS', 'DENS', 'INV'].map((f) => this.field((this.layout === 'rows' ? 'R_' : 'L_') + f));
    instances.forEach((inst, j) => {
      for (let i = 0; i < n; i++) {
        const p = inst.density[i];
        const values = [inst.importance[i], (2 * inst.importance[i]) / (B * n), p, 1 / p];
        values.forEach((v, q) => (f32[this.slot(j, fields[q], i)] = v));
        if (this.layout === 'rows') f64[(this.unitBase(j) + this.field('R_ILQ')) / 8 + i] = inverseLogComplement(p);
      }
    });
  }

  /** Float index of entry `e` (feature or feature·m + k) of instance j's field at byte offset `off`. */
  private slot(j: number, off: number, e: number): number {
    return this.layout === 'rows' ? (this.unitBase(j) + off) / 4 + e : (this.unitBase(j) + off) / 4 + e * 4 + (j & 3);
  }

  private unitBase(j: number): number {
    return this.blocks + (this.layout === 'rows' ? j : j >> 2) * this.blockSize;
  }

  private writeRngs(): void {
    const u32 = new Uint32Array(this.memory.buffer);
    const off = this.field(this.layout === 'rows' ? 'R_RNG' : 'L_RNG');
    this.config.instances.forEach((inst, j) => {
      const state = new Rng(deriveSeed(inst.seed, STREAM.data)).getState();
      for (let s = 0; s < 4; s++) u32[this.slot(j, off, s)] = state[s] >>> 0;
    });
  }

  private writeLaneActive(): void {
    const i32 = new Int32Array(this.memory.buffer);
    const off = this.field('L_ACTIVE');
    for (let j = 0; j < this.units * 4; j++)
      i32[this.slot(j, off, 0)] = j < this.config.instances.length && !this.frozen[j] ? -1 : 0;
  }

  /** W [I, n, m] and b [I, n] in; moments zeroed. */
  private writeParams(W: ArrayLike<number>, b: ArrayLike<number>): void {
    const { n, m, instances } = this.config;
    const mp = this.k.padM(m);
    const f32 = new Float32Array(this.memory.buffer);
    const p = this.layout === 'rows' ? 'R_' : 'L_';
    const [oW, oMW, oVW, oB, oMB, oVB] = ['W', 'MW', 'VW', 'B', 'MB', 'VB'].map((f) => this.field(p + f));
    const wStride = this.layout === 'rows' ? mp : m;
    for (let j = 0; j < instances.length; j++) {
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < m; k++) {
          const e = i * wStride + k;
          f32[this.slot(j, oW, e)] = W[(j * n + i) * m + k];
          f32[this.slot(j, oMW, e)] = 0;
          f32[this.slot(j, oVW, e)] = 0;
        }
        f32[this.slot(j, oB, i)] = b[j * n + i];
        f32[this.slot(j, oMB, i)] = 0;
        f32[this.slot(j, oVB, i)] = 0;
      }
    }
  }

  async step(k: number): Promise<void> {
    this.stepSync(k);
  }

  /** k AdamW steps of every instance that is not frozen. */
  stepSync(k: number): void {
    if (this.disposed) throw new Error('trainer disposed');
    const { n, m, batchSize: B, kind, optimizer: o } = this.config;
    const relu = kind === 'relu' ? 1 : 0;
    const optF = new Float32Array(this.memory.buffer, this.opt, 8);
    const I = this.config.instances.length;
    for (let s = 0; s < k; s++) {
      this.adamT++;
      const { c1, c2 } = adamCorrections(o.beta1, o.beta2, this.adamT);
      optF.set([
        o.beta1,
        1 - o.beta1,
        o.beta2,
        1 - o.beta2,
        1 - o.learningRate * o.weightDecay,
        o.learningRate / c1,
        1 / Math.sqrt(c2),
        o.epsilon,
      ]);
      if (this.layout === 'rows') {
        for (let j = 0; j < I; j++) {
          if (this.frozen[j]) continue;
          this.ledger.record(j, this.k.rowStep(this.unitBase(j), this.scratch, this.opt, n, m, B, relu));
        }
      } else {
        const fixed = this.fixedLaneStep;
        for (let u = 0; u < this.units; u++) {
          if (this.groupFrozen(u)) continue;
          if (fixed) fixed(this.blocks + u * this.blockSize, this.scratch, this.opt, B, relu);
          else this.k.laneStep(this.blocks + u * this.blockSize, this.scratch, this.opt, n, m, B, relu);
        }
      }
      this.steps++;
    }
  }

  private groupFrozen(u: number): boolean {
    const I = this.config.instances.length;
    for (let j = 4 * u; j < Math.min(I, 4 * u + 4); j++) if (!this.frozen[j]) return false;
    return true;
  }

  /** W [I, n, m] and b [I, n] out of the kernel's layout. */
  private params(): { W: Float32Array; b: Float32Array } {
    const { n, m, instances } = this.config;
    const I = instances.length;
    const mp = this.k.padM(m);
    const f32 = new Float32Array(this.memory.buffer);
    const rows = this.layout === 'rows';
    const oW = this.field(rows ? 'R_W' : 'L_W');
    const oB = this.field(rows ? 'R_B' : 'L_B');
    const W = new Float32Array(I * n * m);
    const b = new Float32Array(I * n);
    for (let j = 0; j < I; j++) {
      for (let i = 0; i < n; i++) {
        for (let k = 0; k < m; k++) W[(j * n + i) * m + k] = f32[this.slot(j, oW, i * (rows ? mp : m) + k)];
        b[j * n + i] = f32[this.slot(j, oB, i)];
      }
    }
    return { W, b };
  }

  /** The last minibatch loss of every instance. */
  private lastLosses(): Float32Array {
    if (this.layout === 'rows') return this.ledger.last.slice();
    const f32 = new Float32Array(this.memory.buffer);
    const oL = this.field('L_LOSS');
    return Float32Array.from(this.config.instances, (_, j) => (this.steps > 0 ? f32[this.slot(j, oL, 0)] : NaN));
  }

  async read(): Promise<TrainerState> {
    const I = this.config.instances.length;
    const { W, b } = this.params();
    const loss = this.lastLosses();
    if (this.layout === 'rows') return { W, b, loss, step: this.steps, ...this.ledger.takeMeans() };
    // Lanes keep their sums in the kernel's memory, per group.
    const meanLoss = new Float32Array(I);
    const meanLossSteps = new Float32Array(I);
    const f64 = new Float64Array(this.memory.buffer);
    const oA = this.field('L_ACC');
    for (let j = 0; j < I; j++) {
      const acc = (this.unitBase(j) + oA) / 8;
      const sum = f64[acc + (j & 3)];
      const cnt = f64[acc + 4 + (j & 3)];
      meanLoss[j] = cnt > 0 ? sum / cnt : NaN;
      meanLossSteps[j] = cnt;
    }
    this.clearLaneSums();
    return { W, b, loss, step: this.steps, meanLoss, meanLossSteps };
  }

  /** Lanes: restart every group's loss sums and step counts (they cover the steps since the last read). */
  private clearLaneSums(): void {
    const f64 = new Float64Array(this.memory.buffer);
    const oA = this.field('L_ACC');
    for (let u = 0; u < this.units; u++) {
      const at = (this.blocks + u * this.blockSize + oA) / 8;
      f64.fill(0, at, at + 8);
    }
  }

  /** New parameters (feature-major [I, n, m], [I, n]); the optimiser restarts. */
  setParams(W: Float32Array, b: Float32Array): void {
    const { n, m, instances } = this.config;
    if (W.length !== instances.length * n * m || b.length !== instances.length * n) {
      throw new RangeError(
        `setParams: shape mismatch: expected W of ${instances.length * n * m} and b of ${instances.length * n} floats`,
      );
    }
    this.writeParams(W, b);
    this.adamT = 0;
    this.frozen.fill(0);
    if (this.layout === 'lanes') this.writeLaneActive();
    this.ledger.clear();
  }

  freeze(mask: Uint8Array): void {
    if (mask.length !== this.frozen.length) throw new RangeError('freeze: one flag per instance');
    this.frozen.set(mask);
    if (this.layout === 'lanes') this.writeLaneActive();
  }

  /** The instance blocks (parameters, moments, data streams, lane statistics) and the counters. */
  checkpoint(): TrainerCheckpoint {
    const I = this.config.instances.length;
    const blockBytes = this.units * this.blockSize;
    const state = new Float64Array(blockBytes / 8 + 2 + 2 * I);
    state.set(new Float64Array(this.memory.buffer, this.blocks, blockBytes / 8));
    let o = blockBytes / 8;
    state[o++] = this.adamT;
    state[o++] = this.steps;
    state.set(this.frozen, o);
    state.set(this.ledger.last, o + I);
    return { path: this.path, step: this.steps, ...this.params(), loss: this.lastLosses(), state };
  }

  restore(cp: TrainerCheckpoint): void {
    const I = this.config.instances.length;
    const blockBytes = this.units * this.blockSize;
    if (cp.path !== this.path || cp.state.length !== blockBytes / 8 + 2 + 2 * I)
      throw new RangeError('restore: the checkpoint was made by another kind of trainer or shape');
    new Float64Array(this.memory.buffer, this.blocks, blockBytes / 8).set(cp.state.subarray(0, blockBytes / 8));
    let o = blockBytes / 8;
    this.adamT = cp.state[o++];
    this.steps = cp.state[o++];
    this.frozen.set(cp.state.subarray(o, o + I));
    this.ledger.last.set(cp.state.subarray(o + I, o + 2 * I));
    if (this.layout === 'lanes') {
      this.writeLaneActive();
      this.clearLaneSums();
    }
    this.ledger.clear();
  }

  dispose(): void {
    this.disposed = true;
  }
}

function roundUp(x: number, k: number): number {
  return Math.ceil(x / k) * k;
}
