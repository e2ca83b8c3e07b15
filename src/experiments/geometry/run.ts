/**
 * What "The geometry of superposition" computes from a trained sweep, without React: how many
 * models sit at one dimension per feature and on the ½ plateau, which named setting the state is,
 * and the exports. The page (Section.tsx) and the figures CLI (figures.ts) share it.
 */
import type { TrainConfig } from '../../model/config';
import { buildModelJson, instancesModelJson, type ModelsJson, type ModelsState } from '../../model/io/model-json';
import type { SweepPoint } from '../../model/uniform-sweep';
import { argminFinite } from '../../model/evaluate';
import type { TaskContext } from '../../worker/tasks';
import type { GeometryState } from './params';

/** "n = 40 features, m = 4 dimensions". */
export const sizeLabel = (n: number, m: number) => `n = ${n} features, m = ${m} dimensions`;

/** Models at one dimension per feature (m/‖W‖_F² within 0.9–1.1) and on the ½ plateau (0.45–0.55). */
export function sweepCounts(summary: readonly SweepPoint[]): { dedicated: number; plateau: number } {
  return {
    dedicated: summary.filter((q) => q.dimensionsPerFeature >= 0.9 && q.dimensionsPerFeature <= 1.1).length,
    plateau: summary.filter((q) => q.dimensionsPerFeature >= 0.45 && q.dimensionsPerFeature <= 0.55).length,
  };
}

/** Whether the state holds every value of a named setting. */
export const matchesSetting = (state: GeometryState, values: Partial<GeometryState>) =>
  Object.entries(values).every(([k, v]) => Object.getOwnPropertyDescriptor(state, k)?.value === v);

/** The selected model index, or null when none is selected (−1) or it is outside the sweep. */
export const selectedModel = (s: Pick<GeometryState, 'selected' | 'sparsities'>): number | null =>
  s.selected >= 0 && s.selected < s.sparsities ? s.selected : null;

/** The whole sweep, or one model of it, as a models@1 file. */
export function sweepModelsJson(
  config: TrainConfig,
  state: ModelsState,
  run: { path: string; seconds: number },
  model: number | null = null,
): ModelsJson {
  return model === null ? buildModelJson(config, state, [], run) : instancesModelJson(config, state, model, 1, run);
}

/**
 * The whole sweep as sweepModelsJson builds it, a model at a time with `pause` between (each model's evaluation loss
 * samples 20,000 inputs: for the paper's sweep that is ≈ 0.5 s a model, 10 s in all, too long for the page's thread).
 */
export async function sweepModelsJsonPaced(
  config: TrainConfig,
  state: ModelsState,
  run: { path: string; seconds: number },
  pause: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
): Promise<ModelsJson> {
  const parts: ModelsJson[] = [];
  for (let j = 0; j < config.instances.length; j++) {
    await pause();
    parts.push(instancesModelJson(config, state, j, 1, run));
  }
  const instances = parts.map((p) => p.instances[0]);
  const none = buildModelJson({ ...config, instances: [] }, { ...state, W: new Float32Array(0) }, [], run);
  return {
    ...none,
    instances,
    best: argminFinite(instances.map((i) => i.evalLoss)),
    lossHistory: { step: [], loss: instances.map(() => []) },
  };
}

export interface SweepJsonRequest {
  config: TrainConfig;
  state: ModelsState;
  run: { path: string; seconds: number };
}

/** The sweep's JSON export as a task (src/experiments/tasks.ts): built in a worker, superseded by a newer click. */
export const sweepJsonTask = (req: SweepJsonRequest, ctx: TaskContext): Promise<ModelsJson> =>
  sweepModelsJsonPaced(req.config, req.state, req.run, () => ctx.breathe());

/**
 * One model of the sweep as the drill-down draws it: its weights at the step shown, the live one
 * or an earlier one scrubbed back to (whose minibatch loss was not kept: NaN, written as null).
 */
export function shownModelJson(
  config: TrainConfig,
  model: number,
  shown: { W: Float32Array; b: Float32Array; step: number; loss: number },
  run: { path: string; seconds: number },
): ModelsJson {
  const one = { ...config, instances: [config.instances[model]] };
  return buildModelJson(one, { ...shown, loss: Float32Array.of(shown.loss) }, [], run);
}

/** Longest whole-run time (seconds) at which the section opens at a bigger size by itself. */
export const OPEN_BIGGER_WITHIN_S = 180;

/**
 * The size to open at, from how long one step of the notebook's sweep took here (seconds, on the
 * page's own workers): the paper's if its 10,000 steps fit in OPEN_BIGGER_WITHIN_S (its cost per
 * step is `paperOverNotebook` times the notebook's), else the notebook's if they fit, else the
 * small default. Returns the estimated run time too, for the note the section shows.
 */
export function sizeForSpeed(
  notebookSecondsPerStep: number,
  paperOverNotebook: number,
): { id: 'small' | 'notebook' | 'paper'; seconds: number } {
  const notebook = notebookSecondsPerStep * 10_000;
  const paper = notebook * paperOverNotebook;
  if (Number.isFinite(paper) && paper <= OPEN_BIGGER_WITHIN_S) return { id: 'paper', seconds: paper };
  if (Number.isFinite(notebook) && notebook <= OPEN_BIGGER_WITHIN_S) return { id: 'notebook', seconds: notebook };
  return { id: 'small', seconds: notebook };
}
