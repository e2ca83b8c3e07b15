/**
 * The five footnote experiments' figures, headless: one quick run of their six presets through the figures CLI, on the
 * at-a-glance model the page shows by default, checked file by file — every SVG well-formed and drawn with the
 * section's marks, every JSON holding the model it ran on and the numbers its claim rests on.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFigures, type FigureEntry } from '../../../src/cli/figures';
import { PRESETS } from '../../../src/experiments';
import { QUICK_GLANCE_STEPS } from '../../../src/experiments/at-a-glance/headless';
import { CompressedSensing } from '../../../src/experiments/compressed-sensing/Section';
import { FOOTNOTE_FIGURES_FORMAT, type FootnoteFiguresJson } from '../../../src/experiments/footnotes/headless';
import { ForwardPass } from '../../../src/experiments/forward-pass/Section';
import type { Plain } from '../../../src/experiments/shared/figures';
import type { FootnoteModel } from '../../../src/experiments/shared/footnote-model';
import type { CompressedSensingResult } from '../../../src/experiments/compressed-sensing/run';
import type { DictionaryCurvesResult, DictionaryResult } from '../../../src/experiments/dictionary-learning/run';
import type { RemoveDirectionResult } from '../../../src/experiments/forward-pass/run';
import type { GaussianResult } from '../../../src/experiments/gaussian-latents/run';
import type { L1MarginResult } from '../../../src/experiments/l1-margin/run';
import { presetSearch } from '../../../src/state/presets';
import { defaults } from '../../../src/state/url-params';
import { FORWARD_PARAMS } from '../../../src/experiments/forward-pass/params';
import { CS_PARAMS } from '../../../src/experiments/compressed-sensing/params';
import { badAttributes, parse, withAttr } from '../../charts/svg';

const FOOTNOTE_PRESETS = PRESETS.filter((p) => p.section === 'footnotes');
const dir = mkdtempSync(join(tmpdir(), 'footnote-figures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let entries: FigureEntry[] = [];
beforeAll(async () => {
  const index = await runFigures(
    ['--quick', '--only', FOOTNOTE_PRESETS.map((p) => p.id).join(','), '--out', dir],
    () => {},
  );
  entries = index!.presets;
}, 60_000);

const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const jsonOf = (id: string) => JSON.parse(read(`${id}.json`)) as FootnoteFiguresJson;
/** A preset's result, typed as its renderer wrote it. */
const resultOf = <R>(id: string) => jsonOf(id).result as Plain<R>;
/** The chart itself: the SVG without the XML header, <desc> and <metadata> the export adds. */
const chartOf = (svg: string) =>
  svg
    .replace(/^<\?xml[^>]*>\n/, '')
    .replace(/<desc>.*?<\/desc><metadata>.*?<\/metadata>/s, '')
    .trim();
/** Whether a page's markup holds a chart file's drawing (a boolean: a failure must not print both documents). */
const drawnIn = (page: string, file: string) => page.includes(chartOf(read(file)));
/** The model a JSON names, as the page hands it to the footnotes. */
const modelOf = (j: FootnoteFiguresJson): FootnoteModel => {
  const m = j.model!;
  return {
    W: Float32Array.from(m.W.flat()),
    b: Float32Array.from(m.b),
    n: m.n,
    m: m.m,
    kind: m.kind,
    importance: Float32Array.from(m.importance),
    density: Float32Array.from(m.density),
    step: m.step,
    runKey: '',
    label: m.label,
  };
};

