/**
 * The worker side of "Inside one forward pass" (footnote 19): remove each feature's direction in
 * turn and measure every feature's expected loss on one fixed evaluation set. Runs in the task
 * worker (src/experiments/tasks.ts), in Node for tests, the CLI and the bench.
 */
import { removeDirectionLossChange } from '../../model/footnotes/forward-pass';
import { featureNorms } from '../../model/metrics';
import type { TaskContext } from '../../worker/tasks';
import { validModel, type ModelData } from '../shared/footnote-model';
import { positiveInt } from '../shared/inputs';

/** Evaluation inputs of every removal (the same fixed set for each). */
export const REMOVE_SAMPLES = 20_000;

export interface RemoveDirectionRequest {
  model: ModelData;
  /** Evaluation inputs (default REMOVE_SAMPLES). */
  samples?: number;
  seed?: number;
}

export interface RemoveDirectionResult {
  n: number;
  samples: number;
  /** ‖W_i‖ per feature (a feature with ~0 norm has no direction to remove). */
  norms: Float64Array;
  /** Expected loss E[I_i (x_i − x′_i)²] of every feature with nothing removed [n]. */
  before: Float64Array;
  /** Row f: every feature's expected loss after projecting out Ŵ_f [n, n] (f-major). */
  after: Float64Array;
  /** Row f: after − before [n, n]. */
  change: Float64Array;
  /** Per removed feature f: how many *other* features at least doubled their loss. */
  doubledOthers: Int32Array;
  ms: number;
}

export async function removeDirection(req: RemoveDirectionRequest, ctx: TaskContext): Promise<RemoveDirectionResult> {
  const t0 = performance.now();
  const model = validModel(req.model);
  const { n, m } = model;
  const samples = positiveInt(req.samples, REMOVE_SAMPLES);
  const before = new Float64Array(n);
  const after = new Float64Array(n * n);
  const change = new Float64Array(n * n);
  const doubledOthers = new Int32Array(n);
  for (let f = 0; f < n; f++) {
    const r = removeDirectionLossChange(model.W, model.b, n, m, model.kind, model.importance, model.density, f, {
      samples,
      seed: req.seed ?? 1,
    });
    if (f === 0) before.set(r.before);
    after.set(r.after, f * n);
    change.set(r.change, f * n);
    for (let i = 0; i < n; i++) if (i !== f && r.before[i] > 0 && r.after[i] >= 2 * r.before[i]) doubledOthers[f]++;
    if (f % 4 === 3) await ctx.breathe();
  }
  const norms = featureNorms(model.W, n, m);
  return { n, samples, norms, before, after, change, doubledOthers, ms: performance.now() - t0 };
}
