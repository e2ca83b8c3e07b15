/** Convergence detection: stops on a plateau, not during progress; frozen instances stop moving. */
import { describe, expect, it } from 'vitest';
import { PAPER_OPTIMIZER, constantVector } from '../../src/model/config';
import { Rng } from '../../src/model/rng';
import { ConvergenceTracker } from '../../src/train/convergence';
import { JsTrainer } from '../../src/train/basic/js-trainer';
import { TrainerService } from '../../src/worker/service';
import { SnapshotLog } from '../helpers/snapshots';

describe('ConvergenceTracker', () => {
  it('flags a noisy plateau after its decay, but never a loss still falling 5% per window', () => {
    const t = new ConvergenceTracker(2, { window: 500, tolerance: 0.01, minSteps: 1000 });
    const rng = new Rng(3);
    let convergedAt = -1;
    for (let step = 10; step <= 20_000; step += 10) {
      // Each observation is the mean of 10 steps, each with ±20% minibatch noise (uniform).
      let noise = 0;
      for (let k = 0; k < 10; k++) noise += (1 + 0.4 * (rng.uniform() - 0.5)) / 10;
      const plateau = (0.01 + 0.1 * Math.exp(-step / 800)) * noise; // settles by ≈ step 6000
      const falling = 0.1 * Math.pow(0.95, step / 500) * noise;
      t.observe(step, [plateau, falling], 10);
      if (t.converged[0] && convergedAt < 0) convergedAt = step;
    }
    expect(convergedAt).toBeGreaterThan(3000);
    expect(convergedAt).toBeLessThan(9000);
    expect(t.convergedAt[0]).toBe(convergedAt);
    expect(t.converged[1]).toBe(0);
  });

  it('ignores non-finite losses instead of converging on them', () => {
    const t = new ConvergenceTracker(1, { window: 10, tolerance: 0.5, minSteps: 0 });
    for (let step = 1; step <= 100; step++) t.observe(step, [NaN]);
    expect(t.convergedCount).toBe(0);
  });
});

describe('training to convergence', () => {
  const config = (densities: number[]) => ({
    n: 2,
    m: 1,
    kind: 'relu' as const,
    batchSize: 1024,
    optimizer: { ...PAPER_OPTIMIZER },
    instances: densities.map((d, j) => ({
      seed: j + 1,
      density: constantVector(2, d),
      importance: Float32Array.from([1, 0.5]),
    })),
  });

  it('a frozen instance keeps its weights while the others train', async () => {
    const t = new JsTrainer(config([1, 1]));
    t.stepSync(50);
    const before = await t.read();
    t.freeze(Uint8Array.from([1, 0]));
    t.stepSync(50);
    const after = await t.read();
    expect(Array.from(after.W.subarray(0, 2))).toEqual(Array.from(before.W.subarray(0, 2)));
    expect(after.W[2]).not.toBe(before.W[2]);
    expect(after.meanLossSteps![0]).toBe(0);
    expect(after.meanLossSteps![1]).toBe(50);
  });

  it('the worker service finishes a run early once every instance has converged', async () => {
    const service = new TrainerService();
    const log = new SnapshotLog();
    await service.subscribe(log.push);
    await service.configure(config([1, 0.5]), {
      path: 'js',
      maxSteps: 20_000,
      autoStart: true,
      convergence: { window: 500, tolerance: 0.01, minSteps: 1000 },
    });
    // The run ends by itself: its last snapshot is 'done', well before the step cap.
    const last = await log.until((s) => s.status !== 'running');
    expect(last.status).toBe('done');
    expect(Array.from(last.converged!)).toEqual([1, 1]);
    expect(last.step).toBeLessThan(20_000);
    expect(last.step).toBeGreaterThanOrEqual(1000);
    await service.dispose();
  });
});
