/**
 * Headless: what the lab trains and how a run is summarised — the page's worker task, the CLI, the
 * figures and the tests all call runLab. A run: the SAEs of labInstances on the model's activations,
 * scored on one fixed evaluation set (the same for every instance), with snapshots at evenly spaced
 * checkpoints (the page rewinds to them) and, on the page, partial snapshots while it trains.
 */
import { evaluationSet, scoreSae, type EvaluationSet, type Scorecard } from '../../model/sae/metrics';
import type { SaeParams } from '../../model/sae/sae';
import { SaeTrainer, type SaeCheckpoint } from '../../train/sae/trainer';
import { labConfig, labInstances, type LabInstance, type LabSettings } from './lab';
import type { LabModel } from './models';

/** Evaluation samples (non-zero h) every SAE is scored on, and the seed of their stream. */
export const EVAL_SAMPLES = 4096;
export const EVAL_SEED = 20;
/** Checkpoints (snapshots to rewind to) per run, evenly spaced. */
export const CHECKPOINTS = 10;

export interface InstanceState {
  card: Scorecard;
  params: SaeParams;
  /** Firing frequency of each latent over the training batches since the previous snapshot. */
  trainFrequency: number[];
  loss: number;
  /** Latents dead by the training window now, and resampled so far. */
  dead: number;
  resampled: number;
}

export interface LabSnapshot {
  step: number;
  instances: InstanceState[];
}

/** Per setting of the sweep, over its seeds. */
export interface GroupSummary {
  label: string;
  seeds: number;
  /** Seeds whose SAE recovers every represented feature at |cos| ≥ 0.99. */
  full: number;
  meanMcc: number;
  meanL0: number;
  meanFvu: number;
  meanDead: number;
  /** Mean absorption gap over the hierarchy's edges and seeds (NaN without a hierarchy). */
  meanGap: number;
}

export interface LabResult {
  label: string;
  /** Every instance of the run, and the indices of those this run trained (all, or one shard's). */
  instances: LabInstance[];
  trained: number[];
  steps: number;
  snapshots: LabSnapshot[];
  final: LabSnapshot;
  groups: GroupSummary[];
  /** Index of the instance with the highest MCC. */
  best: number;
  checkpoints: SaeCheckpoint[];
  seconds: number;
}

export interface RunOptions {
  /** Called with a partial snapshot about every `partialMs` (the page's live view). */
  onPartial?(snap: LabSnapshot): void;
  partialMs?: number;
  /** Awaited between chunks of steps: yields to the worker's events and throws when cancelled. */
  breathe?(): Promise<void>;
  onProgress?(done: number, total: number): void;
  evalSamples?: number;
  /** Train only these instances of the run (a shard; default all). */
  only?: number[];
  /** Told the run's instances before the first step. */
  onStart?(instances: LabInstance[], trained: number[]): void;
}

/** Train the lab's SAEs on one model's activations. */
export async function runLab(model: LabModel, s: LabSettings, opts: RunOptions = {}): Promise<LabResult> {
  const t0 = performance.now();
  const instances = labInstances(s, model.source.n);
  const trained = opts.only ?? instances.map((_, j) => j);
  const mine = trained.map((j) => instances[j]);
  const trainer = new SaeTrainer(labConfig(model.source.m, mine, s.steps), model.source);
  opts.onStart?.(instances, trained);
  const ev = evaluationSet(model.source, opts.evalSamples ?? EVAL_SAMPLES, EVAL_SEED);
  const every = Math.max(1, Math.round(s.steps / CHECKPOINTS));
  const snapshots: LabSnapshot[] = [snapshot(trainer, model, ev)];
  const checkpoints: SaeCheckpoint[] = [trainer.checkpoint()];
  opts.onPartial?.(snapshots[0]); // the scorecard of the initial SAEs: the page has something to show at once
  let nextPartial = performance.now(); // the first partial after the first chunk: the first scorecard is due at once
  // Chunks small enough to keep the worker responsive (a chunk of the n = 20 sweep is ≈ 20 ms).
  const chunk = Math.max(1, Math.min(every, Math.round(20_000 / mine.length / Math.max(1, model.source.n))));
  while (trainer.stepCount < s.steps) {
    const next = Math.min(s.steps, (Math.floor(trainer.stepCount / every) + 1) * every);
    trainer.step(Math.min(chunk, next - trainer.stepCount));
    if (trainer.stepCount === next) {
      snapshots.push(snapshot(trainer, model, ev));
      checkpoints.push(trainer.checkpoint());
    }
    opts.onProgress?.(trainer.stepCount, s.steps);
    if (opts.onPartial && performance.now() >= nextPartial) {
      const t = performance.now();
      opts.onPartial(trainer.stepCount === next ? snapshots[snapshots.length - 1] : snapshot(trainer, model, ev));
      // Scoring every instance is not free (70 small SAEs ≈ 30 ms): at most a fifth of the time goes to it.
      nextPartial = performance.now() + Math.max(opts.partialMs ?? 100, 4 * (performance.now() - t));
    }
    await opts.breathe?.();
  }
  const final = snapshots[snapshots.length - 1];
  return {
    label: model.label,
    instances,
    trained,
    steps: s.steps,
    snapshots,
    final,
    groups: summariseGroups(mine, final),
    best: bestInstance(final),
    checkpoints,
    seconds: (performance.now() - t0) / 1000,
  };
}

export function snapshot(trainer: SaeTrainer, model: LabModel, ev: EvaluationSet): LabSnapshot {
  const stats = trainer.stats();
  const lmax = trainer.layout.lmax;
  const freq = trainer.takeFrequencies();
  return {
    step: trainer.stepCount,
    instances: trainer.config.instances.map((spec, j) => {
      const params = trainer.params(j);
      return {
        card: scoreSae(params, model.source, ev),
        params,
        trainFrequency: Array.from(freq.subarray(j * lmax, j * lmax + spec.latents)),
        loss: stats.loss[j],
        dead: stats.dead[j],
        resampled: stats.resampled[j],
      };
    }),
  };
}

/** The instance with the highest MCC (the lowest index among ties). */
export function bestInstance(snap: LabSnapshot): number {
  let best = 0;
  snap.instances.forEach((inst, j) => {
    if (inst.card.mcc > snap.instances[best].card.mcc) best = j;
  });
  return best;
}

export function summariseGroups(instances: LabInstance[], snap: LabSnapshot): GroupSummary[] {
  const groups: GroupSummary[] = [];
  instances.forEach((inst, j) => {
    const card = snap.instances[j].card;
    let g = groups[inst.groupIndex];
    if (!g) {
      g = groups[inst.groupIndex] = {
        label: inst.group,
        seeds: 0,
        full: 0,
        meanMcc: 0,
        meanL0: 0,
        meanFvu: 0,
        meanDead: 0,
        meanGap: 0,
      };
    }
    g.seeds++;
    if (card.recovered === card.represented.length) g.full++;
    g.meanMcc += card.mcc;
    g.meanL0 += card.l0;
    g.meanFvu += card.fvu;
    g.meanDead += card.dead;
    const gaps = card.absorption.map((a) => a.gap).filter(Number.isFinite);
    g.meanGap += gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : NaN;
  });
  // A shard holds only some settings: the others are holes in the array.
  const present = groups.filter((g) => g !== undefined);
  for (const g of present) {
    for (const k of ['meanMcc', 'meanL0', 'meanFvu', 'meanDead', 'meanGap'] as const) g[k] /= g.seeds;
  }
  return present;
}
