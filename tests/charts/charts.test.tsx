/** Charts render plain, standalone SVG in Node: right element counts, no NaN, valid exports. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { standaloneSvg, safeFileName } from '../../src/charts/export';
import { FeatureGeometry2D } from '../../src/charts/FeatureGeometry2D';
import { FeatureNormBars } from '../../src/charts/FeatureNormBars';
import { GramHeatmap } from '../../src/charts/GramHeatmap';
import { logTicks } from '../../src/charts/axes';
import { LossCurve } from '../../src/charts/LossCurve';
import { divergingColor } from '../../src/charts/theme';
import { instanceMetrics } from '../../src/model/metrics';
import { parse } from './svg';

/** Regular pentagon of unit vectors, feature-major n×2. */
function pentagon(): Float32Array {
  const W = new Float32Array(10);
  for (let i = 0; i < 5; i++) {
    W[i * 2] = Math.cos((2 * Math.PI * i) / 5);
    W[i * 2 + 1] = Math.sin((2 * Math.PI * i) / 5);
  }
  return W;
}

const count = (markup: string, re: RegExp) => (markup.match(re) ?? []).length;

describe('charts', () => {
  const W = pentagon();
  const metrics = instanceMetrics(W, 5, 2);
  const bias = new Float32Array([-0.27, -0.27, -0.27, -0.27, -0.27]);

  it('GramHeatmap draws n² cells and n bias cells, coloured blue < 0 < red', () => {
    const svg = renderToStaticMarkup(<GramHeatmap gram={metrics.gram} bias={bias} n={5} />);
    expect(count(svg, /data-cell=/g)).toBe(25);
    expect(count(svg, /data-bias=/g)).toBe(5);
    // diagonal = 1 → the red end; bias −0.27 → a blue tint
    expect(svg).toContain(`data-cell="0,0" x="24" y="36" width="60" height="60" fill="${divergingColor(1)}"`);
    const red = divergingColor(1).match(/\d+/g)!.map(Number);
    const blue = divergingColor(-1).match(/\d+/g)!.map(Number);
    expect(red[0]).toBeGreaterThan(red[2]);
    expect(blue[2]).toBeGreaterThan(blue[0]);
    expect(parse(svg).errors).toEqual([]);
  });

  it('FeatureNormBars draws one bar per feature with its norm in the tooltip', () => {
    const svg = renderToStaticMarkup(
      <FeatureNormBars norms={metrics.norms} superposition={metrics.superposition} n={5} m={2} />,
    );
    expect(count(svg, /<rect[^>]*data-feature=/g)).toBe(5);
    expect(svg).toContain('‖W_0‖ = 1,');
    expect(parse(svg).errors).toEqual([]);
  });

  it('FeatureGeometry2D draws each feature as a vector from the origin', () => {
    const svg = renderToStaticMarkup(<FeatureGeometry2D W={W} n={5} importance={[1, 0.9, 0.81, 0.73, 0.66]} />);
    const { doc } = parse(svg);
    const lines = Array.from(doc.getElementsByTagName('g'))
      .filter((g) => g.getAttribute('data-feature') !== null)
      .map((g) => g.getElementsByTagName('line')[0]);
    expect(lines).toHaveLength(5);
    // all start at the same origin and end on a circle around it (unit vectors)
    const x0 = Number(lines[0].getAttribute('x1'));
    const y0 = Number(lines[0].getAttribute('y1'));
    const radii = lines.map((l) => Math.hypot(Number(l.getAttribute('x2')) - x0, Number(l.getAttribute('y2')) - y0));
    for (const r of radii) expect(r).toBeCloseTo(radii[0], 0);
    expect(radii[0]).toBeGreaterThan(50);
  });

  it('LossCurve skips non-finite and non-positive points and draws round log ticks', () => {
    const svg = renderToStaticMarkup(<LossCurve steps={[100, 200, 300, 400]} losses={[0.1, NaN, 0.01, 0.001]} />);
    expect(svg).toContain('data-layer="loss"');
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(logTicks([0.001, 0.1])).toEqual([0.001, 0.01, 0.1]);
    expect(logTicks([0.003, 0.009])).toEqual([0.005]);
    expect(renderToStaticMarkup(<LossCurve steps={[]} losses={[]} />)).toContain('no loss recorded yet');
  });

  it('no chart emits NaN or Infinity for degenerate input', () => {
    const bad = new Float32Array([NaN, Infinity, -Infinity, 0, NaN, 1, 0, 0, 0, 0]);
    const svgs = [
      renderToStaticMarkup(<GramHeatmap gram={bad} bias={bad} n={3} />),
      renderToStaticMarkup(<FeatureNormBars norms={bad} superposition={bad} n={5} m={2} />),
      renderToStaticMarkup(<FeatureGeometry2D W={bad} n={5} importance={bad} />),
      renderToStaticMarkup(<LossCurve steps={bad} losses={bad} />),
    ];
    for (const svg of svgs) {
      const attrs = svg.match(/="[^"]*"/g) ?? [];
      expect(attrs.filter((a) => /NaN|Infinity/.test(a))).toEqual([]);
      expect(parse(svg).errors).toEqual([]);
    }
  });

  it('standaloneSvg makes a parseable document with a description and settings metadata', () => {
    const svg = renderToStaticMarkup(<FeatureGeometry2D W={W} n={5} importance={[1, 1, 1, 1, 1]} />);
    const doc = standaloneSvg(svg, { description: 'pentagon <n=5> & m=2', config: { n: 5, note: '"quoted"' } });
    expect(doc.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    const { doc: parsed, errors } = parse(doc);
    expect(errors).toEqual([]);
    const root = parsed.documentElement!;
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(root.getElementsByTagName('desc')[0].textContent).toBe('pentagon <n=5> & m=2');
    expect(JSON.parse(root.getElementsByTagName('metadata')[0].textContent!).settings).toEqual({
      n: 5,
      note: '"quoted"',
    });
    expect(() => standaloneSvg('<div></div>')).toThrow(/does not start with an <svg>/);
    expect(safeFileName('W^T W & bias!', 'svg')).toBe('w-t-w-bias.svg');
  });
});
