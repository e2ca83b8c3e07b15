/** The counter-hash sampler (the GPU kernel's JS twin): reproducible, right distribution, independent. */
import { describe, expect, it } from 'vitest';
import { counterSparseBatch, counterUniform, lowbias32 } from '../../src/model/counter-hash';

const corr = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let c = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < n; i++) {
    c += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return c / Math.sqrt(va * vb);
};

describe('counter-hash sampler', () => {
  it('is a pure function of (seed, step, row, feature) and mixes every input', () => {
    expect(counterUniform(7, 3, 10, 2, 5)).toBe(counterUniform(7, 3, 10, 2, 5));
    const base = counterUniform(7, 3, 10, 2, 5);
    for (const other of [
      counterUniform(8, 3, 10, 2, 5),
      counterUniform(7, 4, 10, 2, 5),
      counterUniform(7, 3, 11, 2, 5),
      counterUniform(7, 3, 10, 3, 5),
    ]) {
      expect(other).not.toBe(base);
    }
    // a bijective mixer: distinct inputs give distinct outputs on a sample
    const seen = new Set<number>();
    for (let x = 0; x < 10_000; x++) seen.add(lowbias32(x));
    expect(seen.size).toBe(10_000);
  });

  it.each([1, 0.3, 0.02])('density %f: per-feature density and mean of the non-zeros match the spec', (p) => {
    const rows = 40_000;
    const density = [p, p, p, p];
    const X = counterSparseBatch(12345, 1, rows, density);
    for (let f = 0; f < 4; f++) {
      let nz = 0;
      let sum = 0;
      let outside = 0;
      for (let r = 0; r < rows; r++) {
        const v = X[r * 4 + f];
        outside += +!(v >= 0 && v < 1);
        if (v !== 0) {
          nz++;
          sum += v;
        }
      }
      expect(outside).toBe(0);
      expect(Math.abs(nz / rows - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / rows) + 1e-9);
      expect(Math.abs(sum / nz - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / nz));
    }
  });

  it('no correlation between features, steps, instances (seeds) or neighbouring rows', () => {
    const rows = 40_000;
    const d = [0.5, 0.5, 0.5];
    const bound = 4 / Math.sqrt(rows);
    const a = counterSparseBatch(1, 1, rows, d);
    const nextStep = counterSparseBatch(1, 2, rows, d);
    const otherSeed = counterSparseBatch(2, 1, rows, d);
    const col = (X: Float32Array, f: number, shift = 0) =>
      Array.from({ length: rows - 1 }, (_, r) => X[(r + shift) * 3 + f]);
    expect(Math.abs(corr(col(a, 0), col(a, 1)))).toBeLessThan(bound);
    expect(Math.abs(corr(col(a, 0), col(nextStep, 0)))).toBeLessThan(bound);
    expect(Math.abs(corr(col(a, 0), col(otherSeed, 0)))).toBeLessThan(bound);
    expect(Math.abs(corr(col(a, 2), col(a, 2, 1)))).toBeLessThan(bound);
  });
});
