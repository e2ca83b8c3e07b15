/** "A free margin of superposition", its worker side: continued training under an L1 penalty. */
import { describe, expect, it } from 'vitest';
import { L1_PARAMS, l1Lambdas } from '../../../src/experiments/l1-margin/params';
import type { Progress } from '../../../src/worker/tasks';
import { model, polygon, runTask } from '../tasks';

describe('l1-margin', () => {
  it('λ = 0 is the reference; a strong λ cuts superposition; progress reaches the step count', async () => {
    const progress: Progress[] = [];
    const m0 = model(polygon(5), 5, 2, { b: -0.1, density: 0.05, decay: 0.9 });
    const r = await runTask(
      'l1-margin',
      { model: m0, lambdas: [1e-3, 3e-2], steps: 100, evalSamples: 10_000, batchSize: 256 },
      (p) => progress.push(p),
    );
    expect(r.rows.map((row) => row.lambda)).toEqual([0, 1e-3, 3e-2]);
    expect(r.rows[0].relativeLoss).toBe(0);
    expect(r.rows[0].relativeSuperposition).toBe(0);
    expect(r.rows[2].relativeSuperposition).toBeLessThan(0);
    expect(r.rows[2].meanAbsHidden).toBeLessThan(r.rows[0].meanAbsHidden);
    expect(r.startSuperposition).toBeGreaterThan(0);
    expect(r.steps).toBe(100);
    expect(progress.some((p) => p.label === 'training' && p.done === 100)).toBe(true);
    expect(progress[progress.length - 1].label).toBe('evaluating');
    for (const row of r.rows) for (const v of Object.values(row)) expect(Number.isFinite(v)).toBe(true);
  });

  it('a newer request supersedes a running one; defaults are the section’s', async () => {
    const m0 = model(polygon(5), 5, 2, { density: 0.05 });
    const first = runTask('l1-margin', { model: m0, steps: 5000, evalSamples: 1000, batchSize: 128 });
    const second = runTask('l1-margin', { model: m0, evalSamples: 1000, batchSize: 128 });
    await expect(first).rejects.toThrow(/^superseded/);
    const r = await second;
    expect(r.rows.map((row) => row.lambda)).toEqual(l1Lambdas(L1_PARAMS.maxLambda.default));
    expect(r.steps).toBe(L1_PARAMS.steps.default);
  });
});
