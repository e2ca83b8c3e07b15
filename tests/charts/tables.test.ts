/** The generic charts' tables (src/charts/tables.ts): the numbers each chart draws, from its own props. */
import { describe, expect, it } from 'vitest';
import { formatCell } from '../../src/charts/ChartFigure';
import {
  MAX_TABLE_ROWS,
  arrowsTable,
  barChartTable,
  cosineTable,
  dynamicsTable,
  histogramTable,
  lineChartTable,
  lossCurveTable,
  qqTable,
  stackedBarTable,
  thinIndices,
  vectorSumTable,
} from '../../src/charts/tables';

describe('thinning', () => {
  it('keeps short series whole and thins long ones evenly, first and last kept', () => {
    expect(thinIndices(4)).toEqual([0, 1, 2, 3]);
    expect(thinIndices(0)).toEqual([]);
    const t = thinIndices(1001, 5);
    expect(t).toEqual([0, 250, 500, 750, 1000]);
    const big = thinIndices(100_000);
    expect(big.length).toBe(MAX_TABLE_ROWS);
    expect(big[0]).toBe(0);
    expect(big.at(-1)).toBe(99_999);
    expect(big.every((v, i) => i === 0 || v > big[i - 1])).toBe(true);
  });
});

describe('cells', () => {
  it('integers whole, others to 4 significant digits, NaN as a dash', () => {
    expect(formatCell(3)).toBe('3');
    expect(formatCell(0.123456)).toBe('0.1235');
    expect(formatCell(12345.678)).toBe('12350');
    expect(formatCell(NaN)).toBe('—');
    expect(formatCell(Infinity)).toBe('Infinity');
  });
});

describe('loss curve', () => {
  it('step and loss per point, at most 200 rows; null before anything is drawn', () => {
    expect(lossCurveTable({ steps: [], losses: [] })).toBeNull();
    expect(lossCurveTable({ steps: [0, 100, 200], losses: [0.5, 0.25, 0.125] })).toEqual({
      columns: ['step', 'loss'],
      rows: [
        [0, 0.5],
        [100, 0.25],
        [200, 0.125],
      ],
    });
    const steps = Array.from({ length: 1000 }, (_, i) => i * 10);
    const t = lossCurveTable({ steps, losses: steps.map((s) => 1 / (1 + s)) })!;
    expect(t.rows.length).toBe(200);
    expect(t.rows[0]).toEqual([0, 1]);
    expect(t.rows.at(-1)).toEqual([9990, 1 / 9991]);
  });
});

describe('line chart', () => {
  const points = (ys: number[]) => ys.map((y, i) => ({ x: i + 1, y }));
  it('a column per series when they share x; else one row per point with its series and label', () => {
    const wide = lineChartTable({
      series: [
        { name: 'a', points: points([1, 2]), color: 'red' },
        { name: 'b', points: points([3, 4]), color: 'blue' },
      ],
      xLabel: 'k/m',
      yLabel: 'p',
    });
    expect(wide).toEqual({
      columns: ['k/m', 'a', 'b'],
      rows: [
        [1, 1, 3],
        [2, 2, 4],
      ],
    });
    const long = lineChartTable({
      series: [
        { name: 'a', points: [{ x: 0.1, y: 1, label: 'λ=0' }], color: 'red' },
        { name: 'b', points: points([5, 6]), color: 'blue' },
        { name: 'empty', points: [], color: 'grey' },
      ],
      xLabel: 'x',
      yLabel: 'y',
    });
    expect(long?.columns).toEqual(['series', 'x', 'y', 'point']);
    expect(long?.rows).toEqual([
      ['a', 0.1, 1, 'λ=0'],
      ['b', 1, 5, ''],
      ['b', 2, 6, ''],
    ]);
    expect(lineChartTable({ series: [], xLabel: 'x', yLabel: 'y' })).toBeNull();
  });
});

describe('bars', () => {
  it('a row per category, a column per series', () => {
    expect(
      barChartTable({
        categories: ['0', '1'],
        series: [
          { name: 'input', values: [0.5, 0], color: 'grey' },
          { name: 'output', values: [0.4, 0.1], color: 'blue' },
        ],
        xLabel: 'feature i',
      }),
    ).toEqual({
      columns: ['feature i', 'input', 'output'],
      rows: [
        ['0', 0.5, 0.4],
        ['1', 0, 0.1],
      ],
    });
  });

  it('stacked: each segment and the total', () => {
    const t = stackedBarTable({
      categories: ['h0', 'h1'],
      segments: [
        { name: 'x0·W0', values: [0.5, -0.25], color: 'a' },
        { name: 'x1·W1', values: [0.25, 0.5], color: 'b' },
      ],
      xLabel: 'hidden dimension',
    });
    expect(t?.columns).toEqual(['hidden dimension', 'x0·W0', 'x1·W1', 'total']);
    expect(t?.rows).toEqual([
      ['h0', 0.5, 0.25, 0.75],
      ['h1', -0.25, 0.5, 0.25],
    ]);
  });
});

