/**
 * Feature geometry: graph, tegum factors, polytope names, canonical 2-D orientation ("Feature Dimensionality" and
 * "Uniform Superposition" and "Non-Uniform Superposition").
 */
import { describe, expect, it } from 'vitest';
import {
  DIMENSIONALITY_LEVELS,
  REFERENCE_POLYTOPES,
  canonicalise2D,
  classifyFactor,
  featureGeometryGraph,
  pentagonSolutionType,
  polytopeCounts,
  spannedDimension,
  symmetricEigenvalues,
  tegumFactors,
  type FactorName,
} from '../../src/model/geometry';
import { featureDimensionality } from '../../src/model/metrics';
import { Rng } from '../../src/model/rng';

// ---------- hand-built configurations (feature vectors, then embedded block-diagonally) ----------

const polygon = (k: number, phase = 0) =>
  Array.from({ length: k }, (_, i) => [
    Math.cos(phase + (2 * Math.PI * i) / k),
    Math.sin(phase + (2 * Math.PI * i) / k),
  ]);
const s3 = 1 / Math.sqrt(3);
const tetrahedron = [
  [s3, s3, s3],
  [s3, -s3, -s3],
  [-s3, s3, -s3],
  [-s3, -s3, s3],
];
/** Tight square antiprism: two squares at heights ±1/√3 (radius √(2/3)), turned 45° — D_i = 3/8 exactly. */
const squareAntiprism = Array.from({ length: 8 }, (_, v) => {
  const top = v < 4;
  const a = (Math.PI / 2) * (v % 4) + (top ? 0 : Math.PI / 4);
  const r = Math.sqrt(2 / 3);
  return [r * Math.cos(a), r * Math.sin(a), top ? s3 : -s3];
});

/** Feature-major W [n, m] from feature vectors (each padded to m). */
function fromVectors(vs: number[][], m = Math.max(...vs.map((v) => v.length))): Float32Array {
  const W = new Float32Array(vs.length * m);
  vs.forEach((v, i) => v.forEach((x, k) => (W[i * m + k] = x)));
  return W;
}

/** Place each block's vectors in its own coordinates (a tegum product); features listed in `order`. */
function tegum(blocks: number[][][], order?: number[]): { W: Float32Array; n: number; m: number; owner: number[] } {
  const m = blocks.reduce((s, b) => s + b[0].length, 0);
  const vecs: number[][] = [];
  const owner: number[] = [];
  let off = 0;
  blocks.forEach((b, bi) => {
    for (const v of b) {
      const full = new Array(m).fill(0);
      v.forEach((x, k) => (full[off + k] = x));
      vecs.push(full);
      owner.push(bi);
    }
    off += b[0].length;
  });
  const idx = order ?? vecs.map((_, i) => i);
  return {
    W: fromVectors(
      idx.map((i) => vecs[i]),
      m,
    ),
    n: vecs.length,
    m,
    owner: idx.map((i) => owner[i]),
  };
}

/** A random orthogonal m×m matrix (Gram–Schmidt on Gaussian columns), row-major. */
function randomOrthogonal(m: number, rng: Rng): Float64Array {
  const Q = new Float64Array(m * m);
  for (let c = 0; c < m; c++) {
    const v = Array.from({ length: m }, () => rng.normal());
    for (let p = 0; p < c; p++) {
      let d = 0;
      for (let k = 0; k < m; k++) d += v[k] * Q[k * m + p];
      for (let k = 0; k < m; k++) v[k] -= d * Q[k * m + p];
    }
    const nrm = Math.hypot(...v);
    for (let k = 0; k < m; k++) Q[k * m + c] = v[k] / nrm;
  }
  return Q;
}

/** W_i → Q W_i for every feature (feature-major W). */
function rotate(W: Float32Array, n: number, m: number, Q: Float64Array): Float32Array {
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < m; r++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += Q[r * m + k] * W[i * m + k];
      out[i * m + r] = s;
    }
  }
  return out;
}

const nonZero = (c: Record<FactorName, number>) => Object.fromEntries(Object.entries(c).filter(([, v]) => v > 0));

// ---------- tests ----------

