/** "Dictionary learning finds the features again", its worker side (FISTA + MOD on the wasm backend). */
import { beforeAll, describe, expect, it } from 'vitest';
import { activatePath, liveTensorCount } from '../../../src/train/basic/paths';
import type { Progress } from '../../../src/worker/tasks';
import { model, polygon, runTask } from '../tasks';

beforeAll(async () => {
  expect(await activatePath('wasm')).toBe(true);
});

describe('dictionary', () => {
  it('orthonormal features are recovered exactly; shapes of atoms, |cos| matrix and order', async () => {
    const before = liveTensorCount();
    const n = 4;
    const m = 6;
    // Features on the first 4 axes of R^6.
    const W = Array.from({ length: n * m }, (_, q) => (Math.floor(q / m) === q % m ? 1 : 0));
    const r = await runTask('dictionary', { model: model(W, n, m, { density: 0.05 }), k: 2 * n, samples: 1000 });
    expect(liveTensorCount()).toBe(before);
    expect(r.k).toBe(8);
    expect(r.atoms).toHaveLength(8 * m);
    expect(r.represented).toEqual([0, 1, 2, 3]);
    expect(r.cos).toHaveLength(4 * 8);
    expect([...r.atomOrder].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(r.fraction).toBe(1);
    Array.from(r.best).forEach((v) => expect(v).toBeGreaterThan(0.99));
    // The matched order puts each feature's atom on the diagonal.
    for (let p = 0; p < 4; p++) expect(Math.abs(r.cos[p * 8 + r.atomOrder[p]])).toBeGreaterThan(0.99);
    expect(r.axisFraction).toBe(1); // these features are the hidden axes themselves
    expect(r.path).toBe('wasm');
  });

  it('a hexagon in the plane (6 features, m = 2) is found where the hidden axes find none', async () => {
    const r = await runTask('dictionary', { model: model(polygon(6), 6, 2, { density: 0.03 }), k: 12, samples: 1000 });
    expect(r.fraction).toBeGreaterThanOrEqual(5 / 6);
    expect(r.axisFraction).toBeLessThan(0.5);
  });
});

describe('dictionary-curves', () => {
  it('one point per density (the model’s own included) and per k/n, with progress', async () => {
    const progress: Progress[] = [];
    const r = await runTask(
      'dictionary-curves',
      {
        model: model(polygon(5), 5, 2, { density: 0.05 }),
        densities: [0.02, 0.3],
        ratios: [1, 2],
        samples: 400,
        iterations: 8,
        codeIterations: 20,
        known: [{ density: 0.3, k: 10, fraction: 0.123 }],
      },
      (p) => progress.push(p),
    );
    expect(r.byDensity.map((p) => p.density)).toEqual([0.02, 0.3]);
    expect(r.byDensity[1].fraction).toBe(0.123); // a known point is reused, not recomputed
    expect(r.byRatio.map((p) => [p.ratio, p.k])).toEqual([
      [1, 5],
      [2, 10],
    ]);
    for (const p of [...r.byDensity, ...r.byRatio]) expect(p.fraction >= 0 && p.fraction <= 1).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    expect(progress.every((p) => p.total === 4)).toBe(true);
    const own = await runTask('dictionary-curves', {
      model: model(polygon(5), 5, 2, { density: 0.05 }),
      density: 0.2,
      ratios: [2],
      samples: 300,
      iterations: 5,
      codeIterations: 10,
    });
    // The defaults, the model's own and the chosen density.
    expect(own.byDensity.map((p) => p.density)).toEqual([0.01, 0.05, 0.1, 0.2, 0.3, 0.6]);
  });
});
