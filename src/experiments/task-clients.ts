/**
 * The page's task workers: one shared client per worker, started on first use. The footnote
 * experiments share one worker (their requests are short and run in turn).
 */
import { TaskClient } from '../worker/task-client';
import type { Tasks } from './tasks';

let footnotes: TaskClient<Tasks> | null = null;

/** The footnote experiments' worker. */
export function footnoteTasks(): TaskClient<Tasks> {
  footnotes ??= new TaskClient<Tasks>(
    () => new Worker(new URL('./tasks.worker.ts', import.meta.url), { type: 'module', name: 'footnotes' }),
  );
  return footnotes;
}

const saeClients: TaskClient<Tasks>[] = [];

/**
 * The sparse-autoencoder lab's workers (two: a run's instances are split between them, as the phase
 * grid's are), apart from the footnotes' so a long SAE run never holds up a footnote.
 */
export function saeTasks(index: number): TaskClient<Tasks> {
  saeClients[index] ??= new TaskClient<Tasks>(
    () => new Worker(new URL('./tasks.worker.ts', import.meta.url), { type: 'module', name: `sae-${index}` }),
  );
  return saeClients[index];
}

export const SAE_WORKERS = 2;

let movies: TaskClient<Tasks> | null = null;

/** The movies' worker: re-trains a run for its frames, apart from live training and the other tasks. */
export function movieTasks(): TaskClient<Tasks> {
  movies ??= new TaskClient<Tasks>(
    () => new Worker(new URL('./tasks.worker.ts', import.meta.url), { type: 'module', name: 'movies' }),
  );
  return movies;
}

let exports: TaskClient<Tasks> | null = null;

/** The exports' worker: builds big JSON files (a paper-size sweep's takes seconds) away from the page's thread. */
export function exportTasks(): TaskClient<Tasks> {
  exports ??= new TaskClient<Tasks>(
    () => new Worker(new URL('./tasks.worker.ts', import.meta.url), { type: 'module', name: 'exports' }),
  );
  return exports;
}
