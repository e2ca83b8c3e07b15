/** Splitting one batched request over several workers and joining their snapshots. */
import { describe, expect, it } from 'vitest';
import type { ClientEvents, TrainerClient } from '../../src/worker/client';
import { ShardedTrainerClient, joinSnapshots } from '../../src/worker/sharded-client';
import type { Snapshot } from '../../src/worker/protocol';
import { seedsConfig } from '../train/basic/helpers';

const snap = (over: Partial<Snapshot>): Snapshot => ({
  runId: 3,
  runKey: '',
  seq: 1,
  step: 100,
  W: new Float32Array(0),
  b: new Float32Array(0),
  loss: new Float32Array(0),
  status: 'running',
  path: 'js',
  stepsPerSecond: 50,
  trainingMs: 1000,
  ...over,
});

describe('sharding', () => {
  it("joins shard snapshots back into the request's instance order; the slowest shard sets step and speed; any error wins", () => {
    // Shard 0 trained instances 0 and 2 (balanced by cost), shard 1 instance 1; n = 1, m = 1.
    const a = snap({
      W: Float32Array.from([1, 3]),
      b: Float32Array.from([10, 30]),
      loss: Float32Array.from([0.1, 0.3]),
      converged: Uint8Array.from([1, 1]),
      step: 120,
      trainingMs: 900,
    });
    const b = snap({
      W: Float32Array.from([2]),
      b: Float32Array.from([20]),
      loss: Float32Array.from([0.2]),
      converged: Uint8Array.from([0]),
      step: 100,
      stepsPerSecond: 40,
    });
    const j = joinSnapshots([a, b], [[0, 2], [1]], { n: 1, m: 1 });
    expect(Array.from(j.W)).toEqual([1, 2, 3]);
    expect(Array.from(j.b)).toEqual([10, 20, 30]);
    expect(Array.from(j.loss)).toEqual([0.1, 0.2, 0.3].map(Math.fround));
    expect(Array.from(j.converged!)).toEqual([1, 0, 1]);
    expect(j.step).toBe(100);
    expect(j.stepsPerSecond).toBe(40);
    expect(j.trainingMs).toBe(1000);
    expect(j.status).toBe('running');
    expect(joinSnapshots([snap({ status: 'done' }), snap({ status: 'done' })], [[], []], { n: 1, m: 1 }).status).toBe(
      'done',
    );
    expect(joinSnapshots([snap({ status: 'done' }), snap({ status: 'paused' })], [[], []], { n: 1, m: 1 }).status).toBe(
      'paused',
    );
    expect(
      joinSnapshots([snap({ status: 'running' }), snap({ status: 'error', message: 'NaN' })], [[], []], {
        n: 1,
        m: 1,
      }),
    ).toMatchObject({
      status: 'error',
      message: 'NaN',
    });
  });
});

describe('a sharded client across a change of settings', () => {
  /** Stand-ins for the shards' workers: they record their events and answer every call at once. */
  function fakeShards() {
    const shards: ClientEvents[] = [];
    const make = (events: ClientEvents) => {
      shards.push(events);
      const ok = async () => undefined;
      return { configure: async () => ({}), changeParams: ok, dispose: () => {} } as unknown as TrainerClient;
    };
    return { shards, make };
  }
  const request = (n: number) => seedsConfig({ n, m: 1, density: 1, decay: 1, seeds: [1, 2, 3, 4] });
  /** A shard's snapshot of run `runKey` with `count` instances of n features (W = b = the shard's number). */
  const part = (runKey: string, runId: number, count: number, n: number, value: number) =>
    snap({
      runKey,
      runId,
      W: new Float32Array(count * n).fill(value),
      b: new Float32Array(count * n).fill(value),
      loss: new Float32Array(count).fill(value),
    });

  it('joins each run’s snapshots with that run’s split, and never two runs’ parts together', async () => {
    const { shards, make } = fakeShards();
    const joined: Snapshot[] = [];
    const client = new ShardedTrainerClient({ onSnapshot: (s) => joined.push(s) }, 2, make);
    await client.configure(request(1), { runKey: 'n=1' });
    await client.changeParams(request(3), { runKey: 'n=3' });
    expect(shards).toHaveLength(2);
    // The shards restart after their debounce: until then they report the n = 1 run.
    shards[0].onSnapshot(part('n=1', 1, 2, 1, 1));
    shards[1].onSnapshot(part('n=1', 1, 2, 1, 2));
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ runKey: 'n=1', runId: 1 });
    expect(Array.from(joined[0].W)).toEqual([1, 2, 1, 2]); // 4 instances × n = 1, not read as n = 3
    // Shard 0 restarted, shard 1 not yet: nothing is joined.
    shards[0].onSnapshot(part('n=3', 2, 2, 3, 1));
    expect(joined).toHaveLength(1);
    shards[1].onSnapshot(part('n=3', 2, 2, 3, 2));
    expect(joined).toHaveLength(2);
    expect(joined[1]).toMatchObject({ runKey: 'n=3', runId: 2 });
    expect(Array.from(joined[1].W)).toEqual([1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2]);
  });
});
