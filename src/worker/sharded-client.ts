/**
 * Several workers training one batched request: the instances are split into shards balanced by
 * cost (the same rule as Node's threads: train/shards.ts), one TrainerClient (one worker, one
 * core) each, and their snapshots are joined back into the request's order. Instances are
 * independent, so a phase grid trains ≈ K× faster on K idle cores.
 */
import { notebookInitStd, type TrainConfig } from '../model/config';
import { balancedShards, shardConfig, shardSlice, unshard } from '../train/shards';
import type { ChangeOptions, PathReport, RunOptions, RunStatus, Snapshot } from './protocol';
import { TrainerClient, type ClientEvents } from './client';

export interface TrainingClient {
  configure(config: TrainConfig, options: Partial<RunOptions>): Promise<PathReport>;
  changeParams(config: TrainConfig, options: ChangeOptions): Promise<void>;
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

/** Per-instance widths of a snapshot's arrays: W [I, n, m], b [I, n], loss and converged [I]. */
export interface SnapshotShape {
  n: number;
  m: number;
}

/** One snapshot from per-shard snapshots of the same run, its arrays back in the request's instance order. */
export function joinSnapshots(parts: Snapshot[], shards: number[][], { n, m }: SnapshotShape): Snapshot {
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
  const floats = (pick: (p: Snapshot) => Float32Array, width: number) =>
    unshard(shards, parts.map(pick), width, (len) => new Float32Array(len));
  const converged = parts.every((p) => p.converged)
    ? unshard(
        shards,
        parts.map((p) => p.converged!),
        1,
        (len) => new Uint8Array(len),
      )
    : undefined;
  return {
    runId: parts[0].runId,
    runKey: parts[0].runKey,
    // A join is as recent as its oldest part.
    seq: Math.min(...parts.map((p) => p.seq)),
    // Each shard counts its own steps; the slowest one is where the whole grid is.
    step: Math.min(...parts.map((p) => p.step)),
    W: floats((p) => p.W, n * m),
    b: floats((p) => p.b, n),
    loss: floats((p) => p.loss, 1),
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

const floats = (length: number) => new Float32Array(length);

/** How one request is split: the instance indices of each shard and the request's shape. */
interface Layout {
  shards: number[][];
  shape: SnapshotShape;
}
/** Layouts kept for runs whose snapshots may still arrive (a change restarts each shard after its debounce). */
const KEPT_LAYOUTS = 4;

export class ShardedTrainerClient implements TrainingClient {
  private clients: TrainerClient[] = [];
  private latest: (Snapshot | null)[] = [];
  /** Instance indices of each shard (balancedShards), and the request's shape. */
  private shards: number[][] = [];
  private shape: SnapshotShape = { n: 0, m: 0 };
  /**
   * The layout of each recent request by its run key: until the shards restart, their snapshots
   * are of the previous request and must be joined with its layout, not the new one.
   */
  private layouts = new Map<string, Layout>();

  constructor(
    private readonly events: ClientEvents,
    private readonly workers: number,
    private readonly makeClient: (events: ClientEvents) => TrainerClient = (e) => new TrainerClient(e),
  ) {}

  private split(config: TrainConfig, runKey = ''): TrainConfig[] {
    const shards = balancedShards(config, this.workers);
    if (this.clients.length !== shards.length) {
      this.clients.forEach((c) => c.dispose());
      this.clients = shards.map((_, s) =>
        this.makeClient({
          onSnapshot: (snap) => this.onShard(s, snap),
          onNotice: this.events.onNotice,
          onPath: s === 0 ? this.events.onPath : undefined,
        }),
      );
    }
    this.shards = shards;
    this.shape = { n: config.n, m: config.m };
    this.layouts.delete(runKey);
    this.layouts.set(runKey, { shards, shape: this.shape });
    for (const key of this.layouts.keys()) if (this.layouts.size > KEPT_LAYOUTS) this.layouts.delete(key);
    if (this.latest.length !== shards.length) this.latest = shards.map(() => null);
    // The notebook's init std depends on the instance count: pin it to the whole request's, so a
    // sharded run starts from exactly the weights an unsharded one would.
    const initStd = config.initStd ?? notebookInitStd(config.n, config.m, config.instances.length);
    return shards.map((shard) => shardConfig(config, shard, initStd));
  }

  private onShard(s: number, snap: Snapshot): void {
    this.latest[s] = snap;
    const parts = this.latest;
    // Only join snapshots of the same run: after a change each shard restarts on its own time.
    if (parts.some((p) => !p || p.runId !== snap.runId || p.runKey !== snap.runKey)) return;
    const layout = this.layouts.get(snap.runKey);
    if (!layout || layout.shards.length !== parts.length) return;
    this.events.onSnapshot(joinSnapshots(parts as Snapshot[], layout.shards, layout.shape));
  }

  private join(parts: Snapshot[]): Snapshot {
    const layout = this.layouts.get(parts[0].runKey) ?? { shards: this.shards, shape: this.shape };
    return joinSnapshots(parts, layout.shards, layout.shape);
  }

  /** A shard's options: its part of the initial weights, when there are any. */
  private shardOptions<O extends Partial<RunOptions>>(config: TrainConfig, options: O, s: number): O {
    const init = options.initial;
    if (!init) return options;
    const { n, m } = config;
    const shard = this.shards[s];
    return {
      ...options,
      initial: { W: shardSlice(shard, init.W, n * m, floats), b: shardSlice(shard, init.b, n, floats) },
    };
  }

  async configure(config: TrainConfig, options: Partial<RunOptions>): Promise<PathReport> {
    const parts = this.split(config, options.runKey);
    const reports = await Promise.all(
      this.clients.map((c, s) => c.configure(parts[s], this.shardOptions(config, options, s))),
    );
    return reports[0];
  }

  async changeParams(config: TrainConfig, options: ChangeOptions): Promise<void> {
    if (balancedShards(config, this.workers).length !== this.clients.length) {
      await this.configure(config, options);
      return;
    }
    const parts = this.split(config, options.runKey);
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
    return parts.every((p) => p) ? this.join(parts as Snapshot[]) : null;
  }

  async rewind(step: number): Promise<Snapshot | null> {
    const parts = await Promise.all(this.clients.map((c) => c.rewind(step)));
    return parts.every((p) => p) ? this.join(parts as Snapshot[]) : null;
  }

  async setWeights(W: Float32Array, b: Float32Array): Promise<Snapshot | null> {
    const { n, m } = this.shape;
    const parts = await Promise.all(
      this.clients.map((c, s) =>
        c.setWeights(shardSlice(this.shards[s], W, n * m, floats), shardSlice(this.shards[s], b, n, floats)),
      ),
    );
    return this.join(parts);
  }

  /** Instance indices of the current shards (for tests). */
  get shardInstances(): number[][] {
    return this.shards;
  }

  dispose(): void {
    this.clients.forEach((c) => c.dispose());
    this.clients = [];
  }
}
