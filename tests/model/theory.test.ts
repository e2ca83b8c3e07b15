import { describe, expect, it } from 'vitest';
import { constantVector } from '../../src/model/config';
import { fillSparseUniform, sparseBatch } from '../../src/model/data';
import { Rng, deriveSeed } from '../../src/model/rng';
import {
  TRIPLE_POINT,
  antipodalPairLoss,
  boundaryCurves,
  boundaryDedicated,
  boundaryNotLearned,
  candidates,
  droppedFeatureLoss,
  experimentImportance,
  experimentShape,
  theoryPhase,
  type Candidate,
  type Phase,
  type PhaseExperiment,
} from '../../src/model/theory';
import { forward, importanceWeightedMse } from '../../src/model/toy-model';

/** Variance of a feature that is U[0, 1] with probability d, else 0. */
const variance = (d: number) => d / 3 - (d * d) / 4;
const byId = (cs: Candidate[]) => Object.fromEntries(cs.map((c) => [c.id, c]));
const logGrid = (lo: number, hi: number, k: number) =>
  Array.from({ length: k }, (_, i) => lo * Math.pow(hi / lo, i / (k - 1)));

/** Phase the boundary functions predict (the "Superposition as a Phase Change" maps written out independently). */
function mapPhase(e: PhaseExperiment, r: number, d: number): Phase {
  if (d < 4 / 7) {
    if (r < boundaryNotLearned(d)) return 'not-represented';
    if (e === 'phase-2-1') return r < boundaryDedicated(d) ? 'superposition' : 'dedicated';
    return r < 1 ? 'superposition' : 'dedicated';
  }
  return r < 1 ? 'not-represented' : 'dedicated';
}

describe('closed-form building blocks', () => {
  it('dropped feature costs I·Var(x); antipodal pair costs (Ia + Ib) d²/6', () => {
    expect(droppedFeatureLoss(1, 0.3)).toBeCloseTo(0.1 - 0.0225, 15);
    expect(droppedFeatureLoss(2.5, 0.3)).toBeCloseTo(2.5 * (0.1 - 0.0225), 15);
    expect(droppedFeatureLoss(1, 1)).toBeCloseTo(1 / 12, 15); // Var(U[0,1])
    expect(antipodalPairLoss(1, 1, 0.3)).toBeCloseTo(0.09 / 3, 15);
    expect(antipodalPairLoss(1, 3, 0.5)).toBeCloseTo((4 * 0.25) / 6, 15);
  });

  it('rejects inputs outside the model', () => {
    expect(() => droppedFeatureLoss(1, 1.5)).toThrow(RangeError);
    expect(() => antipodalPairLoss(-1, 1, 0.5)).toThrow(RangeError);
    expect(() => candidates('phase-2-1', Number.NaN, 0.5)).toThrow(RangeError);
    expect(() => candidates('phase-2-1', 1, -0.1)).toThrow(RangeError);
    expect(() => experimentShape('phase-4-2' as PhaseExperiment)).toThrow(RangeError);
  });
});

