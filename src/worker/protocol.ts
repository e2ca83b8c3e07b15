/**
 * The typed protocol between the page and the training worker (Comlink RPC).
 * Control plane: the page calls TrainerApi methods. Data plane: the worker pushes Snapshots to
 * a subscribed callback, with their Float32Array buffers transferred, at most ~30 per second.
 */
import * as Comlink from 'comlink';
import type { TrainConfig } from '../model/config';
import type { ConvergenceOptions } from '../train/convergence';
import type { TrainPath } from '../train/trainer';

export type PathChoice = TrainPath | 'auto';

export interface RunOptions {
  /** Which path trains: a fixed one, or 'auto' (fastest of a short measured trial). */
  path: PathChoice;
  /** Stop (status 'done') after this many steps. */
  maxSteps: number;
  /** Start training immediately after configure. */
  autoStart: boolean;
  /**
   * Stop each instance once its loss has plateaued (freezing it where the path allows) and
   * finish when all have; maxSteps still caps the run. Absent: train to maxSteps.
   */
  convergence?: ConvergenceOptions | null;
  /**
   * Test hook: make the given path fail (as a lost WebGL context does) after this many steps,
   * so the fallback can be exercised end to end on machines where it never fails by itself.
   */
  simulateFailure?: { path: TrainPath; afterSteps: number } | null;
  /**
   * Keep checkpoints to rewind to: one every `every` steps (from step 0), at most `max` (when
   * full, every other one is dropped and the spacing doubles). Paths without checkpoints (tfjs)
   * keep none. Absent: no rewinding.
   */
  history?: { every: number; max: number } | null;
  /**
   * Start from these weights ([I, n, m] and [I, n]) instead of the seeds' random ones, on
   * configure, reset and every restart (the perturbed pentagon's hand-built starts).
   */
  initial?: { W: Float32Array; b: Float32Array } | null;
  /**
   * The settings the run trains, as the page writes them (see state/run-key.ts): stamped on every
   * snapshot of the run, so what the page draws and exports names the settings it came from.
   */
  runKey?: string;
}

/** A change of settings: the run's new options, and how it starts from the old run. */
export type ChangeOptions = Partial<RunOptions> & {
  /** Keep the current W, b when n, m and the instance count agree. */
  warmStart?: boolean;
  /**
   * Wait this long for a further change before restarting (default CHANGE_DEBOUNCE_MS); 0 when the
   * page has already waited for the reader to let go (ui/change-gate.ts).
   */
  debounceMs?: number;
};

export type RunStatus = 'idle' | 'running' | 'paused' | 'done' | 'error';

export interface Snapshot {
  /** Increments on every configure/reset/parameter change; the page drops stale ids. */
  runId: number;
  /** RunOptions.runKey of the run ('' when none was given); changes together with runId. */
  runKey: string;
  /** How many snapshots the service had pushed when this one was made (over all runs): a later one has a larger seq. */
  seq: number;
  step: number;
  /** [I, n, m] feature-major, see model/config.ts */
  W: Float32Array;
  /** [I, n] */
  b: Float32Array;
  /** Loss of every instance at the last step (importance-weighted MSE, notebook normalisation). */
  loss: Float32Array;
  status: RunStatus;
  path: TrainPath;
  /** Optimisation steps per second over the last interval (0 when not running). */
  stepsPerSecond: number;
  /** Per instance, 1 once converged (only when RunOptions.convergence is set). */
  converged?: Uint8Array;
  /** Milliseconds spent training in this run so far. */
  trainingMs: number;
  /** Set when status is 'error' (e.g. NaN in the loss) or when the path had to change. */
  message?: string;
  /** Steps that have a checkpoint to rewind to (RunOptions.history), ascending. */
  checkpoints?: number[];
}

export interface PathReport {
  path: TrainPath;
  /** Measured trial speeds (fastest first) when the choice was 'auto'. */
  timings: { path: TrainPath; stepsPerSecond: number }[];
  /** The WebGL renderer string, and whether it is software (treated as no GPU). */
  renderer: string | null;
  softwareRenderer: boolean;
  /** Whether the SIMD WebAssembly kernel runs here (where not, the js path trains and the page says so). */
  simd: boolean;
  /**
   * The WebGPU adapter navigator.gpu offers (null: none), and whether it is software (then not tried);
   * absent where the run was pinned to another path (not asked).
   */
  webgpuAdapter?: string | null;
  softwareWebgpu?: boolean;
}

export interface TrainerApi {
  /** Build a new run (new weights from the instance seeds). Resolves once the path is chosen. */
  configure(config: TrainConfig, options: RunOptions): Promise<PathReport>;
  /**
   * Change the parameters of the current run. Debounced (options.debounceMs): a burst of calls (a
   * dragged slider) restarts once. warmStart keeps the current W, b when n, m and the instance count agree.
   */
  changeParams(config: TrainConfig, options: ChangeOptions): Promise<void>;
  /**
   * Start (or resume) training. `maxSteps` raises the run's cap first (never lowers it), so a run
   * that is done can go on from where it is (hand-set weights let go after the last step).
   */
  start(options?: { maxSteps?: number }): Promise<void>;
  /** Pause; resolves with the snapshot at the pause. */
  pause(): Promise<Snapshot | null>;
  /** Run exactly k steps now (paused or not) and return the snapshot after them. */
  stepN(k: number): Promise<Snapshot>;
  /** New weights from the same seeds (or shifted seeds) and step 0. */
  reset(seedOffset?: number): Promise<void>;
  /** Latest snapshot, read now. */
  snapshot(): Promise<Snapshot | null>;
  /** The run as it was at a checkpoint (the latest at or before `step`), without changing the run. */
  peek(step: number): Promise<Snapshot | null>;
  /**
   * Pause and go back to the checkpoint at or before `step`: training resumes from there with the
   * same data stream, so it repeats what followed; later checkpoints are dropped.
   */
  rewind(step: number): Promise<Snapshot | null>;
  /**
   * Pause and replace W [I, n, m] and b [I, n] (hand-placed weights); the optimiser restarts from
   * them when training resumes; the step count and data stream go on.
   */
  setWeights(W: Float32Array, b: Float32Array): Promise<Snapshot>;
  /** Receive snapshots (one subscriber; a new call replaces the old). */
  subscribe(onSnapshot: (s: Snapshot) => void): Promise<void>;
  dispose(): Promise<void>;
}

/** At most this many snapshots per second reach the page. */
export const SNAPSHOT_HZ = 30;
/** Delay that collapses a burst of parameter changes into one restart. */
export const CHANGE_DEBOUNCE_MS = 150;

/** A copy of a snapshot whose buffers Comlink transfers (moves to the page) instead of copying. */
export function transferableCopy(snap: Snapshot): Snapshot {
  const copy = {
    ...snap,
    W: snap.W.slice(),
    b: snap.b.slice(),
    loss: snap.loss.slice(),
    converged: snap.converged?.slice(),
  };
  const buffers: ArrayBuffer[] = [copy.W.buffer, copy.b.buffer, copy.loss.buffer];
  if (copy.converged) buffers.push(copy.converged.buffer);
  return Comlink.transfer(copy, buffers);
}
