/**
 * The task worker's machinery, knowing no experiment: a table of named tasks (each loaded on its
 * first request, so a worker holds only the code it runs), run one request at a time in arrival
 * order, an older request of a name superseded by a newer one of the same name, progress and
 * intermediate results streamed back. The experiments' tasks (src/experiments/tasks.ts) plug in;
 * the page talks to it through TaskClient (task-client.ts).
 *
 * Requests and results are plain objects of numbers, strings and typed arrays (structured-
 * clonable). Callbacks from the page arrive as Comlink proxies: their calls return promises, and a
 * failing one never stops the task.
 */
import * as Comlink from 'comlink';
import { yieldToEvents } from './yield-to-events';

/** Prefix of the rejection message of a request overtaken by a newer one of the same name. */
export const SUPERSEDED = 'superseded';

/** Whether an error is a superseded request's rejection (the page ignores those). */
export function isSuperseded(e: unknown): boolean {
  return (e instanceof Error ? e.message : String(e)).startsWith(SUPERSEDED);
}

export interface Progress {
  /** Units done and in all (steps, curves…), and what is being done. */
  done: number;
  total: number;
  label: string;
}

/** What a running task may do besides computing. */
export interface TaskContext<P = never> {
  /** Throws (SUPERSEDED) once a newer request of the same name has arrived. */
  check(): void;
  /** Lets messages in (a newer request, a cancellation), then check(): call it between chunks of work. */
  breathe(): Promise<void>;
  progress(p: Progress): void;
  /** An intermediate result for the page (a snapshot of a training run, a finished curve). */
  partial(value: P): void;
}

/** One task: a request in, a result out, intermediate results of type P on the way. */
export type Task<Req, Res, P = never> = (request: Req, context: TaskContext<P>) => Promise<Res>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table holds tasks of every type
export type AnyTask = Task<any, any, any>;

/** Named tasks, each loaded lazily (a dynamic import of the module that computes it). */
export type TaskLoaders = Record<string, () => Promise<AnyTask>>;

/** A table's tasks, loaded: the type the page's TaskClient is typed with. */
export type LoadedTasks<L extends TaskLoaders> = { [K in keyof L]: Awaited<ReturnType<L[K]>> };

export type RequestOf<T> = T extends Task<infer Req, unknown, infer _P> ? Req : never;
export type ResultOf<T> = T extends Task<never, infer Res, infer _P> ? Res : never;
export type PartialOf<T> = T extends Task<never, unknown, infer P> ? P : never;

/** What the worker exposes over Comlink. */
export interface TaskApi {
  run(
    name: string,
    request: unknown,
    onProgress?: (p: Progress) => void,
    onPartial?: (value: unknown) => void,
  ): Promise<unknown>;
}

export class TaskRunner implements TaskApi {
  private readonly generation = new Map<string, number>();
  private readonly loaded = new Map<string, Promise<AnyTask>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly loaders: TaskLoaders) {}

  /**
   * Run requests one at a time, in arrival order (what the reader asked for first is answered
   * first, rather than everything slowly at once). A request superseded while it waits is dropped
   * when its turn comes; one superseded while it runs stops at its next check.
   */
  run(
    name: string,
    request: unknown,
    onProgress?: (p: Progress) => void,
    onPartial?: (value: unknown) => void,
  ): Promise<unknown> {
    const load = this.loaders[name];
    if (!load) return Promise.reject(new Error(`unknown task "${name}"`));
    const check = this.begin(name);
    const context: TaskContext<unknown> = {
      check,
      breathe: async () => {
        await yieldToEvents();
        check();
      },
      progress: (p) => fireAndForget(onProgress, p),
      partial: (v) => fireAndForget(onPartial, v),
    };
    const run = this.queue.then(async () => {
      check();
      const task = await this.load(name, load);
      check();
      return task(request, context);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private load(name: string, load: () => Promise<AnyTask>): Promise<AnyTask> {
    let p = this.loaded.get(name);
    if (!p) {
      p = load();
      // A failed import is tried again by the next request.
      p.catch(() => this.loaded.delete(name));
      this.loaded.set(name, p);
    }
    return p;
  }

  /** Start a request of this name; the returned check throws once a newer one has started. */
  private begin(name: string): () => void {
    const id = (this.generation.get(name) ?? 0) + 1;
    this.generation.set(name, id);
    return () => {
      if (this.generation.get(name) !== id) throw new Error(`${SUPERSEDED}: a newer ${name} request replaced this one`);
    };
  }
}

/** Call a page callback (a Comlink proxy returns a promise); its failures never reach the task. */
function fireAndForget<T>(cb: ((v: T) => unknown) | undefined, v: T): void {
  if (!cb) return;
  try {
    void Promise.resolve(cb(v)).catch(() => undefined);
  } catch {
    // a failing callback must not stop the computation
  }
}

/** The worker entry's one call: serve these tasks to the page. */
export function exposeTasks(loaders: TaskLoaders): void {
  Comlink.expose(new TaskRunner(loaders));
}
