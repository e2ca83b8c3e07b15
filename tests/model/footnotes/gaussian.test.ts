/**
 * Footnote 22: a hidden activation that superposes many sparse features looks Gaussian, and
 * more so the more features share each dimension.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/model/rng';
import {
  column,
  gaussianFit,
  hiddenSamples,
  kurtosisByFeaturesPerDimension,
  moments,
  normalQuantile,
  randomUnitDirections,
} from '../../../src/model/footnotes/gaussian';
import { verbose } from '../../helpers/log';

describe('Gaussian summaries', () => {
  it('normalQuantile inverts Φ at known points', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
  });

  it('a Gaussian sample: excess kurtosis ≈ 0, histogram ≈ fitted normal, Q–Q on the diagonal', () => {
    const rng = new Rng(4);
    const v = Float64Array.from({ length: 100_000 }, () => 2 + 3 * rng.normal());
    const fit = gaussianFit(v, 40, 19);
    verbose(
      'gaussian control: mean',
      fit.mean.toFixed(3),
      'std',
      fit.std.toFixed(3),
      'excess kurtosis',
      fit.excessKurtosis.toFixed(4),
    );
    expect(Math.abs(fit.excessKurtosis)).toBeLessThan(0.05);
    expect(fit.mean).toBeCloseTo(2, 1);
    expect(fit.std).toBeCloseTo(3, 1);
    let area = 0;
    for (let i = 0; i < 40; i++) area += fit.density[i] * (fit.edges[i + 1] - fit.edges[i]);
    expect(area).toBeCloseTo(1, 6);
    for (let q = 0; q < 19; q++) expect(Math.abs(fit.qqSample[q] - fit.qqTheoretical[q])).toBeLessThan(0.03);
    for (let i = 5; i < 35; i++)
      expect(Math.abs(fit.density[i] - fit.normalDensity[i]) / fit.normalDensity[i]).toBeLessThan(0.1);
  });

  it('one sparse feature is far from Gaussian (excess kurtosis > 10 at S = 0.9)', () => {
    // n = m = 1, W = 1: h = x itself.
    const { H } = hiddenSamples({ m: 1, W: Float32Array.of(1), density: 0.1, samples: 100_000, seed: 2 });
    const k = moments(H).excessKurtosis;
    verbose('single sparse feature (1 − S = 0.1): excess kurtosis', k.toFixed(2), '(exact 13.30)');
    expect(Math.abs(k - 13.3) / 13.3).toBeLessThan(0.1);
  });
});

describe('superposed sparse features look Gaussian (footnote 22)', () => {
  it('excess kurtosis falls monotonically as features per dimension grow (m = 8, S = 0.9, random directions)', () => {
    const ratios = [1, 2, 4, 8, 16, 32];
    const rows = kurtosisByFeaturesPerDimension(ratios, { m: 8, density: 0.1, samples: 100_000, seed: 1 });
    verbose('features/dim  n    κ(h_0)   mean κ over dims');
    for (const r of rows)
      verbose(
        `${String(r.ratio).padStart(4)}  ${String(r.n).padStart(6)}  ${r.dimension0.toFixed(3).padStart(7)}  ${r.mean.toFixed(3).padStart(7)}`,
      );
    // Sampling tolerance: the s.e. of a kurtosis estimate from 100k near-Gaussian samples is ~0.016.
    const tol = 0.05;
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].mean).toBeLessThan(rows[i - 1].mean + tol);
      expect(rows[i].dimension0).toBeLessThan(rows[i - 1].dimension0 + tol);
    }
    expect(rows[0].mean).toBeGreaterThan(2); // clearly non-Gaussian at one feature per dimension
    expect(rows[rows.length - 1].mean).toBeLessThan(0.25); // close to Gaussian at 32
    expect(rows[rows.length - 1].mean).toBeLessThan(rows[0].mean / 10);
  });

  it('works from a given embedding: E[h_k] = Σ_i E[x_i] W_ik for a fixed W', () => {
    const n = 40;
    const m = 4;
    const W = randomUnitDirections(n, m, 3);
    for (let i = 0; i < n; i++) expect(Math.hypot(...W.subarray(i * m, (i + 1) * m))).toBeCloseTo(1, 5);
    const { H } = hiddenSamples({ m, W, density: 0.1, samples: 50_000, seed: 3 });
    expect(H.length).toBe(50_000 * m);
    for (let k = 0; k < m; k++) {
      let expected = 0;
      for (let i = 0; i < n; i++) expected += 0.05 * W[i * m + k]; // E[x_i] = (1 − S)/2
      const mo = moments(column(H, m, k));
      expect(Math.abs(mo.mean - expected)).toBeLessThan((4 * mo.std) / Math.sqrt(50_000));
    }
  });
});
