/** The geometry sweep's charts: dimensions per feature against 1/(1 − S), and every feature's D_i (the scatter). */
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { logTicks } from '../../src/charts/axes';
import { DimensionalityScatter, jitter, spreadLabels } from '../../src/charts/DimensionalityScatter';
import { DimsPerFeatureChart, STICKY_LEVELS } from '../../src/charts/DimsPerFeatureChart';
import { DIMENSIONALITY_LEVELS } from '../../src/model/geometry';
import { sweepDensities } from '../../src/model/uniform-sweep';
import { badAttributes, findAll, num, parse, titleOf, withAttr } from './svg';

/** A sweep like the trained default: dense → 1, a ½ plateau, then falling. */
const INV = Array.from(sweepDensities({ sparsities: 12, maxInvDensity: 20 }), (d) => 1 / d);
const DPF = [1.01, 0.98, 0.78, 0.58, 0.556, 0.49, 0.49, 0.31, 0.29, 0.24, 0.22, 0.196];

describe('DimsPerFeatureChart', () => {
  const points = INV.map((invDensity, j) => ({ invDensity, dimensionsPerFeature: DPF[j] }));

  it('draws one point per model on a log x axis, with the sticky levels 1 and ½ as labelled dashed lines', () => {
    const svg = renderToStaticMarkup(<DimsPerFeatureChart points={points} xDomain={[1, 20]} />);
    expect(parse(svg).errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
    const dots = withAttr(svg, 'circle', 'data-model');
    expect(dots).toHaveLength(12);
    // log-spaced 1/(1−S) → equally spaced in x, increasing
    const xs = dots.map((d) => num(d, 'cx'));
    const gaps = xs.slice(1).map((x, k) => x - xs[k]);
    for (const g of gaps) expect(g).toBeCloseTo(gaps[0], 1);
    expect(gaps[0]).toBeGreaterThan(10);
    // levels: one dashed line each, labelled, at the y of a point with that value
    const levels = withAttr(svg, 'g', 'data-level');
    expect(levels.map((g) => Number(g.getAttribute('data-level')))).toEqual(STICKY_LEVELS.map((l) => l.value));
    for (const g of levels) {
      const line = Array.from(g.getElementsByTagName('line'))[0];
      expect(line.getAttribute('stroke-dasharray')).toBeTruthy();
      expect(g.getElementsByTagName('text')[0].textContent).toMatch(/^(1|½): /);
    }
    const levelY = (v: number) =>
      num(levels.find((g) => Number(g.getAttribute('data-level')) === v)!.getElementsByTagName('line')[0], 'y1');
    expect(num(dots[5], 'cy')).toBeCloseTo(levelY(0.5) + (levelY(0.5) - levelY(1)) * 0.02, 1); // 0.49 sits just below ½
    expect(num(dots[11], 'cy')).toBeGreaterThan(levelY(0.5));
    expect(num(dots[0], 'cy')).toBeLessThan(levelY(0.5));
    // the line through the points and the tooltips
    expect(withAttr(svg, 'path', 'd').some((p) => p.getAttribute('data-layer') === 'line')).toBe(true);
    expect(titleOf(dots[3])).toMatch(/^model 3 \(1\/\(1−S\) = 2\.\d+\): m\/‖W‖²_F = 0\.58$/);
    // x ticks at 1, 2, 5, 10, 20 (a 1–20 axis has too few decades for decade-only ticks)
    expect(logTicks([1, 20], 3)).toEqual([1, 2, 5, 10, 20]);
    expect(logTicks([1, 1000], 3)).toEqual([1, 10, 100, 1000]);
  });

  it('highlights the selected model and clips untrained or W = 0 models at the top without NaN', () => {
    const odd = [
      ...points.slice(0, 3),
      { invDensity: 3, dimensionsPerFeature: Infinity },
      { invDensity: 4, dimensionsPerFeature: 40 },
      { invDensity: NaN, dimensionsPerFeature: 0.5 },
    ];
    const svg = renderToStaticMarkup(<DimsPerFeatureChart points={odd} selected={1} />);
    expect(parse(svg).errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
    expect(withAttr(svg, 'circle', 'data-model')).toHaveLength(3);
    const clipped = withAttr(svg, 'path', 'data-clipped');
    expect(clipped.map((p) => p.getAttribute('data-model'))).toEqual(['3', '4']);
    const sel = [...withAttr(svg, 'circle', 'data-selected'), ...withAttr(svg, 'path', 'data-selected')];
    expect(sel.map((e) => e.getAttribute('data-model'))).toEqual(['1']);
    expect(num(sel[0], 'r')).toBeGreaterThan(num(withAttr(svg, 'circle', 'data-model')[0], 'r'));
    // empty sweep (before the first step): axes and levels, no points
    const empty = renderToStaticMarkup(<DimsPerFeatureChart points={[]} xDomain={[1, 20]} />);
    expect(parse(empty).errors).toEqual([]);
    expect(badAttributes(empty)).toEqual([]);
    expect(withAttr(empty, 'g', 'data-level')).toHaveLength(2);
  });

  it('reports clicks and arrow keys as model indices', () => {
    const onSelect = vi.fn();
    const tree = DimsPerFeatureChart({ points, onSelect, selected: 4 }) as ReactElement<Record<string, unknown>>;
    const target = findAll(tree, (p) => p['data-model'] === 7)[0];
    (target.props.onClick as () => void)();
    expect(onSelect).toHaveBeenLastCalledWith(7);
    const key = (k: string) => (tree.props.onKeyDown as (e: unknown) => void)({ key: k, preventDefault() {} });
    key('ArrowRight');
    expect(onSelect).toHaveBeenLastCalledWith(5);
    key('ArrowLeft');
    expect(onSelect).toHaveBeenLastCalledWith(3);
    key('End');
    expect(onSelect).toHaveBeenLastCalledWith(11);
    expect(tree.props.tabIndex).toBe(0);
    const passive = DimsPerFeatureChart({ points }) as ReactElement<Record<string, unknown>>;
    expect(passive.props.tabIndex).toBeUndefined();
    expect(findAll(passive, (p) => typeof p.onClick === 'function')).toHaveLength(0);
  });
});

describe('DimensionalityScatter', () => {
  const n = 8;
  /** Model j: features cycling through the paper's levels, one not learned (0). */
  const models = INV.slice(0, 5).map((invDensity, j) => ({
    invDensity,
    dimensionalities: Float64Array.from({ length: n }, (_, i) =>
      i === n - 1 ? 0 : DIMENSIONALITY_LEVELS[(i + j) % DIMENSIONALITY_LEVELS.length].value,
    ),
  }));

  it('draws every feature of every model, translucent and jittered around its model, with the six labelled reference lines', () => {
    const svg = renderToStaticMarkup(<DimensionalityScatter models={models} xDomain={[1, 20]} />);
    expect(parse(svg).errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
    const groups = withAttr(svg, 'g', 'data-model');
    expect(groups).toHaveLength(5);
    const dots = withAttr(svg, 'circle', 'data-feature');
    expect(dots).toHaveLength(5 * n);
    for (const d of dots) expect(num(d, 'fill-opacity')).toBeLessThan(1);
    // reference lines: the six levels, dashed, labelled with their fraction and polytope
    const levels = withAttr(svg, 'g', 'data-level');
    expect(levels.map((g) => g.getAttribute('data-level'))).toEqual(['1', '3/4', '2/3', '1/2', '2/5', '3/8']);
    const labels = levels.map((g) => g.getElementsByTagName('text')[0].textContent);
    expect(labels).toEqual(['1 dedicated', '¾ tetrahedron', '⅔ triangle', '½ digon', '⅖ pentagon', '⅜ sq. antiprism']);
    for (const g of levels) expect(g.getElementsByTagName('line')[0].getAttribute('stroke-dasharray')).toBeTruthy();
    // labels never overlap even where the lines are 0.025 apart (⅖ and ⅜)
    const labelYs = levels.map((g) => num(g.getElementsByTagName('text')[0], 'y')).sort((a, b) => a - b);
    for (let k = 1; k < labelYs.length; k++) expect(labelYs[k] - labelYs[k - 1]).toBeGreaterThanOrEqual(10.9);
    // each model's points stay in a narrow column around its x; the columns do not overlap
    const lineY = (label: string) =>
      num(levels.find((g) => g.getAttribute('data-level') === label)!.getElementsByTagName('line')[0], 'y1');
    const cols = groups.map((g) => Array.from(g.getElementsByTagName('circle')).map((c) => num(c, 'cx')));
    for (let j = 0; j < cols.length; j++) {
      expect(Math.max(...cols[j]) - Math.min(...cols[j])).toBeLessThanOrEqual(14);
      if (j > 0) expect(Math.min(...cols[j])).toBeGreaterThan(Math.max(...cols[j - 1]));
      expect(new Set(cols[j]).size).toBeGreaterThan(1); // jittered
    }
    // a feature at D = ½ sits on the ½ line
    const half = groups[0].getElementsByTagName('circle')[3];
    expect(titleOf(half)).toBe(`model 0 (1/(1−S) = 1), feature 3: D = 0.5`);
    expect(num(half, 'cy')).toBeCloseTo(lineY('1/2'), 1);
    const notLearned = groups[2].getElementsByTagName('circle')[n - 1];
    expect(titleOf(notLearned)).toMatch(/^model 2 \(1\/\(1−S\) = 1\.7\d*\), feature 7: D = 0 \(not learned\)$/);
    // deterministic
    expect(renderToStaticMarkup(<DimensionalityScatter models={models} xDomain={[1, 20]} />)).toBe(svg);
  });

  it('skips non-finite values, highlights the selection and reports clicks as the model index', () => {
    const odd = [
      { invDensity: 2, dimensionalities: [0.5, NaN, Infinity, 1] },
      { invDensity: Infinity, dimensionalities: [1] },
      ...models.slice(2),
    ];
    const svg = renderToStaticMarkup(<DimensionalityScatter models={odd} selected={2} />);
    expect(parse(svg).errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
    expect(withAttr(svg, 'circle', 'data-feature')).toHaveLength(2 + 3 * n);
    expect(withAttr(svg, 'g', 'data-selected').map((g) => g.getAttribute('data-model'))).toEqual(['2']);
    expect(withAttr(svg, 'rect', 'data-layer').some((r) => r.getAttribute('data-layer') === 'selection')).toBe(true);

    const onSelect = vi.fn();
    const tree = DimensionalityScatter({ models, onSelect }) as ReactElement<Record<string, unknown>>;
    const group = findAll(tree, (p) => p['data-model'] === 3)[0];
    (group.props.onClick as () => void)();
    expect(onSelect).toHaveBeenCalledWith(3);
  });

  it('jitter is a fixed function of (model, feature) in [−½, ½) and labels spread apart', () => {
    const values = Array.from({ length: 2000 }, (_, k) => jitter(k % 40, Math.floor(k / 40)));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(-0.5);
    expect(Math.max(...values)).toBeLessThan(0.5);
    expect(Math.abs(values.reduce((a, b) => a + b, 0) / values.length)).toBeLessThan(0.05);
    expect(jitter(3, 7)).toBe(jitter(3, 7));
    expect(jitter(3, 7)).not.toBe(jitter(7, 3));
    expect(spreadLabels([10, 12, 50, 200], 10, 0, 205)).toEqual([10, 20, 50, 200]);
    const squeezed = spreadLabels([100, 101, 102], 10, 0, 105);
    expect(squeezed).toEqual([85, 95, 105]);
  });
});
