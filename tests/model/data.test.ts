import { describe, expect, it } from 'vitest';
import { geometricImportance, perFeature, validateTrainConfig, PAPER_OPTIMIZER } from '../../src/model/config';
import { fillSparseUniform, sparseBatch } from '../../src/model/data';
import { Rng, deriveSeed } from '../../src/model/rng';
import { forward, importanceWeightedMse } from '../../src/model/toy-model';

describe('sparse data generator', () => {
  it('per-feature density and the U[0,1] values of non-zero entries match the spec', () => {
    const density = Float32Array.from([1, 0.5, 0.1, 0.01]);
    const rows = 200_000;
    const X = sparseBatch(rows, density, new Rng(42));
    for (let i = 0; i < 4; i++) {
      let nz = 0;
      let sum = 0;
      let max = 0;
      let outOfRange = 0;
      for (let r = 0; r < rows; r++) {
        const v = X[r * 4 + i];
        if (v !== 0) {
          nz++;
          sum += v;
          max = Math.max(max, v);
        }
        if (!(v >= 0 && v < 1)) outOfRange++;
      }
      expect(outOfRange).toBe(0);
      const sd = Math.sqrt((density[i] * (1 - density[i])) / rows);
      expect(Math.abs(nz / rows - density[i])).toBeLessThan(5 * sd + 1e-9);
      expect(Math.abs(sum / nz - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / nz));
      expect(max).toBeGreaterThan(0.9);
    }
  });

  it('as the js trainer calls it: dense and sparse features interleaved, written at an offset, each at its own density and mean', () => {
    // Sparse features (geometric skips) between dense ones (one draw per entry), into the middle of a buffer.
    const density = Float32Array.from([0.02, 0.9, 0.2, 0.6, 0.005]);
    const n = density.length;
    const rows = 100_000;
    const offset = 3 * n;
    const out = new Float32Array(offset + rows * n + 7).fill(-1);
    fillSparseUniform(out, offset, rows, density, new Rng(7));
    expect(out.subarray(0, offset).every((v) => v === -1)).toBe(true);
    expect(out.subarray(offset + rows * n).every((v) => v === -1)).toBe(true);
    for (let i = 0; i < n; i++) {
      let nz = 0;
      let sum = 0;
      let outOfRange = 0;
      for (let r = 0; r < rows; r++) {
        const v = out[offset + r * n + i];
        if (!(v >= 0 && v < 1)) outOfRange++;
        if (v !== 0) {
          nz++;
          sum += v;
        }
      }
      const p = density[i];
      expect(outOfRange).toBe(0);
      expect(Math.abs(nz / rows - p), `feature ${i} density`).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / rows));
      // E[x_i] = p/2: the mean of every entry, zeros included.
      expect(Math.abs(sum / rows - p / 2), `feature ${i} mean`).toBeLessThan(
        5 * Math.sqrt((p / 3 - (p * p) / 4) / rows),
      );
    }
  });

  it('is reproducible for a seed and differs between seeds; features are uncorrelated', () => {
    const d = perFeature(3, 0.3);
    const a = sparseBatch(1000, d, new Rng(deriveSeed(1, 2)));
    const b = sparseBatch(1000, d, new Rng(deriveSeed(1, 2)));
    const c = sparseBatch(1000, d, new Rng(deriveSeed(1, 3)));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const rows = 100_000;
    const X = sparseBatch(rows, d, new Rng(3));
    const mean = [0, 0, 0];
    for (let r = 0; r < rows; r++) for (let i = 0; i < 3; i++) mean[i] += X[r * 3 + i] / rows;
    let cov = 0;
    let v0 = 0;
    for (let r = 0; r < rows; r++) {
      cov += (X[r * 3] - mean[0]) * (X[r * 3 + 1] - mean[1]);
      v0 += (X[r * 3] - mean[0]) ** 2;
    }
    expect(Math.abs(cov / v0)).toBeLessThan(0.02);
  });
});

describe('toy models and loss', () => {
  const W = Float32Array.from([1, 0, 0, 1, -1, 0]); // n=3, m=2: e1, e2, -e1
  const b = Float32Array.from([0, 0, -0.5]);
  it("ReLU output model x' = ReLU(WᵀW x + b) and the linear model", () => {
    const x = [0.5, 0.2, 0];
    expect(Array.from(forward(W, b, x, 3, 2, 'relu'))).toEqual([0.5, 0.2, 0]);
    const lin = forward(W, b, x, 3, 2, 'linear');
    expect(lin[2]).toBeCloseTo(-1, 12); // −e1·(0.5 e1) − 0.5
  });
  it("importance-weighted MSE is the mean over samples and features of I_i (x_i − x'_i)²", () => {
    const X = Float32Array.from([0, 0, 1, 0, 0, 0]);
    const imp = geometricImportance(3, 0.5);
    // sample 1: x = (0,0,1): h = -e1, out = (−1, 0, 1 − 0.5) → relu (0, 0, 0.5): err 0.25 · I_2 = 0.0625
    expect(importanceWeightedMse(W, b, X, 2, imp, 2, 'relu')).toBeCloseTo(0.0625 / 6, 12);
  });
  it('config validation names the bad field', () => {
    const base = { n: 2, m: 1, kind: 'relu' as const, batchSize: 8, optimizer: { ...PAPER_OPTIMIZER } };
    const inst = { density: perFeature(2, 0.5), importance: perFeature(2, 1), seed: 1 };
    expect(() => validateTrainConfig({ ...base, instances: [inst] })).not.toThrow();
    expect(() => validateTrainConfig({ ...base, m: 0, instances: [inst] })).toThrow(/m must be/);
    expect(() => validateTrainConfig({ ...base, instances: [{ ...inst, density: perFeature(2, 0) }] })).toThrow(
      /density/,
    );
    expect(() => validateTrainConfig({ ...base, instances: [{ ...inst, density: perFeature(2, NaN) }] })).toThrow(
      /density/,
    );
    expect(() => validateTrainConfig({ ...base, instances: [] })).toThrow(/instances/);
  });
});

describe('sparse data generator: independence across instances and steps', () => {
  // The trainer gives each instance its own stream (deriveSeed(seed, STREAM.data)) and draws
  // successive batches from it: neither neighbouring instances nor consecutive steps may correlate.
  const corr = (a: Float32Array, b: Float32Array) => {
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
  it.each([0.5, 0.05])('density %f: |corr| < 4/√N between instance streams and between consecutive batches', (p) => {
    const d = perFeature(4, p);
    const rows = 50_000;
    const bound = 4 / Math.sqrt(rows * 4);
    const s1 = new Rng(deriveSeed(1, 2));
    const s2 = new Rng(deriveSeed(2, 2));
    const a1 = sparseBatch(rows, d, s1);
    const a2 = sparseBatch(rows, d, s1); // the next step of the same instance
    const b1 = sparseBatch(rows, d, s2); // another instance, same step
    expect(Math.abs(corr(a1, a2))).toBeLessThan(bound);
    expect(Math.abs(corr(a1, b1))).toBeLessThan(bound);
    // and the non-zero count of the later batch is still right (no drift in the skip sampler)
    let nz = 0;
    for (const v of a2) nz += +(v !== 0);
    expect(Math.abs(nz / a2.length - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / a2.length));
  });
});
