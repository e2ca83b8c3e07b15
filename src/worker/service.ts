/**
 * The training service that runs inside the worker (and, for tests and the CLI, anywhere):
 * owns the trainer, runs the step loop in adaptive chunks, throttles snapshots, guards against
 * NaN/Inf and falls back to another path when one fails mid-run. Knows nothing of the page.
 */
import { validateTrainConfig, type TrainConfig } from '../model/config';
import { activatePath, createTrainer, unavailableReason } from '../train/basic/paths';
import { ConvergenceTracker } from '../train/convergence';
import type { BatchedTrainer, TrainPath, TrainerState } from '../train/trainer';
import { CheckpointHistory } from './checkpoints';
import { PathChooser } from './path-choice';
import { PathMemo } from './path-memo';
import {
  CHANGE_DEBOUNCE_MS,
  SNAPSHOT_HZ,
  type ChangeOptions,
  type PathReport,
  type RunOptions,
  type RunStatus,
  type Snapshot,
  type TrainerApi,
  transferableCopy,
} from './protocol';
import { yieldToEvents } from './yield-to-events';

const DEFAULT_OPTIONS: RunOptions = { path: 'auto', maxSteps: 10_000, autoStart: true };
/** Aim for chunks of about this much compute between yields, so messages are answered quickly. */
const CHUNK_TARGET_MS = 12;

export class TrainerService implements TrainerApi {
  private trainer: BatchedTrainer | null = null;
  private config: TrainConfig | null = null;
  private options: RunOptions = { ...DEFAULT_OPTIONS };
  private status: RunStatus = 'idle';
  private runId = 0;
  private pushed = 0;
  private loop: Promise<void> | null = null;
  private listener: ((s: Snapshot) => void) | null = null;
  /** Copy of the last finite parameters: what a fallback path resumes from. */
  private lastGood: TrainerState | null = null;
  private message: string | undefined;
  private readonly paths = new PathMemo(new PathChooser());
  private pending: { timer: ReturnType<typeof setTimeout>; resolvers: (() => void)[] } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Steps taken before a fallback trainer took over (its own count starts at 0). */
  private stepOffset = 0;
  private tracker: ConvergenceTracker | null = null;
  private trainingMs = 0;
  /** Rewind points (RunOptions.history). */
  private history = new CheckpointHistory(null);

