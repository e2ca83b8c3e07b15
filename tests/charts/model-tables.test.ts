/**
 * The model charts' tables (src/charts/model-tables.ts): from a known small W, the rows hold its
 * Gram matrix, norms, vectors and graph; the phase diagram, sweep and pentagon tables hold their cells.
 */
import { describe, expect, it } from 'vitest';
import {
  dimensionalityTable,
  dimsPerFeatureTable,
  featureNormsTable,
  geometryGraphTable,
  gramTable,
  neuronStackTable,
  pentagonLossTable,
  pentagonStripTable,
  phaseDiagramTable,
  polytopeTable,
  vectorsTable,
  weightMatrixTable,
} from '../../src/charts/model-tables';
import { FACTOR_NAMES, type FactorName } from '../../src/model/geometry';
import { instanceMetrics } from '../../src/model/metrics';

// n = 3, m = 2: feature 0 along x, feature 1 its antipode at half length, feature 2 along y.
const W = Float32Array.from([1, 0, -0.5, 0, 0, 2]);
const metrics = instanceMetrics(W, 3, 2);

describe('WᵀW and the bias', () => {
  it('a small model: every entry W_i·W_j with its row, then b_i', () => {
    const t = gramTable({ gram: metrics.gram, bias: [0.1, -0.2, 0], n: 3 });
    expect(t?.columns).toEqual(['feature i', 'Wᵢ·W0', 'Wᵢ·W1', 'Wᵢ·W2', 'bias bᵢ']);
    expect(t?.rows).toEqual([
      [0, 1, -0.5, 0, 0.1],
      [1, -0.5, 0.25, 0, -0.2],
      [2, 0, 0, 4, 0],
    ]);
  });

  it('a big model: per feature its diagonal, largest interference and bias', () => {
    const n = 25;
    const big = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) big[2 * i] = i === 3 ? -2 : 1; // all on one axis
    const t = gramTable({ gram: instanceMetrics(big, n, 2).gram, bias: new Float32Array(n), n });
    expect(t?.columns).toEqual(['feature i', '‖Wᵢ‖² (diagonal)', 'largest |Wᵢ·Wⱼ|, j ≠ i', 'at j', 'bias bᵢ']);
    expect(t?.rows.length).toBe(n);
    expect(t?.rows[0]).toEqual([0, 1, 2, 3, 0]);
    expect(t?.rows[3]).toEqual([3, 4, 2, 0, 0]);
  });

  it('null when there is no matrix yet', () => {
    expect(gramTable({ gram: [], bias: [], n: 3 })).toBeNull();
  });
});

describe('feature norms', () => {
  it('‖W_i‖ and superposition per feature, and the pinned norms when given', () => {
    const t = featureNormsTable({ norms: metrics.norms, superposition: metrics.superposition, n: 3, ghost: [1, 1] });
    expect(t?.columns).toEqual(['feature i', '‖Wᵢ‖', 'superposition Σⱼ≠ᵢ(Ŵᵢ·Wⱼ)²', 'pinned ‖Wᵢ‖']);
    // (Ŵ0·W1)² = 0.25 for feature 0; (Ŵ1·W0)² = 1 for feature 1; feature 2 is orthogonal to both.
    expect(t?.rows.map((r) => r.map((v) => (typeof v === 'number' ? Number(v.toFixed(6)) : v)))).toEqual([
      [0, 1, 0.25, 1],
      [1, 0.5, 1, 1],
      [2, 2, 0, '—'],
    ]);
  });
});

describe('feature vectors and weight matrices', () => {
  it('each feature’s coordinates, length and extra columns', () => {
    const t = vectorsTable(W, 3, 2, { extra: [{ name: 'importance', values: [1, 0.9, 0.81] }] });
    expect(t?.columns).toEqual(['feature i', 'Wᵢ,0', 'Wᵢ,1', '‖Wᵢ‖', 'importance']);
    expect(t?.rows).toEqual([
      [0, 1, 0, 1, 1],
      [1, -0.5, 0, 0.5, 0.9],
      [2, 0, 2, 2, 0.81],
    ]);
    expect(vectorsTable(W, 3, 2, { labels: ['a', 'b', 'c'] })?.rows[2][0]).toBe('c');
  });

  it('W as neurons × features, rows in the drawn order', () => {
    expect(weightMatrixTable({ W, n: 3, m: 2, rowOrder: [1, 0] })).toEqual({
      columns: ['neuron k', 'W0,k', 'W1,k', 'W2,k'],
      rows: [
        [1, 0, 0, 2],
        [0, 1, -0.5, 0],
      ],
    });
  });

  it('neuron stacks: a row per (neuron, feature) segment', () => {
    const t = neuronStackTable({
      columns: [
        { neuron: 2, status: 'monosemantic', segments: [{ feature: 0, weight: 0.9, y0: 0, y1: 0.9 }] },
        { neuron: 0, status: 'dead', segments: [] },
      ],
    });
    expect(t?.rows).toEqual([
      [2, 'monosemantic', 0, 0.9],
      [0, 'dead', '—', '—'],
    ]);
  });
});

