/** Presets are links the page understands: every key belongs to its section and parses cleanly. */
import { describe, expect, it } from 'vitest';
import { readUrl } from '../../src/app/page-url';
import { EXPERIMENTS, PRESETS, presetById, presetTable } from '../../src/experiments';
import { GLANCE_PARAMS, glanceTrainConfig } from '../../src/experiments/at-a-glance/params';
import { BEYOND_PARAMS, BEYOND_VARIANTS } from '../../src/experiments/beyond-basic/params';
import { GEOMETRY_PARAMS, geometryTrainConfig } from '../../src/experiments/geometry/params';
import { PENTAGON_PARAMS } from '../../src/experiments/perturbed-pentagon/params';
import { pentagonFitsConfig } from '../../src/experiments/perturbed-pentagon/run';
import { PHASE_PARAMS } from '../../src/experiments/phase-change/params';
import { MODEL_CHOICES } from '../../src/experiments/sparse-autoencoders/models';
import { SAE_PARAMS } from '../../src/experiments/sparse-autoencoders/params';
import { presetSearch, type Preset } from '../../src/state/presets';
import { fieldOfKey, parseParams, urlKeys, type ParamSpec } from '../../src/state/url-params';

/** Every URL key of the page that is not the preset's experiment's. */
const otherKeys = (p: Preset) => EXPERIMENTS.filter((e) => e.id !== p.experiment).flatMap((e) => urlKeys(e.params));

/** What a raw URL value means under its spec. */
function expected(spec: ParamSpec, raw: string): number | string | boolean | number[] {
  if (spec.kind === 'bool') return raw === '1' || raw === 'true';
  if (spec.kind === 'enum') return raw;
  if (spec.kind === 'list') return raw === '' ? [] : raw.split(',').map(Number);
  return Number(raw); // int, number and choice alike
}

describe('presets', () => {
  it('are unique by id, with plain ids, titles and descriptions', () => {
    const ids = PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of PRESETS) {
      expect(p.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.title.length).toBeGreaterThan(0);
      expect(p.description.length).toBeGreaterThan(0);
      expect(presetById(p.id)).toBe(p);
    }
    expect(presetById('no-such-preset')).toBeUndefined();
  });

  it('cover the paper figures the page reproduces', () => {
    const glance = PRESETS.filter((p) => p.section === 'at-a-glance');
    const intro = glance.filter((p) => p.params.n === '5' && p.params.m === '2');
    expect(intro.map((p) => Number(p.params.density))).toEqual(expect.arrayContaining([1, 0.2, 0.1, 0.01]));
    expect(glance.some((p) => p.params.kind === 'linear')).toBe(true);
    const basic = glance.filter(
      (p) => p.params.n === '20' && p.params.m === '5' && p.params.decay === '0.7' && p.params.kind === 'relu',
    );
    expect(basic.map((p) => Number(p.params.density))).toContain(1);
    expect(basic.some((p) => Number(p.params.density) <= 0.1)).toBe(true);
    const phases = PRESETS.filter((p) => p.section === 'phase-change').map((p) => p.params.pexp);
    expect(phases).toEqual(expect.arrayContaining(['phase-2-1', 'phase-3-2']));
    const geometry = PRESETS.filter((p) => p.section === 'geometry');
    expect(geometry.find((p) => p.id === 'geometry-paper')?.params).toMatchObject({ gn: '400', gm: '30' });
    expect(Number(geometry.find((p) => p.id === 'geometry-paper')?.params.gcount)).toBeGreaterThanOrEqual(20);
    expect(geometry.find((p) => p.id === 'geometry-notebook')?.params).toMatchObject({ gn: '200', gm: '20' });
    expect(geometry.filter((p) => p.params.gm === '3').length).toBe(4);
    // every "Beyond the basic model" experiment is a preset of its own
    const beyond = PRESETS.filter((p) => p.section === 'beyond-basic').map((p) => p.params.vpreset);
    expect(beyond.sort()).toEqual([...BEYOND_VARIANTS].sort());
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s parses cleanly against its experiment', (_, p) => {
    const table = presetTable(p);
    for (const key of Object.keys(p.params)) expect(urlKeys(table)).toContain(key);
    // Alone, and with every other experiment's keys known (the page parses one URL for all of them).
    expect(parseParams(table, new URLSearchParams(p.params)).ignored).toEqual([]);
    expect(parseParams(table, presetSearch(p), otherKeys(p)).ignored).toEqual([]);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s: presetSearch round-trips to its values', (_, p) => {
    const search = presetSearch(p);
    expect(search.startsWith('?')).toBe(true);
    expect(search).not.toMatch(/(^|[?&])preset=/);
    const keys = [...new URLSearchParams(search).keys()];
    expect(keys.sort()).toEqual(Object.keys(p.params).sort());
    const table = presetTable(p);
    const { values, ignored } = parseParams(table, search);
    expect(ignored).toEqual([]);
    for (const [key, raw] of Object.entries(p.params)) {
      const field = fieldOfKey(table, key)!;
      expect((values as Record<string, unknown>)[field]).toEqual(expected(table[field], raw));
    }
  });

  it('presets make valid training requests for their sections', () => {
    for (const p of PRESETS) {
      if (p.section === 'at-a-glance') {
        const { values } = parseParams(GLANCE_PARAMS, presetSearch(p));
        const config = glanceTrainConfig(values);
        expect(config.instances).toHaveLength(values.seeds);
        expect(config.m).toBeLessThan(config.n);
      } else if (p.section === 'phase-change') {
        const { values } = parseParams(PHASE_PARAMS, presetSearch(p));
        expect(PHASE_PARAMS.diagram.values).toContain(values.diagram);
      } else if (p.experiment === 'perturbed-pentagon') {
        const { values } = parseParams(PENTAGON_PARAMS, presetSearch(p));
        const config = pentagonFitsConfig({ ...values, seed: GEOMETRY_PARAMS.seed.default });
        expect(config.instances).toHaveLength(13 * values.seeds);
      } else if (p.section === 'geometry') {
        const { values } = parseParams(GEOMETRY_PARAMS, presetSearch(p));
        const config = geometryTrainConfig(values);
        expect(config.instances).toHaveLength(values.sparsities);
        expect(values.selected).toBeLessThan(values.sparsities);
      } else if (p.section === 'footnotes') {
        // The footnote experiments run on the model shown at a glance; their presets set only their own controls.
        const { ignored } = parseParams(presetTable(p), presetSearch(p));
        expect(ignored).toEqual([]);
      } else if (p.section === 'sparse-autoencoders') {
        const { values, ignored } = parseParams(SAE_PARAMS, presetSearch(p));
        expect(ignored).toEqual([]);
        expect(MODEL_CHOICES).toContain(values.model);
        expect(values.model).not.toBe('glance');
      } else {
        const { values } = parseParams(BEYOND_PARAMS, presetSearch(p));
        expect(BEYOND_VARIANTS).toContain(values.variant);
        expect(values.steps).toBeGreaterThanOrEqual(10_000);
      }
    }
  });

  it('reach the page through ?preset=<id>, and keys given in the link win', () => {
    const url = readUrl('?preset=geometry-octahedron&gseed=7');
    expect(url.ignored).toEqual([]);
    expect(url.state.geometry).toMatchObject({ n: 6, m: 3, selected: 9, seed: 7 });
    expect(readUrl('?preset=privileged-basis').state['beyond-basic']).toMatchObject({
      variant: 'privileged-basis',
      steps: 10_000,
    });
    expect(readUrl('?preset=nope').ignored).toEqual(['preset="nope": no such preset']);
  });
});
