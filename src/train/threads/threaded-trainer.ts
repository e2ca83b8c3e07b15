/**
 * The 'js' or 'simd' path on several Node worker threads (CLI, sweeps, bench): instances are
 * independent, so each thread trains a share balanced by cost (train/shards.ts, the rule the
 * page's workers use too) with its own trainer and the results are joined. Same seeds, same data streams, same maths as
 * one trainer of that path — the weights are identical. Node only (node:worker_threads); the page does the same with
 * several Web Workers (worker/sharded-client.ts).
 */
import { Worker } from 'node:worker_threads';
import { notebookInitStd, type TrainConfig } from '../../model/config';
import { balancedShards, shardConfig, shardSlice, unshard } from '../shards';
import type { BatchedTrainer, TrainerState } from '../trainer';

interface Reply {
  id: number;
  error?: string;
  state?: TrainerState;
}

export type ThreadedPath = 'js' | 'simd';

export class ThreadedTrainer implements BatchedTrainer {
  private readonly workers: Worker[];
  /** Instance indices of each thread, balanced by cost (see shards.ts). */
  private readonly shards: number[][];
  private readonly pending = new Map<number, { resolve(r: Reply): void; reject(e: Error): void }>();
  private nextId = 1;
  private steps = 0;

  constructor(
    readonly config: TrainConfig,
    threads: number,
    readonly path: ThreadedPath = 'js',
  ) {
    const I = config.instances.length;
    this.shards = balancedShards(config, threads);
    const fromSource = import.meta.url.endsWith('.ts');
    const entry = new URL(`./trainer-thread.${fromSource ? 'ts' : 'js'}`, import.meta.url);
    // The notebook's init std depends on the instance count: pin it to the whole run's.
    const initStd = config.initStd ?? notebookInitStd(config.n, config.m, I);
    this.workers = this.shards.map((shard) => {
      const slice = shardConfig(config, shard, initStd);
      // From TypeScript sources the thread needs tsx registered first (see trainer-thread-boot.mjs).
      const w = fromSource
        ? new Worker(new URL('./trainer-thread-boot.mjs', import.meta.url), {
            workerData: { entry: entry.href, config: slice, path },
          })
        : new Worker(entry, { workerData: { config: slice, path } });
      w.on('message', (r: Reply) => {
        const p = this.pending.get(r.id);
        if (!p) return;
        this.pending.delete(r.id);
        if (r.error) p.reject(new Error(r.error));
        else p.resolve(r);
      });
      w.on('error', (e) => this.pending.forEach((p) => p.reject(e)));
      return w;
    });
  }

  get stepCount(): number {
    return this.steps;
  }

  private call(w: Worker, msg: Record<string, unknown>): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ id, ...msg });
    });
  }

  async step(k: number): Promise<void> {
    await Promise.all(this.workers.map((w) => this.call(w, { op: 'step', k })));
    this.steps += k;
  }

  async read(): Promise<TrainerState> {
    const { n, m } = this.config;
    const parts = (await Promise.all(this.workers.map((w) => this.call(w, { op: 'read' })))).map((r) => r.state!);
    const join = (pick: (s: TrainerState) => Float32Array, width: number) =>
      unshard(this.shards, parts.map(pick), width, (len) => new Float32Array(len));
    return {
      W: join((s) => s.W, n * m),
      b: join((s) => s.b, n),
      loss: join((s) => s.loss, 1),
      step: this.steps,
      meanLoss: join((s) => s.meanLoss!, 1),
      meanLossSteps: join((s) => s.meanLossSteps!, 1),
    };
  }

  setParams(W: Float32Array, b: Float32Array): void {
    const { n, m } = this.config;
    const f32 = (len: number) => new Float32Array(len);
    this.shards.forEach(
      (shard, s) =>
        void this.call(this.workers[s], {
          op: 'set',
          W: shardSlice(shard, W, n * m, f32),
          b: shardSlice(shard, b, n, f32),
        }),
    );
  }

  freeze(mask: Uint8Array): void {
    this.shards.forEach(
      (shard, s) =>
        void this.call(this.workers[s], {
          op: 'freeze',
          mask: shardSlice(shard, mask, 1, (len) => new Uint8Array(len)),
        }),
    );
  }

  dispose(): void {
    this.workers.forEach((w) => void w.terminate());
  }
}