describe('distributions', () => {
  it('histogram: each bin with its edges, height and the fitted curve', () => {
    const t = histogramTable({ edges: [-1, 0, 1], density: [0.25, 0.75], curve: [0.3, 0.7], xLabel: 'h' });
    expect(t).toEqual({
      columns: ['h from', 'to', 'samples', 'fitted normal'],
      rows: [
        [-1, 0, 0.25, 0.3],
        [0, 1, 0.75, 0.7],
      ],
    });
    expect(histogramTable({ edges: [0], density: [], xLabel: 'h' })).toBeNull();
  });

  it('Q–Q: quantile pairs, thinned', () => {
    const theoretical = Array.from({ length: 5000 }, (_, i) => i / 1000);
    const t = qqTable({ theoretical, sample: theoretical.map((v) => 2 * v) })!;
    expect(t.columns).toEqual(['normal quantile', 'sample quantile (standardised)']);
    expect(t.rows.length).toBe(200);
    expect(t.rows.every(([a, b]) => b === 2 * (a as number))).toBe(true);
  });
});

describe('|cos| matrix', () => {
  it('small: |cos| for every row and column, in the drawn column order', () => {
    const t = cosineTable({
      values: [0.5, -1, 0, 0.25],
      rows: 2,
      cols: 2,
      colOrder: [1, 0],
      rowLabels: ['f0', 'f1'],
      colLabels: ['a', 'b'],
    });
    expect(t).toEqual({
      columns: ['features \\ atoms', '|cos| b', '|cos| a'],
      rows: [
        ['f0', 1, 0.5],
        ['f1', 0.25, 0],
      ],
    });
  });

  it('wide: each row’s closest column and how many pass the threshold', () => {
    const cols = 30;
    const values = Array.from({ length: 2 * cols }, (_, q) => (q === 7 ? -0.95 : q === cols + 3 ? 0.5 : 0.1));
    const t = cosineTable({ values, rows: 2, cols, threshold: 0.9, rowTitle: 'features', colTitle: 'latents' });
    expect(t?.columns).toEqual(['features', 'closest of the latents', '|cos|', 'latents at |cos| ≥ 0.9']);
    expect(t?.rows).toEqual([
      ['0', '7', 0.95, 1],
      ['1', '3', 0.5, 0],
    ]);
  });
});

describe('vectors in the plane', () => {
  it('arrows: each vector of each set, with its length', () => {
    const t = arrowsTable({
      sets: [
        { name: 'features', vectors: [3, 4, 0, 1], color: 'a', labels: ['0', '1'] },
        { name: 'atoms', vectors: [1, 0], color: 'b' },
      ],
    });
    expect(t?.rows).toEqual([
      ['features', '0', 3, 4, 5],
      ['features', '1', 0, 1, 1],
      ['atoms', '0', 1, 0, 1],
    ]);
  });

  it('a sum tip to tail: the terms and their sum', () => {
    const t = vectorSumTable({
      terms: [
        { label: 'x0·W0', vector: [1, 0], color: 'a' },
        { label: 'x2·W2', vector: [0.5, 0.5], color: 'b' },
      ],
      sumLabel: 'h',
    });
    expect(t?.rows).toEqual([
      ['x0·W0', 1, 0],
      ['x2·W2', 0.5, 0.5],
      ['h', 1.5, 0.5],
    ]);
  });
});

describe('learning dynamics', () => {
  it('each recorded step’s loss and every D_i', () => {
    const t = dynamicsTable({
      steps: [0, 100],
      dimensionalities: [
        [0.1, 0.2],
        [0.5, 1],
      ],
      losses: [0.3, 0.1],
      n: 2,
    });
    expect(t).toEqual({
      columns: ['step', 'loss', 'D0', 'D1'],
      rows: [
        [0, 0.3, 0.1, 0.2],
        [100, 0.1, 0.5, 1],
      ],
    });
  });
});
