/** Splitting one batched request over several workers and joining their snapshots. */
import { describe, expect, it } from 'vitest';
import { joinSnapshots, shardRanges } from '../../src/worker/sharded-client';
import type { Snapshot } from '../../src/worker/protocol';

const snap = (over: Partial<Snapshot>): Snapshot => ({
  runId: 3,
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
  it('splits instances into contiguous, near-equal ranges covering all of them', () => {
    expect(shardRanges(10, 3)).toEqual([
      [0, 3],
      [3, 6],
      [6, 10],
    ]);
    expect(shardRanges(2, 4)).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(shardRanges(1728, 2)).toEqual([
      [0, 864],
      [864, 1728],
    ]);
  });

  it('joins shard snapshots in order; the slowest shard sets step and speed; any error wins', () => {
    const a = snap({
      W: Float32Array.from([1, 2]),
      b: Float32Array.from([1]),
      loss: Float32Array.from([0.1]),
      converged: Uint8Array.from([1]),
      step: 120,
      trainingMs: 900,
    });
    const b = snap({
      W: Float32Array.from([3, 4]),
      b: Float32Array.from([2]),
      loss: Float32Array.from([0.2]),
      converged: Uint8Array.from([0]),
      step: 100,
      stepsPerSecond: 40,
    });
    const j = joinSnapshots([a, b]);
    expect(Array.from(j.W)).toEqual([1, 2, 3, 4]);
    expect(Array.from(j.loss)).toEqual([Math.fround(0.1), Math.fround(0.2)]);
    expect(Array.from(j.converged!)).toEqual([1, 0]);
    expect(j.step).toBe(100);
    expect(j.stepsPerSecond).toBe(40);
    expect(j.trainingMs).toBe(1000);
    expect(j.status).toBe('running');
    expect(joinSnapshots([snap({ status: 'done' }), snap({ status: 'done' })]).status).toBe('done');
    expect(joinSnapshots([snap({ status: 'done' }), snap({ status: 'paused' })]).status).toBe('paused');
    expect(joinSnapshots([snap({ status: 'running' }), snap({ status: 'error', message: 'NaN' })])).toMatchObject({
      status: 'error',
      message: 'NaN',
    });
  });
});
