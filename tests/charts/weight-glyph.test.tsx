/** The weight glyph: stems (m = 1), vectors (m = 2) or the Gram matrix (m > 2), never NaN. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WeightGlyph } from '../../src/charts/WeightGlyph';
import { divergingColor } from '../../src/charts/theme';
import { badAttributes, parse } from './svg';

describe('WeightGlyph', () => {
  function features(markup: string) {
    const { doc } = parse(markup);
    return Array.from(doc.getElementsByTagName('g')).filter((g) => g.getAttribute('data-feature') !== null);
  }

  it('m = 1: features as stems on a symmetric axis, +1 to the right of −1', () => {
    const svg = renderToStaticMarkup(<WeightGlyph W={[1, -1, 0]} n={3} m={1} importance={[1, 0.5, 0.2]} />);
    expect(parse(svg).errors).toEqual([]);
    expect(svg).toMatch(/^<svg[^>]*width="90" height="90"/);
    const cx = (i: number) =>
      Number(
        features(svg)
          .find((g) => g.getAttribute('data-feature') === String(i))!
          .getElementsByTagName('circle')[0]
          .getAttribute('cx'),
      );
    expect(cx(0)).toBeGreaterThan(cx(2));
    expect(cx(2)).toBeGreaterThan(cx(1));
    expect(cx(0) - cx(2)).toBeCloseTo(cx(2) - cx(1), 1); // symmetric about 0
    expect(features(svg)).toHaveLength(3);
    expect(svg).toContain('>−1</text>');
  });

  it('m = 2: one vector per feature from a common origin', () => {
    const n = 5;
    const W = Array.from({ length: 2 * n }, (_, k) =>
      (k % 2 === 0 ? Math.cos : Math.sin)((2 * Math.PI * Math.floor(k / 2)) / n),
    );
    const svg = renderToStaticMarkup(<WeightGlyph W={W} n={n} m={2} />);
    expect(parse(svg).errors).toEqual([]);
    const lines = features(svg).map((g) => g.getElementsByTagName('line')[0]);
    expect(lines).toHaveLength(n);
    const x0 = lines[0].getAttribute('x1');
    const y0 = lines[0].getAttribute('y1');
    for (const l of lines) {
      expect(l.getAttribute('x1')).toBe(x0);
      expect(l.getAttribute('y1')).toBe(y0);
    }
    const lens = lines.map((l) =>
      Math.hypot(Number(l.getAttribute('x2')) - Number(x0), Number(l.getAttribute('y2')) - Number(y0)),
    );
    for (const len of lens) expect(len).toBeCloseTo(lens[0], 0);
  });

  it('m > 2: the n×n Gram matrix as a heatmap', () => {
    // n = 4 in m = 3: three orthonormal features and one antipodal to feature 0.
    const W = [1, 0, 0, 0, 1, 0, 0, 0, 1, -1, 0, 0];
    const svg = renderToStaticMarkup(<WeightGlyph W={W} n={4} m={3} importance={[1, 0.9, 0.8, 0.7]} />);
    expect(parse(svg).errors).toEqual([]);
    expect((svg.match(/<rect[^>]*data-cell=/g) ?? []).length).toBe(16);
    expect((svg.match(/<rect[^>]*data-importance=/g) ?? []).length).toBe(4);
    expect(svg).toContain(`data-cell="0,0" `);
    expect(svg).toMatch(new RegExp(`data-cell="0,3"[^>]*fill="${divergingColor(-1).replace(/[()]/g, '\\$&')}"`));
    expect(svg).toMatch(new RegExp(`data-cell="1,1"[^>]*fill="${divergingColor(1).replace(/[()]/g, '\\$&')}"`));
    expect(svg).toMatch(new RegExp(`data-cell="1,2"[^>]*fill="${divergingColor(0).replace(/[()]/g, '\\$&')}"`));
  });

  it('never emits NaN or Infinity', () => {
    const bad = [NaN, Infinity, -Infinity, 0, 1, NaN];
    for (const m of [1, 2, 3, 0]) {
      for (const svg of [
        renderToStaticMarkup(<WeightGlyph W={bad} n={3} m={m} importance={bad} />),
        renderToStaticMarkup(<WeightGlyph W={bad} n={NaN} m={m} size={NaN} />),
      ]) {
        expect(badAttributes(svg)).toEqual([]);
        expect(parse(svg).errors).toEqual([]);
      }
    }
  });
});