  /** Serialise every state change: loop stop/start, trainer swaps and resets never interleave. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  configure(config: TrainConfig, options: Partial<RunOptions> = {}): Promise<PathReport> {
    return this.exclusive(async () => {
      validateTrainConfig(config);
      await this.stopLoop();
      this.options = { ...DEFAULT_OPTIONS, ...options };
      const report = await this.paths.choose(config, this.options.path);
      await this.replaceTrainer(config, report.path, null);
      if (this.options.autoStart) this.startLoop();
      else await this.emit();
      return report;
    });
  }

  changeParams(config: TrainConfig, options: ChangeOptions = {}): Promise<void> {
    validateTrainConfig(config);
    return new Promise((resolve) => {
      const resolvers = this.pending ? [...this.pending.resolvers, resolve] : [resolve];
      if (this.pending) clearTimeout(this.pending.timer);
      const timer = setTimeout(() => {
        this.pending = null;
        void this.exclusive(async () => {
          const wasRunning = this.status === 'running' || this.options.autoStart;
          await this.stopLoop();
          const { warmStart, debounceMs: _, ...rest } = options;
          this.options = { ...this.options, ...rest };
          const old = this.config;
          const sameShape =
            old !== null &&
            old.n === config.n &&
            old.m === config.m &&
            old.instances.length === config.instances.length;
          const keep = warmStart && sameShape && this.trainer ? await this.trainer.read() : null;
          const path = await this.paths.path(config, this.options.path);
          await this.replaceTrainer(config, path, keep);
          if (wasRunning && this.status !== 'error') this.startLoop();
          else await this.emit();
        }).finally(() => resolvers.forEach((r) => r()));
      }, options.debounceMs ?? CHANGE_DEBOUNCE_MS);
      this.pending = { timer, resolvers };
    });
  }

  start(options: { maxSteps?: number } = {}): Promise<void> {
    return this.exclusive(async () => {
      const cap = options.maxSteps;
      if (cap !== undefined && Number.isInteger(cap) && cap > this.options.maxSteps) {
        this.options.maxSteps = cap;
        if (this.status === 'done') this.status = 'paused';
      }
      if (!this.trainer || this.status === 'running' || this.status === 'error') return;
      if (this.trainer.stepCount >= this.options.maxSteps) return;
      this.options.autoStart = true;
      this.startLoop();
    });
  }

  pause(): Promise<Snapshot | null> {
    return this.exclusive(async () => {
      this.options.autoStart = false;
      await this.stopLoop();
      return this.trainer ? this.emit() : null;
    });
  }

  stepN(k: number): Promise<Snapshot> {
    return this.exclusive(async () => {
      if (!this.trainer) throw new Error('stepN: no run configured');
      if (!Number.isInteger(k) || k < 1 || k > 1_000_000)
        throw new RangeError(`stepN: k must be an integer in [1, 1e6], got ${k}`);
      const wasRunning = this.status === 'running';
      await this.stopLoop();
      const t0 = performance.now();
      await this.advance(this.trainer, k);
      this.trainingMs += performance.now() - t0;
      if (this.status !== 'error') this.status = wasRunning ? 'running' : 'paused';
      const snap = await this.emit();
      if (wasRunning && this.status === 'running') this.startLoop();
      return snap;
    });
  }

  reset(seedOffset = 0): Promise<void> {
    return this.exclusive(async () => {
      if (!this.config || !this.trainer) return;
      await this.stopLoop();
      const config: TrainConfig = {
        ...this.config,
        instances: this.config.instances.map((inst) => ({ ...inst, seed: inst.seed + seedOffset })),
      };
      await this.replaceTrainer(config, this.trainer.path, null);
      if (this.options.autoStart) this.startLoop();
      else await this.emit();
    });
  }

  async snapshot(): Promise<Snapshot | null> {
    return this.exclusive(async () => (this.trainer ? this.makeSnapshot(await this.trainer.read(), 0) : null));
  }

  peek(step: number): Promise<Snapshot | null> {
    return this.exclusive(async () => {
      const cp = this.history.at(step);
      if (!cp || !this.trainer) return null;
      return this.makeSnapshot({ W: cp.W.slice(), b: cp.b.slice(), loss: cp.loss.slice(), step: cp.step }, 0);
    });
  }

  rewind(step: number): Promise<Snapshot | null> {
    return this.exclusive(async () => {
      const cp = this.history.at(step);
      if (!cp || !this.trainer?.restore) return null;
      this.options.autoStart = false;
      await this.stopLoop();
      this.trainer.restore(cp);
      this.history.dropAfter(cp.step);
      this.lastGood = null;
      if (this.tracker && this.config && this.options.convergence)
        this.tracker = new ConvergenceTracker(this.config.instances.length, this.options.convergence);
      if (this.status !== 'error') this.status = 'paused';
      return this.emit();
    });
  }

  setWeights(W: Float32Array, b: Float32Array): Promise<Snapshot> {
    return this.exclusive(async () => {
      if (!this.trainer || !this.config) throw new Error('setWeights: no run configured');
      const { n, m, instances } = this.config;
      if (W.length !== instances.length * n * m || b.length !== instances.length * n)
        throw new RangeError(
          `setWeights: expected W of ${instances.length * n * m} and b of ${instances.length * n} numbers`,
        );
      if (![...W, ...b].every(Number.isFinite)) throw new RangeError('setWeights: weights must be finite numbers');
      this.options.autoStart = false;
      await this.stopLoop();
      this.trainer.setParams(W, b);
      if (this.status === 'error' || this.status === 'done') this.message = undefined;
      this.status = 'paused';
      // The edited state replaces whatever the history held from this step on.
      this.history.dropAfter(this.trainer.stepCount - 1);
      this.history.record(this.trainer, true);
      return this.emit();
    });
  }

  async subscribe(onSnapshot: (s: Snapshot) => void): Promise<void> {
    this.listener = onSnapshot;
  }

  dispose(): Promise<void> {
    return this.exclusive(async () => {
      await this.stopLoop();
      this.trainer?.dispose();
      this.trainer = null;
      this.status = 'idle';
    });
  }

  /** Whether the step loop is active (for tests: after a pause or an error no step can follow). */
  get looping(): boolean {
    return this.loop !== null;
  }