describe('experiments and candidate tables', () => {
  it('shapes and importances put the extra feature last', () => {
    expect(experimentShape('phase-2-1')).toEqual({ n: 2, m: 1 });
    expect(experimentShape('phase-3-2')).toEqual({ n: 3, m: 2 });
    expect(Array.from(experimentImportance('phase-2-1', 0.25))).toEqual([1, 0.25]);
    expect(Array.from(experimentImportance('phase-3-2', 4))).toEqual([1, 1, 4]);
  });

  it('n=2, m=1 matches "Superposition as a Phase Change": A [1,0], B [0,1], C [1,−1] with their losses', () => {
    const r = 0.37;
    const d = 0.21;
    const cs = candidates('phase-2-1', r, d);
    expect(cs.map((c) => c.id)).toEqual(['A', 'B', 'C']);
    const { A, B, C } = byId(cs);
    expect(Array.from(A.W)).toEqual([1, 0]);
    expect(Array.from(B.W)).toEqual([0, 1]);
    expect(Array.from(C.W)).toEqual([1, -1]);
    expect(Array.from(A.b)).toEqual([0, Math.fround(d / 2)]);
    expect(Array.from(B.b)).toEqual([Math.fround(d / 2), 0]);
    expect(Array.from(C.b)).toEqual([0, 0]);
    expect([A.phase, B.phase, C.phase]).toEqual(['not-represented', 'dedicated', 'superposition']);
    expect(A.loss).toBeCloseTo(r * variance(d), 15);
    expect(B.loss).toBeCloseTo(variance(d), 15);
    expect(C.loss).toBeCloseTo(((1 + r) * d * d) / 6, 15);
  });

  it('n=3, m=2 matches "Superposition as a Phase Change": each W really ignores the direction in its name, with the listed loss', () => {
    const r = 2.3;
    const d = 0.13;
    const cs = candidates('phase-3-2', r, d);
    expect(cs.map((c) => c.id)).toEqual(['perp-001', 'perp-100', 'perp-011', 'perp-110']);
    const expected: Record<string, { phase: Phase; loss: number; dropped: number[] }> = {
      'perp-001': { phase: 'not-represented', loss: r * variance(d), dropped: [2] },
      'perp-100': { phase: 'dedicated', loss: variance(d), dropped: [0] },
      'perp-011': { phase: 'superposition', loss: ((1 + r) * d * d) / 6, dropped: [] },
      'perp-110': { phase: 'dedicated', loss: (d * d) / 3, dropped: [] },
    };
    for (const c of cs) {
      const want = expected[c.id];
      expect(c.phase).toBe(want.phase);
      expect(c.loss).toBeCloseTo(want.loss, 15);
      const v = c.id.slice(5).split('').map(Number);
      // Σ_i v_i W_i = 0: the (paper's m×n) W annihilates v …
      for (let k = 0; k < 2; k++) expect(v[0] * c.W[k] + v[1] * c.W[2 + k] + v[2] * c.W[4 + k]).toBe(0);
      // … and nothing else: the two axes are both used (rank 2), so the null space is exactly span(v).
      const used = [0, 1].map((k) => [0, 1, 2].some((i) => c.W[i * 2 + k] !== 0));
      expect(used).toEqual([true, true]);
      // Norms 1 for represented features, 0 (and bias d/2) for dropped ones; other biases 0.
      for (let i = 0; i < 3; i++) {
        const norm2 = c.W[i * 2] ** 2 + c.W[i * 2 + 1] ** 2;
        const dropped = want.dropped.includes(i);
        expect(norm2).toBe(dropped ? 0 : 1);
        expect(c.b[i]).toBe(dropped ? Math.fround(d / 2) : 0);
      }
    }
    // The antipodal pairs: W_2 = −W_3 for perp-011, W_1 = −W_2 for perp-110, and the lone
    // feature orthogonal to the pair.
    const { 'perp-011': s, 'perp-110': t } = byId(cs);
    expect([s.W[2] + s.W[4], s.W[3] + s.W[5]]).toEqual([0, 0]);
    expect(s.W[0] * s.W[2] + s.W[1] * s.W[3]).toBe(0);
    expect([t.W[0] + t.W[2], t.W[1] + t.W[3]]).toEqual([0, 0]);
    expect(t.W[4] * t.W[0] + t.W[5] * t.W[1]).toBe(0);
  });
});

