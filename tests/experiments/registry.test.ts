/** The registry is the one list: every experiment folder is in it, and everything it names exists. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFigures } from '../../src/cli/figures';
import { EXPERIMENTS, PRESETS, SECTIONS, URL_OWNERS, partsOf, presetTable } from '../../src/experiments';
import { urlKeys } from '../../src/state/url-params';

const DIR = 'src/experiments';
/** Folders of src/experiments that are not experiments. */
const NOT_EXPERIMENTS = ['shared'];

describe('experiment registry', () => {
  const folders = readdirSync(DIR).filter((f) => statSync(join(DIR, f)).isDirectory() && !NOT_EXPERIMENTS.includes(f));

  it('lists every experiment folder once, and each listed id is a folder with its params, run and section', () => {
    const ids = EXPERIMENTS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...folders].sort());
    for (const id of ids) {
      expect(existsSync(join(DIR, id, 'Section.tsx')), id).toBe(true);
      expect(existsSync(join(DIR, id, 'index.ts')), id).toBe(true);
      // Every experiment with settings has its URL table and its headless run (the footnotes section is only their
      // frame).
      if (id !== 'footnotes')
        for (const file of ['params.ts', 'run.ts']) expect(existsSync(join(DIR, id, file)), `${id}/${file}`).toBe(true);
    }
  });

  it('places every part inside a section that exists, and lists the sections in page order', () => {
    for (const e of EXPERIMENTS)
      if (e.parent !== undefined)
        expect(
          SECTIONS.map((s) => s.id),
          e.id,
        ).toContain(e.parent);
    expect(SECTIONS.map((s) => s.id)).toEqual([
      'at-a-glance',
      'phase-change',
      'geometry',
      'beyond-basic',
      'footnotes',
      'sparse-autoencoders',
    ]);
    expect(partsOf('geometry').map((e) => e.id)).toEqual(['perturbed-pentagon']);
    expect(partsOf('footnotes')).toHaveLength(5);
  });

  it('unites the experiments’ URL keys without a collision, in page order', () => {
    const keys = EXPERIMENTS.flatMap((e) => urlKeys(e.params));
    expect([...URL_OWNERS.keys()]).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).not.toContain('preset');
    for (const e of EXPERIMENTS)
      for (const [id, fields] of Object.entries(e.alsoReads ?? {})) {
        const other = EXPERIMENTS.find((x) => x.id === id);
        for (const f of fields) {
          expect(Object.keys(other?.params ?? {}), `${e.id} reads ${id}.${f}`).toContain(f);
          // Read fields join the section's own: no field may be both.
          expect(Object.keys(e.params), `${e.id} has a field ${f} of its own`).not.toContain(f);
        }
      }
  });

  it('collects the presets in page order, each drawn by its experiment with keys of its table', () => {
    expect(PRESETS).toHaveLength(36);
    expect(PRESETS.map((p) => p.experiment)).toEqual(EXPERIMENTS.flatMap((e) => e.presets.map(() => e.id)));
    for (const p of PRESETS) for (const k of Object.keys(p.params)) expect(urlKeys(presetTable(p)), p.id).toContain(k);
  });

  it('every experiment with presets has a figures renderer the CLI can load', async () => {
    const drawn = [...new Set(PRESETS.map((p) => p.experiment))];
    expect(drawn).toEqual([
      'at-a-glance',
      'phase-change',
      'geometry',
      'perturbed-pentagon',
      'beyond-basic',
      'forward-pass',
      'dictionary-learning',
      'l1-margin',
      'gaussian-latents',
      'compressed-sensing',
      'sparse-autoencoders',
    ]);
    for (const id of drawn) {
      const figures = await loadFigures(id);
      expect(typeof figures.render, id).toBe('function');
      expect(figures.quick.length, id).toBeGreaterThan(0);
    }
    await expect(loadFigures('no-such-experiment')).rejects.toThrow(/no experiment "no-such-experiment"/);
  });
});
