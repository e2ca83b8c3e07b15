/** The rotatable 3-D feature view: projection, depth cue, neighbour edges, interaction helpers; and the 3-D presets. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  DRAG_RADIANS_PER_PX,
  FeatureGeometry3D,
  KEY_STEP,
  dragView,
  keyView,
  neighbourEdges,
  normaliseView,
  rotate3,
} from '../../src/charts/FeatureGeometry3D';
import { GEOMETRY_3D_PRESETS, GEOMETRY_PARAMS } from '../../src/experiments/geometry/params';
import { PENTAGON_PARAMS } from '../../src/experiments/perturbed-pentagon/params';
import { parseParams, serializeParams, defaults } from '../../src/state/url-params';
import { badAttributes, num, parse, withAttr } from './svg';

const deg = (d: number) => (d * Math.PI) / 180;

/** The tip (x2, y2) of feature i's line, and the picture's centre. */
function tip(svg: string, i: number) {
  const g = withAttr(svg, 'g', 'data-feature').find((e) => e.getAttribute('data-feature') === String(i))!;
  const line = g.getElementsByTagName('line')[0];
  return { x: num(line, 'x2'), y: num(line, 'y2'), cx: num(line, 'x1'), cy: num(line, 'y1'), g };
}

const close = (a: readonly number[], b: readonly number[]) => a.forEach((v, k) => expect(v).toBeCloseTo(b[k], 12));

describe('rotate3 (orthographic view)', () => {
  it('looks down h₂ at yaw = pitch = 0 and turns by yaw about h₁, then by pitch about the screen x-axis', () => {
    const front = { yaw: 0, pitch: 0 };
    close(rotate3([0, 0, 1], front), [0, 0, 1]);
    close(rotate3([1, 0, 0], front), [1, 0, 0]);
    // yaw 90°: h₀ turns away (depth −1, screen centre), h₂ comes to the right
    const yawed = { yaw: deg(90), pitch: 0 };
    close(rotate3([1, 0, 0], yawed), [0, 0, -1]);
    close(rotate3([0, 0, 1], yawed), [1, 0, 0]);
    close(rotate3([0, 1, 0], yawed), [0, 1, 0]);
    // pitch 90°: h₁ points at the viewer, h₂ goes down the screen
    const pitched = { yaw: 0, pitch: deg(90) };
    close(rotate3([0, 1, 0], pitched), [0, 0, 1]);
    close(rotate3([0, 0, 1], pitched), [0, -1, 0]);
    // a rotation: lengths and angles are kept
    const v = rotate3([0.3, -0.4, 0.5], { yaw: 1.1, pitch: -0.7 });
    expect(Math.hypot(...v)).toBeCloseTo(Math.hypot(0.3, -0.4, 0.5), 12);
  });

  it('keeps pitch within ±90° and yaw within (−180°, 180°]; drags and keys rotate by the documented amounts', () => {
    expect(normaliseView({ yaw: 0, pitch: 3 }).pitch).toBeCloseTo(Math.PI / 2, 12);
    expect(normaliseView({ yaw: 3 * Math.PI, pitch: 0 }).yaw).toBeCloseTo(Math.PI, 12);
    expect(normaliseView({ yaw: -Math.PI, pitch: 0 }).yaw).toBeCloseTo(Math.PI, 12);
    expect(normaliseView({ yaw: NaN, pitch: Infinity })).toEqual({ yaw: 0, pitch: 0 });
    const v = { yaw: 0.2, pitch: 0.1 };
    const d = dragView(v, 30, -20);
    expect(d.yaw).toBeCloseTo(0.2 + 30 * DRAG_RADIANS_PER_PX, 12);
    expect(d.pitch).toBeCloseTo(0.1 - 20 * DRAG_RADIANS_PER_PX, 12);
    expect(keyView(v, 'ArrowRight')!.yaw).toBeCloseTo(0.2 + KEY_STEP, 12);
    expect(keyView(v, 'ArrowLeft')!.yaw).toBeCloseTo(0.2 - KEY_STEP, 12);
    expect(keyView(v, 'ArrowDown')!.pitch).toBeCloseTo(0.1 + KEY_STEP, 12);
    expect(keyView(v, 'ArrowUp')!.pitch).toBeCloseTo(0.1 - KEY_STEP, 12);
    expect(keyView(v, 'Home')).toEqual(DEFAULT_VIEW);
    expect(keyView(v, 'a')).toBeNull();
    // six presses of → turn a quarter and a half: h₀ ends where h₂ started relative to the view
    let k = { yaw: 0, pitch: 0 };
    for (let t = 0; t < 6; t++) k = keyView(k, 'ArrowRight')!;
    expect(k.yaw).toBeCloseTo(Math.PI / 2, 12);
  });
});