describe('phase boundaries ("Superposition as a Phase Change")', () => {
  it('triple point: all 2-1 (and all 3-2) candidate losses are equal at r = 1, d = 4/7', () => {
    expect(TRIPLE_POINT).toEqual({ r: 1, density: 4 / 7 });
    for (const e of ['phase-2-1', 'phase-3-2'] as const) {
      const losses = candidates(e, TRIPLE_POINT.r, TRIPLE_POINT.density).map((c) => c.loss);
      for (const l of losses) expect(l).toBeCloseTo(16 / 147, 12);
    }
    expect(boundaryNotLearned(4 / 7)).toBeCloseTo(1, 12);
    expect(boundaryDedicated(4 / 7)).toBeCloseTo(1, 12);
  });

  it('just sparser than the triple point r ≈ 1 is superposition; just denser it is not-learned | dedicated', () => {
    for (const r of [0.95, 1, 1.05]) expect(theoryPhase('phase-2-1', r, 0.55).phase).toBe('superposition');
    expect(theoryPhase('phase-2-1', 0.95, 0.6).phase).toBe('not-represented');
    expect(theoryPhase('phase-2-1', 1.05, 0.6).phase).toBe('dedicated');
    expect(theoryPhase('phase-2-1', 0.99, 0.58).candidate.id).toBe('A');
    expect(theoryPhase('phase-2-1', 1.01, 0.58).candidate.id).toBe('B');
  });

  it('ties go to the earlier candidate in table order', () => {
    // r = 1, d = 0.9: A and B tie exactly (r·Var = Var), C is worse.
    const cs = candidates('phase-2-1', 1, 0.9);
    expect(cs[0].loss).toBe(cs[1].loss);
    expect(theoryPhase('phase-2-1', 1, 0.9).candidate.id).toBe('A');
    expect(theoryPhase('phase-3-2', 1, 0.9).candidate.id).toBe('perp-001');
  });

  it('reciprocity: boundaryNotLearned(d) · boundaryDedicated(d) = 1 (mirror symmetry in log r)', () => {
    for (const d of logGrid(1e-4, 4 / 7 - 1e-9, 200)) {
      expect(Math.abs(boundaryNotLearned(d) * boundaryDedicated(d) - 1)).toBeLessThan(4 * Number.EPSILON);
    }
    // Past d = 4/5 superposition never beats dropping: ∞ and its reciprocal 0.
    expect(boundaryNotLearned(0.8)).toBe(Infinity);
    expect(boundaryNotLearned(0.95)).toBe(Infinity);
    expect(boundaryDedicated(0.95)).toBe(0);
    expect(boundaryNotLearned(0.7)).toBeCloseTo(1.4 / 0.5, 12);
  });

  it('the boundaries are exactly where the candidate losses cross', () => {
    for (const d of [0.003, 0.05, 0.2, 0.5]) {
      const { A, C } = byId(candidates('phase-2-1', boundaryNotLearned(d), d));
      expect(A.loss / C.loss).toBeCloseTo(1, 12);
      const { B, C: C2 } = byId(candidates('phase-2-1', boundaryDedicated(d), d));
      expect(B.loss / C2.loss).toBeCloseTo(1, 12);
    }
  });

  it('spec examples: r = 0.1 superposed below d ≈ 0.16; r = 10 dedicated above 0.16; bands at d = 0.1 and 0.01', () => {
    expect(theoryPhase('phase-2-1', 0.1, 0.155).phase).toBe('superposition');
    expect(theoryPhase('phase-2-1', 0.1, 0.165).phase).toBe('not-represented');
    expect(theoryPhase('phase-2-1', 10, 0.155).phase).toBe('superposition');
    expect(theoryPhase('phase-2-1', 10, 0.165).phase).toBe('dedicated');
    expect(boundaryNotLearned(0.16)).toBeCloseTo(0.1, 12);
    expect(boundaryDedicated(0.16)).toBeCloseTo(10, 12);

    expect(boundaryNotLearned(0.1)).toBeCloseTo(0.057, 3);
    expect(boundaryDedicated(0.1)).toBeCloseTo(17.5, 12);
    expect(theoryPhase('phase-2-1', 0.056, 0.1).phase).toBe('not-represented');
    expect(theoryPhase('phase-2-1', 0.058, 0.1).phase).toBe('superposition');
    expect(theoryPhase('phase-2-1', 17.4, 0.1).phase).toBe('superposition');
    expect(theoryPhase('phase-2-1', 17.6, 0.1).phase).toBe('dedicated');

    expect(boundaryNotLearned(0.01)).toBeCloseTo(0.0051, 4);
    expect(boundaryDedicated(0.01)).toBeCloseTo(197.5, 10);
    expect(theoryPhase('phase-2-1', 0.005, 0.01).phase).toBe('not-represented');
    expect(theoryPhase('phase-2-1', 0.0052, 0.01).phase).toBe('superposition');
    expect(theoryPhase('phase-2-1', 197, 0.01).phase).toBe('superposition');
    expect(theoryPhase('phase-2-1', 198, 0.01).phase).toBe('dedicated');
    // "covers the whole plotted range": r ∈ [0.1, 10] is all superposition at d = 0.01.
    for (const r of logGrid(0.1, 10, 9)) expect(theoryPhase('phase-2-1', r, 0.01).phase).toBe('superposition');
  });

  it('theoryPhase over a grid agrees with the boundary functions away from the boundaries (both experiments)', () => {
    const counts: Record<string, number> = {};
    for (const e of ['phase-2-1', 'phase-3-2'] as const) {
      for (const r of logGrid(0.01, 100, 41)) {
        for (const d of logGrid(0.002, 1, 41)) {
          const lines = [boundaryNotLearned(d), boundaryDedicated(d), 1];
          if (lines.some((b) => Number.isFinite(b) && b > 0 && Math.abs(Math.log(r / b)) < 0.02)) continue;
          if (Math.abs(Math.log(d / (4 / 7))) < 0.02) continue;
          const want = mapPhase(e, r, d);
          expect(theoryPhase(e, r, d).phase, `${e} r=${r} d=${d}`).toBe(want);
          counts[`${e}:${want}`] = (counts[`${e}:${want}`] ?? 0) + 1;
        }
      }
    }
    // Every phase of both diagrams was actually visited.
    for (const key of ['not-represented', 'superposition', 'dedicated']) {
      expect(counts[`phase-2-1:${key}`]).toBeGreaterThan(50);
      expect(counts[`phase-3-2:${key}`]).toBeGreaterThan(50);
    }
  });
});

