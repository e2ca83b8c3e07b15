/**
 * Main-thread side of the worker: starts it, wraps it with Comlink, and restarts it with the
 * last configuration if it dies. The page only ever holds plain typed arrays.
 */
import * as Comlink from 'comlink';
import type { TrainConfig } from '../model/config';
import type { ChangeOptions, PathReport, RunOptions, Snapshot, TrainerApi } from './protocol';

export interface ClientEvents {
  onSnapshot(s: Snapshot): void;
  onPath?(report: PathReport): void;
  /** A problem the reader should see (worker crashed and restarted, the path fell back…). */
  onNotice?(message: string): void;
}

export class TrainerClient {
  private worker: Worker | null = null;
  private api: Comlink.Remote<TrainerApi> | null = null;
  private last: { config: TrainConfig; options: Partial<RunOptions> } | null = null;
  private restarts = 0;

  constructor(
    private readonly events: ClientEvents,
    private readonly makeWorker: () => Worker = () =>
      new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'trainer' }),
  ) {}

  private async ensure(): Promise<Comlink.Remote<TrainerApi>> {
    if (this.api) return this.api;
    const worker = this.makeWorker();
    worker.addEventListener('error', (e) => this.crashed(e.message || 'worker error'));
    this.worker = worker;
    this.api = Comlink.wrap<TrainerApi>(worker);
    await this.api.subscribe(Comlink.proxy((s: Snapshot) => this.events.onSnapshot(s)));
    return this.api;
  }

  private crashed(reason: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
    if (!this.last || this.restarts >= 3) {
      this.events.onNotice?.(`The training worker stopped (${reason}). Reload the page to try again.`);
      return;
    }
    this.restarts++;
    this.events.onNotice?.(`The training worker stopped (${reason}); restarted it with your settings.`);
    void this.configure(this.last.config, this.last.options);
  }

  async configure(config: TrainConfig, options: Partial<RunOptions>): Promise<PathReport> {
    this.last = { config, options };
    const api = await this.ensure();
    const report = await api.configure(config, options as RunOptions);
    this.events.onPath?.(report);
    return report;
  }

  async changeParams(config: TrainConfig, options: ChangeOptions): Promise<void> {
    // What a restart after a crash configures again: the settings, not how this change was timed.
    const { debounceMs: _, ...kept } = options;
    this.last = { config, options: { ...this.last?.options, ...kept } };
    await (await this.ensure()).changeParams(config, options);
  }

  async start(options?: { maxSteps?: number }): Promise<void> {
    if (this.last) this.last.options = { ...this.last.options, autoStart: true };
    await (await this.ensure()).start(options);
  }

  async pause(): Promise<Snapshot | null> {
    if (this.last) this.last.options = { ...this.last.options, autoStart: false };
    return (await this.ensure()).pause();
  }

  async stepN(k: number): Promise<Snapshot> {
    return (await this.ensure()).stepN(k);
  }

  async peek(step: number): Promise<Snapshot | null> {
    return (await this.ensure()).peek(step);
  }

  async rewind(step: number): Promise<Snapshot | null> {
    if (this.last) this.last.options = { ...this.last.options, autoStart: false };
    return (await this.ensure()).rewind(step);
  }

  async setWeights(W: Float32Array, b: Float32Array): Promise<Snapshot> {
    if (this.last) this.last.options = { ...this.last.options, autoStart: false };
    return (await this.ensure()).setWeights(W, b);
  }

  async reset(seedOffset = 0): Promise<void> {
    await (await this.ensure()).reset(seedOffset);
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.api = null;
  }
}
