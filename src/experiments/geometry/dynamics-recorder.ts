/**
 * Snapshots of a training run kept for the learning-dynamics timeline (the paper's "Superposition and Learning
 * Dynamics"). Small sweeps (I·n·m ≤ FULL_RECORD_FLOATS) keep every model's W, b and loss, so any model can be inspected
 * after the fact; bigger ones keep only the selected model's, from the moment it was selected. At most `capacity`
 * snapshots are kept: when full, every other one is dropped (the first and the latest stay), so the timeline always
 * spans the whole run at a resolution that halves as it grows. Recording is idempotent per (run, step), so it may be
 * called from render.
 */
import { featureDimensionality } from '../../model/metrics';

/** Keep every model's weights while a snapshot is at most this many floats (40 kB). */
export const FULL_RECORD_FLOATS = 10_000;
export const DEFAULT_CAPACITY = 300;

export interface RecordedSnapshot {
  step: number;
  /** [count, n, m]: every model (mode 'all') or just the tracked one. */
  W: Float32Array;
  /** [count, n] */
  b: Float32Array;
  /** [count] */
  loss: Float32Array;
  /** D_i per model, computed on first use. */
  D: Map<number, Float64Array>;
}

export interface SnapshotLike {
  runId: number;
  step: number;
  W: Float32Array;
  b: Float32Array;
  loss: Float32Array;
}

export interface ModelHistory {
  steps: number[];
  W: Float32Array[];
  b: Float32Array[];
  loss: number[];
  /** D_i per snapshot (lazily computed and cached). */
  D: Float64Array[];
}

export class DynamicsRecorder {
  private runId = -1;
  private shape = '';
  /** null: every model is recorded; a number: only that model. */
  private tracked: number | null = null;
  private all = true;
  private entries: RecordedSnapshot[] = [];

  constructor(
    readonly capacity = DEFAULT_CAPACITY,
    readonly fullRecordFloats = FULL_RECORD_FLOATS,
  ) {
    if (!(capacity >= 2)) throw new RangeError('capacity must be at least 2');
  }

  /** Snapshots kept. */
  get size(): number {
    return this.entries.length;
  }

  /** Whether every model is recorded (otherwise only `trackedModel`). */
  get recordsAll(): boolean {
    return this.all;
  }

  get trackedModel(): number | null {
    return this.tracked;
  }

  clear(): void {
    this.entries = [];
  }

  /**
   * Record a snapshot of a run of `instances` models of n×m. Returns whether it was kept. A new
   * run id or shape starts over; so does selecting another model when only the selected is kept.
   */
  record(s: SnapshotLike, instances: number, n: number, m: number, selected: number | null): boolean {
    const shape = `${instances}:${n}:${m}`;
    if (s.W.length !== instances * n * m || s.b.length !== instances * n || s.loss.length !== instances) return false;
    if (s.runId !== this.runId || shape !== this.shape) {
      this.runId = s.runId;
      this.shape = shape;
      this.all = instances * n * m <= this.fullRecordFloats;
      this.tracked = null;
      this.entries = [];
    }
    if (!this.all) {
      if (selected === null || selected < 0 || selected >= instances) return false;
      if (selected !== this.tracked) {
        this.tracked = selected;
        this.entries = [];
      }
    }
    const last = this.entries[this.entries.length - 1];
    if (last && s.step <= last.step) return false;
    const j = this.tracked;
    this.entries.push(
      j === null
        ? { step: s.step, W: s.W.slice(), b: s.b.slice(), loss: s.loss.slice(), D: new Map() }
        : {
            step: s.step,
            W: s.W.slice(j * n * m, (j + 1) * n * m),
            b: s.b.slice(j * n, (j + 1) * n),
            loss: s.loss.slice(j, j + 1),
            D: new Map(),
          },
    );
    if (this.entries.length > this.capacity)
      this.entries = this.entries.filter((_, k, a) => k % 2 === 0 || k === a.length - 1);
    return true;
  }

  /** The recorded history of model j (null when it is not being recorded). */
  history(j: number, n: number, m: number): ModelHistory | null {
    if (this.entries.length === 0) return null;
    if (!this.all && this.tracked !== j) return null;
    const slot = this.all ? j : 0;
    const out: ModelHistory = { steps: [], W: [], b: [], loss: [], D: [] };
    for (const e of this.entries) {
      if ((slot + 1) * n * m > e.W.length) return null;
      const W = e.W.subarray(slot * n * m, (slot + 1) * n * m);
      let D = e.D.get(j);
      if (!D) e.D.set(j, (D = featureDimensionality(W, n, m)));
      out.steps.push(e.step);
      out.W.push(W);
      out.b.push(e.b.subarray(slot * n, (slot + 1) * n));
      out.loss.push(e.loss[slot]);
      out.D.push(D);
    }
    return out;
  }
}