describe('phase diagram n = 3, m = 2 ("Superposition as a Phase Change")', () => {
  const cases: [number, number, string][] = [
    // sparse (d < 4/7): not learned | superposition at r = 2d/(4 − 5d), then superposition | dedicated at r = 1
    [0.04, 0.1, 'perp-001'], // bNL(0.1) ≈ 0.057
    [0.08, 0.1, 'perp-011'],
    [0.9, 0.1, 'perp-011'],
    [1.1, 0.1, 'perp-110'],
    [30, 0.1, 'perp-110'], // no upper boundary here, unlike 2-1 (dedicated at r > 17.5 there)
    [0.95, 0.5, 'perp-011'], // bNL(0.5) = 2/3
    [0.7, 0.5, 'perp-011'],
    [0.6, 0.5, 'perp-001'],
    // dense (d > 4/7): r = 1 separates not learned | dedicated (one other feature dropped)
    [0.9, 0.7, 'perp-001'],
    [1.1, 0.7, 'perp-100'],
    [0.5, 1, 'perp-001'],
    [2, 1, 'perp-100'],
  ];
  it.each(cases)('r=%s d=%s → %s', (r, d, id) => {
    // Guard the table itself against typos: it must agree with the written-out map.
    const want = id === 'perp-001' ? 'not-represented' : id === 'perp-011' ? 'superposition' : 'dedicated';
    expect(mapPhase('phase-3-2', r, d)).toBe(want);
    expect(theoryPhase('phase-3-2', r, d).candidate.id).toBe(id);
  });

  it('2-1 and 3-2 differ only where 2-1 would drop the first feature but 3-2 superposes the other two', () => {
    // 2-1 at (30, 0.1) is dedicated via B (drop feature 1); 3-2 prefers perp-110 (pair 1 and 2).
    expect(theoryPhase('phase-2-1', 30, 0.1).candidate.id).toBe('B');
    expect(theoryPhase('phase-3-2', 30, 0.1).candidate.id).toBe('perp-110');
  });
});