describe('reference polytopes', () => {
  const cases: [FactorName, number[][]][] = [
    ['dedicated', [[0, 1, 0]]],
    [
      'digon',
      [
        [0.6, 0.8],
        [-0.6, -0.8],
      ],
    ],
    ['triangle', polygon(3, 0.3)],
    ['pentagon', polygon(5, 1.1)],
    ['tetrahedron', tetrahedron],
    ['square-antiprism', squareAntiprism],
  ];

  it.each(cases)('a lone %s is one factor of that name, with D_i = d/k and the right dimension', (name, vecs) => {
    const W = fromVectors(vecs);
    const n = vecs.length;
    const m = vecs[0].length;
    const { counts, factors } = polytopeCounts(W, n, m);
    expect(nonZero(counts)).toEqual({ [name]: 1 });
    const ref = REFERENCE_POLYTOPES.find((p) => p.name === name)!;
    expect(factors[0].features).toEqual(vecs.map((_, i) => i));
    expect(factors[0].dimension).toBe(ref.d);
    for (const D of factors[0].dimensionalities) expect(D).toBeCloseTo(ref.d / ref.k, 5);
  });

  it('an orthonormal basis is all dedicated, and a short (not learned) feature is left out', () => {
    const W = fromVectors([
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 0, 1],
      [0, 0, 1, 0],
      [0.2, 0.2, 0.2, 0], // ‖W‖ = 0.35 < 0.5: not a node, even though it overlaps three features
    ]);
    const g = featureGeometryGraph(W, 5, 4);
    expect(g.nodes).toEqual([0, 1, 2, 3]);
    expect(g.edges).toEqual([]);
    expect(nonZero(polytopeCounts(W, 5, 4).counts)).toEqual({ dedicated: 4 });
  });

  it('survives trained-model imperfection: norms 0.95–1.05 and 0.02 wobble still classify', () => {
    const rng = new Rng(11);
    for (const [name, vecs] of cases) {
      const noisy = vecs.map((v, i) =>
        v.map((x) => x * (0.95 + (0.1 * ((i * 7) % 5)) / 4) + 0.02 * (rng.uniform() - 0.5)),
      );
      const W = fromVectors(noisy);
      expect(nonZero(polytopeCounts(W, noisy.length, noisy[0].length).counts), name).toEqual({ [name]: 1 });
    }
  });

  it('says "other" for shapes that are not a reference polytope', () => {
    // hexagon: 6 features in one 2-D factor (D = 1/3)
    expect(nonZero(polytopeCounts(fromVectors(polygon(6)), 6, 2).counts)).toEqual({ other: 1 });
    // an irregular triangle (0°, 100°, 230°): k = 3 and rank 2, but D_i far from 2/3
    const deg = (a: number) => [Math.cos((a * Math.PI) / 180), Math.sin((a * Math.PI) / 180)];
    const W = fromVectors([deg(0), deg(100), deg(230)]);
    expect(classifyFactor(W, 3, 2, [0, 1, 2])).toBe('other');
    // 3 features in 3 dimensions at 60° from each other (a non-antipodal "cone"): D ≠ 2/3 and rank 3
    const cone = [0, 1, 2].map((i) => [
      Math.cos((2 * Math.PI * i) / 3) * 0.8,
      Math.sin((2 * Math.PI * i) / 3) * 0.8,
      0.6,
    ]);
    expect(classifyFactor(fromVectors(cone), 3, 3, [0, 1, 2])).toBe('other');
    // the rank check on its own: a triangle with one vertex lifted far out of the plane spans
    // 3 dimensions (third Gram eigenvalue 0.27 vs 2.67); even with D_i forced to 2/3 it is not a triangle
    const lift = (z: number) => fromVectors(polygon(3).map(([x, y], i) => [x, y, i === 0 ? z : 0]));
    const twoThirds = { dimensionality: Float64Array.of(2 / 3, 2 / 3, 2 / 3) };
    expect(spannedDimension(lift(1.2), 3, 3, [0, 1, 2])).toBe(3);
    expect(classifyFactor(lift(1.2), 3, 3, [0, 1, 2], twoThirds)).toBe('other');
    // a small lift (third eigenvalue 0.06 vs 1.64, below RANK_TOLERANCE) still counts as planar
    expect(spannedDimension(lift(0.45), 3, 3, [0, 1, 2])).toBe(2);
    expect(classifyFactor(lift(0.45), 3, 3, [0, 1, 2], twoThirds)).toBe('triangle');
  });

  it('a square is two orthogonal digons and a triangular bipyramid is triangle ⊕ digon', () => {
    expect(nonZero(polytopeCounts(fromVectors(polygon(4)), 4, 2).counts)).toEqual({ digon: 2 });
    const bip = tegum([polygon(3), [[1], [-1]]]);
    const { counts, factors } = polytopeCounts(bip.W, bip.n, bip.m);
    expect(nonZero(counts)).toEqual({ triangle: 1, digon: 1 });
    expect(factors.map((f) => f.features)).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
  });
});

