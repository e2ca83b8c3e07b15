/**
 * The generic charts of "What the footnotes claim" rendered in Node: element counts, geometry that
 * encodes the data, axes and legends present, well-formed standalone SVG with no NaN/Infinity in
 * any attribute (also for degenerate input); and the section's static render.
 */
import { DOMParser } from '@xmldom/xmldom';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BarChart } from '../../src/charts/BarChart';
import { logTicks } from '../../src/charts/axes';
import { paddedDomain } from '../../src/charts/frame';
import { legendLayout } from '../../src/charts/legend';
import { arrowHead } from '../../src/charts/plane';
import { CosineMatrix } from '../../src/charts/CosineMatrix';
import { DirectionArrows2D } from '../../src/charts/DirectionArrows2D';
import { standaloneSvg } from '../../src/charts/export';
import { HistogramChart } from '../../src/charts/HistogramChart';
import { LineChart } from '../../src/charts/LineChart';
import { QQPlot } from '../../src/charts/QQPlot';
import { StackedBarChart } from '../../src/charts/StackedBarChart';
import { VectorSum2D } from '../../src/charts/VectorSum2D';
import { constantVector, geometricImportance } from '../../src/model/config';
import { gaussianFit } from '../../src/model/footnotes/gaussian';
import { Rng } from '../../src/model/rng';
import { PAGE_PARAMS } from '../../src/experiments';
import { CompressedSensing } from '../../src/experiments/compressed-sensing/Section';
import { DictionaryLearning } from '../../src/experiments/dictionary-learning/Section';
import { Footnotes as FootnotesSection } from '../../src/experiments/footnotes/Section';
import { ForwardPass } from '../../src/experiments/forward-pass/Section';
import { GaussianLatents } from '../../src/experiments/gaussian-latents/Section';
import { L1Margin } from '../../src/experiments/l1-margin/Section';
import type { FootnoteModel } from '../../src/experiments/shared/footnote-model';
import { defaults } from '../../src/state/url-params';

/** The page's URL state at its defaults; a static render never changes it. */
const urlState = { state: defaults(PAGE_PARAMS), onChange: () => {} };

/** The footnotes section with its five experiments inside, as the page renders them (without the lazy loading). */
function Footnotes(props: typeof urlState & { model: FootnoteModel | null }) {
  return (
    <FootnotesSection {...props}>
      <ForwardPass {...props} />
      <DictionaryLearning {...props} />
      <L1Margin {...props} />
      <GaussianLatents {...props} />
      <CompressedSensing {...props} />
    </FootnotesSection>
  );
}

function parse(markup: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => errors.push(`${level}: ${msg}`) }).parseFromString(
    markup,
    'image/svg+xml',
  );
  return { doc, errors };
}
type El = ReturnType<ReturnType<typeof parse>['doc']['getElementsByTagName']>[number];
const elements = (markup: string, tag: string): El[] => Array.from(parse(markup).doc.getElementsByTagName(tag));
const withAttr = (markup: string, tag: string, attr: string, value?: string) =>
  elements(markup, tag).filter(
    (e) => e.getAttribute(attr) !== null && (value === undefined || e.getAttribute(attr) === value),
  );