  // ---------------------------------------------------------------------------------------------

  private async replaceTrainer(config: TrainConfig, path: TrainPath, keep: TrainerState | null): Promise<void> {
    this.trainer?.dispose();
    this.trainer = null;
    this.runId++;
    this.message = undefined;
    if (!(await activatePath(path))) {
      const why = unavailableReason(path);
      const because = why ? ` (${why})` : '';
      this.message = `The ${path} path could not start${because}; training on the JavaScript path instead.`;
      path = 'js';
    }
    this.trainer = await createTrainer(config, path);
    const start = keep ?? this.options.initial;
    if (start) this.trainer.setParams(start.W, start.b);
    this.config = config;
    this.lastGood = null;
    this.stepOffset = 0;
    this.trainingMs = 0;
    this.tracker = this.options.convergence
      ? new ConvergenceTracker(config.instances.length, this.options.convergence)
      : null;
    this.history = new CheckpointHistory(this.options.history);
    this.history.record(this.trainer);
    this.status = 'paused';
  }

  /** k steps, stopping wherever a checkpoint is due to record it (so they land on round steps). */
  private async advance(trainer: BatchedTrainer, k: number): Promise<void> {
    while (k > 0) {
      const s = Math.min(k, this.history.stepsToNext(trainer));
      await trainer.step(s);
      k -= s;
      this.history.record(trainer);
    }
  }

  private startLoop(): void {
    if (!this.trainer || this.loop) return;
    this.status = 'running';
    const id = this.runId;
    this.loop = this.runLoop(id).finally(() => {
      this.loop = null;
    });
  }

  private async stopLoop(): Promise<void> {
    if (this.status === 'running') this.status = 'paused';
    if (this.loop) await this.loop;
  }

  private async runLoop(id: number): Promise<void> {
    let chunk = 1;
    let lastEmit = 0;
    let stepsAtEmit = this.trainer?.stepCount ?? 0;
    let timeAtEmit = performance.now();
    while (this.status === 'running' && id === this.runId && this.trainer) {
      const trainer = this.trainer;
      const remaining = this.options.maxSteps - (trainer.stepCount + this.stepOffset);
      if (remaining <= 0) {
        this.status = 'done';
        await this.emit();
        break;
      }
      const k = Math.min(chunk, remaining);
      const t0 = performance.now();
      try {
        const fail = this.options.simulateFailure;
        if (fail && trainer.path === fail.path && trainer.stepCount + this.stepOffset >= fail.afterSteps) {
          throw new Error('simulated loss of the WebGL context');
        }
        await this.advance(trainer, k);
        const t1 = performance.now();
        this.trainingMs += t1 - t0;
        if (t1 - lastEmit >= 1000 / SNAPSHOT_HZ) {
          const steps = trainer.stepCount - stepsAtEmit;
          const rate = (steps * 1000) / Math.max(1e-3, t1 - timeAtEmit);
          await this.emit(rate); // inside the try: a GPU path may fail only when read (a lost WebGPU device)
          lastEmit = performance.now();
          stepsAtEmit = trainer.stepCount;
          timeAtEmit = lastEmit;
        }
      } catch (err) {
        if (!(await this.fallBack(err))) break;
        continue;
      }
      // Grow or shrink the chunk toward the target compute time (GPU paths: time incl. readback).
      const spent = Math.max(0.05, performance.now() - t0);
      chunk = Math.max(1, Math.min(4096, Math.round(chunk * Math.min(2, Math.max(0.5, CHUNK_TARGET_MS / spent)))));
      await yieldToEvents();
    }
  }