describe('boundaryCurves', () => {
  const box = { rMin: 0.1, rMax: 10, dMin: 0.01, dMax: 1 };
  const inBox = (p: { r: number; density: number }) =>
    p.r >= box.rMin && p.r <= box.rMax && p.density >= box.dMin && p.density <= box.dMax;

  it('2-1: A|C and C|B on their formulas for d < 4/7, meeting r = 1 at the triple point', () => {
    const curves = boundaryCurves('phase-2-1', box);
    expect(curves.map((c) => c.id)).toEqual(['A|C', 'C|B', 'A|B']);
    const [ac, cb, ab] = curves;
    for (const c of curves) {
      expect(c.points.length).toBeGreaterThanOrEqual(64);
      expect(c.points.every(inBox)).toBe(true);
      // log-spaced in density, increasing
      const ratios = c.points.slice(1).map((p, i) => p.density / c.points[i].density);
      for (const q of ratios) expect(q).toBeCloseTo(ratios[0], 9);
      expect(ratios[0]).toBeGreaterThan(1);
    }
    for (const p of ac.points) {
      expect(p.r).toBeCloseTo(boundaryNotLearned(p.density), 9);
      expect(p.density).toBeLessThanOrEqual(4 / 7);
    }
    for (const p of cb.points) {
      expect(p.r).toBeCloseTo(boundaryDedicated(p.density), 9);
      expect(p.density).toBeLessThanOrEqual(4 / 7);
    }
    for (const p of ab.points) expect(p.r).toBe(1);
    // A|C enters at r = rMin (d = 0.16) and ends at the triple point; C|B runs from r = rMax.
    expect(ac.points[0].density).toBeCloseTo(0.16, 12);
    expect(ac.points.at(-1)!.density).toBeCloseTo(4 / 7, 12);
    expect(ac.points.at(-1)!.r).toBeCloseTo(1, 9);
    expect(cb.points[0].density).toBeCloseTo(0.16, 12);
    expect(cb.points[0].r).toBeCloseTo(10, 9);
    expect(cb.points.at(-1)!.r).toBeCloseTo(1, 9);
    expect(ab.points[0].density).toBeCloseTo(4 / 7, 12);
    expect(ab.points.at(-1)!.density).toBe(1);
  });

  it('3-2: the not-learned curve and the whole r = 1 line, split at d = 4/7', () => {
    const curves = boundaryCurves('phase-3-2', box);
    expect(curves.map((c) => c.id)).toEqual(['perp-001|perp-011', 'perp-011|perp-110', 'perp-001|perp-100']);
    for (const c of curves) {
      expect(c.points.length).toBeGreaterThanOrEqual(64);
      expect(c.points.every(inBox)).toBe(true);
    }
    const [nl, lower, upper] = curves;
    for (const p of nl.points) expect(p.r).toBeCloseTo(boundaryNotLearned(p.density), 9);
    expect(lower.points.every((p) => p.r === 1)).toBe(true);
    expect(upper.points.every((p) => p.r === 1)).toBe(true);
    expect(lower.points[0].density).toBe(box.dMin);
    expect(lower.points.at(-1)!.density).toBeCloseTo(4 / 7, 12);
    expect(upper.points[0].density).toBeCloseTo(4 / 7, 12);
    expect(upper.points.at(-1)!.density).toBe(box.dMax);
  });

  it('leaves out curves that miss the box and clips the rest to it', () => {
    // Only sparse and r > 1: just the C|B curve for 2-1 (r = 1 is on the edge only).
    const sparse = { rMin: 2, rMax: 50, dMin: 0.01, dMax: 0.3 };
    expect(boundaryCurves('phase-2-1', sparse).map((c) => c.id)).toEqual(['C|B']);
    const cb = boundaryCurves('phase-2-1', sparse)[0];
    expect(cb.points[0].r).toBeCloseTo(50, 9);
    expect(cb.points[0].density).toBeCloseTo(4 / 105, 12); // d = 4/(2r + 5) at r = rMax
    // The curve would reach r = 2 at d = 4/9, but the box stops at d = 0.3.
    expect(cb.points.at(-1)!.density).toBe(0.3);
    expect(cb.points.at(-1)!.r).toBeCloseTo(2.5 / 0.6, 9);
    expect(cb.points.every((p) => p.r >= 2 && p.r <= 50)).toBe(true);
  });

  it('rejects an empty or non-positive box', () => {
    expect(() => boundaryCurves('phase-2-1', { rMin: 0, rMax: 1, dMin: 0.1, dMax: 1 })).toThrow(RangeError);
    expect(() => boundaryCurves('phase-2-1', { rMin: 1, rMax: 1, dMin: 0.1, dMax: 1 })).toThrow(RangeError);
    expect(() => boundaryCurves('phase-3-2', { rMin: 0.1, rMax: 10, dMin: 0.5, dMax: 0.2 })).toThrow(RangeError);
  });
});

