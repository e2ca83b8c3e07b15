/**
 * "Beyond the basic model" charts and section helpers: neuron stacks, set-coloured geometry, presets, seed choice;
 * valid XML, no NaN.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NEUTRAL_COLOR, seriesColor } from '../../src/charts/palette';
import { NeuronStackChart } from '../../src/charts/NeuronStackChart';
import { SetGeometry2D } from '../../src/charts/SetGeometry2D';
import { weightsPerInstance } from '../../src/model/variants/model';
import { neuronStacks } from '../../src/model/variants/analysis';
import { setIndexOfFeature } from '../../src/model/variants/correlated-data';
import { BeyondBasic } from '../../src/experiments/beyond-basic/Section';
import { BeyondView } from '../../src/experiments/beyond-basic/Views';
import { beyondPreset, beyondSteps, pickBest } from '../../src/experiments/beyond-basic/run';
import { BEYOND_PARAMS, BEYOND_VARIANTS } from '../../src/experiments/beyond-basic/params';
import { defaults, parseParams, urlKeys } from '../../src/state/url-params';
import { badAttributes, parse } from './svg';

/** The ideal n = 3, m = 6 abs model: neuron 2i reads ReLU(x_i), neuron 2i + 1 reads ReLU(−x_i), weights scaled by 2. */
function idealAbs(): { W1: Float32Array; W2: Float32Array } {
  const n = 3;
  const m = 6;
  const W1 = new Float32Array(n * m);
  const W2 = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    W1[i * m + 2 * i] = 2;
    W1[i * m + 2 * i + 1] = -2;
    W2[i * m + 2 * i] = 0.5;
    W2[i * m + 2 * i + 1] = 0.5;
  }
  return { W1, W2 };
}

const attr = (el: { getAttribute(name: string): string | null }, name: string) => Number(el.getAttribute(name));

