/**
 * The charts a reader edits and compares with (issue 15): the bar editor, the geometry's edit /
 * pinned / highlight layers, the norm bars' pinned outlines, WᵀW's highlighted row and column, the
 * loss curve's cursor and pinned level. Without the new props every chart renders as before
 * (the golden gallery checks that); here, what the props add.
 */
import { DOMParser } from '@xmldom/xmldom';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BarChart } from '../../src/charts/BarChart';
import { BarEditor, keyStep } from '../../src/charts/BarEditor';
import { FeatureGeometry2D, keyEdit } from '../../src/charts/FeatureGeometry2D';
import { FeatureNormBars } from '../../src/charts/FeatureNormBars';
import { GramHeatmap } from '../../src/charts/GramHeatmap';
import { LossCurve } from '../../src/charts/LossCurve';
import { instanceMetrics } from '../../src/model/metrics';

const parse = (markup: string) => new DOMParser().parseFromString(markup, 'image/svg+xml');
const count = (markup: string, re: RegExp) => (markup.match(re) ?? []).length;
const W5 = Float32Array.from({ length: 10 }, (_, q) =>
  (q % 2 === 0 ? Math.cos : Math.sin)((2 * Math.PI * Math.floor(q / 2)) / 5),
);
const noop = () => undefined;

describe('bar editor', () => {
  it('one slider per feature with its value, bar heights on a linear or log axis', () => {
    const svg = renderToStaticMarkup(
      <BarEditor
        values={[1, 0.5, 0.25]}
        range={{ min: 0, max: 1 }}
        label="I_i"
        name="importance"
        title="Importance"
        onChange={noop}
      />,
    );
    expect(count(svg, /role="slider"/g)).toBe(3);
    expect(svg).toContain('aria-label="importance of feature 1"');
    expect(svg).toContain('aria-valuenow="0.25"');
    expect(svg).not.toMatch(/NaN|Infinity/);
    const bars = (markup: string) =>
      [...markup.matchAll(/<g data-feature="(\d)"[^>]*>.*?<\/rect><rect[^>]*height="([\d.]+)"/g)].map((m) =>
        Number(m[2]),
      );
    const lin = bars(svg);
    expect(lin[0] / lin[1]).toBeCloseTo(2, 1);
    const log = bars(
      renderToStaticMarkup(
        <BarEditor
          values={[1, 0.1, 0.01]}
          range={{ min: 0.001, max: 1 }}
          log
          label="p_i"
          name="density"
          title="Density"
          onChange={noop}
        />,
      ),
    );
    // three decades: each bar a third shorter than the one before
    expect(lin.length).toBe(3);
    expect(log[0] - log[1]).toBeCloseTo(log[1] - log[2], 0);
  });

  it('editable, the root is a group of sliders (not a picture, whose children are unreachable); else a picture', () => {
    const props = { values: [1, 0.5], range: { min: 0, max: 1 }, label: 'I_i', name: 'importance', title: 'I' };
    const root = (markup: string) => /^<svg[^>]*>/.exec(markup)?.[0] ?? '';
    expect(root(renderToStaticMarkup(<BarEditor {...props} onChange={noop} />))).toContain('role="group"');
    expect(root(renderToStaticMarkup(<BarEditor {...props} />))).toContain('role="img"');
    const geometry = (edit: boolean) =>
      root(
        renderToStaticMarkup(
          <FeatureGeometry2D W={W5} n={5} importance={[1, 1, 1, 1, 1]} onKeyEdit={edit ? noop : undefined} />,
        ),
      );
    expect(geometry(true)).toContain('role="group"');
    expect(geometry(false)).toContain('role="img"');
  });

  it('read-only without onChange; the highlighted bar shows its value', () => {
    const svg = renderToStaticMarkup(
      <BarEditor
        values={[1, 0.5]}
        range={{ min: 0, max: 1 }}
        label="I_i"
        name="importance"
        title="Importance"
        highlight={1}
      />,
    );
    expect(count(svg, /role="slider"/g)).toBe(0);
    expect(svg).toContain('data-highlight="1"');
    expect(parse(svg).getElementsByTagName('text').length).toBeGreaterThan(3);
  });

  it('keys: arrows step a twentieth of the range (Shift a hundredth), a tenth of a decade on a log axis, clamped', () => {
    const lin = { min: 0, max: 1 };
    expect(keyStep(0.5, 'ArrowUp', false, lin, false)).toBeCloseTo(0.55);
    expect(keyStep(0.5, 'ArrowLeft', true, lin, false)).toBeCloseTo(0.49);
    expect(keyStep(0.99, 'ArrowRight', false, lin, false)).toBe(1);
    expect(keyStep(0.5, 'End', false, lin, false)).toBe(1);
    expect(keyStep(0.5, 'a', false, lin, false)).toBeNull();
    const log = { min: 0.001, max: 1 };
    expect(keyStep(0.1, 'ArrowDown', false, log, true)).toBeCloseTo(0.1 / 10 ** 0.1, 6);
    expect(keyStep(0.1, 'ArrowUp', true, log, true)).toBeCloseTo(0.1 * 10 ** 0.02, 6);
    expect(keyStep(0.001, 'ArrowDown', false, log, true)).toBe(0.001);
  });
});