describe('Monte-Carlo: the closed forms are the hand-built models’ real expected losses', () => {
  /**
   * Estimate the paper's per-sample loss E[Σ_i I_i (x_i − x'_i)²] of (W, b) with the repo's own
   * ReLU forward pass and loss on data from the repo's seeded generator.
   *
   * Normalisation: importanceWeightedMse is the notebook's, a mean over the rows AND the n
   * features, so the paper's per-sample loss is n × importanceWeightedMse (checked directly in
   * the next test). The standard error comes from batch means: CHUNKS independent chunks of
   * ROWS samples each.
   *
   * The dropped feature's bias d/2 reproduces its closed form exactly, ReLU and all: with
   * W_i = 0 its pre-activation is b_i = d/2 > 0 whatever the input, so the output is always the
   * constant d/2 (on or off) and the expected error is E[(x − d/2)²] = Var(x) = d/3 − d²/4.
   */
  // 10^6 samples per estimate (~60 ms): the antipodal pair only errs when both features are on
  // (probability d²), so at d = 0.05 200k samples see only ~500 such events and the standard
  // error would be ~7% of the loss; 10^6 brings it to ~3%.
  const CHUNKS = 100;
  const ROWS = 10_000;
  function estimate(c: Candidate, importance: Float32Array, m: number, density: number, seed: number) {
    const n = importance.length;
    const dens = constantVector(n, density);
    const rng = new Rng(seed);
    const X = new Float32Array(ROWS * n);
    const means: number[] = [];
    for (let k = 0; k < CHUNKS; k++) {
      fillSparseUniform(X, 0, ROWS, dens, rng);
      means.push(n * importanceWeightedMse(c.W, c.b, X, ROWS, importance, m, 'relu'));
    }
    const mean = means.reduce((a, v) => a + v, 0) / CHUNKS;
    const sd = Math.sqrt(means.reduce((a, v) => a + (v - mean) ** 2, 0) / (CHUNKS - 1));
    return { mean, se: sd / Math.sqrt(CHUNKS) };
  }

  it('n × importanceWeightedMse is the paper per-sample loss Σ_i I_i (x_i − x′_i)²', () => {
    const { W, b } = candidates('phase-3-2', 3, 0.4)[2];
    const importance = experimentImportance('phase-3-2', 3);
    const rows = 500;
    const X = sparseBatch(rows, constantVector(3, 0.4), new Rng(7));
    let paper = 0;
    for (let r = 0; r < rows; r++) {
      const x = X.subarray(r * 3, r * 3 + 3);
      const y = forward(W, b, x, 3, 2, 'relu');
      for (let i = 0; i < 3; i++) paper += importance[i] * (x[i] - y[i]) ** 2;
    }
    paper /= rows;
    expect(paper).toBeGreaterThan(0);
    expect(3 * importanceWeightedMse(W, b, X, rows, importance, 2, 'relu')).toBeCloseTo(paper, 12);
  });

  // (r, d): sparse, middling and dense; r values exact in float32 so importances match exactly.
  const points: [number, number][] = [
    [0.25, 0.05],
    [4, 0.3],
    [0.5, 0.8],
  ];
  const rows: [PhaseExperiment, number, number, string][] = [];
  for (const e of ['phase-2-1', 'phase-3-2'] as const) {
    for (const [r, d] of points) for (const c of candidates(e, r, d)) rows.push([e, r, d, c.id]);
  }

  it.each(rows)('%s r=%s d=%s candidate %s: estimate within 4 standard errors of the closed form', (e, r, d, id) => {
    const c = candidates(e, r, d).find((x) => x.id === id)!;
    const { m } = experimentShape(e);
    const seed = deriveSeed(2022, e === 'phase-2-1' ? 21 : 32, Math.round(r * 100), Math.round(d * 100));
    const { mean, se } = estimate(c, experimentImportance(e, r), m, d, seed);
    expect(se).toBeGreaterThan(0);
    expect(se / c.loss).toBeLessThan(0.04); // the estimate is precise enough to mean something
    expect(Math.abs(mean - c.loss)).toBeLessThan(4 * se);
  });

  it('negative control: a dropped feature with bias 0 instead of its mean d/2 misses the closed form', () => {
    // With b = 0 the dropped feature costs I·E[x²] = I·d/3, not I·Var(x) — d²/4 more.
    const d = 0.3;
    const c = candidates('phase-2-1', 4, d)[0]; // A: feature 2 (importance 4) dropped
    const zeroBias = { ...c, b: new Float32Array(2) };
    const { mean, se } = estimate(zeroBias, experimentImportance('phase-2-1', 4), 1, d, 99);
    expect(Math.abs(mean - c.loss)).toBeGreaterThan(4 * se);
    expect(Math.abs(mean - (4 * d) / 3)).toBeLessThan(4 * se);
  });
});
