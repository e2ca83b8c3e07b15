/** The stratified expected loss agrees with plain Monte Carlo and with the closed forms. */
import { describe, expect, it } from 'vitest';
import { evaluationLoss, stratifiedExpectedLoss } from '../../src/model/evaluate';
import { candidates } from '../../src/model/theory';

describe('stratifiedExpectedLoss', () => {
  it('matches the closed-form loss of every hand-built candidate (÷ n, the notebook normalisation)', () => {
    for (const d of [0.02, 0.3, 0.9]) {
      for (const c of [...candidates('phase-2-1', 2, d), ...candidates('phase-3-2', 0.5, d)]) {
        const n = c.b.length;
        const m = c.W.length / n;
        const density = new Float32Array(n).fill(d);
        const importance = c.id.startsWith('perp') ? Float32Array.from([1, 1, 0.5]) : Float32Array.from([1, 2]);
        const est = stratifiedExpectedLoss({ W: c.W, b: c.b, density, importance }, m, 'relu', 4000);
        // within-stratum Monte Carlo (4000 draws) leaves ≈ 1–2% relative error
        expect(Math.abs((est * n) / c.loss - 1), `${c.id} at d=${d}: ${est * n} vs ${c.loss}`).toBeLessThan(0.05);
      }
    }
  });

  it('agrees with plain Monte Carlo on a generic model', () => {
    const W = Float32Array.from([0.9, 0.1, -0.3, 0.8, 0.5, -0.6]);
    const b = Float32Array.from([-0.05, 0.02, -0.1]);
    const inst = { W, b, density: Float32Array.from([0.4, 0.6, 0.3]), importance: Float32Array.from([1, 0.8, 0.6]) };
    const mc = evaluationLoss(inst, 2, 'relu', 400_000);
    expect(Math.abs(stratifiedExpectedLoss(inst, 2, 'relu', 4000) / mc - 1)).toBeLessThan(0.03);
  });
});