describe('phase diagram', () => {
  it('every cell’s r, density and phase, with the theory and whether they agree', () => {
    const t = phaseDiagramTable({
      rValues: [0.5, 2],
      densityValues: [1, 0.1],
      phases: ['dedicated', null, 'superposition', 'not-represented'],
      reference: ['dedicated', 'dedicated', 'not-represented', 'not-represented'],
    });
    expect(t?.columns).toEqual(['cell', 'r', 'density 1 − S', 'phase', 'theory', 'agrees']);
    expect(t?.rows).toEqual([
      [0, 0.5, 1, 'dedicated dimension', 'dedicated dimension', 'yes'],
      [1, 2, 1, 'not trained yet', 'dedicated dimension', '—'],
      [2, 0.5, 0.1, 'superposition', 'not represented', 'no'],
      [3, 2, 0.1, 'not represented', 'not represented', 'yes'],
    ]);
  });
});

describe('the geometry sweep', () => {
  it('dimensions per feature and every feature’s dimensionality, per model', () => {
    expect(dimsPerFeatureTable({ points: [{ invDensity: 2, dimensionsPerFeature: 0.5 }] })?.rows).toEqual([
      [0, 2, 0.5],
    ]);
    const t = dimensionalityTable({
      models: [
        { invDensity: 1, dimensionalities: [1, 0] },
        { invDensity: 5, dimensionalities: [0.4] },
      ],
    });
    expect(t?.rows).toEqual([
      [0, 1, 0, 1],
      [0, 1, 1, 0],
      [1, 5, 0, 0.4],
    ]);
  });

  it('the geometry graph: edges between learned features and the isolated ones', () => {
    // features 0 and 1 overlap (|W0·W1| = 0.5 > 0.1 but ‖W1‖ = 0.5 is not > 0.5: not a node), 2 is alone
    const t = geometryGraphTable({ W, n: 3, m: 2 });
    expect(t?.rows).toEqual([
      [0, 'none (isolated)', '—'],
      [2, 'none (isolated)', '—'],
    ]);
    expect(geometryGraphTable({ W: new Float32Array(6), n: 3, m: 2 })?.rows).toEqual([
      ['none learned (every ‖Wᵢ‖ ≤ 0.5)', '—', '—'],
    ]);
    const pair = Float32Array.from([1, 0, -1, 0, 0, 1]);
    expect(geometryGraphTable({ W: pair, n: 3, m: 2 })?.rows).toEqual([
      [0, 1, 1],
      [2, 'none (isolated)', '—'],
    ]);
  });

  it('the polytope gallery: every polytope’s count and features', () => {
    const counts = Object.fromEntries(FACTOR_NAMES.map((f) => [f, f === 'digon' ? 2 : 0])) as Record<
      FactorName,
      number
    >;
    const t = polytopeTable({ counts, features: { digon: [0, 1, 2, 3] } });
    expect(t.rows.length).toBe(FACTOR_NAMES.length);
    expect(t.rows.find((r) => r[0] === 'digon')).toEqual(['digon', 2, '0, 1, 2, 3']);
    expect(t.rows.find((r) => r[0] === 'pentagon')).toEqual(['pentagon', 0, '']);
  });
});

describe('perturbed pentagon', () => {
  it('each density’s solution as canonical vectors; untrained ones as one empty row', () => {
    // feature 0 along −x: canonicalised it points along +x
    const Wp = Float32Array.from([-1, 0, 0, 1, 0, -1, 1, 0, 0, 0]);
    const t = pentagonStripTable({
      relativeDensities: [0.5, 2],
      solutions: [Wp, null],
      types: ['digons', null],
      sources: ['random fit', null],
    });
    expect(t?.rows.length).toBe(6);
    expect(t?.rows[0].slice(0, 6)).toEqual([0.5, 'two digons', 'random fit', 0, 1, 0]);
    expect(t?.rows[5]).toEqual([2, '—', '', '—', '—', '—', '—']);
    expect(pentagonStripTable({ relativeDensities: [1], solutions: [null] })).toBeNull();
  });

  it('both losses and the best fit per relative density', () => {
    const t = pentagonLossTable({
      relativeDensities: [0.5, 2],
      pentagon: [null, 0.02],
      digons: [0.03, null],
      fits: [{ loss: 0.031, type: 'digons' }, null],
    });
    expect(t?.rows).toEqual([
      [0.5, '—', 0.03, 0.031, 'two digons'],
      [2, 0.02, '—', '—', '—'],
    ]);
  });
});
