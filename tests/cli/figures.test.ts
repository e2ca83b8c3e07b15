/** The figures CLI: quick runs of one glance and one phase preset write well-formed SVG and JSON. */
import { availableParallelism } from 'node:os';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIGURES_FORMAT, parseFiguresArgs, runFigures, type FiguresIndex } from '../../src/cli/figures';
import { parseModelJson } from '../../src/model/io/model-json';
import { SWEEP_FORMAT, type SweepResult } from '../../src/experiments/phase-change/sweep';
import { UsageError } from '../../src/cli/command';
import { PRESETS } from '../../src/experiments';
import { presetSearch } from '../../src/state/presets';

const dir = mkdtempSync(join(tmpdir(), 'superposition-figures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function parseSvg(text: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => errors.push(`${level}: ${msg}`) }).parseFromString(
    text,
    'image/svg+xml',
  );
  return { doc, errors };
}

describe('figures CLI', () => {
  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--only', 'no-such-preset'], /--only: unknown preset "no-such-preset"/],
    [['--only', ','], /--only needs at least one preset id/],
    [['--out', ''], /--out must name a folder/],
    [['--quick', 'extra'], /Unexpected argument|positional/i],
    [['--threads', '0'], /--threads must be auto or a whole number from 1 to 64/],
    [['--threads', '2.5'], /--threads must be auto or a whole number from 1 to 64/],
    [['--threads', 'all'], /--threads must be auto or a whole number from 1 to 64, got "all"/],
  ])('rejects %j with a usage error', (argv, message) => {
    expect(() => parseFiguresArgs(argv)).toThrow(UsageError);
    expect(() => parseFiguresArgs(argv)).toThrow(message);
  });

  it('selects presets with --only, in preset order', () => {
    const args = parseFiguresArgs(['--only', 'phase-2-1,intro-dense', '--quick', '--out', 'x'])!;
    expect(args.presets.map((p) => p.id)).toEqual(['intro-dense', 'phase-2-1']);
    expect(args).toMatchObject({ out: 'x', quick: true, threads: availableParallelism() });
    expect(parseFiguresArgs(['--threads', '2'])!.threads).toBe(2);
    expect(parseFiguresArgs(['--threads', 'auto'])!.threads).toBe(availableParallelism());
    expect(parseFiguresArgs([])!.presets).toHaveLength(PRESETS.length);
    expect(parseFiguresArgs(['--help'])).toBeNull();
  });

  describe('a quick run of one glance and one phase preset', () => {
    let index: FiguresIndex;
    const lines: string[] = [];
    beforeAll(async () => {
      index = (await runFigures(['--quick', '--only', 'intro-s99,phase-3-2', '--out', dir], (s) => lines.push(s)))!;
    });

    it('prints progress and writes an index of the files per preset', () => {
      expect(lines.some((l) => /^\[1\/2\] intro-s99: .* in \d+\.\d s$/.test(l))).toBe(true);
      expect(lines.some((l) => /^\[2\/2\] phase-3-2: .* in \d+\.\d s$/.test(l))).toBe(true);
      const onDisk = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as FiguresIndex;
      expect(onDisk).toEqual(index);
      expect(index.format).toBe(FIGURES_FORMAT);
      expect(index.quick).toBe(true);
      expect(index.presets.map((p) => p.id)).toEqual(['intro-s99', 'phase-3-2']);
      const glance = index.presets[0];
      expect(glance.files).toEqual([
        'intro-s99-wtw-bias.svg',
        'intro-s99-feature-norms.svg',
        'intro-s99-feature-geometry.svg',
        'intro-s99-loss-curve.svg',
        'intro-s99.json',
      ]);
      expect(glance.steps).toBe(1000);
      expect(glance.search).toBe(presetSearch(PRESETS.find((p) => p.id === 'intro-s99')!));
      expect(index.presets[1].files).toEqual(['phase-3-2-trained.svg', 'phase-3-2-theory.svg', 'phase-3-2.json']);
      for (const entry of index.presets) for (const f of entry.files) expect(existsSync(join(dir, f))).toBe(true);
    });

    it('writes SVGs that parse as XML, have a <desc> and contain no NaN or Infinity', () => {
      const svgs = index.presets.flatMap((p) => p.files.filter((f) => f.endsWith('.svg')));
      expect(svgs.length).toBe(6);
      for (const f of svgs) {
        const text = readFileSync(join(dir, f), 'utf8');
        const { doc, errors } = parseSvg(text);
        expect(errors, f).toEqual([]);
        expect(doc.documentElement?.nodeName, f).toBe('svg');
        expect(doc.documentElement?.getAttribute('xmlns'), f).toBe('http://www.w3.org/2000/svg');
        const desc = doc.getElementsByTagName('desc');
        expect(desc.length, f).toBe(1);
        expect(desc[0].textContent, f).toMatch(/step \d+/);
        expect(doc.getElementsByTagName('metadata').length, f).toBe(1);
        expect(text, f).not.toMatch(/NaN|Infinity/);
      }
    });

    it('writes a models JSON that parseModelJson reads back, showing the best seed', () => {
      const json = parseModelJson(readFileSync(join(dir, 'intro-s99.json'), 'utf8'));
      expect(json.config).toMatchObject({ n: 5, m: 2, kind: 'relu', steps: 1000 });
      expect(json.instances).toHaveLength(4);
      expect(json.lossHistory.step.at(-1)).toBe(1000);
      const losses = json.instances.map((i) => i.evalLoss);
      expect(losses[json.best]).toBe(Math.min(...losses));
      const desc = readFileSync(join(dir, 'intro-s99-wtw-bias.svg'), 'utf8');
      expect(desc).toContain(`seed ${json.instances[json.best].seed} (best of 4)`);
    });

    it('writes the phase sweep result', () => {
      const res = JSON.parse(readFileSync(join(dir, 'phase-3-2.json'), 'utf8')) as SweepResult;
      expect(res.format).toBe(SWEEP_FORMAT);
      expect(res.experiment).toBe('phase-3-2');
      expect(res.grid).toMatchObject({ resolution: 6, seeds: 1 });
      expect(res.cells).toHaveLength(36);
      expect(res.run.stepsRun).toBe(1500);
      for (const c of res.cells) expect(['not-represented', 'dedicated', 'superposition']).toContain(c.phase);
      const svg = readFileSync(join(dir, 'phase-3-2-trained.svg'), 'utf8');
      expect((svg.match(/<rect[^>]*data-cell=/g) ?? []).length).toBe(36);
    });
  });

  it('dispatches every section: a quick geometry and beyond-basic preset land in the index with their files', async () => {
    const out = join(dir, 'sections');
    const index = (await runFigures(
      ['--quick', '--only', 'geometry-octahedron,correlated-pairs', '--out', out],
      () => {},
    ))!;
    expect(index.presets.map((p) => [p.id, p.section])).toEqual([
      ['geometry-octahedron', 'geometry'],
      ['correlated-pairs', 'beyond-basic'],
    ]);
    for (const entry of index.presets) {
      expect(entry.files.filter((f) => f.endsWith('.svg')).length, entry.id).toBeGreaterThanOrEqual(2);
      expect(entry.files.at(-1)).toBe(`${entry.id}.json`);
      for (const f of entry.files) expect(existsSync(join(out, f)), f).toBe(true);
      expect(entry.steps).toBeGreaterThan(0);
    }
    expect(index.presets[0].files).toContain('geometry-octahedron-model-9-3d.svg');
  });

  it('exits with status 2 and one error line on bad arguments', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/figures.ts', '--only', 'nope'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: --only: unknown preset "nope"/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
