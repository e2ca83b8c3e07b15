/**
 * Footnote 20: dictionary learning on a trained model's hidden activations recovers the feature
 * directions, even though 20 features share 5 dimensions. The solver runs on tfjs (wasm backend).
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cosineMatrix,
  featureDirections,
  leastSquaresDictionary,
  matchedAtomOrder,
  recoveryFraction,
  sampleHiddenActivations,
} from '../../../src/model/footnotes/dictionary';
import { representedFeatures } from '../../../src/model/metrics';
import { Rng } from '../../../src/model/rng';
import { activatePath } from '../../../src/train/basic/paths';
import { learnDictionary } from '../../../src/train/solvers/fista';
import { JsTrainer } from '../../../src/train/basic/js-trainer';
import { bestInstance, seedsConfig } from '../../train/basic/helpers';
import { verbose } from '../../helpers/log';

beforeAll(async () => {
  expect(await activatePath('wasm')).toBe(true);
});

describe('dictionary helpers', () => {
  it('least squares recovers B exactly from AᵀA and AᵀH of a consistent system', () => {
    const rng = new Rng(5);
    const d = 50;
    const k = 4;
    const m = 3;
    const A = Array.from({ length: d * k }, () => Math.max(0, rng.normal()));
    const B = Array.from({ length: k * m }, () => rng.normal());
    const AtA = new Float64Array(k * k);
    const AtH = new Float64Array(k * m);
    for (let r = 0; r < d; r++) {
      const h = Array.from({ length: m }, (_, c) =>
        B.reduce((s, _b, q) => (q % m === c ? s + A[r * k + Math.floor(q / m)] * B[q] : s), 0),
      );
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) AtA[i * k + j] += A[r * k + i] * A[r * k + j];
        for (let c = 0; c < m; c++) AtH[i * m + c] += A[r * k + i] * h[c];
      }
    }
    const Bhat = leastSquaresDictionary(AtA, AtH, k, m, 1e-12);
    for (let q = 0; q < k * m; q++) expect(Bhat[q]).toBeCloseTo(B[q], 4);
  });

  it('recoveryFraction counts |cos| ≥ threshold; matchedAtomOrder puts matches on the diagonal', () => {
    const m = 2;
    const truth = [1, 0, 0, 1];
    const atoms = [0.6, 0.8, 0, -1, 0.95, 0.05];
    const r = recoveryFraction(truth, atoms, m, 0.9);
    expect(r.fraction).toBe(1);
    expect(Array.from(r.bestAtom)).toEqual([2, 1]);
    expect(recoveryFraction(truth, [0.6, 0.8], m, 0.9).fraction).toBe(0);
    expect(matchedAtomOrder(truth, atoms, m)).toEqual([2, 1, 0]);
    expect(cosineMatrix(truth, atoms, m)[1 * 3 + 1]).toBeCloseTo(-1, 12);
  });
});

describe('dictionary learning (footnote 20)', () => {
  it('hand-built: atoms on k orthonormal directions are found exactly from noiseless 1-sparse data', async () => {
    const m = 6;
    const k = 4;
    const d = 400;
    // k orthonormal directions in R^6 (Gram–Schmidt of random vectors).
    const rng = new Rng(21);
    const U: number[][] = [];
    while (U.length < k) {
      const v = Array.from({ length: m }, () => rng.normal());
      for (const u of U) {
        const dot = u.reduce((s, ui, q) => s + ui * v[q], 0);
        for (let q = 0; q < m; q++) v[q] -= dot * u[q];
      }
      const norm = Math.hypot(...v);
      U.push(v.map((x) => x / norm));
    }
    const H = new Float32Array(d * m);
    for (let r = 0; r < d; r++) {
      const j = rng.int(k);
      const c = 0.2 + 0.8 * rng.uniform();
      for (let q = 0; q < m; q++) H[r * m + q] = c * U[j][q];
    }
    const before = tf.memory().numTensors;
    const dict = await learnDictionary(H, d, m, { k, seed: 1 });
    expect(tf.memory().numTensors).toBe(before);
    const rec = recoveryFraction(U.flat(), dict.B, m, 0.999);
    verbose(
      'hand-built 1-sparse: best |cos|',
      Array.from(rec.best, (v) => v.toFixed(6)).join(' '),
      'rel. error',
      dict.relativeError.toExponential(2),
      'active/row',
      dict.meanActive.toFixed(2),
    );
    expect(rec.fraction).toBe(1);
    expect(dict.meanActive).toBeLessThan(1.05); // one atom per row
    // Unit-norm atoms, non-negative code.
    for (let j = 0; j < k; j++) expect(Math.hypot(...dict.B.subarray(j * m, (j + 1) * m))).toBeCloseTo(1, 5);
    expect(Math.min(...dict.A)).toBeGreaterThanOrEqual(0);
  });

  it('n = 20, m = 5, S = 0.95, uniform importance (best of 3, 10k steps), k = 2n: ≥ 75% of the represented features recovered at cos ≥ 0.9', async () => {
    const n = 20;
    const m = 5;
    const density = 0.05;
    const config = seedsConfig({ n, m, density, decay: 1, seeds: [1, 2, 3] });
    const trainer = new JsTrainer(config);
    trainer.stepSync(10_000);
    const best = bestInstance(config, await trainer.read());
    const represented = representedFeatures(best.W, n, m);
    const dirs = featureDirections(best.W, m, represented);
    const d = 2000;
    const { H } = sampleHiddenActivations(best.W, n, m, density, d, 7);
    const before = tf.memory().numTensors;
    const t0 = performance.now();
    const dict = await learnDictionary(H, d, m, { k: 2 * n, seed: 3 });
    const ms = performance.now() - t0;
    expect(tf.memory().numTensors).toBe(before);
    const rec = recoveryFraction(dirs, dict.B, m, 0.9);
    // Control: the hidden basis itself (what one could read off without dictionary learning).
    const axes = new Float32Array(m * m);
    for (let q = 0; q < m; q++) axes[q * m + q] = 1;
    const axisRec = recoveryFraction(dirs, axes, m, 0.9);
    verbose(
      `dictionary n=20 m=5 S=0.95: represented ${represented.length}/20 (‖W‖_F² = ${best.metrics.frobeniusSquared.toFixed(2)}), ` +
        `recovered ${(100 * rec.fraction).toFixed(1)}% at cos ≥ 0.9 (hidden axes: ${(100 * axisRec.fraction).toFixed(1)}%), ` +
        `min best |cos| ${Math.min(...rec.best).toFixed(3)}, rel. error ${dict.relativeError.toExponential(2)}, active/row ${dict.meanActive.toFixed(2)}, ` +
        `d=${d}, ${ms.toFixed(0)} ms`,
    );
    expect(represented.length).toBeGreaterThan(m); // in superposition
    expect(rec.fraction).toBeGreaterThanOrEqual(0.75);
    expect(axisRec.fraction).toBeLessThan(0.5);
  });
});
