/** The at-a-glance announcement: one sentence naming how many features a model represents and their arrangement. */
import { describe, expect, it } from 'vitest';
import { arrangementSentence } from '../../../src/experiments/at-a-glance/announce';
import { glanceTables, lossSharesProps } from '../../../src/experiments/at-a-glance/tables';
import { instanceMetrics } from '../../../src/model/metrics';

/** Feature-major [n, 2] weights from (x, y) pairs. */
const W2 = (...v: [number, number][]) => Float32Array.from(v.flat());
const ring = (k: number, r = 1): [number, number][] =>
  Array.from({ length: k }, (_, i) => [r * Math.cos((2 * Math.PI * i) / k), r * Math.sin((2 * Math.PI * i) / k)]);

describe('the arrangement sentence', () => {
  it('names the polytope when every factor is one', () => {
    expect(arrangementSentence(W2(...ring(5)), 5, 2)).toBe('5 of 5 features represented: a pentagon.');
    expect(arrangementSentence(W2([1, 0], [-1, 0], [0, 1], [0, -1], [0, 0]), 5, 2)).toBe(
      '4 of 5 features represented: two digons.',
    );
    expect(arrangementSentence(W2(...ring(3), [0, 0], [0.1, 0]), 5, 2)).toBe(
      '3 of 5 features represented: a triangle.',
    );
    expect(arrangementSentence(W2([1, 0], [-1, 0], [0, 1], [0, 0.2], [0, 0]), 5, 2)).toBe(
      '3 of 5 features represented: a digon and 1 in a dimension of its own.',
    );
  });

  it('features in dimensions of their own, and none', () => {
    expect(arrangementSentence(W2([1, 0], [0, 1], [0, 0], [0, 0], [0, 0]), 5, 2)).toBe(
      '2 of 5 features represented, each in a dimension of its own.',
    );
    expect(arrangementSentence(W2([1, 0], [0, 0]), 2, 2)).toBe(
      '1 of 2 features represented, in a dimension of its own.',
    );
    expect(arrangementSentence(new Float32Array(10), 5, 2)).toBe('0 of 5 features represented.');
  });

  it('an arrangement with no name: how many are in superposition', () => {
    // W0 ⟂ W1, both overlapping W2: one factor of three that is not a triangle
    expect(arrangementSentence(W2([1, 0], [0, 1], [-0.7, -0.7], [0, 0], [0, 0]), 5, 2)).toBe(
      '3 of 5 features represented, 3 in superposition.',
    );
    // two features not yet quite orthogonal (|W0·W1| = 0.15): no polytope, but neither is in superposition
    expect(arrangementSentence(W2([1, 0], [0.15, 1], [0, 0], [0, 0], [0, 0]), 5, 2)).toBe(
      '2 of 5 features represented, each in a dimension of its own.',
    );
  });
});

describe('the panels’ tables', () => {
  const W = W2(...ring(5));
  const b = Float32Array.from([-0.1, -0.1, -0.1, -0.1, -0.1]);
  const view = { W, b, metrics: instanceMetrics(W, 5, 2), source: 'live' as const, step: 100 };
  const history = { step: [0, 100], loss: [[0.2, 0.1]] };
  const shares = Float64Array.from([0.01, 0.02, 0.03, 0.04, 0.05]);
  const sharesChart = lossSharesProps(shares, 5, { editing: false, hovered: null, pin: null, pinned: null });
  const inputs = { view, n: 5, m: 2, importance: [1, 0.9, 0.81, 0.73, 0.66], history, shown: 0, pinNorms: null };
  const tables = glanceTables({ ...inputs, shares: sharesChart });

  it('hold the shown model’s numbers', () => {
    const norms = tables['feature-norms']()!;
    expect(norms.rows.length).toBe(5);
    for (const row of norms.rows) expect(row[1]).toBeCloseTo(1, 6);
    const gram = tables['wtw-bias']()!;
    expect(gram.rows[0][1]).toBeCloseTo(1, 6); // ‖W0‖²
    expect(gram.rows[0][2]).toBeCloseTo(Math.cos((2 * Math.PI) / 5), 6); // W0·W1
    expect(gram.rows[0].at(-1)).toBeCloseTo(-0.1, 6);
    const geometry = tables['feature-geometry']()!;
    expect(geometry.columns).toEqual(['feature i', 'Wᵢ,0', 'Wᵢ,1', '‖Wᵢ‖', 'importance Iᵢ']);
    expect(geometry.rows[1][4]).toBe(0.9);
    expect(tables['loss-curve']()).toEqual({
      columns: ['step', 'loss'],
      rows: [
        [0, 0.2],
        [100, 0.1],
      ],
    });
    expect(tables['loss-shares']()?.rows[4]).toEqual(['4', 0.05]);
  });

  it('are null while nothing is drawn (and the plane needs m = 2)', () => {
    const none = glanceTables({ ...inputs, view: null, shares: null });
    expect(none['wtw-bias']()).toBeNull();
    expect(none['feature-norms']()).toBeNull();
    expect(none['loss-shares']()).toBeNull();
    expect(glanceTables({ ...inputs, m: 3, shares: null })['feature-geometry']()).toBeNull();
  });
});
