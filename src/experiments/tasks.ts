/**
 * Every task an experiment runs in a task worker, by name, each loaded on its first request (so
 * tfjs and the solvers load only in the worker that computes, never in the page's chunks). The
 * worker entry (tasks.worker.ts) serves this table; the page's clients (task-clients.ts) are typed
 * by it. Adding a task: its computation in the experiment's run.ts and a line here.
 */
import type { LoadedTasks, TaskLoaders } from '../worker/tasks';

export const TASKS = {
  'remove-direction': () => import('./forward-pass/run').then((m) => m.removeDirection),
  dictionary: () => import('./dictionary-learning/run').then((m) => m.learnFeatureDictionary),
  'dictionary-curves': () => import('./dictionary-learning/run').then((m) => m.dictionaryCurves),
  'l1-margin': () => import('./l1-margin/run').then((m) => m.l1Margin),
  'gaussian-latents': () => import('./gaussian-latents/run').then((m) => m.gaussianLatents),
  'compressed-sensing': () => import('./compressed-sensing/run').then((m) => m.compressedSensing),
  'sae-train': () => import('./sparse-autoencoders/task').then((m) => m.saeTrain),
  'sae-fista': () => import('./sparse-autoencoders/task').then((m) => m.saeFista),
  'movie-train': () => import('./shared/movie-task').then((m) => m.movieTrain),
  'sae-movie': () => import('./sparse-autoencoders/movie-task').then((m) => m.saeMovie),
  'sweep-json': () => import('./geometry/run').then((m) => m.sweepJsonTask),
};

// Checked here rather than with `satisfies`, whose contextual type would widen every task to AnyTask.
const checked: TaskLoaders = TASKS;
void checked;

export type Tasks = LoadedTasks<typeof TASKS>;
export type TaskName = keyof Tasks;
