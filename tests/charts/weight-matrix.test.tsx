/** WeightMatrixChart: W as a neurons × features matrix on a diverging scale symmetric about 0; valid XML, no NaN. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WeightMatrixChart, maxAbsWeight } from '../../src/charts/WeightMatrixChart';
import { divergingColor } from '../../src/charts/theme';
import { parse } from './svg';

const cellsOf = (markup: string) => {
  const { doc, errors } = parse(markup);
  expect(errors).toEqual([]);
  return Array.from(doc.getElementsByTagName('rect')).filter((r) => r.getAttribute('data-cell') !== null);
};

describe('WeightMatrixChart', () => {
  it('draws n·m cells, one row per neuron and one column per feature, each with its value as a tooltip', () => {
    const n = 10;
    const m = 5;
    const W = Float32Array.from({ length: n * m }, (_, k) => Math.sin(k * 0.7) * 1.3);
    const svg = renderToStaticMarkup(<WeightMatrixChart W={W} n={n} m={m} title="test matrix" />);
    const cells = cellsOf(svg);
    expect(cells).toHaveLength(n * m);
    // cell "k,i" holds W[i·m + k]: neurons are rows (same y), features columns (same x)
    const at = (k: number, i: number) => cells.find((c) => c.getAttribute('data-cell') === `${k},${i}`)!;
    expect(at(2, 0).getAttribute('y')).toBe(at(2, 9).getAttribute('y'));
    expect(at(0, 3).getAttribute('x')).toBe(at(4, 3).getAttribute('x'));
    expect(Number(at(0, 1).getAttribute('x'))).toBeGreaterThan(Number(at(0, 0).getAttribute('x')));
    expect(Number(at(1, 0).getAttribute('y'))).toBeGreaterThan(Number(at(0, 0).getAttribute('y')));
    expect(at(3, 7).getElementsByTagName('title')[0].textContent).toMatch(/^neuron 3, feature 7: W = /);
    expect(svg).toContain('feature i');
    expect(svg).toContain('neuron k');
    expect(svg).toContain('data-chart="weight-matrix"');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('colours +v and −v symmetrically about 0 (white at 0), on a scale of ±max|W|', () => {
    const W = new Float32Array([0.5, -0.5, 1, -1, 0, 0.25]); // n = 3, m = 2
    const cells = cellsOf(renderToStaticMarkup(<WeightMatrixChart W={W} n={3} m={2} />));
    const fill = (k: number, i: number) =>
      cells.find((c) => c.getAttribute('data-cell') === `${k},${i}`)!.getAttribute('fill');
    expect(maxAbsWeight(W)).toBe(1);
    expect(fill(0, 0)).toBe(divergingColor(0.5));
    expect(fill(1, 0)).toBe(divergingColor(-0.5));
    expect(fill(0, 0)).not.toBe(fill(1, 0));
    expect(fill(0, 1)).toBe(divergingColor(1));
    expect(fill(1, 1)).toBe(divergingColor(-1));
    expect(fill(0, 2)).toBe(divergingColor(0));
    // the palette's two halves mirror each other: equal distance from white for ±v
    const rgb = (c: string) => (c.match(/\d+/g) ?? []).map(Number);
    const white = rgb(divergingColor(0));
    const dist = (c: string) => Math.hypot(...rgb(c).map((v, k) => v - white[k]));
    expect(Math.abs(dist(fill(0, 0)!) - dist(fill(1, 0)!))).toBeLessThan(40);
    // a shared scale: with maxAbs = 2, ±1 sit halfway
    const shared = cellsOf(renderToStaticMarkup(<WeightMatrixChart W={W} n={3} m={2} maxAbs={2} />));
    expect(shared.find((c) => c.getAttribute('data-cell') === '0,1')!.getAttribute('fill')).toBe(divergingColor(0.5));
  });

  it('orders rows as asked and stays valid with NaN, Infinity, all-zero and empty weights', () => {
    const W = new Float32Array([1, 2, 3, 4, 5, 6]); // n = 2, m = 3
    const svg = renderToStaticMarkup(<WeightMatrixChart W={W} n={2} m={3} rowOrder={[2, 0, 1]} />);
    const cells = cellsOf(svg);
    const y = (k: number) => Number(cells.find((c) => c.getAttribute('data-cell') === `${k},0`)!.getAttribute('y'));
    expect(y(2)).toBeLessThan(y(0));
    expect(y(0)).toBeLessThan(y(1));
    for (const markup of [
      renderToStaticMarkup(<WeightMatrixChart W={[NaN, Infinity, -Infinity, 0.5]} n={2} m={2} maxAbs={NaN} />),
      renderToStaticMarkup(<WeightMatrixChart W={new Float32Array(6)} n={3} m={2} />),
      renderToStaticMarkup(<WeightMatrixChart W={[]} n={0} m={0} />),
      renderToStaticMarkup(<WeightMatrixChart W={W} n={2} m={3} rowOrder={[0, 0, 1]} />),
    ]) {
      expect(parse(markup).errors).toEqual([]);
      expect(markup).not.toMatch(/NaN|Infinity/);
    }
  });
});
