/** One model's feature geometry: the graph (its factors, layout, highlight, stability) and the polytope gallery. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GeometryGraphChart, MAX_DRAWN_EDGES } from '../../src/charts/GeometryGraphChart';
import { circleOrder, graphLayout } from '../../src/charts/graph-layout';
import { PolytopeGallery } from '../../src/charts/PolytopeGallery';
import { POLYTOPE_COLORS } from '../../src/charts/polytopes';
import { FACTOR_NAMES, geometryAnalysis, polytopeCounts, type FactorName } from '../../src/model/geometry';
import { Rng } from '../../src/model/rng';
import { badAttributes, elements, num, parse, titleOf, withAttr } from './svg';

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
