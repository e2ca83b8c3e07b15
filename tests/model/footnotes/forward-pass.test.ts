/**
 * Footnotes 25, 27, 19: one forward pass as a sum of feature vectors, and what removing one
 * feature's direction does to the others with and without superposition (seeded, 10k steps,
 * best of 3 seeds as the paper judges fits).
 */
import { describe, expect, it } from 'vitest';
import { geometricImportance } from '../../../src/model/config';
import { decomposeForwardPass, removeDirectionLossChange } from '../../../src/model/footnotes/forward-pass';
import { Rng } from '../../../src/model/rng';
import { forward } from '../../../src/model/toy-model';
import { FIDELITY_PATHS, bestInstance, seedsConfig, trainedState, type FidelityPath } from '../../train/basic/helpers';
import { verbose } from '../../helpers/log';

const fmt = (a: ArrayLike<number>, d = 4) => Array.from(a, (v) => v.toFixed(d)).join(' ');
const fmtE = (a: ArrayLike<number>) => Array.from(a, (v) => v.toExponential(2)).join(' ');

async function trainBest(density: number, path: FidelityPath) {
  const config = seedsConfig({ n: 5, m: 2, density, decay: 0.9, seeds: [1, 2, 3] });
  return bestInstance(config, await trainedState(config, path, 10_000));
}

describe('decomposeForwardPass', () => {
  it('h is the sum of the active features’ vectors; self term + interference = (WᵀWx)_i; output = forward()', () => {
    const n = 7;
    const m = 3;
    const rng = new Rng(11);
    const W = Float32Array.from({ length: n * m }, () => rng.normal());
    const b = Float32Array.from({ length: n }, () => rng.normal() * 0.1);
    const x = [0.3, 0, 0.9, 0, 0, 0.5, 0.1];
    const d = decomposeForwardPass(W, b, x, n, m, 'relu');
    expect(d.contributions.map((c) => c.feature)).toEqual([0, 2, 5, 6]);
    const sum = new Float64Array(m);
    for (const c of d.contributions) c.vector.forEach((v, k) => (sum[k] += v));
    for (let k = 0; k < m; k++) expect(d.h[k]).toBeCloseTo(sum[k], 12);
    const ref = forward(W, b, x, n, m, 'relu');
    for (let i = 0; i < n; i++) {
      expect(d.output[i]).toBeCloseTo(ref[i], 10);
      let wtwx = 0;
      for (let j = 0; j < n; j++) {
        let dot = 0;
        for (let k = 0; k < m; k++) dot += W[i * m + k] * W[j * m + k];
        wtwx += dot * x[j];
      }
      expect(d.selfTerm[i] + d.interference[i]).toBeCloseTo(wtwx, 10);
      if (x[i] === 0) expect(d.selfTerm[i]).toBe(0);
    }
    const lin = decomposeForwardPass(W, b, x, n, m, 'linear');
    expect(Math.min(...lin.output)).toBeLessThan(0); // the linear model keeps negative outputs
  });

  it('hand-built orthogonal features: removing one direction leaves every other loss exactly unchanged', () => {
    // Three features on the three axes of R^3, unit norm, zero bias.
    const W = Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const b = new Float32Array(3);
    const r = removeDirectionLossChange(W, b, 3, 3, 'relu', 1, 0.2, 1, { samples: 5000 });
    verbose('orthogonal basis, remove feature 1: before', fmtE(r.before), 'after', fmtE(r.after));
    expect(r.before[1]).toBeCloseTo(0, 12);
    expect(r.after[1]).toBeGreaterThan(0.05); // E[x²] = 0.2/3 is lost
    expect(r.change[0]).toBe(0);
    expect(r.change[2]).toBe(0);
  });
});

describe.each(FIDELITY_PATHS)('removing a direction (footnote 19), %s path', (path: FidelityPath) => {
  it('pentagon (n = 5, m = 2, S = 0.99): removing feature 0’s direction at least doubles ≥ 2 other features’ loss', async () => {
    const best = await trainBest(0.01, path);
    const r = removeDirectionLossChange(best.W, best.b, 5, 2, 'relu', geometricImportance(5, 0.9), 0.01, 0, {
      samples: 100_000,
    });
    verbose('pentagon norms', fmt(best.metrics.norms, 3));
    verbose('pentagon loss before', fmtE(r.before));
    verbose('pentagon loss after ', fmtE(r.after));
    verbose(
      'pentagon after/before',
      fmt(
        Array.from(r.after, (v, i) => v / r.before[i]),
        2,
      ),
    );
    // Superposition: every feature is represented and shares the plane.
    for (const v of best.metrics.norms) expect(v).toBeGreaterThan(0.9);
    const doubled = [1, 2, 3, 4].filter((i) => r.after[i] >= 2 * r.before[i]);
    expect(doubled.length).toBeGreaterThanOrEqual(2);
    expect(r.after[0]).toBeGreaterThan(2 * r.before[0]); // and feature 0 itself is lost
  });

  it('dense (n = 5, m = 2, S = 0): only feature 0 changes; every other feature moves by < 1%', async () => {
    const best = await trainBest(1, path);
    const imp = geometricImportance(5, 0.9);
    const r = removeDirectionLossChange(best.W, best.b, 5, 2, 'relu', imp, 1, 0, { samples: 100_000 });
    // Each feature's worth: the loss of dropping it, I_i Var(x_i) (Var of U[0, 1] = 1/12).
    const worth = Array.from(imp, (v) => v / 12);
    const ofWorth = Array.from(r.change, (c, i) => Math.abs(c) / worth[i]);
    verbose('dense norms', fmt(best.metrics.norms, 3));
    verbose('dense loss before', fmtE(r.before));
    verbose('dense loss after ', fmtE(r.after));
    verbose('dense change / own loss ', fmt(r.relativeChange, 4));
    verbose('dense |change| / I·Var(x)', fmtE(ofWorth));
    expect(r.after[0]).toBeGreaterThan(100 * r.before[0]); // feature 0 is gone...
    for (let i = 1; i < 5; i++) {
      // ...and every other feature keeps its loss to within 1% of what the feature is worth.
      expect(ofWorth[i]).toBeLessThan(0.01);
      // Where a feature's loss is material (the dropped features 2–4), also within 1% of that loss.
      if (r.before[i] > 0.01 * worth[i]) expect(Math.abs(r.relativeChange[i])).toBeLessThan(0.01);
    }
  });
});
