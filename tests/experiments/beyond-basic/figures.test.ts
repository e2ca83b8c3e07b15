/**
 * Headless figures of the "Beyond the basic model" presets: a quick run of all eight writes well-formed SVG and JSON.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPreset } from '../../../src/cli/figures';
import { PRESETS } from '../../../src/experiments';
import {
  BEYOND_FIGURES_FORMAT,
  QUICK_BEYOND,
  type BeyondFiguresJson,
} from '../../../src/experiments/beyond-basic/figures';
import { BEYOND_VARIANTS, type BeyondVariantId } from '../../../src/experiments/beyond-basic/params';

const dir = mkdtempSync(join(tmpdir(), 'superposition-beyond-figures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const range = (prefix: string, count: number) => Array.from({ length: count }, (_, g) => `${prefix}-${g}`);

/** The charts the section shows per experiment, in the section's order (g = density index). */
const EXPECTED: Record<BeyondVariantId, string[]> = {
  'correlated-pairs': range('geometry', 5),
  'anticorrelated-pairs': range('geometry', 5),
  'three-correlated-pairs': range('geometry', 6),
  'local-orthogonal-bases': ['wtw'],
  'privileged-basis': [...range('stacks', 7), ...range('matrix', 7)],
  'abs-dense': range('stacks', 1),
  'abs-sweep': range('stacks', 7),
  adversarial: ['perdim', 'vs-density', 'vs-perdim'],
};

/** data-chart of each chart name's root <svg>. */
const CHART_KIND: [RegExp, string][] = [
  [/^geometry-/, 'set-geometry-2d'],
  [/^wtw$/, 'gram-heatmap'],
  [/^stacks-/, 'neuron-stack'],
  [/^matrix-/, 'weight-matrix'],
  [/^perdim$/, 'beyond-perdim'],
  [/^vs-density$/, 'beyond-vuln-density'],
  [/^vs-perdim$/, 'beyond-vuln-perdim'],
];

function parseSvg(text: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => errors.push(`${level}: ${msg}`) }).parseFromString(
    text,
    'image/svg+xml',
  );
  return { doc, errors };
}

