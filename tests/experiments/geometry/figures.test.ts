/** Headless geometry figures: a quick run of every geometry preset writes well-formed SVGs and JSON. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPreset } from '../../../src/cli/figures';
import { PRESETS } from '../../../src/experiments';
import { GEOMETRY_SWEEP_FORMAT, QUICK_GEOMETRY, sweepSteps } from '../../../src/experiments/geometry/figures';
import { GEOMETRY_PARAMS } from '../../../src/experiments/geometry/params';
import { PENTAGON_FORMAT, QUICK_PENTAGON } from '../../../src/experiments/perturbed-pentagon/figures';
import { PENTAGON_PARAMS } from '../../../src/experiments/perturbed-pentagon/params';
import { PENTAGON_RELATIVE_DENSITIES } from '../../../src/experiments/perturbed-pentagon/run';
import { presetValues, type PresetFigures } from '../../../src/experiments/shared/figures';
import type { Preset } from '../../../src/state/presets';

const dir = mkdtempSync(join(tmpdir(), 'superposition-geometry-figures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GEOMETRY = PRESETS.filter((p) => p.section === 'geometry');
const NAMED = [
  'geometry-paper',
  'geometry-notebook',
  'geometry-small',
  'geometry-tetrahedron',
  'geometry-octahedron',
  'geometry-antiprism',
  'perturbed-pentagon',
];
const preset = (id: string): Preset => PRESETS.find((p) => p.id === id)!;

interface SweepJson {
  format: string;
  config: { n: number; m: number; steps: number };
  instances: { W: number[][]; b: number[] }[];
  summary: { invDensity: number; dimensionsPerFeature: number; dimensionalities: number[] }[];
  selected: { model: number } | null;
}
interface PentagonJson {
  format: string;
  instances: { W: number[][]; b: number[] }[];
  curves: { pentagon: (number | null)[]; digons: (number | null)[]; crossing: number | null; W: number[][][] };
  kept: unknown[];
}

function parseSvg(text: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => errors.push(`${level}: ${msg}`) }).parseFromString(
    text,
    'image/svg+xml',
  );
  return { doc, errors };
}

/** The perturbed pentagon's preset (its own experiment, shown in the geometry section). */
const isPentagonPreset = (p: Preset) => p.experiment === 'perturbed-pentagon';

/** The charts the section shows for a preset (see geometry/Section.tsx and perturbed-pentagon/Section.tsx). */
function expectedNames(p: Preset): string[] {
  if (isPentagonPreset(p)) return ['strip', 'loss'];
  const s = presetValues(GEOMETRY_PARAMS, p);
  const out = ['dims-per-feature', 'dimensionality'];
  if (s.selected < 0 || s.selected >= s.sparsities) return out;
  const j = `model-${s.selected}`;
  out.push(`${j}-graph`);
  if (s.n <= 100) out.push(`${j}-wtw`);
  out.push(`${j}-polytopes`);
  if (s.m === 3) out.push(`${j}-3d`);
  out.push(`${j}-dynamics`);
  return out;
}

const results = new Map<string, PresetFigures>();
const lines = new Map<string, string[]>();
// Every preset rendered once for the file (how long it takes: `npm run bench`, quick figures).
beforeAll(async () => {
  for (const p of GEOMETRY) {
    const log: string[] = [];
    // Two threads: the GPU-sized sweeps take the threaded path, the small ones stay on one thread.
    const r = await renderPreset(p, { quick: true, threads: 2 }, (s) => log.push(s));
    // Written and read back as runFigures does, so what is checked is what lands on disk.
    for (const f of r.figures) writeFileSync(join(dir, `${p.id}-${f.name}.svg`), f.svg);
    writeFileSync(join(dir, `${p.id}.json`), JSON.stringify(r.json));
    results.set(p.id, r);
    lines.set(p.id, log);
  }
});

