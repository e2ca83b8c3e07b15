/**
 * The generic plots of "What the footnotes claim" rendered in Node (bar, stacked bar, line,
 * histogram and Q–Q) and the frame parts they share: element counts, geometry that encodes the
 * data, axes and legends present, well-formed standalone SVG with no NaN/Infinity in any attribute
 * (also for degenerate input).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BarChart } from '../../src/charts/BarChart';
import { logTicks } from '../../src/charts/axes';
import { paddedDomain } from '../../src/charts/frame';
import { legendLayout } from '../../src/charts/legend';
import { arrowHead } from '../../src/charts/plane';
import { HistogramChart } from '../../src/charts/HistogramChart';
import { LineChart } from '../../src/charts/LineChart';
import { QQPlot } from '../../src/charts/QQPlot';
import { StackedBarChart } from '../../src/charts/StackedBarChart';
import { gaussianFit } from '../../src/model/footnotes/gaussian';
import { Rng } from '../../src/model/rng';
import { elements, expectCleanSvg, layers, legendLabels, num, withAttr } from './svg';

const NAN = [NaN, Infinity, -Infinity, 0, NaN];

describe('chart parts', () => {
  it('padded domains include zero and are never empty; log ticks are decades when two fit', () => {
    expect(paddedDomain([2, 3])).toEqual([0, 3]);
    expect(paddedDomain([-1, 2])).toEqual([-1, 2]);
    const [lo, hi] = paddedDomain([NaN, Infinity]);
    expect(hi).toBeGreaterThan(lo);
    const [a, b] = paddedDomain([0, 0]);
    expect(b).toBeGreaterThan(a);
    expect(logTicks([0.01, 1])).toEqual([0.01, 0.1, 1]);
    expect(logTicks([0.5, 4])).toEqual([0.5, 1, 2]);
    expect(logTicks([-1, 1])).toEqual([]);
  });

  it('arrowheads point along the segment; legends wrap', () => {
    const pts = arrowHead(0, 0, 10, 0, 4)
      .split(' ')
      .map((p) => p.split(',').map(Number));
    expect(pts[0]).toEqual([10, 0]);
    expect(pts[1][0]).toBeCloseTo(6, 6);
    expect(pts[2][0]).toBeCloseTo(6, 6);
    expect(arrowHead(1, 1, 1, 1)).not.toMatch(/NaN/);
    const items = Array.from({ length: 6 }, (_, i) => ({ label: `series number ${i}`, color: '#000' }));
    expect(legendLayout(items, 1000).rows).toHaveLength(1);
    expect(legendLayout(items, 200).rows.length).toBeGreaterThan(2);
  });
});

describe('BarChart', () => {
  const categories = ['0', '1', '2', '3', '4'];
  const x = [1, 0.7, 0, 0, 0];
  const out = [0.9, 0.5, 0.2, 0, -0.1];
  const pre = [0.9, 0.5, 0.2, -0.3, -0.1];
  const svg = renderToStaticMarkup(
    <BarChart
      categories={categories}
      series={[
        { name: 'input x', values: x, color: '#999' },
        { name: 'output x′', values: out, color: '#2b5d8a', highlight: [false, false, true, false, true] },
        { name: 'pre-activation', values: pre, color: '#555', style: 'outline' },
      ]}
      highlightLabel="output of a feature that is off"
      yLabel="value"
      xLabel="feature"
      title="Input and output"
      chart="forward-output"
    />,
  );

  it('one bar per series and category, highlighted bars in the accent colour, outlines unfilled', () => {
    expectCleanSvg(svg);
    expect(withAttr(svg, 'svg', 'data-chart', 'forward-output')).toHaveLength(1);
    const bars = withAttr(svg, 'rect', 'data-series');
    expect(bars).toHaveLength(15);
    const hl = withAttr(svg, 'rect', 'data-highlight');
    expect(hl.map((b) => b.getAttribute('data-category'))).toEqual(['2', '4']);
    expect(new Set(hl.map((b) => b.getAttribute('fill'))).size).toBe(1);
    expect(hl[0].getAttribute('fill')).not.toBe('#2b5d8a');
    const outlines = withAttr(svg, 'rect', 'data-series', '2');
    expect(outlines.every((b) => b.getAttribute('fill') === 'none' && b.getAttribute('stroke') === '#555')).toBe(true);
    // Signed: feature 3's negative pre-activation hangs below the zero line, feature 0's input stands above it.
    const zero = num(withAttr(svg, 'line', 'data-layer', 'zero')[0], 'y1');
    const bar = (s: number, c: number) =>
      bars.find((b) => b.getAttribute('data-series') === String(s) && b.getAttribute('data-category') === String(c))!;
    expect(num(bar(2, 3), 'y')).toBeCloseTo(zero, 1);
    expect(num(bar(0, 0), 'y') + num(bar(0, 0), 'height')).toBeCloseTo(zero, 1);
    expect(num(bar(0, 0), 'height')).toBeGreaterThan(num(bar(0, 1), 'height'));
  });

  it('has both axes, category labels and a legend with the highlight entry', () => {
    expect(layers(svg)).toEqual(expect.arrayContaining(['grid', 'bars', 'y-axis', 'x-axis', 'legend']));
    expect(legendLabels(svg)).toEqual(['input x', 'output x′', 'pre-activation', 'output of a feature that is off']);
    const xAxis = withAttr(svg, 'g', 'data-layer', 'x-axis')[0];
    expect(Array.from(xAxis.getElementsByTagName('text')).map((t) => t.textContent)).toEqual([
      ...categories,
      'feature',
    ]);
  });

  it('degenerate values: no NaN, all-zero series still draw', () => {
    expectCleanSvg(
      renderToStaticMarkup(
        <BarChart
          categories={['a', 'b', 'c', 'd', 'e']}
          series={[{ name: 's', values: NAN, color: '#000' }]}
          yLabel="y"
          title="t"
        />,
      ),
    );
    expectCleanSvg(renderToStaticMarkup(<BarChart categories={[]} series={[]} yLabel="y" title="empty" />));
    expectCleanSvg(
      renderToStaticMarkup(
        <BarChart categories={['a']} series={[{ name: 's', values: [0], color: '#000' }]} yLabel="y" title="zero" />,
      ),
    );
  });
});

describe('StackedBarChart', () => {
  it('stacks positive terms up and negative terms down from 0, with a total tick per category', () => {
    const svg = renderToStaticMarkup(
      <StackedBarChart
        categories={['h₀', 'h₁', 'h₂']}
        segments={[
          { name: 'x₀W₀', values: [0.5, -0.2, 0], color: '#4477AA' },
          { name: 'x₁W₁', values: [0.3, 0.4, 0.1], color: '#EE6677' },
        ]}
        totals={[0.8, 0.2, 0.1]}
        totalLabel="h"
        yLabel="value"
        title="h as a sum"
      />,
    );
    expectCleanSvg(svg);
    const segs = withAttr(svg, 'rect', 'data-segment');
    expect(segs).toHaveLength(5); // the zero entry draws nothing
    const ticks = withAttr(svg, 'g', 'data-total');
    expect(ticks).toHaveLength(3);
    const zero = num(withAttr(svg, 'line', 'data-layer', 'zero')[0], 'y1');
    // Category 0: both terms positive, stacked; the total tick sits at the top of the stack.
    const c0 = segs.filter((s) => s.getAttribute('data-category') === '0');
    const top = Math.min(...c0.map((s) => num(s, 'y')));
    const tickY = num(ticks[0].getElementsByTagName('line')[0], 'y1');
    expect(tickY).toBeCloseTo(top, 1);
    // Category 1: the negative term hangs below zero.
    const neg = segs.find((s) => s.getAttribute('data-category') === '1' && s.getAttribute('data-segment') === '0')!;
    expect(num(neg, 'y')).toBeCloseTo(zero, 1);
    expect(legendLabels(svg)).toEqual(['x₀W₀', 'x₁W₁', 'h']);
    expect(layers(svg)).toEqual(expect.arrayContaining(['y-axis', 'x-axis', 'legend']));
    expectCleanSvg(
      renderToStaticMarkup(
        <StackedBarChart
          categories={['a', 'b']}
          segments={[{ name: 's', values: NAN, color: '#000' }]}
          yLabel="y"
          title="bad"
        />,
      ),
    );
  });
});

describe('LineChart', () => {
  const series = [
    {
      name: 'n = 25',
      color: '#4477AA',
      points: [0.1, 0.3, 0.5, 0.7, 0.9].map((x, j) => ({ x, y: [1, 1, 0.6, 0.2, 0][j] })),
    },
    {
      name: 'n = 200',
      color: '#EE6677',
      dashed: true,
      points: [0.1, 0.3, 0.5, 0.7, 0.9].map((x, j) => ({
        x,
        y: [1, 1, 0.9, 0, 0][j],
        label: j === 2 ? 'here' : undefined,
        highlight: j === 2,
      })),
    },
  ];
  const svg = renderToStaticMarkup(
    <LineChart
      series={series}
      references={[
        { axis: 'y', value: 0.9, label: '90%' },
        { axis: 'x', value: 0.56 },
      ]}
      xLabel="k/m"
      yLabel="P(success)"
      xDomain={[0, 1]}
      yDomain={[0, 1]}
      title="t"
      chart="cs-transition"
    />,
  );

  it('one path and one marker per point per series, labels, highlights, references, axes and legend', () => {
    expectCleanSvg(svg);
    expect(withAttr(svg, 'path', 'data-series')).toHaveLength(2);
    expect(withAttr(svg, 'path', 'data-series', '1')[0].getAttribute('stroke-dasharray')).toBeTruthy();
    expect(elements(svg, 'circle')).toHaveLength(10);
    expect(elements(svg, 'circle').filter((c) => c.getAttribute('r') === '5')).toHaveLength(1);
    expect(svg).toContain('>here<');
    expect(withAttr(svg, 'g', 'data-reference')).toHaveLength(2);
    expect(layers(svg)).toEqual(
      expect.arrayContaining(['x-axis', 'y-axis', 'legend', 'lines', 'points', 'references']),
    );
    expect(legendLabels(svg)).toEqual(['n = 25', 'n = 200']);
    // y = 1 at the top, y = 0 at the bottom of the plot.
    const c = elements(svg, 'circle');
    expect(num(c[0], 'cy')).toBeLessThan(num(c[4], 'cy'));
    const xAxisText = Array.from(withAttr(svg, 'g', 'data-layer', 'x-axis')[0].getElementsByTagName('text')).map(
      (t) => t.textContent,
    );
    expect(xAxisText[xAxisText.length - 1]).toBe('k/m');
  });

  it('log axes skip non-positive and non-finite points; a single series has no legend unless asked', () => {
    const log = renderToStaticMarkup(
      <LineChart
        series={[
          {
            name: 'recovered',
            color: '#000',
            points: [
              { x: 0, y: 1 },
              { x: 0.01, y: 1 },
              { x: 0.1, y: 0.9 },
              { x: NaN, y: 0.5 },
              { x: 1, y: Infinity },
              { x: 0.6, y: 0.5 },
            ],
          },
        ]}
        xScale="log"
        xLabel="density"
        yLabel="fraction"
        title="log"
      />,
    );
    expectCleanSvg(log);
    expect(elements(log, 'circle')).toHaveLength(3);
    expect(legendLabels(log)).toEqual([]);
    const ticks = Array.from(withAttr(log, 'g', 'data-layer', 'x-axis')[0].getElementsByTagName('text')).map(
      (t) => t.textContent,
    );
    expect(ticks).toEqual(['0.01', '0.1', 'density']);
    const empty = renderToStaticMarkup(
      <LineChart
        series={[{ name: 'none', color: '#000', points: [] }]}
        legend
        xLabel="x"
        yLabel="y"
        title="empty"
        xScale="log"
        yScale="log"
      />,
    );
    expectCleanSvg(empty);
    expect(empty).toContain('no data yet');
    expect(legendLabels(empty)).toEqual(['none']);
  });
});

describe('HistogramChart and QQPlot', () => {
  const rng = new Rng(3);
  const values = Float64Array.from(
    { length: 20_000 },
    () => (rng.uniform() < 0.1 ? rng.uniform() : 0) + 0.3 * rng.normal(),
  );
  const fit = gaussianFit(values, 40, 49);

  it('one bar per bin with the fitted curve over it; log y leaves empty bins out', () => {
    const svg = renderToStaticMarkup(
      <HistogramChart edges={fit.edges} density={fit.density} curve={fit.normalDensity} xLabel="h₀" title="hist" />,
    );
    expectCleanSvg(svg);
    expect(withAttr(svg, 'rect', 'data-bin')).toHaveLength(40);
    const curve = withAttr(svg, 'path', 'data-layer', 'curve')[0].getAttribute('d')!;
    expect(curve.match(/[ML]/g)).toHaveLength(40);
    expect(legendLabels(svg)).toEqual(['samples', 'fitted normal']);
    expect(layers(svg)).toEqual(expect.arrayContaining(['x-axis', 'y-axis']));
    const zeros = Array.from(fit.density).filter((v) => v === 0).length;
    const logSvg = renderToStaticMarkup(
      <HistogramChart
        edges={fit.edges}
        density={fit.density}
        curve={fit.normalDensity}
        xLabel="h₀"
        logY
        title="hist"
      />,
    );
    expectCleanSvg(logSvg);
    expect(withAttr(logSvg, 'rect', 'data-bin')).toHaveLength(40 - zeros);
    expectCleanSvg(
      renderToStaticMarkup(<HistogramChart edges={NAN} density={NAN} curve={NAN} xLabel="x" title="bad" />),
    );
    expectCleanSvg(renderToStaticMarkup(<HistogramChart edges={[]} density={[]} xLabel="x" title="empty" logY />));
  });

  it('Q–Q: one point per quantile and the diagonal', () => {
    const svg = renderToStaticMarkup(<QQPlot theoretical={fit.qqTheoretical} sample={fit.qqSample} />);
    expectCleanSvg(svg);
    expect(withAttr(svg, 'circle', 'data-point')).toHaveLength(49);
    const diag = withAttr(svg, 'line', 'data-layer', 'diagonal')[0];
    expect(num(diag, 'x2') - num(diag, 'x1')).toBeCloseTo(num(diag, 'y1') - num(diag, 'y2'), 1); // 45° in a square plot
    expect(layers(svg)).toEqual(expect.arrayContaining(['x-axis', 'y-axis']));
    expectCleanSvg(renderToStaticMarkup(<QQPlot theoretical={NAN} sample={NAN} />));
  });
});
