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