describe('footnote figures (quick): the files', () => {
  it('has a preset per footnote experiment, each a link of its own keys, in page order', () => {
    expect(FOOTNOTE_PRESETS.map((p) => [p.id, p.experiment])).toEqual([
      ['forward-pass', 'forward-pass'],
      ['dictionary', 'dictionary-learning'],
      ['dictionary-4n', 'dictionary-learning'],
      ['l1-margin', 'l1-margin'],
      ['gaussian-latents', 'gaussian-latents'],
      ['compressed-sensing', 'compressed-sensing'],
    ]);
    expect(presetSearch(FOOTNOTE_PRESETS[5])).toBe('?fcsn=25%2C50%2C100%2C200&fcstrials=1');
  });

  it('writes every chart of each section as a well-formed standalone SVG, and one JSON', () => {
    expect(entries.map((e) => [e.id, e.files])).toEqual([
      [
        'forward-pass',
        [
          'forward-pass-hidden.svg',
          'forward-pass-output.svg',
          'forward-pass-remove-direction-0.svg',
          'forward-pass.json',
        ],
      ],
      [
        'dictionary',
        [
          'dictionary-atoms.svg',
          'dictionary-cosines.svg',
          'dictionary-by-density.svg',
          'dictionary-by-k.svg',
          'dictionary.json',
        ],
      ],
      [
        'dictionary-4n',
        [
          'dictionary-4n-atoms.svg',
          'dictionary-4n-cosines.svg',
          'dictionary-4n-by-density.svg',
          'dictionary-4n-by-k.svg',
          'dictionary-4n.json',
        ],
      ],
      ['l1-margin', ['l1-margin-margin.svg', 'l1-margin.json']],
      [
        'gaussian-latents',
        [
          'gaussian-latents-histogram.svg',
          'gaussian-latents-qq.svg',
          'gaussian-latents-kurtosis.svg',
          'gaussian-latents.json',
        ],
      ],
      [
        'compressed-sensing',
        ['compressed-sensing-scale.svg', 'compressed-sensing-transition.svg', 'compressed-sensing.json'],
      ],
    ]);
    for (const f of entries.flatMap((e) => e.files.filter((name) => name.endsWith('.svg')))) {
      const text = read(f);
      const { doc, errors } = parse(text);
      expect(errors, f).toEqual([]);
      expect(doc.documentElement?.getAttribute('xmlns'), f).toBe('http://www.w3.org/2000/svg');
      expect(doc.getElementsByTagName('desc').length, f).toBe(1);
      expect(doc.getElementsByTagName('metadata').length, f).toBe(1);
      expect(badAttributes(text), f).toEqual([]);
    }
  });

  it('runs on the page’s default model: the shown seed of the at-a-glance defaults, the same in every JSON', () => {
    const withModel = FOOTNOTE_PRESETS.filter((p) => p.id !== 'gaussian-latents').map((p) => jsonOf(p.id));
    for (const j of withModel) {
      expect(j).toMatchObject({ format: FOOTNOTE_FIGURES_FORMAT, quick: true });
      const m = j.model!;
      expect(m).toMatchObject({ n: 5, m: 2, kind: 'relu', step: QUICK_GLANCE_STEPS });
      expect(m.trainedAt).toMatchObject({ path: 'simd', seeds: [1, 2, 3], steps: QUICK_GLANCE_STEPS });
      // The shown seed is the lowest evaluation loss of the three, and the label names it.
      const best = m.trainedAt.evalLoss.indexOf(Math.min(...m.trainedAt.evalLoss));
      expect(m.trainedAt.shownSeed).toBe(m.trainedAt.seeds[best]);
      expect(m.label).toBe(`n=5, m=2, 1−S=0.10, I=0.9^i, relu, seed ${m.trainedAt.shownSeed}`);
      expect(m.W).toEqual(withModel[0].model!.W);
    }
    expect(jsonOf('gaussian-latents').model).toBeNull(); // random directions: no model
    expect(entries.map((e) => e.steps)).toEqual([1000, 1000, 1000, 1000, 0, 1000]);
  });
});

