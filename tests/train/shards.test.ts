import { describe, expect, it } from 'vitest';
import { PAPER_OPTIMIZER, constantVector, type TrainConfig } from '../../src/model/config';
import { balancedShards, instanceCosts, shardSlice, unshard } from '../../src/train/shards';

const sweep = (densities: number[]): TrainConfig => ({
  n: 10,
  m: 3,
  kind: 'relu',
  batchSize: 1024,
  optimizer: { ...PAPER_OPTIMIZER },
  instances: densities.map((p, j) => ({ seed: j, density: constantVector(10, p), importance: constantVector(10, 1) })),
});

describe('balanced shards', () => {
  it('cover every instance once, each shard ascending, loads within one instance of each other', () => {
    const c = sweep(Array.from({ length: 20 }, (_, j) => Math.pow(20, -j / 19)));
    const costs = instanceCosts(c);
    for (const k of [1, 2, 3, 7]) {
      const shards = balancedShards(c, k);
      expect(shards).toHaveLength(k);
      expect(shards.flat().sort((a, b) => a - b)).toEqual([...Array(20).keys()]);
      for (const s of shards) expect(s).toEqual([...s].sort((a, b) => a - b));
      const loads = shards.map((s) => s.reduce((a, j) => a + costs[j], 0));
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(Math.max(...costs));
    }
    // A density sweep is not split into a dense half and a sparse half.
    const [a] = balancedShards(c, 2);
    expect(a.some((j) => j < 10) && a.some((j) => j >= 10)).toBe(true);
    expect(balancedShards(sweep([1, 0.5]), 4)).toEqual([[0], [1]]);
  });

  it('slices per-instance arrays and puts them back in order', () => {
    const shards = [
      [0, 3],
      [1, 2, 4],
    ];
    const all = Float32Array.from([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
    const parts = shards.map((s) => shardSlice(s, all, 2, (l) => new Float32Array(l)));
    expect(Array.from(parts[0])).toEqual([0, 0, 3, 3]);
    expect(Array.from(unshard(shards, parts, 2, (l) => new Float32Array(l)))).toEqual(Array.from(all));
  });
});
