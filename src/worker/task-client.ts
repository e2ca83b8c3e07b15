/**
 * The page's side of a task worker (tasks.ts): starts the worker on first use, wraps it with
 * Comlink, types every call by the worker's task table, and starts a fresh worker after a crash
 * (the failed request rejects; the next one gets the new worker). Knows no experiment: the
 * experiments make one client per worker they want (src/experiments/task-clients.ts).
 */
import * as Comlink from 'comlink';
import type { PartialOf, Progress, RequestOf, ResultOf, TaskApi } from './tasks';

export interface RunHandlers<P> {
  onProgress?(p: Progress): void;
  onPartial?(value: P): void;
}

export class TaskClient<T extends Record<string, unknown>> {
  private worker: Worker | null = null;
  private api: Comlink.Remote<TaskApi> | null = null;
  private readonly crashListeners = new Set<(reason: string) => void>();

  constructor(private readonly makeWorker: () => Worker) {}

  /** Run a task in the worker; rejects with the task's error (SUPERSEDED when a newer request replaced it). */
  run<K extends keyof T & string>(
    name: K,
    request: RequestOf<T[K]>,
    handlers: RunHandlers<PartialOf<T[K]>> = {},
  ): Promise<ResultOf<T[K]>> {
    const api = this.get();
    const onProgress = handlers.onProgress ? Comlink.proxy((p: Progress) => handlers.onProgress!(p)) : undefined;
    const onPartial = handlers.onPartial
      ? Comlink.proxy((v: unknown) => handlers.onPartial!(v as PartialOf<T[K]>))
      : undefined;
    return api.run(name, request, onProgress, onPartial) as Promise<ResultOf<T[K]>>;
  }

  /** Called with a reason when the worker dies; returns an unsubscribe function. */
  onCrash(listener: (reason: string) => void): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }

  private get(): Comlink.Remote<TaskApi> {
    if (this.api) return this.api;
    const worker = this.makeWorker();
    worker.addEventListener('error', (e) => this.crashed(e.message || 'worker error'));
    this.worker = worker;
    this.api = Comlink.wrap<TaskApi>(worker);
    return this.api;
  }

  private crashed(reason: string): void {
    this.dispose();
    for (const l of this.crashListeners) l(reason);
  }
}
