/**
 * The experiments' tasks as the worker runs them (a TaskRunner over the real table), typed by
 * name, and small hand-built models for their tests.
 */
import { constantVector, geometricImportance } from '../../src/model/config';
import type { ModelData } from '../../src/experiments/shared/footnote-model';
import { TASKS, type TaskName, type Tasks } from '../../src/experiments/tasks';
import { TaskRunner, type PartialOf, type Progress, type RequestOf, type ResultOf } from '../../src/worker/tasks';

const runner = new TaskRunner(TASKS);

/** Run a task by name, as the page's worker does (one at a time, a newer request superseding an older one). */
export function runTask<K extends TaskName>(
  name: K,
  request: RequestOf<Tasks[K]>,
  onProgress?: (p: Progress) => void,
  onPartial?: (v: PartialOf<Tasks[K]>) => void,
): Promise<ResultOf<Tasks[K]>> {
  return runner.run(name, request, onProgress, onPartial as (v: unknown) => void) as Promise<ResultOf<Tasks[K]>>;
}

/** A model from its weights (feature-major, n × m), with a constant bias and density. */
export function model(
  W: number[],
  n: number,
  m: number,
  opts: { b?: number; density?: number; decay?: number } = {},
): ModelData {
  return {
    W: Float32Array.from(W),
    b: new Float32Array(n).fill(opts.b ?? 0),
    n,
    m,
    kind: 'relu',
    importance: geometricImportance(n, opts.decay ?? 1),
    density: constantVector(n, opts.density ?? 0.1),
  };
}

/** n unit vectors evenly around the circle (m = 2). */
export function polygon(n: number): number[] {
  return Array.from({ length: n }, (_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]).flat();
}

/** The identity: n features on the n axes of R^n. */
export function identity(n: number): number[] {
  return Array.from({ length: n * n }, (_, q) => (q % (n + 1) === 0 ? 1 : 0));
}