describe('footnote figures (quick): each claim', () => {
  it('forward pass: h is the sum of the active features’ vectors, and the charts are the section’s own', () => {
    const model = modelOf(jsonOf('forward-pass'));
    const { forward, removal, removedFeature } = resultOf<{
      forward: { x: number[]; h: Float64Array };
      removedFeature: number;
      removal: RemoveDirectionResult;
    }>('forward-pass');
    expect(forward.x).toEqual([1, 0.7, 0, 0, 0]);
    for (let k = 0; k < 2; k++) expect(forward.h[k]).toBeCloseTo(1 * model.W[k] + 0.7 * model.W[2 + k], 6);
    // Removing feature 0's direction raises its own loss; the bars are one per feature, the removed one marked.
    expect(removedFeature).toBe(0);
    expect(removal.after[0]).toBeGreaterThan(removal.before[0]);
    const bars = withAttr(read('forward-pass-remove-direction-0.svg'), 'rect', 'data-category');
    expect(bars).toHaveLength(5);
    expect(
      bars.filter((b) => b.getAttribute('data-highlight') === '1').map((b) => b.getAttribute('data-category')),
    ).toEqual(['0']);
    // The section, rendered with this model at the preset's settings, draws exactly these two charts.
    const page = renderToStaticMarkup(
      createElement(ForwardPass, { model, state: defaults(FORWARD_PARAMS), onChange: () => {} }),
    );
    for (const f of ['forward-pass-hidden.svg', 'forward-pass-output.svg']) expect(drawnIn(page, f), f).toBe(true);
  });

  it('dictionary learning: every represented feature of the default model is found, where the hidden axes find fewer', () => {
    for (const [id, k] of [
      ['dictionary', 10],
      ['dictionary-4n', 20],
    ] as const) {
      const { run, curves } = resultOf<{ run: DictionaryResult; curves: DictionaryCurvesResult }>(id);
      expect(run.k, id).toBe(k);
      expect(run.represented.length, id).toBeGreaterThanOrEqual(4);
      expect(run.fraction, id).toBe(1);
      expect(run.axisFraction, id).toBeLessThan(1);
      // The curve over density passes through the run (the model's own density, reused, not recomputed).
      expect(curves.byDensity.find((q) => q.density === 0.1)?.fraction, id).toBe(run.fraction);
      expect(
        curves.byRatio.map((q) => q.ratio),
        id,
      ).toEqual([0.5, 1, 2, 4]);
      const cells = withAttr(read(`${id}-cosines.svg`), 'rect', 'data-cell');
      expect(cells, id).toHaveLength(run.represented.length * k);
      expect(cells.filter((c) => c.getAttribute('data-match') === '1').length, id).toBeGreaterThanOrEqual(
        run.represented.length,
      );
    }
  });

  it('L1 margin: from the control, a λ lowers superposition for at most 1% more loss', () => {
    const r = resultOf<L1MarginResult>('l1-margin');
    expect(r.rows).toHaveLength(6);
    expect(r.rows[0]).toMatchObject({ lambda: 0, relativeLoss: 0, relativeSuperposition: 0 });
    const margin = r.rows.find((row) => row.lambda === r.marginLambda)!;
    expect(margin.relativeLoss).toBeLessThanOrEqual(0.01);
    expect(margin.relativeSuperposition).toBeLessThan(0);
    expect(withAttr(read('l1-margin-margin.svg'), 'g', 'data-point')).toHaveLength(6);
  });

  it('Gaussian latents: the excess kurtosis falls towards 0 as features per dimension grow', () => {
    const r = resultOf<GaussianResult>('gaussian-latents');
    expect(r).toMatchObject({ n: 64, m: 8, featuresPerDimension: 8 });
    const means = r.curve.map((c) => c.mean);
    for (let i = 1; i < means.length; i++) expect(means[i]).toBeLessThan(means[i - 1]);
    expect(means[0]).toBeGreaterThan(2);
    expect(Math.abs(means[means.length - 1])).toBeLessThan(0.2);
    expect(withAttr(read('gaussian-latents-qq.svg'), 'circle', 'data-point')).toHaveLength(99);
  });

  it('compressed sensing: recovery falls from 1 to 0 along k/m, more steeply for larger n; the model sits on the scale', () => {
    const { curves, modelPoint } = resultOf<CompressedSensingResult & { modelPoint: { x: number; y: number } }>(
      'compressed-sensing',
    );
    expect(curves.map((c) => c.n)).toEqual([25, 50, 100]); // quick: sizes up to 100
    for (const c of curves) {
      const half = Math.floor(c.success.length / 2);
      const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
      expect(c.success[0], `n = ${c.n}`).toBe(1);
      expect(c.success.at(-1), `n = ${c.n}`).toBe(0);
      expect(mean(c.success.slice(0, half)), `n = ${c.n}`).toBeGreaterThan(mean(c.success.slice(half)));
      expect(c.start, `n = ${c.n}`).toBeLessThan(c.end);
    }
    expect(curves[2].width).toBeLessThan(curves[0].width);
    // The model's own dimensions per feature, at its 1/(1 − S) = 10.
    const model = modelOf(jsonOf('compressed-sensing'));
    expect(modelPoint.x).toBeCloseTo(10, 4);
    const frob = model.W.reduce((s, v) => s + v * v, 0);
    expect(modelPoint.y).toBeCloseTo(model.m / frob, 5);
    const page = renderToStaticMarkup(
      createElement(CompressedSensing, { model, state: defaults(CS_PARAMS), onChange: () => {} }),
    );
    expect(drawnIn(page, 'compressed-sensing-scale.svg')).toBe(true);
  });
});
