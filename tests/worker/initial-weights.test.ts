/**
 * A worker run from given weights (RunOptions.initial): the perturbed pentagon's fixed starts
 * train in the worker and must be exactly what the figures CLI trains on one JsTrainer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  PENTAGON_RELATIVE_DENSITIES,
  pentagonCurveConfig,
  pentagonStartParams,
} from '../../src/experiments/perturbed-pentagon/run';
import { JsTrainer } from '../../src/train/basic/js-trainer';
import { ShardedTrainerClient } from '../../src/worker/sharded-client';
import { TrainerService } from '../../src/worker/service';
import { SnapshotLog } from '../helpers/snapshots';

const services: TrainerService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.dispose()));
});

const config = pentagonCurveConfig(PENTAGON_RELATIVE_DENSITIES, 0.05, 1);
const initial = pentagonStartParams(config.instances.length);

async function service() {
  const s = new TrainerService();
  services.push(s);
  const log = new SnapshotLog();
  await s.subscribe(log.push);
  return { s, log };
}

describe('worker runs from given weights', () => {
  it('start at the given weights, and reset goes back to them', async () => {
    const { s } = await service();
    await s.configure(config, { path: 'js', maxSteps: 1000, autoStart: false, initial });
    const first = (await s.snapshot())!;
    expect(first.step).toBe(0);
    expect(Array.from(first.W)).toEqual(Array.from(initial.W));
    expect(Array.from(first.b)).toEqual(Array.from(initial.b));
    const moved = await s.stepN(20);
    expect(Array.from(moved.W)).not.toEqual(Array.from(initial.W));
    await s.reset();
    const again = (await s.snapshot())!;
    expect(again.step).toBe(0);
    expect(Array.from(again.W)).toEqual(Array.from(initial.W));
  });

  it('trains the same weights as one JsTrainer started there (the figures CLI)', async () => {
    const steps = 300;
    const { s, log } = await service();
    await s.configure(config, { path: 'js', maxSteps: steps, autoStart: true, initial });
    const got = await log.until((snap) => snap.status === 'done');
    const direct = new JsTrainer(config);
    try {
      direct.setParams(initial.W, initial.b);
      direct.stepSync(steps);
      const want = await direct.read();
      expect(got.step).toBe(steps);
      expect(Array.from(got.W)).toEqual(Array.from(want.W));
      expect(Array.from(got.b)).toEqual(Array.from(want.b));
    } finally {
      direct.dispose();
    }
  });

  it('a sharded run gives each shard its slice of the weights', async () => {
    const configured: { instances: number; W: number }[] = [];
    const fake = () => ({
      configure: async (c: typeof config, o: { initial?: { W: Float32Array } | null }) => (
        configured.push({ instances: c.instances.length, W: o.initial?.W.length ?? 0 }),
        { path: 'js', timings: [], renderer: null, softwareRenderer: false }
      ),
      dispose() {},
    });
    const client = new ShardedTrainerClient({ onSnapshot: () => {} }, 3, fake as never);
    await client.configure(config, { path: 'js', maxSteps: 10, autoStart: false, initial });
    expect(configured.map((c) => c.instances).reduce((a, b) => a + b, 0)).toBe(config.instances.length);
    for (const c of configured) expect(c.W).toBe(c.instances * config.n * config.m);
    client.dispose();
  });
});
