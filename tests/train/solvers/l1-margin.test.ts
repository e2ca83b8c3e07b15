/**
 * Footnote 21: a trained model has a margin within which superposition can be reduced (here by
 * an L1 penalty on the hidden activations) at almost no cost in loss.
 */
import { describe, expect, it } from 'vitest';
import { geometricImportance } from '../../../src/model/config';
import { lambdaSweep } from '../../../src/model/log-space';
import { L1MarginTrainer, totalSuperposition } from '../../../src/train/solvers/l1-margin';
import { superposition } from '../../../src/model/metrics';
import { Rng } from '../../../src/model/rng';
import { sparseBatch } from '../../../src/model/data';
import { JsTrainer } from '../../../src/train/basic/js-trainer';
import { bestInstance, seedsConfig } from '../basic/helpers';
import { verbose } from '../../helpers/log';

describe('L1MarginTrainer', () => {
  it('its gradient (loss + λ·mean Σ|h|) matches central finite differences', () => {
    const n = 6;
    const m = 3;
    const rng = new Rng(3);
    const W = Float32Array.from({ length: n * m }, () => rng.normal() * 0.6);
    const b = Float32Array.from({ length: n }, () => rng.normal() * 0.1);
    const importance = geometricImportance(n, 0.8);
    const batchSize = 64;
    const t = new L1MarginTrainer({
      n,
      m,
      kind: 'relu',
      W,
      b,
      density: 0.4,
      importance,
      lambdas: [0, 0.05],
      batchSize,
    });
    const X = sparseBatch(batchSize, new Float32Array(n).fill(0.4), rng);
    for (const j of [0, 1]) {
      const { gW, gb } = t.gradientOn(j, X);
      const W0 = Float64Array.from(W);
      const b0 = Float64Array.from(b);
      const eps = 1e-6;
      const probe = (Wp: Float64Array, bp: Float64Array) => {
        t.setParams(j, Wp, bp);
        return t.gradientOn(j, X).objective;
      };
      for (let q = 0; q < n * m; q++) {
        const Wp = W0.slice();
        const Wm = W0.slice();
        Wp[q] += eps;
        Wm[q] -= eps;
        const fd = (probe(Wp, b0) - probe(Wm, b0)) / (2 * eps);
        expect(Math.abs(fd - gW[q])).toBeLessThan(1e-6 + 1e-4 * Math.abs(fd));
      }
      for (let i = 0; i < n; i++) {
        const bp = b0.slice();
        const bm = b0.slice();
        bp[i] += eps;
        bm[i] -= eps;
        const fd = (probe(W0, bp) - probe(W0, bm)) / (2 * eps);
        expect(Math.abs(fd - gb[i])).toBeLessThan(1e-6 + 1e-4 * Math.abs(fd));
      }
      t.setParams(j, W0, b0);
    }
  });

  it('totalSuperposition sums the per-feature scores; lambdaSweep is log-spaced with 0 first', () => {
    const W = Float32Array.from([1, 0, Math.cos(0.5), Math.sin(0.5), 0, 1]);
    expect(totalSuperposition(W, 3, 2)).toBeCloseTo(
      Array.from(superposition(W, 3, 2)).reduce((s, v) => s + v, 0),
      12,
    );
    const l = lambdaSweep(1e-4, 1e-2, 3);
    expect(l[0]).toBe(0);
    expect(l[1]).toBeCloseTo(1e-4, 12);
    expect(l[2]).toBeCloseTo(1e-3, 12);
    expect(l[3]).toBeCloseTo(1e-2, 12);
  });
});

describe('the L1 margin (footnote 21)', () => {
  it('n = 20, m = 5, S = 0.9, I = 0.9^i: some λ > 0 cuts total superposition ≥ 5% for ≤ 1% more loss', async () => {
    const n = 20;
    const m = 5;
    const density = 0.1;
    const config = seedsConfig({ n, m, density, decay: 0.9, seeds: [1] });
    const trainer = new JsTrainer(config);
    trainer.stepSync(10_000);
    const best = bestInstance(config, await trainer.read());
    const lambdas = [0, 1e-4, 3e-4, 1e-3, 3e-3];
    const t0 = performance.now();
    const l1 = new L1MarginTrainer({
      n,
      m,
      kind: 'relu',
      W: best.W,
      b: best.b,
      density,
      importance: geometricImportance(n, 0.9),
      lambdas,
      seed: 5,
    });
    const steps = 1500;
    l1.stepSync(steps);
    const evalSamples = 100_000;
    const rows = l1.evaluate(evalSamples, 9);
    verbose(
      `L1 margin: continued ${steps} steps (batch 1024) from the trained model, eval on ${evalSamples} samples, ${(performance.now() - t0).toFixed(0)} ms`,
    );
    verbose('λ        loss       Δloss    superposition  Δsuperposition  mean Σ|h|');
    for (const r of rows) {
      verbose(
        `${r.lambda.toExponential(0).padEnd(8)} ${r.loss.toFixed(6)}  ${(100 * r.relativeLoss).toFixed(2).padStart(6)}%  ${r.superposition.toFixed(3).padStart(9)}      ${(100 * r.relativeSuperposition).toFixed(2).padStart(7)}%      ${r.meanAbsHidden.toFixed(3)}`,
      );
    }
    const margin = rows.filter((r) => r.lambda > 0 && r.relativeSuperposition <= -0.05 && r.relativeLoss <= 0.01);
    expect(margin.length).toBeGreaterThanOrEqual(1);
    // The penalty does what it says: the strongest λ lowers superposition and Σ|h| the most.
    const last = rows[rows.length - 1];
    expect(last.relativeSuperposition).toBeLessThan(rows[1].relativeSuperposition);
    expect(last.meanAbsHidden).toBeLessThan(rows[0].meanAbsHidden);
    // The λ = 0 control stays where training left it (it is the reference: 0 by construction).
    expect(
      Math.abs(totalSuperposition(l1.params(0).W, n, m) - totalSuperposition(best.W, n, m)) /
        totalSuperposition(best.W, n, m),
    ).toBeLessThan(0.05);
  });
});
