/**
 * The checkpoints a run keeps to rewind to (RunOptions.history): one every `every` steps from
 * step 0, at most `max` — when full, every other one is dropped and the spacing doubles, so the
 * memory stays bounded however long the run.
 */
import type { BatchedTrainer, TrainerCheckpoint } from '../train/trainer';

export class CheckpointHistory {
  private kept: TrainerCheckpoint[] = [];
  private every: number;

  constructor(private readonly opts: { every: number; max: number } | null | undefined) {
    this.every = opts?.every ?? 0;
  }

  /** Steps to take from `step` before the next checkpoint is due (Infinity when none will be). */
  stepsToNext(trainer: BatchedTrainer): number {
    return this.every > 0 && trainer.checkpoint ? this.every - (trainer.stepCount % this.every) : Infinity;
  }

  /** Record the trainer's state if a checkpoint is due at its step (or `force`, e.g. hand-set weights). */
  record(trainer: BatchedTrainer, force = false): void {
    if (!this.opts || !trainer.checkpoint || this.every <= 0) return;
    if (!force && trainer.stepCount % this.every !== 0) return;
    const last = this.kept[this.kept.length - 1];
    if (last && last.step >= trainer.stepCount) return;
    this.kept.push(trainer.checkpoint());
    if (this.kept.length > this.opts.max) {
      this.every *= 2;
      this.kept = this.kept.filter((c) => c.step % this.every === 0);
    }
  }

  /** The latest checkpoint at or before `step`. */
  at(step: number): TrainerCheckpoint | null {
    let best: TrainerCheckpoint | null = null;
    for (const c of this.kept) if (c.step <= step) best = c;
    return best;
  }

  /** Forget the checkpoints after `step` (the run now goes another way from there). */
  dropAfter(step: number): void {
    this.kept = this.kept.filter((c) => c.step <= step);
  }

  /** No more checkpoints for this run (e.g. after a fallback to another path). */
  stop(): void {
    this.kept = [];
    this.every = 0;
  }

  /** The steps that can be rewound to (undefined when the run keeps no history). */
  steps(): number[] | undefined {
    return this.opts ? this.kept.map((c) => c.step) : undefined;
  }
}
