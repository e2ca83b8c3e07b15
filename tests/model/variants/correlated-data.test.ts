/**
 * Correlated / anticorrelated / signed data (the paper's "Correlated and Anticorrelated Features" and "Computation in
 * Superposition"), and the config validation of feature sets.
 */
import { describe, expect, it } from 'vitest';
import {
  PAPER_OPTIMIZER,
  constantVector,
  validateTrainConfig,
  type FeatureSet,
  type TrainConfig,
} from '../../../src/model/config';
import { sparseBatch } from '../../../src/model/data';
import { Rng } from '../../../src/model/rng';
import {
  consecutiveSets,
  marginalDensity,
  setIndexOfFeature,
  variantBatch,
  variantData,
} from '../../../src/model/variants/correlated-data';
import { verbose } from '../../helpers/log';

const ROWS = 100_000;

/** Features: 0–2 correlated (sparse gate), 3–4 correlated (dense gate), 5–6 anticorrelated (dense
 * gate 0.4), 7–9 anticorrelated (sparse gate 0.15), 10–11 independent. */
const SETS: FeatureSet[] = [
  { kind: 'correlated', features: [0, 1, 2] },
  { kind: 'correlated', features: [3, 4] },
  { kind: 'anticorrelated', features: [5, 6] },
  { kind: 'anticorrelated', features: [7, 8, 9] },
];
const DENSITY = Float32Array.from([0.1, 0.1, 0.1, 0.4, 0.4, 0.2, 0.2, 0.05, 0.05, 0.05, 0.3, 0.02]);
const N = DENSITY.length;

function stats(X: Float32Array, rows: number, n: number) {
  const on = new Float64Array(n);
  const sum = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < n; i++) {
      const v = X[r * n + i];
      if (v !== 0) {
        on[i]++;
        sum[i] += v;
      }
    }
  }
  return { density: Array.from(on, (c) => c / rows), mean: Array.from(sum, (s, i) => s / on[i]) };
}