describe('NeuronStackChart', () => {
  it('draws one column per neuron and one rectangle per weight, positive above the axis and negative below', () => {
    // neuron 0: +1 on feature 0, +0.5 on feature 1, −0.75 on feature 2; neuron 1: −1 on feature 1
    const W = new Float32Array([1, 0, 0.5, -1, -0.75, 0]);
    const stacks = neuronStacks(W, 3, 2, { represented: [true, true, true] });
    const svg = renderToStaticMarkup(<NeuronStackChart columns={stacks} n={3} title="test stacks" />);
    const { doc, errors } = parse(svg);
    expect(errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
    const columns = Array.from(doc.getElementsByTagName('g')).filter((g) => g.getAttribute('data-neuron') !== null);
    expect(columns.map((g) => Number(g.getAttribute('data-neuron'))).sort()).toEqual([0, 1]);
    const zero = Array.from(doc.getElementsByTagName('line')).find((l) => l.getAttribute('data-layer') === 'zero')!;
    const zeroY = attr(zero, 'y1');
    const col0 = columns.find((g) => g.getAttribute('data-neuron') === '0')!;
    const rects = Array.from(col0.getElementsByTagName('rect')).filter((r) => r.getAttribute('data-feature') !== null);
    expect(rects).toHaveLength(3);
    const byFeature = new Map(rects.map((r) => [Number(r.getAttribute('data-feature')), r]));
    // positive weights end at or above the axis, the negative one starts at the axis and goes down
    for (const f of [0, 1])
      expect(attr(byFeature.get(f)!, 'y') + attr(byFeature.get(f)!, 'height')).toBeLessThanOrEqual(zeroY + 0.01);
    expect(attr(byFeature.get(2)!, 'y')).toBeCloseTo(zeroY, 1);
    // heights are proportional to |weight|: 1 : 0.5 : 0.75
    const h = (f: number) => attr(byFeature.get(f)!, 'height');
    expect(h(1) / h(0)).toBeCloseTo(0.5, 1);
    expect(h(2) / h(0)).toBeCloseTo(0.75, 1);
    // the largest weight sits next to the axis
    expect(attr(byFeature.get(0)!, 'y') + h(0)).toBeCloseTo(zeroY, 1);
    // colour per feature, distinct
    expect(new Set(rects.map((r) => r.getAttribute('fill'))).size).toBe(3);
    expect(byFeature.get(0)!.getAttribute('fill')).toBe(seriesColor(0));
  });

  it('outlines motif neurons and labels mono/poly/dead', () => {
    const { W1, W2 } = idealAbs();
    const stacks = neuronStacks(W1, 3, 6, { W2 });
    expect(stacks.every((s) => s.status === 'monosemantic')).toBe(true);
    const svg = renderToStaticMarkup(<NeuronStackChart columns={stacks} n={3} highlight={[2]} title="abs stacks" />);
    const { doc, errors } = parse(svg);
    expect(errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
    const marked = Array.from(doc.getElementsByTagName('g')).filter((g) => g.getAttribute('data-motif') === 'true');
    expect(marked.map((g) => g.getAttribute('data-neuron'))).toEqual(['2']);
    expect(
      Array.from(marked[0].getElementsByTagName('rect')).some((r) => r.getAttribute('data-layer') === 'motif'),
    ).toBe(true);
    expect(svg.match(/>mono</g)?.length).toBe(6);
    // rescaled: every neuron's largest |input weight| is 1, so all six rectangles have equal height
    const heights = Array.from(doc.getElementsByTagName('rect'))
      .filter((r) => r.getAttribute('data-feature') !== null)
      .map((r) => attr(r, 'height'));
    expect(heights).toHaveLength(6);
    for (const v of heights) expect(v).toBeCloseTo(heights[0], 1);
  });

  it('stays valid with no columns, NaN weights and many features', () => {
    for (const svg of [
      renderToStaticMarkup(<NeuronStackChart columns={[]} n={0} title="empty" />),
      renderToStaticMarkup(
        <NeuronStackChart
          columns={[{ neuron: 0, segments: [{ feature: 0, weight: NaN, y0: NaN, y1: NaN }] }]}
          n={1}
          title="nan"
        />,
      ),
      renderToStaticMarkup(
        <NeuronStackChart
          columns={neuronStacks(
            Float32Array.from({ length: 100 * 40 }, (_, k) => Math.sin(k * 1.7)),
            100,
            40,
            { W2: Float32Array.from({ length: 4000 }, (_, k) => Math.cos(k)) },
          )}
          n={100}
          width={520}
          title="big"
        />,
      ),
    ]) {
      expect(parse(svg).errors).toEqual([]);
      expect(badAttributes(svg)).toEqual([]);
    }
  });
});

describe('SetGeometry2D', () => {
  it('colours each feature by its set (grey when independent) and draws one vector per feature', () => {
    const n = 5;
    const W = new Float32Array([1, 0, 0, 1, -1, 0, 0, -1, 0.5, 0.5]);
    const setOf = setIndexOfFeature(n, [
      { kind: 'anticorrelated', features: [0, 2] },
      { kind: 'anticorrelated', features: [1, 3] },
    ]);
    expect(Array.from(setOf)).toEqual([0, 1, 0, 1, -1]);
    const svg = renderToStaticMarkup(<SetGeometry2D W={W} n={n} setOf={setOf} note="1 − S = 0.1" />);
    const { doc, errors } = parse(svg);
    expect(errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
    const features = Array.from(doc.getElementsByTagName('g')).filter((g) => g.getAttribute('data-feature') !== null);
    expect(features).toHaveLength(n);
    const stroke = (i: number) => features[i].getElementsByTagName('line')[0].getAttribute('stroke');
    expect(stroke(0)).toBe(stroke(2));
    expect(stroke(1)).toBe(stroke(3));
    expect(stroke(0)).not.toBe(stroke(1));
    expect(stroke(0)).toBe(seriesColor(0));
    expect(stroke(4)).toBe(NEUTRAL_COLOR);
    // antipodal members point in opposite directions from the centre
    const tip = (i: number) => {
      const l = features[i].getElementsByTagName('line')[0];
      return [attr(l, 'x2') - attr(l, 'x1'), attr(l, 'y2') - attr(l, 'y1')];
    };
    expect(tip(0)[0]).toBeCloseTo(-tip(2)[0], 1);
    expect(svg).toContain('1 − S = 0.1');
  });

  it('survives NaN weights', () => {
    const svg = renderToStaticMarkup(<SetGeometry2D W={[NaN, 1, Infinity, 0]} n={2} setOf={[0, NaN]} />);
    expect(parse(svg).errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
  });
});

describe('BeyondBasic section helpers', () => {
  it("every preset id builds, seeds shift with vseed, the step limit is the reader's (the abs sweep is not capped)", () => {
    for (const id of BEYOND_VARIANTS) {
      const p = beyondPreset(id, 5);
      expect(p.config.instances.length).toBe(p.densities.length * p.seeds);
      expect(p.config.instances[0].seed).toBe(5);
      expect(beyondPreset(id).config.instances[0].seed).toBe(1);
    }
    expect(beyondSteps('abs-sweep', BEYOND_PARAMS.steps.max)).toBe(30_000);
    expect(beyondSteps('abs-sweep', 2500)).toBe(2500);
    expect(beyondSteps('abs-dense', 30_000)).toBe(30_000);
    expect(beyondPreset('local-orthogonal-bases').config.featureSets).toHaveLength(2);
  });

  it('picks the lowest minibatch loss per density while training, and the group index with one seed', () => {
    const p = beyondPreset('correlated-pairs'); // 5 densities × 3 seeds
    const I = p.config.instances.length;
    const loss = Float32Array.from({ length: I }, (_, j) => [3, 1, 2][j % 3]);
    loss[3] = NaN;
    const snap = { W: new Float32Array(I * 8), b: new Float32Array(I * 4), loss };
    expect(pickBest(p, snap, false)).toEqual([1, 4, 7, 10, 13]);
    const one = beyondPreset('adversarial');
    expect(
      pickBest(
        one,
        { W: new Float32Array(0), b: new Float32Array(0), loss: new Float32Array(one.config.instances.length) },
        true,
      ),
    ).toEqual(one.densities.map((_, g) => g));
  });

  it('URL table: keys prefixed v, presets parse, bad values fall back', () => {
    expect(urlKeys(BEYOND_PARAMS).every((k) => k.startsWith('v'))).toBe(true);
    expect(parseParams(BEYOND_PARAMS, '?vpreset=abs-dense&vsteps=3000').values).toMatchObject({
      variant: 'abs-dense',
      steps: 3000,
      seed: 1,
    });
    const bad = parseParams(BEYOND_PARAMS, '?vpreset=nope&vseed=-3');
    expect(bad.values.variant).toBe('correlated-pairs');
    expect(bad.ignored).toHaveLength(2);
  });

  it('renders the section shell with its test hooks before training starts', () => {
    const html = renderToStaticMarkup(
      <BeyondBasic state={{ ...defaults(BEYOND_PARAMS), variant: 'abs-sweep' }} onChange={() => {}} />,
    );
    expect(html).toContain('data-testid="beyond-preset"');
    expect(html).toContain('name="vpreset"');
    expect(html).toMatch(/data-testid="beyond-status"[^>]*>starting</);
    expect(html).toContain('data-testid="beyond-cost-note"');
    // no cap: the slider reaches the paper's 30,000 steps and the note states the cost instead
    expect(html).toMatch(/name="vsteps"[^>]*max="30000"|max="30000"[^>]*name="vsteps"/);
    expect(html).toMatch(/5,000 steps set here take about 9 min.*30,000 steps.*most of an hour/s);
    expect(html).not.toContain('beyond-chart-ready');
    for (const id of BEYOND_VARIANTS) expect(html).toContain(`value="${id}"`);
  });

  it('every preset view renders from a snapshot: charts parse, no NaN, the expected chart kinds appear', () => {
    const expected: Record<string, string> = {
      'correlated-pairs': 'set-geometry-2d',
      'anticorrelated-pairs': 'set-geometry-2d',
      'three-correlated-pairs': 'set-geometry-2d',
      'local-orthogonal-bases': 'gram',
      'privileged-basis': 'neuron-stack',
      'abs-dense': 'neuron-stack',
      'abs-sweep': 'neuron-stack',
      adversarial: 'beyond-perdim',
    };
    for (const id of BEYOND_VARIANTS) {
      const preset = beyondPreset(id);
      const I = preset.config.instances.length;
      const W = Float32Array.from(
        { length: I * weightsPerInstance(preset.config) },
        (_, k) => Math.sin(k * 0.37) * 0.8,
      );
      const snap = {
        runId: 1,
        runKey: '',
        seq: 1,
        step: 100,
        W,
        b: new Float32Array(I * preset.config.n),
        loss: Float32Array.from({ length: I }, (_, j) => 0.01 + j * 1e-4),
        status: 'running' as const,
        path: 'js' as const,
        stepsPerSecond: 10,
        trainingMs: 1000,
      };
      const best = pickBest(preset, snap, false);
      const html = renderToStaticMarkup(
        <BeyondView
          id={id}
          preset={preset}
          snap={snap}
          best={best}
          exportMeta={{ description: id, config: {} }}
          exportJson={() => ({})}
          settled={false}
        />,
      );
      expect(badAttributes(html), id).toEqual([]);
      const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
      expect(svgs.length, id).toBeGreaterThan(0);
      for (const svg of svgs) expect(parse(svg).errors, id).toEqual([]);
      expect(html, id).toContain(`data-chart="${expected[id]}`);
      if (id === 'privileged-basis') {
        expect(html).toContain('data-testid="beyond-neuron-counts"');
        // W as a matrix beside the neuron stacks, one per density
        expect((html.match(/data-chart="weight-matrix"/g) ?? []).length).toBe(preset.densities.length);
      }
      if (id === 'adversarial') expect(html).toContain('data-testid="beyond-adversarial-pending"');
    }
  });
});