describe('feature geometry in hand', () => {
  it('editable: every feature focusable with a draggable handle; keys turn and scale', () => {
    const svg = renderToStaticMarkup(
      <FeatureGeometry2D W={W5} n={5} importance={[1, 1, 1, 1, 1]} onPlace={noop} onKeyEdit={noop} />,
    );
    expect(count(svg, /data-handle=/g)).toBe(5);
    expect(count(svg, /tabindex="0"/gi)).toBe(5);
    expect(svg).toMatch(/aria-label="[^"]*arrow keys to turn it/);
    expect(keyEdit('ArrowLeft', false)).toEqual({ rotate: (5 * Math.PI) / 180 });
    expect(keyEdit('ArrowDown', true)).toEqual({ rotate: -Math.PI / 180 });
    expect(keyEdit('+', false)).toEqual({ scale: 1.05 });
    expect(keyEdit('-', false)).toEqual({ scale: 1 / 1.05 });
    expect(keyEdit('x', false)).toBeNull();
  });

  it('a pinned model is drawn dashed under the live vectors, and the view fits both', () => {
    const long = W5.map((v) => v * 1.8);
    const svg = renderToStaticMarkup(
      <FeatureGeometry2D W={W5} n={5} importance={[1, 1, 1, 1, 1]} ghost={{ W: long, n: 5 }} />,
    );
    expect(count(svg, /data-pinned-feature=/g)).toBe(5);
    expect(svg.indexOf('data-layer="pinned"')).toBeLessThan(svg.indexOf('data-layer="features"'));
    const plain = renderToStaticMarkup(<FeatureGeometry2D W={W5} n={5} importance={[1, 1, 1, 1, 1]} />);
    const unitR = (m: string) => Number(/<circle cx="[\d.]+" cy="[\d.]+" r="([\d.]+)"/.exec(m)?.[1]);
    expect(unitR(svg)).toBeLessThan(unitR(plain) * 0.7);
  });

  it('a highlighted feature is ringed and the others fade', () => {
    const svg = renderToStaticMarkup(<FeatureGeometry2D W={W5} n={5} importance={[1, 1, 1, 1, 1]} highlight={2} />);
    expect(svg).toContain('data-feature="2" opacity="1" data-highlight="1"');
    expect(count(svg, /opacity="0.3"/g)).toBe(4);
  });
});

describe('linked panels', () => {
  const metrics = instanceMetrics(W5, 5, 2);

  it('norm bars: pinned norms as dashed outlines with a legend; the highlighted row banded', () => {
    const svg = renderToStaticMarkup(
      <FeatureNormBars
        norms={metrics.norms}
        superposition={metrics.superposition}
        n={5}
        m={2}
        ghost={[0.5, 0.5, 0.5, 0, 1.6]}
        highlight={3}
        onHover={noop}
      />,
    );
    expect(count(svg, /data-pinned-feature=/g)).toBe(5);
    expect(svg).toContain('pinned');
    expect(svg).toContain('data-layer="highlight"');
    expect(svg).toContain('data-highlight="3"');
    expect(svg).toContain('data-layer="hover"');
  });

  it('WᵀW: the highlighted feature’s row and column outlined', () => {
    const svg = renderToStaticMarkup(
      <GramHeatmap gram={metrics.gram} bias={new Float32Array(5)} n={5} highlight={1} />,
    );
    expect(svg).toContain('data-highlight="1"');
    expect(count(svg, /data-layer="highlight"[^>]*><rect[^>]*><\/rect><rect[^>]*><\/rect><\/g>/g)).toBe(1);
    expect(
      renderToStaticMarkup(<GramHeatmap gram={metrics.gram} bias={new Float32Array(5)} n={5} highlight={7} />),
    ).not.toContain('data-highlight');
  });

  it('loss curve: a cursor at the shown step and the pinned loss as a level inside the axis', () => {
    const steps = [100, 200, 300, 400];
    const svg = renderToStaticMarkup(
      <LossCurve
        steps={steps}
        losses={[0.1, 0.05, 0.03, 0.02]}
        cursor={200}
        reference={{ value: 0.2, label: 'pinned' }}
      />,
    );
    expect(svg).toContain('data-step="200"');
    expect(svg).toContain('step 200');
    expect(svg).toContain('pinned 0.2');
    const y = Number(/data-layer="reference"><line x1="[\d.]+" x2="[\d.]+" y1="([\d.]+)"/.exec(svg)?.[1]);
    expect(y).toBeGreaterThan(0);
  });

  it('bar chart: hover delegation only when asked for', () => {
    const props = {
      categories: ['0', '1'],
      series: [{ name: 'share', values: [1, 2], color: '#000' }],
      yLabel: 'y',
      title: 't',
    };
    expect(renderToStaticMarkup(<BarChart {...props} />)).toBe(
      renderToStaticMarkup(<BarChart {...props} onHover={noop} />),
    );
  });
});
