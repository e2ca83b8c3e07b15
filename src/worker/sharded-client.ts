/**
 * Several workers training one batched request: the instances are split into contiguous
 * shards, one TrainerClient (one worker, one core) each, and their snapshots are joined back
 * into one. Instances are independent, so a phase grid trains ≈ K× faster on K idle cores.
 */
import { notebookInitStd, type TrainConfig } from '../model/config';
import type { PathReport, RunOptions, RunStatus, Snapshot } from './protocol';
import { TrainerClient, type ClientEvents } from './client';

export interface TrainingClient {
  configure(config: TrainConfig, options: Partial<RunOptions>): Promise<PathReport>;
  changeParams(config: TrainConfig, options: Partial<RunOptions> & { warmStart?: boolean }): Promise<void>;
  start(options?: { maxSteps?: number }): Promise<void>;
  pause(): Promise<Snapshot | null>;
  stepN(k: number): Promise<Snapshot | null>;
  reset(seedOffset?: number): Promise<void>;
  /** See TrainerApi.peek / rewind / setWeights. */
  peek(step: number): Promise<Snapshot | null>;
  rewind(step: number): Promise<Snapshot | null>;
  setWeights(W: Float32Array, b: Float32Array): Promise<Snapshot | null>;
  dispose(): void;
}

/** Contiguous [start, end) instance ranges, as equal as possible. */
export function shardRanges(instances: number, shards: number): [number, number][] {
  const k = Math.max(1, Math.min(shards, instances));
  return Array.from({ length: k }, (_, s) => [Math.floor((s * instances) / k), Math.floor(((s + 1) * instances) / k)]);
}

/** One snapshot from per-shard snapshots of the same run (arrays concatenated in shard order). */
export function joinSnapshots(parts: Snapshot[]): Snapshot {
  const cat = <T extends Float32Array | Uint8Array>(arrays: T[], make: (len: number) => T): T => {
    const out = make(arrays.reduce((a, x) => a + x.length, 0));
    let o = 0;
    for (const x of arrays) {
      out.set(x, o);
      o += x.length;
    }
    return out;
  };
  const statuses = parts.map((p) => p.status);
  const status: RunStatus = statuses.includes('error')
    ? 'error'
    : statuses.includes('running')
      ? 'running'
      : statuses.every((s) => s === 'done')
        ? 'done'
        : statuses.includes('paused')
          ? 'paused'
          : 'idle';
  const converged = parts.every((p) => p.converged)
    ? cat(
        parts.map((p) => p.converged!),
        (n) => new Uint8Array(n),
      )
    : undefined;
  return {
    runId: parts[0].runId,
    // Each shard counts its own steps; the slowest one is where the whole grid is.
    step: Math.min(...parts.map((p) => p.step)),
    W: cat(
      parts.map((p) => p.W),
      (n) => new Float32Array(n),
    ),
    b: cat(
      parts.map((p) => p.b),
      (n) => new Float32Array(n),
    ),
    loss: cat(
      parts.map((p) => p.loss),
      (n) => new Float32Array(n),
    ),
    status,
    path: parts[0].path,
    stepsPerSecond: Math.min(...parts.map((p) => p.stepsPerSecond)),
    converged,
    trainingMs: Math.max(...parts.map((p) => p.trainingMs)),
    message: parts.find((p) => p.message)?.message,
    // Steps every shard can rewind to.
    checkpoints: parts[0].checkpoints?.filter((step) => parts.every((p) => p.checkpoints?.includes(step))),
  };
}

export class ShardedTrainerClient implements TrainingClient {
  private clients: TrainerClient[] = [];
  private latest: (Snapshot | null)[] = [];
  private ranges: [number, number][] = [];

  constructor(
    private readonly events: ClientEvents,
    private readonly shards: number,
    private readonly makeClient: (events: ClientEvents) => TrainerClient = (e) => new TrainerClient(e),
  ) {}

