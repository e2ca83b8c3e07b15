/**
 * The chart frame: math set as sub- and superscripts, the plot layout (box, scales, ticks, legend
 * room), legend wrapping, and that every chart draws its root and its text through the frame.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { axisScale, plotLayout } from '../../src/charts/frame';
import { legendLayout, wrapText } from '../../src/charts/legend';
import { Text, mathRuns } from '../../src/charts/text';
import { TYPE } from '../../src/charts/theme';

const parse = (markup: string) => new DOMParser().parseFromString(markup, 'image/svg+xml');

describe('math in labels', () => {
  it('splits sub- and superscripts, single characters or braced groups', () => {
    expect(mathRuns('‖W_i‖')).toEqual([
      { text: '‖W', shift: null },
      { text: 'i', shift: 'sub' },
      { text: '‖', shift: null },
    ]);
    expect(mathRuns('Σ_{j≠i}(Ŵ_i·W_j)^2')).toEqual([
      { text: 'Σ', shift: null },
      { text: 'j≠i', shift: 'sub' },
      { text: '(Ŵ', shift: null },
      { text: 'i', shift: 'sub' },
      { text: '·W', shift: null },
      { text: 'j', shift: 'sub' },
      { text: ')', shift: null },
      { text: '2', shift: 'sup' },
    ]);
    expect(mathRuns('m / ‖W‖_F^2')).toEqual([
      { text: 'm / ‖W‖', shift: null },
      { text: 'F', shift: 'sub' },
      { text: '2', shift: 'sup' },
    ]);
  });

  it('leaves plain text, a trailing marker and a marker before a space alone', () => {
    expect(mathRuns('1/(1 − S) (log scale; sparser →)')).toEqual([
      { text: '1/(1 − S) (log scale; sparser →)', shift: null },
    ]);
    expect(mathRuns('a_')).toEqual([{ text: 'a_', shift: null }]);
    expect(mathRuns('x ^ y')).toEqual([{ text: 'x ^ y', shift: null }]);
    expect(mathRuns('a_{unclosed')).toEqual([{ text: 'a_{unclosed', shift: null }]);
  });

  it('renders scripts as smaller tspans shifted with dy, back on the baseline afterwards', () => {
    const svg = renderToStaticMarkup(
      <svg>
        <Text x={10} y={20} role="label">
          {'D_i and W^2 x'}
        </Text>
      </svg>,
    );
    const text = parse(svg).getElementsByTagName('text')[0];
    expect(text.getAttribute('font-size')).toBe(String(TYPE.label));
    expect(text.textContent).toBe('Di and W2 x');
    const spans = Array.from(text.getElementsByTagName('tspan'));
    expect(spans.map((s) => s.textContent)).toEqual(['i', ' and W', '2', ' x']);
    const dy = spans.map((s) => Number(s.getAttribute('dy') ?? 0));
    expect(dy[0]).toBeGreaterThan(0); // lowered
    expect(dy[2]).toBeLessThan(0); // raised
    expect(dy.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9); // back on the baseline
    expect(Number(spans[0].getAttribute('font-size'))).toBeLessThan(TYPE.label);
    expect(spans[1].getAttribute('font-size')).toBeNull();
    // Plain labels stay a single text node.
    expect(
      renderToStaticMarkup(
        <Text x={0} y={0}>
          plain
        </Text>,
      ),
    ).not.toContain('tspan');
  });
});

describe('plot layout', () => {
  it('fits the plot box, the x axis and a wrapped legend into the requested size', () => {
    const legend = Array.from({ length: 8 }, (_, i) => ({ label: `series ${i}`, color: '#000' }));
    const plot = plotLayout({
      width: 300,
      height: 260,
      x: { domain: [0, 10], label: 'x' },
      y: { domain: [0, 1] },
      legend,
    });
    expect(plot.width).toBe(300);
    expect(plot.height).toBe(260);
    expect(plot.box.x0).toBeGreaterThan(0);
    expect(plot.box.x1).toBeLessThan(300);
    const rows = legendLayout(legend, plot.box.x1 - plot.box.x0).rows.length;
    expect(rows).toBeGreaterThan(1);
    expect(plot.legendY).toBeGreaterThan(plot.box.y1 + 20); // under the tick labels and the title
    expect(plot.legendY + rows * 15).toBeLessThanOrEqual(plot.height);
    expect(plot.x.scale(0)).toBe(plot.box.x0);
    expect(plot.y.scale(0)).toBe(plot.box.y1); // y up
  });

  it('a fixed plot height sets the outer height; room below is reserved for a chart-drawn key', () => {
    const plot = plotLayout({ width: 200, plotHeight: 100, x: { domain: [0, 1] }, below: 30 });
    expect(plot.box.y1 - plot.box.y0).toBe(100);
    expect(plot.height).toBe(plot.belowY + 30);
    expect(plot.belowY).toBeGreaterThan(plot.box.y1);
  });

  it('log axes tick decades (with minor ticks on request); explicit ticks outside the domain are dropped', () => {
    const log = axisScale({ type: 'log', domain: [0.1, 10], minor: true }, [0, 100]);
    expect(log.ticks).toEqual([0.1, 1, 10]);
    expect(log.minor).toHaveLength(16);
    expect(axisScale({ type: 'log', domain: [1, 20], decades: 3 }, [0, 100]).ticks).toEqual([1, 2, 5, 10, 20]);
    expect(axisScale({ domain: [0, 1], ticks: [-1, 0, 0.5, 1, 2] }, [0, 100]).ticks).toEqual([0, 0.5, 1]);
    const nice = axisScale({ domain: [0.03, 0.97], nice: true }, [0, 100]);
    expect(nice.scale.domain()).toEqual([0, 1]);
  });

  it('legends wrap where the width runs out or an item asks for a new row; captions wrap by words', () => {
    const items = [
      { label: 'a', color: '#000' },
      { label: 'b', color: '#000', newRow: true },
      { label: 'c', color: '#000' },
    ];
    expect(legendLayout(items, 1000).rows.map((r) => r.map((e) => e.item.label))).toEqual([['a'], ['b', 'c']]);
    expect(wrapText('one two three four', 1000)).toEqual(['one two three four']);
    const lines = wrapText('one two three four', 40);
    expect(lines.join(' ')).toBe('one two three four');
    expect(lines.length).toBeGreaterThan(1);
  });
});

describe('every chart is drawn on the frame', () => {
  const dir = join(__dirname, '../../src/charts');
  const files = readdirSync(dir).filter((f) => f.endsWith('.tsx'));

  it.each(files.filter((f) => !['frame.tsx', 'text.tsx', 'ChartFigure.tsx'].includes(f)))(
    '%s: no root <svg>, no <text> and no inline font size of its own',
    (f) => {
      const src = readFileSync(join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(src).not.toMatch(/<svg\b/);
      expect(src).not.toMatch(/<text\b/);
      expect(src).not.toMatch(/fontSize=/);
    },
  );
});
