/** Presets are links the page understands: every key belongs to its section and parses cleanly. */
import { describe, expect, it } from 'vitest';
import { GLANCE_PARAMS, glanceTrainConfig } from '../../src/state/glance';
import { PHASE_PARAMS } from '../../src/state/phase';
import { PRESETS, PRESET_TABLES, presetById, presetSearch } from '../../src/state/presets';
import { parseParams, type ParamSpec } from '../../src/state/url-params';

const otherKeys = (section: keyof typeof PRESET_TABLES) => Object.keys(PRESET_TABLES[section === 'at-a-glance' ? 'phase-change' : 'at-a-glance']);

/** What a raw URL value means under its spec. */
function expected(spec: ParamSpec, raw: string): number | string | boolean {
  if (spec.kind === 'bool') return raw === '1' || raw === 'true';
  if (spec.kind === 'enum') return raw;
  return Number(raw);
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
    const basic = glance.filter((p) => p.params.n === '20' && p.params.m === '5' && p.params.decay === '0.7' && p.params.kind === 'relu');
    expect(basic.map((p) => Number(p.params.density))).toContain(1);
    expect(basic.some((p) => Number(p.params.density) <= 0.1)).toBe(true);
    const phases = PRESETS.filter((p) => p.section === 'phase-change').map((p) => p.params.pexp);
    expect(phases).toEqual(expect.arrayContaining(['phase-2-1', 'phase-3-2']));
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s parses cleanly against its section', (_, p) => {
    const table = PRESET_TABLES[p.section];
    for (const key of Object.keys(p.params)) expect(Object.keys(table)).toContain(key);
    // Alone, and inside the page's shared URL (App parses each section with the other's keys as known).
    expect(parseParams(table, new URLSearchParams(p.params)).ignored).toEqual([]);
    expect(parseParams(table, presetSearch(p), otherKeys(p.section)).ignored).toEqual([]);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s: presetSearch round-trips to its values', (_, p) => {
    const search = presetSearch(p);
    expect(search.startsWith('?')).toBe(true);
    expect(search).not.toMatch(/preset=/);
    const keys = [...new URLSearchParams(search).keys()];
    expect(keys.sort()).toEqual(Object.keys(p.params).sort());
    const table = PRESET_TABLES[p.section];
    const { values, ignored } = parseParams(table, search);
    expect(ignored).toEqual([]);
    for (const [key, raw] of Object.entries(p.params)) expect((values as Record<string, unknown>)[key]).toEqual(expected(table[key], raw));
  });

  it('glance presets make valid training requests; phase presets name an experiment', () => {
    for (const p of PRESETS) {
      if (p.section === 'at-a-glance') {
        const { values } = parseParams(GLANCE_PARAMS, presetSearch(p));
        const config = glanceTrainConfig(values);
        expect(config.instances).toHaveLength(values.seeds);
        expect(config.m).toBeLessThan(config.n);
      } else {
        const { values } = parseParams(PHASE_PARAMS, presetSearch(p));
        expect(PHASE_PARAMS.pexp.values).toContain(values.pexp);
      }
    }
  });
});