  private split(config: TrainConfig): TrainConfig[] {
    const ranges = shardRanges(config.instances.length, this.shards);
    if (this.clients.length !== ranges.length) {
      this.clients.forEach((c) => c.dispose());
      this.clients = ranges.map((_, s) =>
        this.makeClient({
          onSnapshot: (snap) => this.onShard(s, snap),
          onNotice: this.events.onNotice,
          onPath: s === 0 ? this.events.onPath : undefined,
        }),
      );
    }
    this.ranges = ranges;
    this.latest = ranges.map(() => null);
    // The notebook's init std depends on the instance count: pin it to the whole request's, so a
    // sharded run starts from exactly the weights an unsharded one would.
    const initStd = config.initStd ?? notebookInitStd(config.n, config.m, config.instances.length);
    return ranges.map(([a, b]) => ({ ...config, initStd, instances: config.instances.slice(a, b) }));
  }

  private onShard(s: number, snap: Snapshot): void {
    this.latest[s] = snap;
    const parts = this.latest;
    // Only join snapshots of the same run: after a change each shard restarts on its own time.
    if (parts.some((p) => !p || p.runId !== snap.runId)) return;
    this.events.onSnapshot(joinSnapshots(parts as Snapshot[]));
  }

  /** A shard's options: its slice of the initial weights, when there are any. */
  private shardOptions<O extends Partial<RunOptions>>(config: TrainConfig, options: O, s: number): O {
    const init = options.initial;
    if (!init) return options;
    const [a, b] = this.ranges[s];
    const { n, m } = config;
    return { ...options, initial: { W: init.W.slice(a * n * m, b * n * m), b: init.b.slice(a * n, b * n) } };
  }

  async configure(config: TrainConfig, options: Partial<RunOptions>): Promise<PathReport> {
    const parts = this.split(config);
    const reports = await Promise.all(
      this.clients.map((c, s) => c.configure(parts[s], this.shardOptions(config, options, s))),
    );
    return reports[0];
  }

  async changeParams(config: TrainConfig, options: Partial<RunOptions> & { warmStart?: boolean }): Promise<void> {
    if (shardRanges(config.instances.length, this.shards).length !== this.clients.length) {
      await this.configure(config, options);
      return;
    }
    const parts = this.split(config);
    await Promise.all(this.clients.map((c, s) => c.changeParams(parts[s], this.shardOptions(config, options, s))));
  }

  async start(options?: { maxSteps?: number }): Promise<void> {
    await Promise.all(this.clients.map((c) => c.start(options)));
  }

  async pause(): Promise<Snapshot | null> {
    await Promise.all(this.clients.map((c) => c.pause()));
    return null;
  }

  async stepN(k: number): Promise<Snapshot | null> {
    await Promise.all(this.clients.map((c) => c.stepN(k)));
    return null;
  }

  async reset(seedOffset = 0): Promise<void> {
    await Promise.all(this.clients.map((c) => c.reset(seedOffset)));
  }

  async peek(step: number): Promise<Snapshot | null> {
    const parts = await Promise.all(this.clients.map((c) => c.peek(step)));
    return parts.every((p) => p) ? joinSnapshots(parts as Snapshot[]) : null;
  }

  async rewind(step: number): Promise<Snapshot | null> {
    const parts = await Promise.all(this.clients.map((c) => c.rewind(step)));
    return parts.every((p) => p) ? joinSnapshots(parts as Snapshot[]) : null;
  }

  async setWeights(W: Float32Array, b: Float32Array): Promise<Snapshot | null> {
    const per = W.length / Math.max(1, this.ranges.at(-1)?.[1] ?? 1);
    const perB = b.length / Math.max(1, this.ranges.at(-1)?.[1] ?? 1);
    const parts = await Promise.all(
      this.clients.map((c, s) =>
        c.setWeights(
          W.slice(this.ranges[s][0] * per, this.ranges[s][1] * per),
          b.slice(this.ranges[s][0] * perB, this.ranges[s][1] * perB),
        ),
      ),
    );
    return joinSnapshots(parts);
  }

  /** Instance ranges of the current shards (for tests). */
  get shardInstanceRanges(): [number, number][] {
    return this.ranges;
  }

  dispose(): void {
    this.clients.forEach((c) => c.dispose());
    this.clients = [];
  }
}