describe('correlated and anticorrelated feature sets', () => {
  const X = variantBatch(ROWS, variantData(DENSITY, SETS), new Rng(42));

  it('a correlated set is always all on or all off; an anticorrelated set never has two members on', () => {
    let corrMixed = 0;
    let antiTwo = 0;
    let corrOn = 0;
    let antiOn = 0;
    for (let r = 0; r < ROWS; r++) {
      for (const s of SETS) {
        const on = s.features.filter((f) => X[r * N + f] !== 0).length;
        if (s.kind === 'correlated') {
          if (on !== 0 && on !== s.features.length) corrMixed++;
          if (on > 0) corrOn++;
        } else {
          if (on > 1) antiTwo++;
          if (on === 1) antiOn++;
        }
      }
    }
    verbose(
      `correlated rows on ${corrOn}, mixed ${corrMixed}; anticorrelated rows on ${antiOn}, with two members ${antiTwo}`,
    );
    expect(corrOn).toBeGreaterThan(10_000); // both kinds of set are exercised
    expect(antiOn).toBeGreaterThan(10_000);
    expect(corrMixed).toBe(0);
    expect(antiTwo).toBe(0);
  });

  it('every feature keeps its marginal density (±0.005 over 1e5 rows) and U[0, 1] values (mean 0.5 ± 0.01)', () => {
    const { density, mean } = stats(X, ROWS, N);
    const expected = marginalDensity(DENSITY, SETS);
    verbose(
      'marginal',
      density.map((d) => d.toFixed(4)).join(' '),
      'value means',
      mean.map((v) => v.toFixed(3)).join(' '),
    );
    for (let i = 0; i < N; i++) {
      expect(Math.abs(density[i] - expected[i])).toBeLessThan(0.005);
      expect(Math.abs(mean[i] - 0.5)).toBeLessThan(0.01);
    }
    expect(Array.from(expected)).toEqual(Array.from(DENSITY)); // k·p ≤ 1 everywhere: marginal = p
  });

  it('an anticorrelated set with k·p > 1 is always on, each member at 1/k (the documented cap)', () => {
    const sets: FeatureSet[] = [{ kind: 'anticorrelated', features: [0, 1] }];
    const density = Float32Array.from([0.8, 0.8, 0.5]);
    const Y = variantBatch(20_000, variantData(density, sets), new Rng(7));
    const { density: d } = stats(Y, 20_000, 3);
    let setOff = 0;
    for (let r = 0; r < 20_000; r++) if (Y[r * 3] === 0 && Y[r * 3 + 1] === 0) setOff++;
    verbose('capped marginals', d.map((v) => v.toFixed(4)).join(' '), 'rows with the set off', setOff);
    expect(Array.from(marginalDensity(density, sets))).toEqual([0.5, 0.5, 0.5]);
    expect(setOff).toBe(0);
    expect(Math.abs(d[0] - 0.5)).toBeLessThan(0.012);
    expect(Math.abs(d[2] - 0.5)).toBeLessThan(0.012);
  });

  it('is reproducible from the seed, and different seeds differ', () => {
    const data = variantData(DENSITY, SETS);
    const a = variantBatch(500, data, new Rng(9));
    const b = variantBatch(500, data, new Rng(9));
    const c = variantBatch(500, data, new Rng(10));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('without sets it is model/data.ts itself (same stream), so basic runs are unchanged', () => {
    const density = Float32Array.from([1, 0.5, 0.2, 0.01]);
    const a = variantBatch(2000, variantData(density), new Rng(3));
    const b = sparseBatch(2000, density, new Rng(3));
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('helpers: consecutive sets and the set index of each feature', () => {
    const sets = [...consecutiveSets('correlated', 2, 2), ...consecutiveSets('anticorrelated', 1, 2, 4)];
    expect(sets.map((s) => s.features)).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ]);
    expect(Array.from(setIndexOfFeature(7, sets))).toEqual([0, 0, 1, 1, 2, 2, -1]);
  });
});

describe('signed inputs for the absolute-value task', () => {
  it('non-zero values are uniform on [−1, 1]: mean 0, mean |x| 1/2, half negative; density unchanged', () => {
    const density = constantVector(4, 0.3);
    const X = variantBatch(ROWS, variantData(density, [], true), new Rng(5));
    let on = 0;
    let neg = 0;
    let sum = 0;
    let abs = 0;
    let min = Infinity;
    let max = -Infinity;
    for (const v of X) {
      if (v === 0) continue;
      on++;
      if (v < 0) neg++;
      sum += v;
      abs += Math.abs(v);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    const n = X.length;
    verbose(
      `signed: density ${(on / n).toFixed(4)}, mean ${(sum / on).toFixed(4)}, mean |x| ${(abs / on).toFixed(4)}, negative ${(neg / on).toFixed(4)}, range [${min.toFixed(4)}, ${max.toFixed(4)}]`,
    );
    expect(Math.abs(on / n - 0.3)).toBeLessThan(0.005);
    expect(Math.abs(sum / on)).toBeLessThan(0.01);
    expect(Math.abs(abs / on - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(neg / on - 0.5)).toBeLessThan(0.01);
    expect(min).toBeGreaterThanOrEqual(-1);
    expect(max).toBeLessThan(1);
    expect(min).toBeLessThan(-0.99);
    expect(max).toBeGreaterThan(0.99);
  });
});

describe('validateTrainConfig: variants', () => {
  const base = (over: Partial<TrainConfig> = {}, densities = [0.1, 0.1, 0.2, 0.2]): TrainConfig => ({
    n: 4,
    m: 2,
    kind: 'relu',
    batchSize: 64,
    optimizer: { ...PAPER_OPTIMIZER },
    instances: [{ seed: 1, density: Float32Array.from(densities), importance: constantVector(4, 1) }],
    ...over,
  });

  it('accepts the new kinds, untied, and well-formed sets', () => {
    for (const kind of ['relu-hidden', 'abs'] as const) expect(() => validateTrainConfig(base({ kind }))).not.toThrow();
    expect(() => validateTrainConfig(base({ kind: 'relu-hidden', untied: true }))).not.toThrow();
    expect(() => validateTrainConfig(base({ featureSets: consecutiveSets('correlated', 2, 2) }))).not.toThrow();
  });

  it('rejects bad kinds, a tied abs model, and malformed sets, naming the problem', () => {
    expect(() => validateTrainConfig(base({ kind: 'tanh' as never }))).toThrow(/kind must be one of/);
    expect(() => validateTrainConfig(base({ kind: 'abs', untied: false }))).toThrow(/always untied/);
    expect(() => validateTrainConfig(base({ featureSets: [{ kind: 'correlated', features: [0] }] }))).toThrow(
      /at least 2/,
    );
    expect(() => validateTrainConfig(base({ featureSets: [{ kind: 'correlated', features: [0, 4] }] }))).toThrow(
      /not in \[0, 4\)/,
    );
    expect(() =>
      validateTrainConfig(
        base({
          featureSets: [
            { kind: 'correlated', features: [0, 1] },
            { kind: 'anticorrelated', features: [1, 2] },
          ],
        }),
      ),
    ).toThrow(/more than one set/);
    expect(() => validateTrainConfig(base({ featureSets: [{ kind: 'correlated', features: [1, 2] }] }))).toThrow(
      /share one density/,
    );
    expect(() => validateTrainConfig(base({ featureSets: [{ kind: 'mixed' as never, features: [0, 1] }] }))).toThrow(
      /correlated or anticorrelated/,
    );
  });
});
