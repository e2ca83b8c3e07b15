/** "The compressed-sensing view", its worker side: recovery curves on the wasm backend. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { CompressedSensingCurve } from '../../../src/experiments/compressed-sensing/run';
import { activatePath, liveTensorCount } from '../../../src/train/basic/paths';
import type { Progress } from '../../../src/worker/tasks';
import { runTask } from '../tasks';

beforeAll(async () => {
  expect(await activatePath('wasm')).toBe(true);
});

describe('compressed-sensing', () => {
  it('one curve per n with widths, partial results as they finish, no tensor leak', async () => {
    const before = liveTensorCount();
    const partial: CompressedSensingCurve[] = [];
    const progress: Progress[] = [];
    const r = await runTask(
      'compressed-sensing',
      { ns: [16, 32], trials: 6, ratios: [0.125, 0.5, 1] },
      (p) => progress.push(p),
      (c) => partial.push(c),
    );
    expect(liveTensorCount()).toBe(before);
    expect(partial.map((c) => c.n)).toEqual([16, 32]);
    expect(partial).toEqual(r.curves);
    expect(progress[progress.length - 1]).toMatchObject({ done: 2, total: 2 });
    expect(r.curves.map((c) => [c.n, c.m, c.trials])).toEqual([
      [16, 8, 6],
      [32, 16, 6],
    ]);
    for (const c of r.curves) {
      expect(c.ks.length).toBe(c.success.length);
      expect(c.ratios.length).toBe(c.success.length);
      expect(c.success[0]).toBeCloseTo(1, 9); // one non-zero among 16 or 32 from half as many measurements
      expect(c.success[c.success.length - 1]).toBeLessThanOrEqual(0.5); // k = m: hopeless
    }
    // Default trial counts by n, scaled.
    const scaled = await runTask('compressed-sensing', { ns: [25], trialsScale: 0.25, ratios: [0.2] });
    expect(scaled.curves[0].trials).toBe(12); // 48 × ¼
  });
});
