/**
 * The trainer interface every training path implements, and the pieces they share
 * (initialisation, AdamW bookkeeping). Paths: a fused step in plain JavaScript ('js'), the same
 * step as a SIMD WebAssembly kernel ('simd', basic model only), and tfjs on its wasm, webgl, webgpu
 * or cpu backend.
 */
import { notebookInitStd, type TrainConfig } from '../model/config';
import { initWeights } from '../model/data';
import { Rng, deriveSeed } from '../model/rng';

export type TrainPath = 'js' | 'simd' | 'wasm' | 'webgl' | 'webgpu' | 'cpu';

/** Parameters and progress of all instances, as plain arrays (feature-major W, see config.ts). */
export interface TrainerState {
  /** [I, n, m] */
  W: Float32Array;
  /** [I, n] */
  b: Float32Array;
  /** Loss of each instance at the last step taken (NaN before the first step). */
  loss: Float32Array;
  step: number;
  /**
   * Mean loss of each instance over the steps since the previous read, and how many steps that
   * was (only paths that can average cheaply report it; convergence then sees every step).
   */
  meanLoss?: Float32Array;
  meanLossSteps?: Float32Array;
}

/**
 * Everything a trainer needs to go on exactly as it would have from `step`: parameters, Adam
 * moments, data streams, counters. `W`, `b` and `loss` are there to show the run at that step
 * without restoring it; `state` is opaque outside the trainer (and path) that made it.
 */
export interface TrainerCheckpoint {
  readonly path: TrainPath;
  readonly step: number;
  /** [I, n, m] and [I, n], as TrainerState. */
  readonly W: Float32Array;
  readonly b: Float32Array;
  readonly loss: Float32Array;
  readonly state: Float64Array;
}

export interface BatchedTrainer {
  readonly path: TrainPath;
  readonly config: TrainConfig;
  /** Steps taken so far. */
  readonly stepCount: number;
  /** Run k optimisation steps for every instance. */
  step(k: number): Promise<void>;
  /** Read back W, b and the last loss (async: never blocks on a GPU). */
  read(): Promise<TrainerState>;
  /** Warm start: replace W and b (optimizer moments are reset). */
  setParams(W: Float32Array, b: Float32Array): void;
  /**
   * Stop training the instances marked 1 (converged); their weights stay as they are. Paths
   * that cannot skip work per instance leave this out and keep training everything.
   */
  freeze?(mask: Uint8Array): void;
  /** The run as it stands (paths that can rewind: js, simd). */
  checkpoint?(): TrainerCheckpoint;
  /** Back to a checkpoint this trainer made: the next steps repeat what followed it, bit for bit. */
  restore?(cp: TrainerCheckpoint): void;
  dispose(): void;
}

/** Stream labels for deriveSeed, so that init and data never share random numbers. */
export const STREAM = { init: 1, data: 2 } as const;

/** Initial W for every instance: each instance from its own seed, independent of its position. */
export function initialWeights(config: TrainConfig): Float32Array {
  const { n, m, instances } = config;
  const std = config.initStd ?? notebookInitStd(n, m, instances.length);
  const W = new Float32Array(instances.length * n * m);
  instances.forEach((inst, j) => {
    W.set(initWeights(n, m, std, new Rng(deriveSeed(inst.seed, STREAM.init))), j * n * m);
  });
  return W;
}

/** One data generator per instance. */
export function dataStreams(config: TrainConfig): Rng[] {
  return config.instances.map((inst) => new Rng(deriveSeed(inst.seed, STREAM.data)));
}

/** Bias-correction factors of Adam at step t (1-based). */
export function adamCorrections(beta1: number, beta2: number, t: number): { c1: number; c2: number } {
  return { c1: 1 - Math.pow(beta1, t), c2: 1 - Math.pow(beta2, t) };
}

/** One loss history entry: the last minibatch loss of every instance at `step`. */
export interface LossHistoryEntry {
  step: number;
  loss: number[];
}

/**
 * Train to `steps`, reading the losses back every `every` steps into a history (what the CLI and
 * the figures write into their JSON); `onProgress` sees each read.
 */
export async function trainWithHistory(
  trainer: BatchedTrainer,
  steps: number,
  every: number,
  onProgress?: (state: TrainerState) => void,
): Promise<{ final: TrainerState; history: LossHistoryEntry[]; seconds: number }> {
  const history: LossHistoryEntry[] = [];
  const t0 = performance.now();
  while (trainer.stepCount < steps) {
    await trainer.step(Math.min(every, steps - trainer.stepCount));
    const st = await trainer.read();
    history.push({ step: st.step, loss: Array.from(st.loss) });
    onProgress?.(st);
  }
  const final = await trainer.read();
  return { final, history, seconds: (performance.now() - t0) / 1000 };
}
