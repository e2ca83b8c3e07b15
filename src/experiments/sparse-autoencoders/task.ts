/**
 * The lab's worker tasks (src/experiments/tasks.ts): 'sae-train' trains a run's SAEs — or one shard of
 * them, when the page splits a run over several workers — streaming partial snapshots (scorecards,
 * decoder rows, firing frequencies) about ten times a second and returning the snapshots at the run's
 * checkpoints, which the page rewinds through; 'sae-fista' learns footnote 20's FISTA + MOD dictionary
 * on the same evaluation activations and scores it the same way.
 */
import { validateSource, type ActivationSource } from '../../model/sae/activations';
import { scoreDictionary, type DictionaryScore } from '../../model/sae/dictionary-score';
import { evaluationSet } from '../../model/sae/metrics';
import { learnDictionary } from '../../train/solvers/fista';
import { solverPath } from '../../train/solvers/tensor-path';
import type { TaskContext } from '../../worker/tasks';
import type { LabInstance, LabSettings } from './lab';
import { TOY_MODEL_IDS, toyLabModel, type LabModel, type ToyModelId } from './models';
import { EVAL_SAMPLES, EVAL_SEED, runLab, type LabSnapshot } from './run';

/** A lab model by preset id (trained in the worker, once per worker) or given as weights. */
export type ModelRequest = { preset: ToyModelId } | { given: { label: string; source: ActivationSource } };

export interface SaeTrainRequest {
  model: ModelRequest;
  settings: LabSettings;
  /** The instances this worker trains (default: all). */
  only?: number[];
}

/** What the page needs to draw a run besides its snapshots. */
export interface SaeRunInfo {
  label: string;
  source: ActivationSource;
  instances: LabInstance[];
  trained: number[];
}

export interface SaePartial {
  info: SaeRunInfo;
  snapshot: LabSnapshot;
}

export interface SaeTrainResult {
  /** null for an empty shard (nothing trained). */
  info: SaeRunInfo | null;
  snapshots: LabSnapshot[];
  seconds: number;
}

const toyModels = new Map<ToyModelId, Promise<LabModel>>();

/** The lab model of a request (a preset's toy model is trained once per worker and kept). */
export async function labModelOf(req: ModelRequest): Promise<LabModel> {
  if ('preset' in req) {
    if (!TOY_MODEL_IDS.includes(req.preset)) throw new Error(`unknown lab model "${String(req.preset)}"`);
    let p = toyModels.get(req.preset);
    if (!p) {
      p = toyLabModel(req.preset);
      p.catch(() => toyModels.delete(req.preset));
      toyModels.set(req.preset, p);
    }
    return p;
  }
  return { label: req.given.label, source: validateSource(req.given.source) };
}

export async function saeTrain(req: SaeTrainRequest, ctx: TaskContext<SaePartial>): Promise<SaeTrainResult> {
  if (req.only && req.only.length === 0) return { info: null, snapshots: [], seconds: 0 };
  ctx.progress({ done: 0, total: req.settings.steps, label: 'toy model' });
  const model = await labModelOf(req.model);
  await ctx.breathe();
  let info: SaeRunInfo | null = null;
  const result = await runLab(model, req.settings, {
    only: req.only,
    breathe: () => ctx.breathe(),
    onProgress: (done, total) => ctx.progress({ done, total, label: 'steps' }),
    onPartial: (snapshot) => {
      if (info) ctx.partial({ info, snapshot });
    },
    onStart: (instances, trained) => {
      info = { label: model.label, source: model.source, instances, trained };
    },
  });
  return {
    info: { label: model.label, source: model.source, instances: result.instances, trained: result.trained },
    snapshots: result.snapshots,
    seconds: result.seconds,
  };
}

export interface SaeFistaRequest {
  model: ModelRequest;
  /** Atoms (the SAE's dictionary size). */
  k: number;
  /** Activations (the first of the SAEs' evaluation set; default 1000). */
  samples?: number;
  relativeLambda?: number;
  seed?: number;
}

export interface SaeFistaResult {
  score: DictionaryScore;
  atoms: Float32Array;
  seconds: number;
}

export async function saeFista(req: SaeFistaRequest, ctx: TaskContext): Promise<SaeFistaResult> {
  const t0 = performance.now();
  await solverPath();
  const model = await labModelOf(req.model);
  const ev = evaluationSet(model.source, EVAL_SAMPLES, EVAL_SEED);
  const d = Math.min(EVAL_SAMPLES, Math.max(16, Math.floor(req.samples ?? 1000)));
  const k = Math.max(1, Math.min(256, Math.floor(req.k)));
  await ctx.breathe();
  const dict = await learnDictionary(ev.H.subarray(0, d * model.source.m), d, model.source.m, {
    k,
    relativeLambda: req.relativeLambda ?? 0.05,
    seed: req.seed ?? 1,
  });
  ctx.check();
  return {
    score: scoreDictionary(dict.B, dict.A, k, d, model.source, ev),
    atoms: dict.B,
    seconds: (performance.now() - t0) / 1000,
  };
}
