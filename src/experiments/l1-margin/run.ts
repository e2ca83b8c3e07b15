/**
 * The worker side of "A free margin of superposition" (footnote 21): continue training the model
 * under an L1 penalty on its hidden activations for a sweep of λ (λ = 0 the control), then
 * evaluate loss and superposition on one fixed set. Runs in the task worker
 * (src/experiments/tasks.ts), in Node for tests, the CLI and the bench.
 */
import { L1MarginTrainer, totalSuperposition, type L1MarginRow } from '../../train/solvers/l1-margin';
import type { TaskContext } from '../../worker/tasks';
import { validModel, type ModelData } from '../shared/footnote-model';
import { positiveInt, uniqueSorted } from '../shared/inputs';
import { L1_PARAMS, l1Lambdas } from './params';

/** Fixed evaluation set of every λ. */
export const L1_EVAL_SAMPLES = 100_000;
/** Continued steps between progress reports and yields. */
const CHUNK = 25;

export interface L1MarginRequest {
  model: ModelData;
  /** Penalty strengths, one continuation each; 0 (the control) is added if missing. Default: the section's. */
  lambdas?: number[];
  /** Continued training steps (batch 1024; default the section's). */
  steps?: number;
  /** Fixed evaluation set (default L1_EVAL_SAMPLES). */
  evalSamples?: number;
  batchSize?: number;
  seed?: number;
}

/** One λ of the sweep (see train/solvers/l1-margin.ts), without the continued weights. */
export type L1MarginTableRow = Omit<L1MarginRow, 'W' | 'b'>;

export interface L1MarginResult {
  rows: L1MarginTableRow[];
  steps: number;
  evalSamples: number;
  /** Total superposition of the model before continuing. */
  startSuperposition: number;
  /** The λ > 0 with the largest superposition cut for at most 1% more loss (null if none). */
  marginLambda: number | null;
  ms: number;
}

export async function l1Margin(req: L1MarginRequest, ctx: TaskContext): Promise<L1MarginResult> {
  const t0 = performance.now();
  const model = validModel(req.model);
  const { n, m } = model;
  const steps = positiveInt(req.steps, L1_PARAMS.steps.default);
  const evalSamples = positiveInt(req.evalSamples, L1_EVAL_SAMPLES);
  const requested = req.lambdas ?? l1Lambdas(L1_PARAMS.maxLambda.default);
  const lambdas = uniqueSorted([0, ...requested].filter((l) => Number.isFinite(l) && l >= 0));
  const trainer = new L1MarginTrainer({
    n,
    m,
    kind: model.kind,
    W: model.W,
    b: model.b,
    density: model.density,
    importance: model.importance,
    lambdas,
    batchSize: req.batchSize,
    seed: req.seed ?? 5,
  });
  ctx.progress({ done: 0, total: steps, label: 'training' });
  for (let s = 0; s < steps; s += CHUNK) {
    trainer.stepSync(Math.min(CHUNK, steps - s));
    ctx.progress({ done: trainer.steps, total: steps, label: 'training' });
    await ctx.breathe();
  }
  ctx.progress({ done: steps, total: steps, label: 'evaluating' });
  const rows = trainer
    .evaluate(evalSamples, req.seed ?? 9)
    .map(({ lambda, loss, superposition, relativeLoss, relativeSuperposition, meanAbsHidden }) => ({
      lambda,
      loss,
      superposition,
      relativeLoss,
      relativeSuperposition,
      meanAbsHidden,
    }));
  ctx.check();
  return {
    rows,
    steps,
    evalSamples,
    startSuperposition: totalSuperposition(model.W, n, m),
    marginLambda: marginLambda(rows),
    ms: performance.now() - t0,
  };
}

/** The λ > 0 with the largest superposition cut for at most 1% more loss, or null. */
function marginLambda(rows: readonly L1MarginTableRow[]): number | null {
  let best: number | null = null;
  let bestCut = 0;
  for (const r of rows) {
    if (r.lambda > 0 && r.relativeLoss <= 0.01 && r.relativeSuperposition < bestCut) {
      bestCut = r.relativeSuperposition;
      best = r.lambda;
    }
  }
  return best;
}