describe('FeatureGeometry3D', () => {
  it('projects a vector along the view axis to the centre, and a 90° yaw swaps the axes on screen', () => {
    // feature 0 along h₂, feature 1 along h₀
    const W = Float32Array.of(0, 0, 1, 1, 0, 0);
    const a = renderToStaticMarkup(<FeatureGeometry3D W={W} n={2} view={{ yaw: 0, pitch: 0 }} size={300} />);
    expect(parse(a).errors).toEqual([]);
    expect(badAttributes(a)).toEqual([]);
    const a0 = tip(a, 0);
    const a1 = tip(a, 1);
    expect(a0.cx).toBe(150);
    expect(a0.cy).toBe(150);
    expect([a0.x, a0.y]).toEqual([150, 150]); // along the view axis: the centre
    expect(a1.x).toBeGreaterThan(150 + 50); // h₀ to the right …
    expect(a1.y).toBeCloseTo(150, 6); // … on the horizontal
    const r = a1.x - 150;

    const b = renderToStaticMarkup(<FeatureGeometry3D W={W} n={2} view={{ yaw: Math.PI / 2, pitch: 0 }} size={300} />);
    const b0 = tip(b, 0);
    const b1 = tip(b, 1);
    expect(b0.x).toBeCloseTo(150 + r, 1); // h₂ now where h₀ was
    expect(b0.y).toBeCloseTo(150, 1);
    expect([b1.x, b1.y].map((v) => Math.round(v))).toEqual([150, 150]); // h₀ now along the view axis
    expect(parse(b).doc.documentElement!.getAttribute('data-yaw')).toBe('90');
    // pitch 90°: h₂ points down the screen
    const c = renderToStaticMarkup(<FeatureGeometry3D W={W} n={2} view={{ yaw: 0, pitch: Math.PI / 2 }} size={300} />);
    expect(tip(c, 0).y).toBeCloseTo(150 + r, 1);
    expect(tip(c, 0).x).toBeCloseTo(150, 1);
  });

  it('draws back to front with a depth cue: nearer vectors darker, thicker and later in the markup', () => {
    // three unit vectors at depths −1, 0, +1 in the front view
    const W = Float32Array.of(0, 0, -1, 1, 0, 0, 0, 0, 1);
    const svg = renderToStaticMarkup(<FeatureGeometry3D W={W} n={3} view={{ yaw: 0, pitch: 0 }} />);
    const groups = withAttr(svg, 'g', 'data-feature');
    expect(groups.map((g) => g.getAttribute('data-feature'))).toEqual(['0', '1', '2']);
    expect(groups.map((g) => num(g, 'data-depth'))).toEqual([-1, 0, 1]);
    const opacity = groups.map((g) => num(g, 'opacity'));
    const width = groups.map((g) => num(g.getElementsByTagName('line')[0], 'stroke-width'));
    expect(opacity[0]).toBeLessThan(opacity[1]);
    expect(opacity[1]).toBeLessThan(opacity[2]);
    expect(width[0]).toBeLessThan(width[2]);
    // the same scene turned round: the order reverses
    const back = renderToStaticMarkup(<FeatureGeometry3D W={W} n={3} view={{ yaw: Math.PI, pitch: 0 }} />);
    expect(withAttr(back, 'g', 'data-feature').map((g) => g.getAttribute('data-feature'))).toEqual(['2', '1', '0']);
  });

  it('has the unit sphere outline and three labelled axes, and survives NaN, tiny and huge vectors', () => {
    const W = Float32Array.of(NaN, 0, 1, 0, 0, 0, 5, 5, 5, Infinity, -Infinity, 0.2);
    const svg = renderToStaticMarkup(<FeatureGeometry3D W={W} n={4} view={{ yaw: 0.3, pitch: -0.2 }} />);
    expect(parse(svg).errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
    expect(withAttr(svg, 'g', 'data-axis')).toHaveLength(3);
    expect(svg).toContain('h₀');
    expect(svg).toContain('h₂');
    const circle = Array.from(parse(svg).doc.getElementsByTagName('circle')).find(
      (c) => c.getAttribute('stroke-dasharray') === '3 3',
    )!;
    expect(circle).toBeDefined();
    // the zero vector is not drawn
    expect(withAttr(svg, 'g', 'data-feature').map((g) => g.getAttribute('data-feature'))).not.toContain('1');
    // everything inside the picture
    for (const g of withAttr(svg, 'g', 'data-feature')) {
      const l = g.getElementsByTagName('line')[0];
      for (const a of ['x2', 'y2']) {
        expect(num(l, a)).toBeGreaterThanOrEqual(0);
        expect(num(l, a)).toBeLessThanOrEqual(300);
      }
    }
  });

  it('is focusable with instructions when interactive, a plain picture otherwise', () => {
    const W = Float32Array.of(1, 0, 0);
    const live = renderToStaticMarkup(<FeatureGeometry3D W={W} n={1} view={DEFAULT_VIEW} onViewChange={() => {}} />);
    const root = parse(live).doc.documentElement!;
    expect(root.getAttribute('tabindex')).toBe('0');
    expect(root.getAttribute('aria-label')).toMatch(/arrow keys/);
    expect(root.getAttribute('data-chart')).toBe('feature-geometry-3d');
    const still = parse(renderToStaticMarkup(<FeatureGeometry3D W={W} n={1} view={DEFAULT_VIEW} />)).doc
      .documentElement!;
    expect(still.getAttribute('tabindex')).toBeNull();
  });
});

/** Unit vectors of the reference solids, feature-major [k, 3]. */
const solids = {
  tetrahedron: [
    [1, 1, 1],
    [1, -1, -1],
    [-1, 1, -1],
    [-1, -1, 1],
  ],
  octahedron: [
    [1, 0, 0],
    [-1, 0, 0],
    [0, 1, 0],
    [0, -1, 0],
    [0, 0, 1],
    [0, 0, -1],
  ],
  bipyramid: [
    [1, 0, 0],
    [-0.5, Math.sqrt(3) / 2, 0],
    [-0.5, -Math.sqrt(3) / 2, 0],
    [0, 0, 1],
    [0, 0, -1],
  ],
  // regular square antiprism on the unit sphere: r² = 1/(1 + √2/4)
  antiprism: (() => {
    const r = Math.sqrt(1 / (1 + Math.SQRT2 / 4));
    const h = Math.sqrt(1 - r * r);
    return Array.from({ length: 8 }, (_, k) => {
      const a = (k % 4) * (Math.PI / 2) + (k >= 4 ? Math.PI / 4 : 0);
      return [r * Math.cos(a), r * Math.sin(a), k >= 4 ? -h : h];
    });
  })(),
};
const flat = (vs: number[][]) => Float32Array.from(vs.flatMap((v) => v.map((x) => x / Math.hypot(...v))));

describe('neighbourEdges (the solid drawn between the tips)', () => {
  it('finds the edges of the tetrahedron, octahedron, triangular bipyramid and square antiprism', () => {
    expect(neighbourEdges(flat(solids.tetrahedron), 4)).toHaveLength(6);
    const oct = neighbourEdges(flat(solids.octahedron), 6);
    expect(oct).toHaveLength(12);
    expect(oct).not.toContainEqual([0, 1]); // never across an antipodal pair
    const bip = neighbourEdges(flat(solids.bipyramid), 5);
    expect(bip).toHaveLength(9);
    expect(bip).toContainEqual([0, 1]);
    expect(bip).not.toContainEqual([3, 4]);
    const sqa = neighbourEdges(flat(solids.antiprism), 8);
    expect(sqa).toHaveLength(16);
    expect(sqa).not.toContainEqual([0, 2]); // a square's diagonal is no edge
    // too few learned features, or short ones: no edges
    expect(neighbourEdges(Float32Array.of(1, 0, 0, -1, 0, 0), 2)).toEqual([]);
    expect(neighbourEdges(Float32Array.of(1, 0, 0, 0, 0.1, 0, 0, 0, 0.2), 3)).toEqual([]);
  });

  it('draws them in the chart, dashed and depth-cued', () => {
    const svg = renderToStaticMarkup(<FeatureGeometry3D W={flat(solids.octahedron)} n={6} view={DEFAULT_VIEW} />);
    const edges = withAttr(svg, 'line', 'data-edge');
    expect(edges).toHaveLength(12);
    expect(new Set(edges.map((e) => e.getAttribute('stroke-opacity'))).size).toBeGreaterThan(1);
  });
});

describe('3-D presets and the section URL keys', () => {
  it('each usable preset is a valid m = 3 sweep with its model selected; the others say why not', () => {
    expect(GEOMETRY_3D_PRESETS.map((p) => p.id)).toEqual(['tetrahedron', 'octahedron', 'bipyramid', 'antiprism']);
    for (const p of GEOMETRY_3D_PRESETS) {
      expect(p.note.length).toBeGreaterThan(20);
      if (!p.values) continue;
      const v = { ...defaults(GEOMETRY_PARAMS), ...p.values };
      expect(v.m).toBe(3);
      expect(v.selected).toBeGreaterThanOrEqual(0);
      expect(v.selected).toBeLessThan(v.sparsities);
      // round-trips through the URL without being ignored
      const parsed = parseParams(GEOMETRY_PARAMS, serializeParams(GEOMETRY_PARAMS, v));
      expect(parsed.ignored).toEqual([]);
      expect(parsed.values).toEqual(v);
    }
    expect(GEOMETRY_3D_PRESETS.filter((p) => p.values).length).toBeGreaterThanOrEqual(3);
  });

  it('has the perturbed-pentagon keys with their defaults and limits', () => {
    const d = defaults(PENTAGON_PARAMS);
    expect([d.seeds, d.steps, d.baseDensity]).toEqual([4, 6000, 0.05]);
    const bad = parseParams(PENTAGON_PARAMS, '?gpseeds=0&gpbase=0.5&gpsteps=3000');
    expect(bad.values).toMatchObject({ seeds: 4, baseDensity: 0.05, steps: 3000 });
    expect(bad.ignored).toHaveLength(2);
  });
});
