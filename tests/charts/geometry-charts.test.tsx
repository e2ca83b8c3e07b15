/** Geometry section charts: dimensions per feature, the D_i scatter, the feature geometry graph and the polytope gallery; plus the section's URL table. */
import { DOMParser } from '@xmldom/xmldom';
import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { DimensionalityScatter, jitter, spreadLabels } from '../../src/charts/DimensionalityScatter';
import { logTicks } from '../../src/charts/axes';
import { DimsPerFeatureChart, STICKY_LEVELS } from '../../src/charts/DimsPerFeatureChart';
import {
  GeometryGraphChart,
  MAX_DRAWN_EDGES,
  POLYTOPE_COLORS,
  PolytopeGallery,
  circleOrder,
  graphLayout,
} from '../../src/charts/GeometryGraphChart';
import {
  DIMENSIONALITY_LEVELS,
  FACTOR_NAMES,
  geometryAnalysis,
  polytopeCounts,
  type FactorName,
} from '../../src/model/geometry';
import { Rng } from '../../src/model/rng';
import { sweepDensities } from '../../src/model/uniform-sweep';
import { GEOMETRY_PARAMS, estimatedCpuSeconds, geometryTrainConfig } from '../../src/experiments/geometry/params';
import { PENTAGON_PARAMS } from '../../src/experiments/perturbed-pentagon/params';
import { defaults, parseParams } from '../../src/state/url-params';

function parse(markup: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => errors.push(`${level}: ${msg}`) }).parseFromString(
    markup,
    'image/svg+xml',
  );
  return { doc, errors };
}

function badAttributes(markup: string): string[] {
  return (markup.match(/="[^"]*"/g) ?? []).filter((a) => /NaN|Infinity/.test(a));
}

type El = ReturnType<ReturnType<typeof parse>['doc']['getElementsByTagName']>[number];
const elements = (markup: string, tag: string): El[] => Array.from(parse(markup).doc.getElementsByTagName(tag));
const withAttr = (markup: string, tag: string, attr: string) =>
  elements(markup, tag).filter((e) => e.getAttribute(attr) !== null);
const num = (e: El, a: string) => Number(e.getAttribute(a));
const titleOf = (e: El) => Array.from(e.childNodes).find((c) => c.nodeName === 'title')?.textContent ?? '';

/** Every element in a rendered tree (components without hooks can be called as functions). */
function findAll(
  node: ReactNode,
  pred: (props: Record<string, unknown>) => boolean,
  out: ReactElement<Record<string, unknown>>[] = [],
) {
  if (Array.isArray(node)) node.forEach((c) => findAll(c, pred, out));
  else if (isValidElement<Record<string, unknown>>(node)) {
    if (pred(node.props)) out.push(node);
    findAll(node.props.children as ReactNode, pred, out);
  }
  return out;
}

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

/**
 * Hand-built model, n = 12, m = 6: a pentagon in dims 0–1 (features 0–4), a digon in dim 2 (5, 6),
 * a triangle in dims 3–4 (7, 8, 9), a dedicated feature in dim 5 (10), feature 11 not learned.
 */
function polytopeModel(): Float32Array {
  const n = 12;
  const m = 6;
  const W = new Float32Array(n * m);
  for (let i = 0; i < 5; i++) {
    W[i * m] = Math.cos((2 * Math.PI * i) / 5);
    W[i * m + 1] = Math.sin((2 * Math.PI * i) / 5);
  }
  W[5 * m + 2] = 1;
  W[6 * m + 2] = -1;
  for (let t = 0; t < 3; t++) {
    W[(7 + t) * m + 3] = Math.cos((2 * Math.PI * t) / 3);
    W[(7 + t) * m + 4] = Math.sin((2 * Math.PI * t) / 3);
  }
  W[10 * m + 5] = 1;
  W[11 * m + 0] = 0.05;
  return W;
}

/** Apply a random orthogonal map to every feature (W → W Q): the geometry is unchanged. */
function rotate(W: Float32Array, n: number, m: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  const Q: number[][] = [];
  for (let k = 0; k < m; k++) {
    let v = Array.from({ length: m }, () => rng.normal());
    for (const q of Q) {
      const d = v.reduce((s, x, i) => s + x * q[i], 0);
      v = v.map((x, i) => x - d * q[i]);
    }
    const norm = Math.hypot(...v);
    Q.push(v.map((x) => x / norm));
  }
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < m; k++) for (let j = 0; j < m; j++) out[i * m + k] += W[i * m + j] * Q[k][j];
  return out;
}