  /**
   * A path failed mid-run (e.g. WebGL context or WebGPU device lost): resume from the last good weights
   * elsewhere, trying the CPU paths fastest first (webgl/webgpu → simd → tfjs wasm → tfjs cpu → js).
   */
  private async fallBack(err: unknown): Promise<boolean> {
    if (!this.trainer || !this.config) return false;
    const failed = this.trainer.path;
    const order: TrainPath[] = (['simd', 'wasm', 'cpu', 'js'] as TrainPath[]).filter((p) => p !== failed);
    const resume = this.lastGood;
    const step = resume?.step ?? 0;
    this.trainer.dispose();
    this.trainer = null;
    for (const p of order) {
      if (!(await activatePath(p))) continue;
      this.trainer = await createTrainer(this.config, p);
      if (resume) this.trainer.setParams(resume.W, resume.b);
      this.stepOffset = step;
      // Checkpoints are the failed path's own: this run can no longer rewind.
      this.history.stop();
      this.message = `The ${failed} path failed (${errorText(err)}); training continues on ${p} from step ${step}.`;
      return true;
    }
    this.status = 'error';
    this.message = `Training failed on every path: ${errorText(err)}`;
    await this.emit();
    return false;
  }

  private async emit(stepsPerSecond = 0): Promise<Snapshot> {
    if (!this.trainer) throw new Error('no trainer');
    if (this.listener) this.pushed++;
    const state = await this.trainer.read();
    this.trackConvergence(state);
    const snap = this.makeSnapshot(state, this.status === 'running' ? stepsPerSecond : 0);
    const lossFinite = state.step === 0 || state.loss.every(Number.isFinite);
    if (!state.W.every(Number.isFinite) || !state.b.every(Number.isFinite) || !lossFinite) {
      this.status = 'error';
      snap.status = 'error';
      snap.message = `Training diverged: NaN or Inf in the ${state.loss.every(Number.isFinite) ? 'weights' : 'loss'} at step ${snap.step}. Reset to start again.`;
      this.message = snap.message;
    } else {
      this.lastGood = { W: state.W.slice(), b: state.b.slice(), loss: state.loss.slice(), step: snap.step };
    }
    // The pushed copy's buffers are moved to the page; the caller of emit keeps its own arrays
    // (an RPC call may return them).
    if (this.listener) this.listener(transferableCopy(snap));
    return snap;
  }

  private makeSnapshot(state: TrainerState, stepsPerSecond: number): Snapshot {
    return {
      runId: this.runId,
      runKey: this.options.runKey ?? '',
      seq: this.pushed,
      step: state.step + this.stepOffset,
      W: state.W,
      b: state.b,
      loss: state.loss,
      status: this.status,
      path: this.trainer?.path ?? 'js',
      stepsPerSecond,
      converged: this.tracker ? this.tracker.converged.slice() : undefined,
      trainingMs: this.trainingMs,
      message: this.message,
      checkpoints: this.history.steps(),
    };
  }

  /** Feed the loss to the convergence tracker; freeze what converged; finish when all have. */
  private trackConvergence(state: TrainerState): void {
    const tracker = this.tracker;
    if (!tracker || !this.trainer || state.step === 0) return;
    const newly = tracker.observe(state.step + this.stepOffset, state.meanLoss ?? state.loss, state.meanLossSteps ?? 1);
    if (newly > 0) this.trainer.freeze?.(tracker.converged);
    if (tracker.convergedCount === tracker.instances && this.status === 'running') this.status = 'done';
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
