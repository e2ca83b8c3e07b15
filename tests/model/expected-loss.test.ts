import { describe, expect, it } from 'vitest';
import { stratifiedExpectedLoss } from '../../src/model/evaluate';
import { bestResponseBias, perFeatureExpectedLoss } from '../../src/model/expected-loss';

const n = 5;
const m = 2;
const density = Float32Array.from([0.05, 0.05, 0.05, 0.05, 0.05]);
const importance = Float32Array.from({ length: n }, (_, i) => 0.9 ** i);
/** A regular pentagon of unit vectors, a hand-placed arrangement. */
const pentagon = Float32Array.from({ length: n * m }, (_, q) =>
  (q % 2 === 0 ? Math.cos : Math.sin)((2 * Math.PI * Math.floor(q / 2)) / n),
);

describe('per-feature expected loss', () => {
  it('adds up to the stratified expected loss, and a dropped feature costs I_i E[x_i²] / n', () => {
    const b = new Float32Array(n).fill(-0.2);
    const W = pentagon.slice();
    W[8] = 0; // feature 4 not represented
    W[9] = 0;
    const inst = { W, b, density, importance };
    const parts = perFeatureExpectedLoss(inst, m, 'relu');
    const total = stratifiedExpectedLoss(inst, m, 'relu');
    expect(Math.abs(parts.reduce((a, v) => a + v, 0) - total)).toBeLessThan(1e-12 * total + 1e-15);
    // ReLU(0·h − 0.2) = 0 always: the error is x itself, E[x²] = p/3.
    expect(parts[4]).toBeCloseTo((importance[4] * (density[4] / 3)) / n, 3);
    for (const v of parts) expect(v).toBeGreaterThan(0);
  });
});

describe('best-response bias', () => {
  it('with W = 0 is each feature’s mean p/2, for ReLU and linear outputs', () => {
    const d = Float32Array.from([1, 0.5, 0.2]);
    for (const kind of ['relu', 'linear'] as const) {
      const b = bestResponseBias(new Float32Array(3 * 2), d, 2, kind, 8192);
      d.forEach((p, i) => expect(b[i]).toBeCloseTo(p / 2, 2));
    }
  });

  it('beats every bias on a fine grid, feature by feature (the exact minimum, not a local one)', () => {
    const W = pentagon.map((v, q) => v * (q < 4 ? 1.1 : 0.8));
    const best = bestResponseBias(W, density, m, 'relu');
    const lossWith = (b: Float32Array) => perFeatureExpectedLoss({ W, b, density, importance }, m, 'relu');
    const at = lossWith(best);
    for (let i = 0; i < n; i++) {
      for (let v = -1.5; v <= 0.6; v += 0.01) {
        const b = best.slice();
        b[i] = v;
        expect(lossWith(b)[i]).toBeGreaterThanOrEqual(at[i] - 1e-12);
      }
    }
    // Sparse features in superposition want negative biases to cut off interference.
    for (const bi of best) expect(bi).toBeLessThan(0);
  });
});