describe('GeometryGraphChart', () => {
  const n = 12;
  const m = 6;
  const W = polytopeModel();

  it('draws the learned features as nodes and their overlaps as weighted edges, one labelled circle per tegum factor', () => {
    const svg = renderToStaticMarkup(<GeometryGraphChart W={W} n={n} m={m} />);
    expect(parse(svg).errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
    const nodes = withAttr(svg, 'circle', 'data-feature');
    expect(nodes.map((c) => Number(c.getAttribute('data-feature')))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const name = (i: number) => nodes[i].getAttribute('data-factor-name');
    expect([0, 1, 2, 3, 4].map(name)).toEqual(Array(5).fill('pentagon'));
    expect([name(5), name(6), name(7), name(10)]).toEqual(['digon', 'digon', 'triangle', 'dedicated']);
    expect(nodes[0].getAttribute('fill')).toBe(POLYTOPE_COLORS.pentagon);
    // edges: pentagon complete (10), digon 1, triangle 3; none between factors
    const edges = withAttr(svg, 'line', 'data-edge');
    expect(edges).toHaveLength(14);
    const factorOf = (i: number) => (i < 5 ? 0 : i < 7 ? 1 : i < 10 ? 2 : 3);
    for (const e of edges) {
      const [i, j] = e.getAttribute('data-edge')!.split('-').map(Number);
      expect(factorOf(i)).toBe(factorOf(j));
    }
    // stronger overlap, thicker and darker: pentagon neighbours (0.309) vs second neighbours (0.809)
    const edge = (key: string) => edges.find((e) => e.getAttribute('data-edge') === key)!;
    expect(num(edge('0-2'), 'stroke-width')).toBeGreaterThan(num(edge('0-1'), 'stroke-width'));
    expect(num(edge('0-2'), 'stroke-opacity')).toBeGreaterThan(num(edge('0-1'), 'stroke-opacity'));
    expect(titleOf(edge('5-6'))).toBe('|W_5·W_6| = 1');
    // factor labels: names from polytopeCounts
    const labels = withAttr(svg, 'text', 'data-factor').map((t) => t.textContent);
    expect(labels).toEqual(['pentagon', 'triangle', 'digon', 'dedicated']);
    expect(svg).toContain('11 of 12 features learned');
    expect(titleOf(nodes[5])).toBe('feature 5: ‖W_5‖ = 1, D = 0.5 (digon)');
  });

  it('lays each factor out on its own circle, factors apart, the pentagon in cyclic order', () => {
    const { polytopes } = geometryAnalysis(W, n, m);
    const layout = graphLayout(polytopes, W, m, 420);
    expect(layout.factors.map((f) => f.name)).toEqual(['pentagon', 'triangle', 'digon', 'dedicated']);
    for (const f of layout.factors) {
      for (const i of f.features) {
        const p = layout.position.get(i)!;
        expect(Math.hypot(p.x - f.cx, p.y - f.cy)).toBeCloseTo(f.radius, 1);
        expect(p.x).toBeGreaterThan(0);
        expect(p.x).toBeLessThan(layout.width);
        expect(p.y).toBeLessThan(layout.height);
      }
    }
    // discs of different factors do not overlap: nodes of different factors are far apart
    for (let a = 0; a < layout.factors.length; a++) {
      for (let b = a + 1; b < layout.factors.length; b++) {
        const A = layout.factors[a];
        const B = layout.factors[b];
        expect(Math.hypot(A.cx - B.cx, A.cy - B.cy)).toBeGreaterThan(A.radius + B.radius + 2 * layout.nodeRadius);
      }
    }
    // digon opposite across its centre; pentagon neighbours on the circle are neighbours in W (72°)
    const [p5, p6] = [layout.position.get(5)!, layout.position.get(6)!];
    const digon = layout.factors[2];
    expect(p5.x + p6.x).toBeCloseTo(2 * digon.cx, 1);
    expect(circleOrder([0, 1, 2, 3, 4], W, m)).toEqual([0, 1, 2, 3, 4]);
    const shuffled = new Float32Array(W);
    // swap the embeddings of features 1 and 3: the circle follows the geometry, not the index
    for (let k = 0; k < m; k++) [shuffled[1 * m + k], shuffled[3 * m + k]] = [W[3 * m + k], W[1 * m + k]];
    expect(circleOrder([0, 1, 2, 3, 4], shuffled, m)).toEqual([0, 3, 2, 1, 4]);
  });

  it('highlights a hovered feature (ring and its edges) and reports pointer hovers by feature', () => {
    const plain = renderToStaticMarkup(<GeometryGraphChart W={W} n={n} m={m} />);
    expect(plain).not.toContain('data-layer="highlight"');
    const svg = renderToStaticMarkup(<GeometryGraphChart W={W} n={n} m={m} highlight={2} />);
    const layer = elements(svg, 'g').find((g) => g.getAttribute('data-layer') === 'highlight')!;
    expect(layer.getAttribute('data-highlight')).toBe('2');
    const node = withAttr(svg, 'circle', 'data-feature').find((c) => c.getAttribute('data-feature') === '2')!;
    const ring = Array.from(layer.getElementsByTagName('circle'))[0];
    expect([num(ring, 'cx'), num(ring, 'cy')]).toEqual([num(node, 'cx'), num(node, 'cy')]);
    // feature 2 is in the pentagon: its drawn edges to features 0–4 are the dark ones
    const edgesOf2 = withAttr(svg, 'line', 'data-edge').filter((l) =>
      l.getAttribute('data-edge')!.split('-').includes('2'),
    ).length;
    expect(edgesOf2).toBeGreaterThan(0);
    expect(layer.getElementsByTagName('line').length).toBe(edgesOf2);
    // a feature that is not a node (11 is not learned) draws nothing
    expect(renderToStaticMarkup(<GeometryGraphChart W={W} n={n} m={m} highlight={11} />)).not.toContain(
      'data-layer="highlight"',
    );
  });

  it('is stable: the same picture every time and under any rotation of the hidden space', () => {
    const a = renderToStaticMarkup(<GeometryGraphChart W={W} n={n} m={m} />);
    expect(renderToStaticMarkup(<GeometryGraphChart W={W} n={n} m={m} />)).toBe(a);
    const rotated = rotate(W, n, m, 7);
    const b = renderToStaticMarkup(<GeometryGraphChart W={rotated} n={n} m={m} />);
    // positions are functions of WᵀW only (tooltips may differ in the last float digit)
    const pos = (svg: string) =>
      withAttr(svg, 'circle', 'data-feature').map((c) =>
        [c.getAttribute('data-feature'), Math.round(num(c, 'cx')), Math.round(num(c, 'cy'))].join(),
      );
    expect(pos(b)).toEqual(pos(a));
    expect(withAttr(b, 'text', 'data-factor').map((t) => t.textContent)).toEqual([
      'pentagon',
      'triangle',
      'digon',
      'dedicated',
    ]);
  });

  it('handles a model with nothing learned and a paper-sized one without NaN or overflow', () => {
    const empty = renderToStaticMarkup(<GeometryGraphChart W={new Float32Array(n * m)} n={n} m={m} />);
    expect(parse(empty).errors).toEqual([]);
    expect(badAttributes(empty)).toEqual([]);
    expect(withAttr(empty, 'circle', 'data-feature')).toHaveLength(0);
    expect(empty).toContain('none counts as learned');

    // n = 400, m = 30, random unit features: one big "other" factor, edges capped
    const N = 400;
    const M = 30;
    const rng = new Rng(3);
    const big = new Float32Array(N * M);
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let k = 0; k < M; k++) s += (big[i * M + k] = rng.normal()) ** 2;
      for (let k = 0; k < M; k++) big[i * M + k] /= Math.sqrt(s);
    }
    const svg = renderToStaticMarkup(<GeometryGraphChart W={big} n={N} m={M} width={420} />);
    expect(parse(svg).errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
    expect(withAttr(svg, 'circle', 'data-feature')).toHaveLength(N);
    const edges = withAttr(svg, 'line', 'data-edge');
    expect(edges.length).toBe(MAX_DRAWN_EDGES);
    expect(svg).toMatch(/the strongest 2500 of \d+ drawn/);
    const root = parse(svg).doc.documentElement;
    const width = Number(root!.getAttribute('width'));
    for (const c of withAttr(svg, 'circle', 'data-feature')) {
      expect(num(c, 'cx')).toBeGreaterThanOrEqual(0);
      expect(num(c, 'cx')).toBeLessThanOrEqual(width);
    }
  });
});

describe('PolytopeGallery', () => {
  it('shows one tile per polytope name with its count, absent ones faded', () => {
    const { counts } = polytopeCounts(polytopeModel(), 12, 6);
    const svg = renderToStaticMarkup(<PolytopeGallery counts={counts} features={{ digon: [5, 6] }} />);
    expect(parse(svg).errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
    const tiles = withAttr(svg, 'g', 'data-polytope');
    expect(tiles.map((t) => t.getAttribute('data-polytope'))).toEqual([...FACTOR_NAMES]);
    const count = (name: FactorName) =>
      Number(tiles.find((t) => t.getAttribute('data-polytope') === name)!.getAttribute('data-count'));
    expect(FACTOR_NAMES.map(count)).toEqual([1, 1, 1, 0, 1, 0, 0]);
    expect(tiles.find((t) => t.getAttribute('data-polytope') === 'tetrahedron')!.getAttribute('opacity')).toBe('0.35');
    expect(titleOf(tiles[1])).toBe('digon: 1 (features 5, 6)');
  });
});

describe('geometry URL state', () => {
  it('defaults to the CPU-sized sweep and accepts the paper and notebook sizes', () => {
    // The sweep's keys and the perturbed pentagon's (its own experiment in the same section).
    const d = { ...defaults(GEOMETRY_PARAMS), ...defaults(PENTAGON_PARAMS) };
    expect(d).toEqual({
      gn: 40,
      gm: 4,
      gcount: 12,
      gmax: 20,
      gsteps: 4000,
      gseed: 1,
      gmodel: -1,
      gpseeds: 4,
      gpsteps: 6000,
      gpbase: 0.05,
    });
    expect(parseParams(GEOMETRY_PARAMS, '?gn=400&gm=30&gcount=20&gsteps=10000').ignored).toEqual([]);
    expect(parseParams(GEOMETRY_PARAMS, '?gn=200&gm=20').values).toMatchObject({ gn: 200, gm: 20 });
    const bad = parseParams(GEOMETRY_PARAMS, '?gn=5000&gmodel=40&gmax=0.5');
    expect(bad.values).toMatchObject({ gn: 40, gmodel: -1, gmax: 20 });
    expect(bad.ignored).toHaveLength(3);
  });

  it('builds one instance per sparsity with a shard-independent initialisation', () => {
    const c = geometryTrainConfig(defaults(GEOMETRY_PARAMS));
    expect([c.n, c.m, c.instances.length, c.batchSize]).toEqual([40, 4, 12, 1024]);
    expect(c.initStd).toBeCloseTo(Math.sqrt(2 / (4 * (40 + 12))), 12);
    expect(1 / c.instances[11].density[0]).toBeCloseTo(20, 4);
    // the simd path's measured cost (scratch timings, one core): the default ≈ 19 s (4.7 ms a
    // step × 4000), the paper's size ≈ 26 min (155 ms a step × 10,000); halved on two workers
    const small = estimatedCpuSeconds(defaults(GEOMETRY_PARAMS), 1);
    const paper = estimatedCpuSeconds({ gn: 400, gm: 30, gcount: 20, gmax: 20, gsteps: 10_000 }, 1);
    expect(small).toBeGreaterThan(19 * 0.7);
    expect(small).toBeLessThan(19 * 1.3);
    expect(paper).toBeGreaterThan(1550 * 0.8);
    expect(paper).toBeLessThan(1550 * 1.2);
    expect(estimatedCpuSeconds({ gn: 400, gm: 30, gcount: 20, gmax: 20, gsteps: 10_000 }, 2)).toBeCloseTo(paper / 2, 6);
  });
});

describe('geometry: defaults follow the speed', () => {
  it('opens at the biggest size whose 10,000 steps fit in three minutes', async () => {
    const { sizeForSpeed, OPEN_BIGGER_WITHIN_S } = await import('../../src/experiments/geometry/run');
    expect(OPEN_BIGGER_WITHIN_S).toBe(180);
    // 5 ms a notebook step: 50 s; the paper at 3× the work: 150 s → the paper.
    expect(sizeForSpeed(0.005, 3)).toEqual({ id: 'paper', seconds: 150 });
    // 15 ms: 150 s for the notebook, 450 s for the paper → the notebook.
    expect(sizeForSpeed(0.015, 3)).toEqual({ id: 'notebook', seconds: 150 });
    // 31.5 ms (this project's 2-core machine): 315 s → stay small.
    expect(sizeForSpeed(0.0315, 3).id).toBe('small');
    expect(sizeForSpeed(NaN, 3).id).toBe('small');
  });
});