describe('beyond-basic figures, quick run of all eight presets', () => {
  const presets = PRESETS.filter((p) => p.section === 'beyond-basic');
  const written = new Map<string, { names: string[]; steps: number; logs: string[] }>();

  // How long this takes is measured by `npm run bench` (quick figures), not asserted here.
  beforeAll(async () => {
    for (const p of presets) {
      const logs: string[] = [];
      const { figures, json, steps } = await renderPreset(p, { quick: true, threads: 1 }, (s) => logs.push(s));
      for (const f of figures) writeFileSync(join(dir, `${p.id}-${f.name}.svg`), f.svg);
      writeFileSync(join(dir, `${p.id}.json`), JSON.stringify(json));
      written.set(p.id, { names: figures.map((f) => f.name), steps, logs });
    }
  });

  it('covers every experiment of the section, each with the charts the section shows', () => {
    expect(presets.map((p) => p.params.vpreset).sort()).toEqual([...BEYOND_VARIANTS].sort());
    for (const p of presets)
      expect(written.get(p.id)!.names, p.id).toEqual(EXPECTED[p.params.vpreset as BeyondVariantId]);
  });

  it('trains the quick step caps and logs one summary line per preset', () => {
    for (const p of presets) {
      const id = p.params.vpreset as BeyondVariantId;
      const { steps, logs } = written.get(p.id)!;
      expect(steps, p.id).toBe(Math.min(Number(p.params.vsteps), QUICK_BEYOND.steps[id]));
      const summaries = logs.filter((l) => /^ {2}step \d+ in \d+\.\d s: /.test(l));
      expect(summaries, p.id).toHaveLength(1);
    }
    const line = (id: string) => written.get(id)!.logs.at(-1)!;
    expect(line('anticorrelated-pairs')).toMatch(/within-set angles/);
    expect(line('privileged-basis')).toMatch(/mono\/poly\/dead per density: 0\.75: \d+\/\d+\/\d+/);
    expect(line('adversarial')).toMatch(/vulnerability ratio .* 1\.00: \d+\.\d\d/);
  });

  it('writes SVGs that parse, name the step and the quick run in <desc>, and contain no NaN or Infinity', () => {
    let count = 0;
    for (const p of presets) {
      const { names, steps } = written.get(p.id)!;
      for (const name of names) {
        const f = `${p.id}-${name}.svg`;
        const text = readFileSync(join(dir, f), 'utf8');
        const { doc, errors } = parseSvg(text);
        expect(errors, f).toEqual([]);
        const root = doc.documentElement!;
        expect(root.nodeName, f).toBe('svg');
        expect(root.getAttribute('xmlns'), f).toBe('http://www.w3.org/2000/svg');
        expect(root.getAttribute('data-chart'), f).toBe(CHART_KIND.find(([re]) => re.test(name))![1]);
        const desc = doc.getElementsByTagName('desc');
        expect(desc.length, f).toBe(1);
        expect(desc[0].textContent, f).toContain(`step ${steps}`);
        expect(desc[0].textContent, f).toMatch(
          new RegExp(`quick run: ${steps.toLocaleString('en-US')} of [\\d,]+ steps trained`),
        );
        expect(doc.getElementsByTagName('metadata').length, f).toBe(1);
        expect(text, f).not.toMatch(/NaN|Infinity/);
        count++;
      }
    }
    expect(count).toBe(Object.values(EXPECTED).reduce((a, l) => a + l.length, 0));
    // the quick abs sweep says it trained on a smaller batch
    expect(readFileSync(join(dir, 'abs-sweep-stacks-0.svg'), 'utf8')).toContain(
      `batch ${QUICK_BEYOND.absSweepBatch} instead of 1024`,
    );
    // the weight matrices: n·m = 50 cells each
    expect(
      (readFileSync(join(dir, 'privileged-basis-matrix-3.svg'), 'utf8').match(/<rect[^>]*data-cell=/g) ?? []).length,
    ).toBe(50);
  });

  it('writes one JSON per preset: config, every instance’s weights, the best seed per density and the summary', () => {
    for (const p of presets) {
      const id = p.params.vpreset as BeyondVariantId;
      const json = JSON.parse(readFileSync(join(dir, `${p.id}.json`), 'utf8')) as BeyondFiguresJson;
      expect(json.format).toBe(BEYOND_FIGURES_FORMAT);
      expect(json.experiment).toBe(id);
      expect(json.quick).toBe(true);
      const { n, m, densities, seeds } = json.config;
      expect(json.config.trainedSteps).toBe(written.get(p.id)!.steps);
      expect(json.instances).toHaveLength(densities.length * seeds);
      for (const inst of json.instances) {
        expect(inst.W1, p.id).toHaveLength(n);
        for (const row of inst.W1) expect(row).toHaveLength(m);
        expect(inst.b).toHaveLength(n);
        if (id === 'abs-dense' || id === 'abs-sweep') {
          expect(inst.W2, p.id).toHaveLength(n);
          for (const row of inst.W2!) expect(row).toHaveLength(m);
        } else expect(inst.W2, p.id).toBeUndefined();
        expect([...inst.W1.flat(), ...inst.b].every(Number.isFinite), p.id).toBe(true);
      }
      // the best seed of density g is one of group g's instances
      expect(json.best).toHaveLength(densities.length);
      json.best.forEach((j, g) => {
        expect(Math.floor(j / seeds)).toBe(g);
        expect(json.instances[j].density).toBe(densities[g]);
      });
      expect(json.summary, p.id).toBeTruthy();
    }
    const adv = JSON.parse(readFileSync(join(dir, 'adversarial.json'), 'utf8')) as BeyondFiguresJson;
    const points = (adv.summary as { perDensity: { ratio: number; perDim: number }[] }).perDensity;
    expect(points).toHaveLength(6);
    for (const q of points) expect(Number.isFinite(q.ratio) && Number.isFinite(q.perDim)).toBe(true);
    const priv = JSON.parse(readFileSync(join(dir, 'privileged-basis.json'), 'utf8')) as BeyondFiguresJson;
    for (const c of (priv.summary as { perDensity: { monosemantic: number; polysemantic: number; dead: number }[] })
      .perDensity)
      expect(c.monosemantic + c.polysemantic + c.dead).toBe(5);
  });
});
