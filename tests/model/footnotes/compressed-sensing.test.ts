/**
 * Footnotes 23–24: the compressed-sensing scale, and the finite-size recovery transition of
 * non-negative L1 minimisation (batched FISTA + Bregman on the tfjs wasm backend), which
 * sharpens as n grows.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compressedSensingScale,
  crossing,
  makeRecoveryProblems,
  nonIncreasingFit,
  recoverySuccess,
  transitionWidth,
} from '../../../src/model/footnotes/compressed-sensing';
import { activatePath } from '../../../src/train/basic/paths';
import { recoveryCurve } from '../../../src/train/solvers/fista';
import { verbose } from '../../helpers/log';

beforeAll(async () => {
  expect(await activatePath('wasm')).toBe(true);
});

const fmtCurve = (c: { ratios: number[]; success: Float64Array }) =>
  c.ratios.map((r, i) => `${r.toFixed(2)}:${c.success[i].toFixed(2)}`).join(' ');

describe('compressed-sensing helpers', () => {
  it('compressedSensingScale = n(1−S)(−log(1−S)): expected non-zeros × surprisal', () => {
    expect(compressedSensingScale(100, 0.1)).toBeCloseTo(100 * 0.1 * Math.log(10), 12);
    expect(compressedSensingScale(100, 1)).toBe(0);
    expect(compressedSensingScale(100, 0)).toBe(0);
    // Maximal at 1 − S = 1/e, where it equals n/e.
    expect(compressedSensingScale(50, Math.exp(-1))).toBeCloseTo(50 / Math.E, 12);
    expect(compressedSensingScale(50, 0.3)).toBeLessThan(50 / Math.E);
  });

  it('problems: k-sparse non-negative signals, orthonormal measurement rows, Y = X Aᵀ', () => {
    const p = makeRecoveryProblems(30, 15, [2, 7], 3, 4);
    for (let t = 0; t < 3; t++) {
      for (let r = 0; r < 15; r++) {
        for (let s = 0; s <= r; s++) {
          let dot = 0;
          for (let i = 0; i < 30; i++) dot += p.A[(t * 15 + r) * 30 + i] * p.A[(t * 15 + s) * 30 + i];
          expect(dot).toBeCloseTo(r === s ? 1 : 0, 5);
        }
      }
      [2, 7].forEach((k, j) => {
        const x = p.X.subarray((t * 2 + j) * 30, (t * 2 + j + 1) * 30);
        expect(x.filter((v) => v !== 0).length).toBe(k);
        expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
      });
    }
    // The truth itself counts as a success, a perturbed one does not.
    expect(Array.from(recoverySuccess(p, p.X))).toEqual([1, 1]);
    const off = p.X.map((v) => v * 1.1);
    expect(Array.from(recoverySuccess(p, off))).toEqual([0, 0]);
  });

  it('transitionWidth interpolates the 90% and 10% crossings of the isotonic fit', () => {
    const ratios = [0.1, 0.2, 0.3, 0.4, 0.5];
    expect(crossing(ratios, [1, 1, 0.5, 0, 0], 0.9)).toBeCloseTo(0.22, 12);
    expect(crossing(ratios, [1, 1, 0.5, 0, 0], 0.1)).toBeCloseTo(0.38, 12);
    nonIncreasingFit([1, 0.8, 0.9, 0.2, 0.3]).forEach((v, i) =>
      expect(v).toBeCloseTo([1, 0.85, 0.85, 0.25, 0.25][i], 12),
    );
    const w = transitionWidth(ratios, [1, 1, 0.5, 0, 0]);
    expect(w.width).toBeCloseTo(0.16, 12);
  });
});

describe('compressed sensing (footnotes 23–24)', () => {
  it('n = 200, m = 100: success ≥ 0.9 at k/m = 0.3, ≤ 0.1 at 0.8; the 10–90% width is narrower than at n = 25', async () => {
    const before = tf.memory().numTensors;
    let t0 = performance.now();
    const big = await recoveryCurve({
      n: 200,
      trials: 24,
      seed: 1,
      ratios: Array.from({ length: 11 }, (_, i) => 0.3 + 0.05 * i),
    });
    const msBig = performance.now() - t0;
    t0 = performance.now();
    const small = await recoveryCurve({
      n: 25,
      m: 13,
      trials: 200,
      seed: 2,
      ratios: Array.from({ length: 13 }, (_, i) => (i + 1) / 13),
    });
    const msSmall = performance.now() - t0;
    expect(tf.memory().numTensors).toBe(before);
    const wBig = transitionWidth(big.ratios, big.success);
    const wSmall = transitionWidth(small.ratios, small.success);
    verbose(`n=200 m=100 (${big.trials} problems per k, ${msBig.toFixed(0)} ms): ${fmtCurve(big)}`);
    verbose(`  90% at k/m=${wBig.start.toFixed(3)}, 10% at ${wBig.end.toFixed(3)}, width ${wBig.width.toFixed(3)}`);
    verbose(`n=25 m=13 (${small.trials} problems per k, ${msSmall.toFixed(0)} ms): ${fmtCurve(small)}`);
    verbose(
      `  90% at k/m=${wSmall.start.toFixed(3)}, 10% at ${wSmall.end.toFixed(3)}, width ${wSmall.width.toFixed(3)}`,
    );
    const at = (c: typeof big, r: number) => c.success[c.ratios.findIndex((x) => Math.abs(x - r) < 1e-9)];
    expect(at(big, 0.3)).toBeGreaterThanOrEqual(0.9);
    expect(at(big, 0.8)).toBeLessThanOrEqual(0.1);
    expect(Number.isFinite(wBig.width) && Number.isFinite(wSmall.width)).toBe(true);
    expect(wBig.width).toBeLessThan(wSmall.width);
    // The transition sits near the asymptotic non-negative (Donoho–Tanner) threshold ρ ≈ 0.56 at m/n = 1/2.
    const mid = crossing(big.ratios, nonIncreasingFit(big.success), 0.5);
    verbose(`  n=200 50% point k/m=${mid.toFixed(3)}`);
    expect(mid).toBeGreaterThan(0.45);
    expect(mid).toBeLessThan(0.65);
  });
});
