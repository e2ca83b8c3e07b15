/**
 * Splitting a batched request's instances over threads or workers so that each gets about the
 * same work. Instances train independently (an instance's result depends on its seed and the
 * shape only), so any split trains the same models; contiguous slices would put the costly dense
 * models of a sparsity sweep on one core and the cheap sparse ones on the other.
 */
import type { TrainConfig } from '../model/config';

/** Relative cost of one training step of each instance: m · (3n + 2 Σ_i p_i), the useful multiply-adds. */
export function instanceCosts(config: TrainConfig): number[] {
  const { n, m } = config;
  return config.instances.map((inst) => {
    let active = 0;
    for (const p of inst.density) active += p;
    return m * (3 * n + 2 * active);
  });
}

/**
 * `k` shards of instance indices (each ascending), balanced by cost: greedy, costliest first to
 * the least loaded shard. Deterministic; never more shards than instances.
 */
export function balancedShards(config: TrainConfig, k: number): number[][] {
  const costs = instanceCosts(config);
  const shards = Math.max(1, Math.min(k, costs.length));
  const load = new Float64Array(shards);
  const out: number[][] = Array.from({ length: shards }, () => []);
  const order = costs.map((_, j) => j).sort((a, b) => costs[b] - costs[a] || a - b);
  for (const j of order) {
    let s = 0;
    for (let t = 1; t < shards; t++) if (load[t] < load[s]) s = t;
    out[s].push(j);
    load[s] += costs[j];
  }
  return out.map((idx) => idx.sort((a, b) => a - b));
}

/** The instances of `shard` as their own request (the notebook's init std pinned to the whole run's). */
export function shardConfig(config: TrainConfig, shard: number[], initStd: number): TrainConfig {
  return { ...config, initStd, instances: shard.map((j) => config.instances[j]) };
}

/** Per-instance arrays of the shards back in the request's order (`width` numbers per instance). */
export function unshard<T extends Float32Array | Uint8Array>(
  shards: number[][],
  parts: T[],
  width: number,
  make: (length: number) => T,
): T {
  const total = shards.reduce((a, s) => a + s.length, 0);
  const out = make(total * width);
  shards.forEach((idx, s) => idx.forEach((j, q) => out.set(parts[s].subarray(q * width, (q + 1) * width), j * width)));
  return out;
}

/** The part of a per-instance array (`width` numbers per instance) that belongs to one shard. */
export function shardSlice<T extends Float32Array | Uint8Array>(
  shard: number[],
  all: T,
  width: number,
  make: (length: number) => T,
): T {
  const out = make(shard.length * width);
  shard.forEach((j, q) => out.set(all.subarray(j * width, (j + 1) * width), q * width));
  return out;
}
