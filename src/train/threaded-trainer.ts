/**
 * The 'js' or 'simd' path on several Node worker threads (CLI, sweeps, bench): instances are
 * independent, so each thread trains a contiguous slice with its own trainer and the results are
 * joined. Same seeds, same data streams, same maths as one trainer of that path — the weights
 * are identical. Node only (node:worker_threads); the page does the same with several Web
 * Workers (worker/sharded-client.ts).
 */
import { Worker } from 'node:worker_threads';
import { notebookInitStd, type TrainConfig } from '../model/config';
import type { BatchedTrainer, TrainerState } from './trainer';

interface Reply {
  id: number;
  error?: string;
  state?: TrainerState;
}

export type ThreadedPath = 'js' | 'simd';

export class ThreadedTrainer implements BatchedTrainer {
  private readonly workers: Worker[];
  private readonly ranges: [number, number][];
  private readonly pending = new Map<number, { resolve(r: Reply): void; reject(e: Error): void }>();
  private nextId = 1;
  private steps = 0;

  constructor(
    readonly config: TrainConfig,
    threads: number,
    readonly path: ThreadedPath = 'js',
  ) {
    const I = config.instances.length;
    const k = Math.max(1, Math.min(threads, I));
    this.ranges = Array.from({ length: k }, (_, s) => [Math.floor((s * I) / k), Math.floor(((s + 1) * I) / k)]);
    const fromSource = import.meta.url.endsWith('.ts');
    const entry = new URL(`./trainer-thread.${fromSource ? 'ts' : 'js'}`, import.meta.url);
    this.workers = this.ranges.map(([a, b]) => {
      // The notebook's init std depends on the instance count: pin it to the whole run's.
      const slice = { ...config, initStd: config.initStd ?? notebookInitStd(config.n, config.m, I), instances: config.instances.slice(a, b) };
      // From TypeScript sources the thread needs tsx registered first (see trainer-thread-boot.mjs).
      const w = fromSource
        ? new Worker(new URL('./trainer-thread-boot.mjs', import.meta.url), { workerData: { entry: entry.href, config: slice, path } })
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
    const parts = (await Promise.all(this.workers.map((w) => this.call(w, { op: 'read' })))).map((r) => r.state!);
    const cat = (pick: (s: TrainerState) => Float32Array) => {
      const arrays = parts.map(pick);
      const out = new Float32Array(arrays.reduce((a, x) => a + x.length, 0));
      let o = 0;
      for (const x of arrays) {
        out.set(x, o);
        o += x.length;
      }
      return out;
    };
    return {
      W: cat((s) => s.W),
      b: cat((s) => s.b),
      loss: cat((s) => s.loss),
      step: this.steps,
      meanLoss: cat((s) => s.meanLoss!),
      meanLossSteps: cat((s) => s.meanLossSteps!),
    };
  }

  setParams(W: Float32Array, b: Float32Array): void {
    const { n, m } = this.config;
    this.ranges.forEach(([a, z], s) => void this.call(this.workers[s], { op: 'set', W: W.slice(a * n * m, z * n * m), b: b.slice(a * n, z * n) }));
  }

  freeze(mask: Uint8Array): void {
    this.ranges.forEach(([a, z], s) => void this.call(this.workers[s], { op: 'freeze', mask: mask.slice(a, z) }));
  }

  dispose(): void {
    this.workers.forEach((w) => void w.terminate());
  }
}