describe('tegum products', () => {
  // digon along e0, triangle in e1–e2, dedicated e3, pentagon in e4–e5, tetrahedron in e6–e8
  const blocks = [[[1], [-1]], polygon(3, 0.2), [[1]], polygon(5, 0.7), tetrahedron];
  // features shuffled so that factors are not contiguous
  const order = [14, 3, 0, 9, 6, 12, 1, 5, 10, 2, 13, 7, 4, 8, 11];
  const { W, n, m, owner } = tegum(blocks, order);
  const expected = { digon: 1, triangle: 1, dedicated: 1, pentagon: 1, tetrahedron: 1 };

  it('finds each block as one factor and names it', () => {
    const graph = featureGeometryGraph(W, n, m);
    expect(graph.nodes).toHaveLength(15);
    for (const e of graph.edges) expect(owner[e.i]).toBe(owner[e.j]);
    const factors = tegumFactors(graph);
    expect(factors.map((f) => f.length)).toEqual([5, 4, 3, 2, 1]);
    for (const f of factors) expect(new Set(f.map((i) => owner[i])).size).toBe(1);
    expect(nonZero(polytopeCounts(W, n, m).counts)).toEqual(expected);
  });

  it('is rotation invariant: same counts and D_i after a random orthogonal map', () => {
    const rng = new Rng(2022);
    const D0 = featureDimensionality(W, n, m);
    for (let t = 0; t < 3; t++) {
      const R = rotate(W, n, m, randomOrthogonal(m, rng));
      expect(R.some((v, k) => Math.abs(v - W[k]) > 0.1)).toBe(true); // really moved
      expect(nonZero(polytopeCounts(R, n, m).counts)).toEqual(expected);
      const D = featureDimensionality(R, n, m);
      for (let i = 0; i < n; i++) expect(D[i]).toBeCloseTo(D0[i], 5);
    }
  });

  it('weights edges by |W_i · W_j| and drops those at or below the threshold', () => {
    // two unit features at cos = 0.05 (separate factors) vs 0.3 (one factor); norms 0.8 scale the weight
    const mk = (c: number, r = 1) =>
      fromVectors([
        [r, 0],
        [r * c, r * Math.sqrt(1 - c * c)],
      ]);
    expect(tegumFactors(featureGeometryGraph(mk(0.05), 2, 2))).toEqual([[0], [1]]);
    expect(tegumFactors(featureGeometryGraph(mk(0.3), 2, 2))).toEqual([[0, 1]]);
    const g = featureGeometryGraph(mk(0.3, 0.8), 2, 2);
    expect(g.edges).toHaveLength(1);
    expect(g.edges[0].weight).toBeCloseTo(0.3 * 0.64, 6);
    expect(featureGeometryGraph(mk(0.3), 2, 2, { edgeThreshold: 0.35 }).edges).toEqual([]);
  });
});

describe('Σ D_i ≤ m', () => {
  it('holds on random W (some features dropped), with equality for tight frames', () => {
    const rng = new Rng(7);
    for (let t = 0; t < 20; t++) {
      const n = 5 + rng.int(30);
      const m = 1 + rng.int(8);
      const W = new Float32Array(n * m);
      for (let i = 0; i < n; i++) {
        const scale = rng.uniform() < 0.3 ? 0 : rng.uniform() * 2;
        for (let k = 0; k < m; k++) W[i * m + k] = scale * rng.normal();
      }
      const sum = featureDimensionality(W, n, m).reduce((s, v) => s + v, 0);
      expect(sum).toBeLessThanOrEqual(m + 1e-6);
      expect(sum).toBeGreaterThan(0);
    }
    const { W, n, m } = tegum([[[1], [-1]], polygon(5), squareAntiprism]);
    expect(featureDimensionality(W, n, m).reduce((s, v) => s + v, 0)).toBeCloseTo(m, 5);
  });
});

