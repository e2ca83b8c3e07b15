/**
 * The movie worker's SAE task (src/experiments/tasks.ts, 'sae-movie'): one SAE of a lab run trained again
 * from step 0 on the same model's activations — its seed and spec, alone (each instance of a run is
 * independent, as the page's split over two workers relies on) — and scored at every frame's step on the
 * run's evaluation set, so the frames show the states it went through in the run.
 */
import type { ActivationSource } from '../../model/sae/activations';
import { evaluationSet } from '../../model/sae/metrics';
import { SaeTrainer } from '../../train/sae/trainer';
import type { TaskContext } from '../../worker/tasks';
import { labConfig, labInstances, type LabInstance, type LabSettings } from './lab';
import { EVAL_SAMPLES, EVAL_SEED, snapshot, type InstanceState } from './run';
import { labModelOf, type ModelRequest } from './task';

export interface SaeMovieRequest {
  model: ModelRequest;
  settings: LabSettings;
  /** The instance of the run to film. */
  index: number;
  /** The steps to keep its state at, ascending. */
  steps: number[];
}

export interface SaeMovieResult {
  label: string;
  source: ActivationSource;
  instance: LabInstance;
  steps: number[];
  states: InstanceState[];
}

export async function saeMovie(req: SaeMovieRequest, ctx: TaskContext): Promise<SaeMovieResult> {
  const model = await labModelOf(req.model);
  const instances = labInstances(req.settings, model.source.n);
  const instance = instances[req.index];
  if (!instance) throw new Error(`the run has no SAE #${req.index}`);
  const trainer = new SaeTrainer(labConfig(model.source.m, [instance], req.settings.steps), model.source);
  const ev = evaluationSet(model.source, EVAL_SAMPLES, EVAL_SEED);
  const total = req.steps[req.steps.length - 1] ?? 0;
  const states: InstanceState[] = [];
  for (const s of req.steps) {
    if (s > trainer.stepCount) trainer.step(s - trainer.stepCount);
    states.push(snapshot(trainer, model, ev).instances[0]);
    ctx.progress({ done: trainer.stepCount, total, label: 'training' });
    await ctx.breathe();
  }
  return { label: model.label, source: model.source, instance, steps: req.steps, states };
}
