import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LossCurve } from '../../../src/charts/LossCurve';
import { HEADER_HEIGHT, chartSize, frameSize, movieFrameSvg } from '../../../src/charts/movie/frame-svg';
import { badAttributes, parse } from '../svg';

describe('a movie frame', () => {
  const chart = renderToStaticMarkup(createElement(LossCurve, { steps: [10, 20, 30], losses: [0.1, 0.05, 0.02] }));

  it('is the chart under a header line, as one standalone SVG of the chart size plus the header', () => {
    const svg = movieFrameSvg(chart, { title: 'Loss <curve>', line: 'step 20 · loss 0.05' });
    const { doc, errors } = parse(svg);
    expect(errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
    const root = doc.documentElement!;
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect(chartSize(chart)).toEqual({ width: 360, height: 220 });
    expect(Number(root.getAttribute('width'))).toBe(360);
    expect(Number(root.getAttribute('height'))).toBe(220 + HEADER_HEIGHT);
    const texts = Array.from(root.getElementsByTagName('text')).map((t) => t.textContent);
    expect(texts.slice(0, 2)).toEqual(['Loss <curve>', 'step 20 · loss 0.05']);
    const inner = root.getElementsByTagName('svg')[0];
    expect(inner.getAttribute('y')).toBe(String(HEADER_HEIGHT));
    expect(inner.getAttribute('data-chart')).toBe(parse(chart).doc.documentElement!.getAttribute('data-chart'));
  });

  it('is a function of its input alone, and narrow charts get room for the header', () => {
    const label = { title: 't', line: 'l' };
    expect(movieFrameSvg(chart, label)).toBe(movieFrameSvg(chart, label));
    expect(frameSize({ width: 200, height: 100 })).toEqual({ width: 320, height: 100 + HEADER_HEIGHT });
    expect(() => chartSize('<svg viewBox="0 0 1 1"></svg>')).toThrow(/width and height/);
  });
});