describe('geometry figures (quick): the files', () => {
  it('covers the seven paper presets and tells the pentagon from the sweeps', () => {
    expect(GEOMETRY.map((p) => p.id)).toEqual(expect.arrayContaining(NAMED));
    expect(GEOMETRY.filter(isPentagonPreset).map((p) => p.id)).toEqual(['perturbed-pentagon']);
  });

  it('draws the charts each section shows, the 3-D view only for m = 3 and the pentagon only for its preset', () => {
    expect(results.get('geometry-paper')!.figures.map((f) => f.name)).toEqual(['dims-per-feature', 'dimensionality']);
    expect(results.get('geometry-small')!.figures.map((f) => f.name)).toEqual(['dims-per-feature', 'dimensionality']);
    expect(results.get('geometry-octahedron')!.figures.map((f) => f.name)).toEqual([
      'dims-per-feature',
      'dimensionality',
      'model-9-graph',
      'model-9-wtw',
      'model-9-polytopes',
      'model-9-3d',
      'model-9-dynamics',
    ]);
    expect(results.get('perturbed-pentagon')!.figures.map((f) => f.name)).toEqual(['strip', 'loss']);
    for (const p of GEOMETRY) {
      const names = results.get(p.id)!.figures.map((f) => f.name);
      expect(names, p.id).toEqual(expectedNames(p));
      const s = isPentagonPreset(p) ? null : presetValues(GEOMETRY_PARAMS, p);
      expect(
        names.some((n) => n.endsWith('-3d')),
        p.id,
      ).toBe(s !== null && s.m === 3 && s.selected >= 0);
      expect(names.includes('strip'), p.id).toBe(p.id === 'perturbed-pentagon');
    }
  });

  it('writes SVGs that parse as XML, describe the steps trained and contain no NaN or Infinity', () => {
    let count = 0;
    for (const p of GEOMETRY) {
      const r = results.get(p.id)!;
      for (const f of r.figures) {
        const name = `${p.id}-${f.name}.svg`;
        const text = readFileSync(join(dir, name), 'utf8');
        const { doc, errors } = parseSvg(text);
        expect(errors, name).toEqual([]);
        expect(doc.documentElement?.nodeName, name).toBe('svg');
        expect(doc.documentElement?.getAttribute('xmlns'), name).toBe('http://www.w3.org/2000/svg');
        const desc = doc.getElementsByTagName('desc');
        expect(desc.length, name).toBe(1);
        expect(desc[0].textContent, name).toContain(`step ${r.steps}`);
        expect(doc.getElementsByTagName('metadata').length, name).toBe(1);
        expect(text, name).not.toMatch(/NaN|Infinity/);
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(2 * GEOMETRY.length);
  });

  it('trains the quick steps and says so, the GPU-sized sweeps capped by work', () => {
    const paper = presetValues(GEOMETRY_PARAMS, preset('geometry-paper'));
    const steps = results.get('geometry-paper')!.steps;
    expect(steps).toBe(sweepSteps(paper, true));
    expect(steps * paper.sparsities * paper.n * paper.m).toBeLessThanOrEqual(QUICK_GEOMETRY.sweepWork);
    expect(results.get('geometry-paper')!.figures[0].svg).toContain(
      `step ${steps} (quick run: ${steps} of ${paper.steps} steps)`,
    );
    expect(results.get('geometry-octahedron')!.steps).toBe(QUICK_GEOMETRY.sweepSteps);
    expect(results.get('perturbed-pentagon')!.steps).toBe(QUICK_PENTAGON.steps);
  });

  it('writes JSON with the config, every instance’s W and b, and the summary or the curves', () => {
    for (const p of GEOMETRY) {
      const text = readFileSync(join(dir, `${p.id}.json`), 'utf8');
      if (isPentagonPreset(p)) {
        const s = presetValues(PENTAGON_PARAMS, p);
        const j = JSON.parse(text) as PentagonJson;
        const R = PENTAGON_RELATIVE_DENSITIES.length;
        expect(j.format).toBe(PENTAGON_FORMAT);
        expect(j.instances).toHaveLength(R * s.seeds);
        for (const inst of j.instances) {
          expect(inst.W.flat()).toHaveLength(10);
          expect(inst.b).toHaveLength(5);
        }
        expect(j.curves.pentagon).toHaveLength(R);
        expect(j.curves.digons).toHaveLength(R);
        expect(j.curves.W).toHaveLength(2 * R);
        expect(j.kept).toHaveLength(R);
        continue;
      }
      const s = presetValues(GEOMETRY_PARAMS, p);
      const j = JSON.parse(text) as SweepJson;
      expect(j.format, p.id).toBe(GEOMETRY_SWEEP_FORMAT);
      expect(j.config, p.id).toMatchObject({ n: s.n, m: s.m, steps: results.get(p.id)!.steps });
      expect(j.instances, p.id).toHaveLength(s.sparsities);
      for (const inst of j.instances) {
        expect(inst.W).toHaveLength(s.n);
        expect(inst.W.flat()).toHaveLength(s.n * s.m);
        expect(inst.b).toHaveLength(s.n);
      }
      expect(j.summary, p.id).toHaveLength(s.sparsities);
      expect(j.summary[0].dimensionalities, p.id).toHaveLength(s.n);
      expect(j.selected?.model ?? -1, p.id).toBe(s.selected);
    }
  });

  it('logs an up-front estimate and one summary line per preset', () => {
    for (const p of GEOMETRY) {
      const log = lines.get(p.id)!;
      if (isPentagonPreset(p))
        expect(
          log.some((l) => /the loss curves cross at/.test(l)),
          p.id,
        ).toBe(true);
      else {
        expect(log[0], p.id).toMatch(/≈ .* on one CPU core/);
        expect(
          log.some((l) => /^ {2}step \d+: m\/‖W‖_F² \d/.test(l)),
          p.id,
        ).toBe(true);
      }
    }
    // the paper-sized sweep is big enough to split over threads; the m = 3 sweeps are not
    expect(lines.get('geometry-paper')).toContain('  on 2 worker threads');
    expect(lines.get('geometry-octahedron')!.some((l) => /worker threads/.test(l))).toBe(false);
  });
});

describe('geometry figures (quick): what they show', () => {
  it('finds one dimension per feature when dense and superposition when sparse (octahedron sweep)', () => {
    const j = JSON.parse(readFileSync(join(dir, 'geometry-octahedron.json'), 'utf8')) as SweepJson;
    const dense = j.summary[0];
    const sparse = j.summary[j.summary.length - 1];
    expect(dense.invDensity).toBe(1);
    // The section's "one dimension per feature" band (0.9–1.1): n = 6 dense features, 3 kept orthogonally.
    expect(dense.dimensionsPerFeature).toBeGreaterThan(0.9);
    expect(dense.dimensionsPerFeature).toBeLessThan(1.1);
    // At 1/(1 − S) = 50 the six features share the three dimensions (antipodal pairs: ½).
    expect(sparse.dimensionsPerFeature).toBeGreaterThan(0.4);
    expect(sparse.dimensionsPerFeature).toBeLessThan(0.55);
  });

  it('finds the pentagon/digons transition between relative densities 0.2 and 0.3, where tests/model/uniform-sweep.test.ts measures it', () => {
    const j = JSON.parse(readFileSync(join(dir, 'perturbed-pentagon.json'), 'utf8')) as PentagonJson;
    // tests/model/uniform-sweep.test.ts measured the crossing between 0.2 and 0.3.
    expect(j.curves.crossing).toBeGreaterThan(0.2);
    expect(j.curves.crossing).toBeLessThan(0.3);
  });
});
