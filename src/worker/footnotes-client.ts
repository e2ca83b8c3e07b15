/**
 * Main-thread side of the footnotes worker: starts it on first use, wraps it with Comlink, and
 * starts a fresh one after a crash (the failed request rejects; the next one gets the new worker).
 * One shared client per page: every footnote sub-section talks to the same worker.
 */
import * as Comlink from 'comlink';
import type { FootnotesApi } from './footnotes-protocol';

export class FootnotesClient {
  private worker: Worker | null = null;
  private api: Comlink.Remote<FootnotesApi> | null = null;
  private crashListeners = new Set<(reason: string) => void>();

  constructor(
    private readonly makeWorker: () => Worker = () =>
      new Worker(new URL('./footnotes.worker.ts', import.meta.url), { type: 'module', name: 'footnotes' }),
  ) {}

  /** The worker's API (started on first call). */
  get(): Comlink.Remote<FootnotesApi> {
    if (this.api) return this.api;
    const worker = this.makeWorker();
    worker.addEventListener('error', (e) => this.crashed(e.message || 'worker error'));
    this.worker = worker;
    this.api = Comlink.wrap<FootnotesApi>(worker);
    return this.api;
  }

  /** Called with a reason when the worker dies; returns an unsubscribe function. */
  onCrash(listener: (reason: string) => void): () => void {
    this.crashListeners.add(listener);
    return () => this.crashListeners.delete(listener);
  }

  private crashed(reason: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    for (const l of this.crashListeners) l(reason);
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }
}

let shared: FootnotesClient | null = null;

/** The page's one footnotes client. */
export function footnotesClient(): FootnotesClient {
  shared ??= new FootnotesClient();
  return shared;
}
