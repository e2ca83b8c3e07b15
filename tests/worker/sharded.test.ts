/** Splitting one batched request over several workers and joining their snapshots. */
import { describe, expect, it } from 'vitest';
import { joinSnapshots } from '../../src/worker/sharded-client';
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