const num = (e: El, a: string) => Number(e.getAttribute(a));
const badAttributes = (markup: string) => (markup.match(/="[^"]*"/g) ?? []).filter((a) => /NaN|Infinity/.test(a));
const layers = (markup: string) => withAttr(markup, 'g', 'data-layer').map((g) => g.getAttribute('data-layer'));
const legendLabels = (markup: string) =>
  withAttr(markup, 'g', 'data-legend-item').map((g) => g.getAttribute('data-legend-item'));

/** Well-formed, no NaN/Infinity, plain presentation SVG (no ids, classes, gradients or clip paths), exportable. */
function expectCleanSvg(markup: string) {
  expect(parse(markup).errors).toEqual([]);
  expect(badAttributes(markup)).toEqual([]);
  expect(markup).not.toMatch(/\s(id|class|clip-path|style)="/);
  expect(markup).not.toMatch(/<(linearGradient|radialGradient|clipPath|marker|defs|foreignObject)\b/);
  const doc = standaloneSvg(markup, { description: 'test', config: { a: 1 } });
  expect(parse(doc).errors).toEqual([]);
  expect(parse(doc).doc.documentElement!.namespaceURI).toBe('http://www.w3.org/2000/svg');
}

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
    // Signed: the negative pre-activation of feature 3 hangs below the zero line, the input of feature 0 stands above it.
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

describe('VectorSum2D', () => {
  it('draws the terms tip to tail and the sum from the origin to the last tip', () => {
    const svg = renderToStaticMarkup(
      <VectorSum2D
        terms={[
          { label: 'x₀W₀', vector: [1, 0], color: '#4477AA' },
          { label: 'x₁W₁', vector: [0, 0.5], color: '#EE6677' },
        ]}
        reference={[1, 0, 0, 1, -0.7, -0.7]}
        referenceLabels={['0', '1', '2']}
        sumLabel="h"
      />,
    );
    expectCleanSvg(svg);
    expect(withAttr(svg, 'g', 'data-reference')).toHaveLength(3);
    const terms = withAttr(svg, 'g', 'data-term').map((g) => g.getElementsByTagName('line')[0]);
    expect(terms).toHaveLength(2);
    expect(num(terms[1], 'x1')).toBeCloseTo(num(terms[0], 'x2'), 6);
    expect(num(terms[1], 'y1')).toBeCloseTo(num(terms[0], 'y2'), 6);
    const sum = withAttr(svg, 'g', 'data-layer', 'sum')[0].getElementsByTagName('line')[0];
    expect(num(sum, 'x1')).toBeCloseTo(num(terms[0], 'x1'), 6);
    expect(num(sum, 'x2')).toBeCloseTo(num(terms[1], 'x2'), 6);
    expect(num(sum, 'y2')).toBeCloseTo(num(terms[1], 'y2'), 6);
    expect(elements(svg, 'polygon')).toHaveLength(3); // arrowheads: two terms and the sum
    const empty = renderToStaticMarkup(<VectorSum2D terms={[]} reference={NAN} />);
    expectCleanSvg(empty);
    expect(empty).toContain('the sum is 0');
  });
});

describe('DirectionArrows2D', () => {
  it('one group per set, one arrow per vector, legend per set', () => {
    const svg = renderToStaticMarkup(
      <DirectionArrows2D
        sets={[
          { name: 'features', vectors: [1, 0, 0, 1, -1, 0], color: '#333', labels: ['0', '1', '2'] },
          { name: 'atoms', vectors: [0.99, 0.1, 0, -1], color: '#c31', dashed: true },
        ]}
      />,
    );
    expectCleanSvg(svg);
    const sets = withAttr(svg, 'g', 'data-set');
    expect(sets.map((g) => g.getElementsByTagName('line').length)).toEqual([3, 2]);
    expect(legendLabels(svg)).toEqual(['features', 'atoms']);
    expect(withAttr(svg, 'line', 'stroke-dasharray').length).toBeGreaterThanOrEqual(2);
    expectCleanSvg(renderToStaticMarkup(<DirectionArrows2D sets={[{ name: 'bad', vectors: NAN, color: '#000' }]} />));
  });
});

describe('CosineMatrix', () => {
  it('rows × cols cells in the given column order; matches (|cos| ≥ threshold) outlined', () => {
    // 2 features × 3 atoms, signed cosines.
    const values = [0.1, 0.95, -0.2, -0.92, 0.3, 0.5];
    const svg = renderToStaticMarkup(
      <CosineMatrix values={values} rows={2} cols={3} colOrder={[1, 0, 2]} rowLabels={['3', '7']} threshold={0.9} />,
    );
    expectCleanSvg(svg);
    const cells = withAttr(svg, 'rect', 'data-cell');
    expect(cells).toHaveLength(6);
    expect(cells.slice(0, 3).map((c) => c.getAttribute('data-cell'))).toEqual(['0,1', '0,0', '0,2']);
    expect(withAttr(svg, 'rect', 'data-match').map((c) => c.getAttribute('data-cell'))).toEqual(['0,1', '1,0']);
    // |cos| drives the colour: −0.92 and 0.95 are both dark, 0.1 light.
    const fill = (id: string) => cells.find((c) => c.getAttribute('data-cell') === id)!.getAttribute('fill')!;
    const lum = (hex: string) => {
      const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(hex) ?? /#(..)(..)(..)/.exec(hex)!;
      return m[0].startsWith('#')
        ? parseInt(m[1], 16) + parseInt(m[2], 16) + parseInt(m[3], 16)
        : Number(m[1]) + Number(m[2]) + Number(m[3]);
    };
    expect(lum(fill('1,0'))).toBeLessThan(lum(fill('0,0')));
    expect(withAttr(svg, 'g', 'data-layer', 'legend')).toHaveLength(1);
    expect(withAttr(svg, 'g', 'data-layer', 'row-labels')[0].getElementsByTagName('text')[1].textContent).toBe('7');
    expectCleanSvg(renderToStaticMarkup(<CosineMatrix values={NAN} rows={1} cols={5} />));
    expectCleanSvg(renderToStaticMarkup(<CosineMatrix values={[]} rows={0} cols={0} />));
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

describe('Footnotes section (static render)', () => {
  const pentagon = (n: number) =>
    Float32Array.from(
      Array.from({ length: n }, (_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]).flat(),
    );
  const model = (n: number, m: number, W: Float32Array): FootnoteModel => ({
    W,
    b: new Float32Array(n).fill(-0.1),
    n,
    m,
    kind: 'relu',
    importance: geometricImportance(n, 0.9),
    density: constantVector(n, 0.05),
    step: 10_000,
    runKey: '',
    label: `n=${n}, m=${m}`,
  });

  it('renders every sub-section with its hooks, idle before it is on screen; m = 2 draws the tip-to-tail sum', () => {
    const html = renderToStaticMarkup(<Footnotes model={model(5, 2, pentagon(5))} {...urlState} />);
    for (const id of ['fn-forward', 'fn-dictionary', 'fn-l1', 'fn-gaussian', 'fn-cs']) {
      expect(html).toMatch(new RegExp(`data-testid="${id}" data-state="idle"`));
    }
    expect(html).toContain('data-chart="vector-sum-2d"');
    expect(html).toContain('data-chart="forward-output"');
    expect(html).toContain('data-chart="cs-scale"');
    expect((html.match(/data-action="fn-toggle"/g) ?? []).length).toBe(5);
    expect(html).toMatch(/footnotes 25, 27, 19/);
    expect(badAttributes(html)).toEqual([]);
    // Default input: features 0 and 1 on → two terms in the sum.
    expect((html.match(/data-term="/g) ?? []).length).toBe(2);
    // Every rendered chart sits in a frame with an export name.
    expect((html.match(/<svg /g) ?? []).length).toBe((html.match(/data-chart-frame="footnote-/g) ?? []).length);
  });

  it('m ≠ 2 draws h as stacked bars over the hidden dimensions; no model shows the waiting notes', () => {
    const rng = new Rng(1);
    const html = renderToStaticMarkup(
      <Footnotes
        model={model(
          6,
          3,
          Float32Array.from({ length: 18 }, () => rng.normal() * 0.5),
        )}
        {...urlState}
      />,
    );
    expect(html).toContain('data-chart="hidden-contributions"');
    expect(html).not.toContain('data-chart="vector-sum-2d"');
    expect(badAttributes(html)).toEqual([]);
    const none = renderToStaticMarkup(<Footnotes model={null} {...urlState} />);
    expect(none).toContain('Waiting for the model');
    expect(none).toContain('data-testid="fn-gaussian" data-state="idle"');
  });
});