describe('helpers', () => {
  it('symmetricEigenvalues matches known spectra', () => {
    expect(Array.from(symmetricEigenvalues([2, 1, 1, 2], 2)).map((v) => +v.toFixed(10))).toEqual([3, 1]);
    // tight frame: k unit vectors in d dims have Gram eigenvalues k/d (d times) and 0
    const W = fromVectors(polygon(5));
    const G = Array.from(
      { length: 25 },
      (_, q) => W[2 * Math.floor(q / 5)] * W[2 * (q % 5)] + W[2 * Math.floor(q / 5) + 1] * W[2 * (q % 5) + 1],
    );
    const ev = symmetricEigenvalues(G, 5);
    expect(ev[0]).toBeCloseTo(2.5, 5);
    expect(ev[1]).toBeCloseTo(2.5, 5);
    for (let p = 2; p < 5; p++) expect(Math.abs(ev[p])).toBeLessThan(1e-6);
  });

  it('spannedDimension uses the m×m frame operator when there are more features than dimensions', () => {
    const { W, n, m } = tegum([squareAntiprism, [[1]]]);
    expect(spannedDimension(W, n, m, [0, 1, 2, 3, 4, 5, 6, 7])).toBe(3);
    expect(spannedDimension(W, n, m, [0, 8])).toBe(2);
    expect(spannedDimension(W, n, m, [])).toBe(0);
  });

  it('DIMENSIONALITY_LEVELS are the D = d/k of the reference polytopes, descending', () => {
    expect(DIMENSIONALITY_LEVELS.map((l) => l.value)).toEqual([1, 3 / 4, 2 / 3, 1 / 2, 2 / 5, 3 / 8]);
    const refs = REFERENCE_POLYTOPES.map((p) => p.d / p.k).sort((a, b) => b - a);
    expect(DIMENSIONALITY_LEVELS.map((l) => l.value)).toEqual(refs);
    for (const l of DIMENSIONALITY_LEVELS) {
      const [a, b = 1] = l.label.split('/').map(Number);
      expect(a / b).toBeCloseTo(l.value, 12);
    }
  });
});

describe('canonicalise2D', () => {
  const canonical = fromVectors(polygon(5).map(([x, y]) => [x, y]));

  it('maps any rotation or reflection of a labelled pentagon onto the same picture', () => {
    const rng = new Rng(5);
    const c0 = canonicalise2D(canonical, 5);
    for (let k = 0; k < 10; k++) expect(c0[k]).toBeCloseTo(canonical[k], 6);
    for (let t = 0; t < 8; t++) {
      const a = rng.uniform() * 2 * Math.PI;
      const reflect = t % 2 === 1;
      const W = new Float32Array(10);
      for (let i = 0; i < 5; i++) {
        const x = canonical[2 * i];
        const y = reflect ? -canonical[2 * i + 1] : canonical[2 * i + 1];
        W[2 * i] = Math.cos(a) * x - Math.sin(a) * y;
        W[2 * i + 1] = Math.sin(a) * x + Math.cos(a) * y;
      }
      expect(Math.max(...Array.from(W, (v, k) => Math.abs(v - canonical[k])))).toBeGreaterThan(0.05);
      const c = canonicalise2D(W, 5);
      for (let k = 0; k < 10; k++) expect(c[k]).toBeCloseTo(canonical[k], 5);
    }
  });

  it('anchors on the first learned feature and lets an axis-aligned second feature pass the choice on', () => {
    // feature 0 not learned; feature 1 at 200°, feature 2 antipodal to it (cannot decide the
    // reflection), feature 3 at 200° − 90° (clockwise of feature 1, so the picture gets flipped)
    const deg = (a: number, r = 1) => [r * Math.cos((a * Math.PI) / 180), r * Math.sin((a * Math.PI) / 180)];
    const W = fromVectors([deg(10, 0.2), deg(200), deg(20), deg(110), [0, 0]]);
    const c = canonicalise2D(W, 5);
    expect(c[2]).toBeCloseTo(1, 6);
    expect(c[3]).toBe(0);
    expect(c[4]).toBeCloseTo(-1, 6);
    expect(c[6]).toBeCloseTo(0, 6);
    expect(c[7]).toBeCloseTo(1, 6); // reflected so feature 3 is counter-clockwise of feature 1
    // feature 0 rotated along (10° − 200° = −190°) and flipped: at −170°, norm kept
    expect(c[0]).toBeCloseTo(0.2 * Math.cos((170 * Math.PI) / 180), 6);
    expect(c[1]).toBeCloseTo(-0.2 * Math.sin((170 * Math.PI) / 180), 6);
    // the same picture without the clockwise feature 3 is not flipped
    const noFlip = canonicalise2D(fromVectors([deg(10, 0.2), deg(200), deg(20), deg(290), [0, 0]]), 5);
    expect(noFlip[7]).toBeCloseTo(1, 6);
    expect(noFlip[1]).toBeCloseTo(0.2 * Math.sin((170 * Math.PI) / 180), 6);
    expect(Array.from(canonicalise2D(new Float32Array(10), 5))).toEqual(new Array(10).fill(0));
  });
});

describe('pentagonSolutionType', () => {
  it('tells the pentagon from two digons with the varied (last) feature dropped', () => {
    expect(pentagonSolutionType(fromVectors(polygon(5)))).toBe('pentagon');
    const digons = fromVectors([...polygon(4), [0.05, 0]]);
    expect(pentagonSolutionType(digons)).toBe('digons');
    // two digons but a *different* feature dropped: not the "Non-Uniform Superposition" digon solution
    const other = fromVectors([[0, 0], ...polygon(4)]);
    expect(pentagonSolutionType(other)).toBe('other');
  });
});
