import { describe, expect, it } from 'vitest';
import {
  angleDegrees,
  dimensionsPerFeature,
  featureDimensionality,
  featureNorms,
  frobeniusSquared,
  gram,
  instanceMetrics,
  superposition,
} from '../../src/model/metrics';
import { Rng } from '../../src/model/rng';

/** Feature-major W from a list of feature vectors. */
const fromVectors = (vs: number[][]) => Float32Array.from(vs.flat());
const polygon = (k: number, r = 1) =>
  Array.from({ length: k }, (_, i) => [r * Math.cos((2 * Math.PI * i) / k), r * Math.sin((2 * Math.PI * i) / k)]);

describe('metrics on hand-built W', () => {
  it('orthonormal basis: G = I, D = 1, no superposition, 1 dimension per feature', () => {
    const W = fromVectors([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    const G = gram(W, 3, 3);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(G[i * 3 + j]).toBeCloseTo(i === j ? 1 : 0, 12);
    expect(Array.from(featureDimensionality(W, 3, 3))).toEqual([1, 1, 1]);
    expect(Array.from(superposition(W, 3, 3))).toEqual([0, 0, 0]);
    expect(dimensionsPerFeature(W, 3)).toBeCloseTo(1, 12);
  });

  it('antipodal pair: D = 1/2 each, superposition 1, m/‖W‖² = 1/2', () => {
    const W = fromVectors([[1], [-1]]);
    const D = featureDimensionality(W, 2, 1);
    expect(D[0]).toBeCloseTo(0.5, 12);
    expect(D[1]).toBeCloseTo(0.5, 12);
    expect(superposition(W, 2, 1)[0]).toBeCloseTo(1, 12);
    expect(dimensionsPerFeature(W, 1)).toBeCloseTo(0.5, 12);
    expect(gram(W, 2, 1)[1]).toBeCloseTo(-1, 12);
  });

  it('regular pentagon in 2-D: D = 2/5, superposition 3/2, neighbours 72° apart', () => {
    const W = fromVectors(polygon(5));
    const D = featureDimensionality(W, 5, 2);
    const sp = superposition(W, 5, 2);
    for (let i = 0; i < 5; i++) {
      expect(D[i]).toBeCloseTo(0.4, 6);
      expect(sp[i]).toBeCloseTo(1.5, 6);
    }
    expect(angleDegrees(W, 2, 0, 1)).toBeCloseTo(72, 4);
    expect(dimensionsPerFeature(W, 2)).toBeCloseTo(0.4, 6);
  });

  it('D is scale invariant and the norm scales: a pentagon of radius 1.13', () => {
    const W = fromVectors(polygon(5, 1.13));
    expect(featureDimensionality(W, 5, 2)[3]).toBeCloseTo(0.4, 6);
    expect(featureNorms(W, 5, 2)[3]).toBeCloseTo(1.13, 6);
    expect(frobeniusSquared(W)).toBeCloseTo(5 * 1.13 ** 2, 5);
  });

  it('triangle 2/3, tetrahedron 3/4, and a zero feature gets D = 0 (not NaN)', () => {
    expect(featureDimensionality(fromVectors(polygon(3)), 3, 2)[0]).toBeCloseTo(2 / 3, 6);
    const s = 1 / Math.sqrt(3);
    const tet = fromVectors([
      [s, s, s],
      [s, -s, -s],
      [-s, s, -s],
      [-s, -s, s],
    ]);
    expect(featureDimensionality(tet, 4, 3)[2]).toBeCloseTo(0.75, 6);
    const withZero = fromVectors([
      [1, 0],
      [0, 0],
      [0, 1],
    ]);
    const m = instanceMetrics(withZero, 3, 2);
    expect(m.dimensionality[1]).toBe(0);
    expect(m.superposition[1]).toBe(0);
    expect(Number.isFinite(m.dimensionsPerFeature)).toBe(true);
  });

  it('property: Σ D_i ≤ m and every metric is invariant under a rotation of the hidden space', () => {
    const rng = new Rng(7);
    for (let trial = 0; trial < 50; trial++) {
      const n = 2 + rng.int(12);
      const m = 1 + rng.int(4);
      const W = new Float32Array(n * m).map(() => rng.normal());
      const D = featureDimensionality(W, n, m);
      expect(D.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(m + 1e-6);
      // Random orthogonal O by Gram–Schmidt, applied to every feature vector: W_i → O W_i.
      const O = randomOrthogonal(m, rng);
      const R = new Float32Array(n * m);
      for (let i = 0; i < n; i++)
        for (let a = 0; a < m; a++) {
          let s = 0;
          for (let k = 0; k < m; k++) s += O[a * m + k] * W[i * m + k];
          R[i * m + a] = s;
        }
      const D2 = featureDimensionality(R, n, m);
      const S1 = superposition(W, n, m);
      const S2 = superposition(R, n, m);
      for (let i = 0; i < n; i++) {
        expect(D2[i]).toBeCloseTo(D[i], 4);
        expect(S2[i]).toBeCloseTo(S1[i], 3);
      }
      expect(dimensionsPerFeature(R, m)).toBeCloseTo(dimensionsPerFeature(W, m), 4);
    }
  });
});

function randomOrthogonal(m: number, rng: Rng): Float64Array {
  const Q = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const v = Array.from({ length: m }, () => rng.normal());
    for (let b = 0; b < a; b++) {
      let d = 0;
      for (let k = 0; k < m; k++) d += v[k] * Q[b * m + k];
      for (let k = 0; k < m; k++) v[k] -= d * Q[b * m + k];
    }
    const norm = Math.hypot(...v);
    for (let k = 0; k < m; k++) Q[a * m + k] = v[k] / norm;
  }
  return Q;
}
