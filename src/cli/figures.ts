/**
 * The paper's figures, headless, from the page's own presets and code:
 *   npm run figures -- --out figures-out [--quick] [--threads 2] [--only intro-s90,phase-2-1]
 * For every preset of the registry (src/experiments/index.ts) it loads the renderer of the
 * preset's experiment, src/experiments/<id>/figures.ts, which trains the setting exactly as the
 * section does and draws each chart the section shows as a standalone SVG; it writes one JSON per
 * preset (a models file that parseModelJson reads back, a SweepResult, …) and an index.json
 * listing the files per preset.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRESETS, experimentById } from '../experiments';
import type { FiguresModule, PresetFigures, RenderOptions } from '../experiments/shared/figures';
import { presetSearch, type Preset } from '../state/presets';
import { UsageError, cliThreads, parseOptions, print, runCommand } from './command';

export const FIGURES_FORMAT = 'superposition-explorable/figures@1';

export interface FigureEntry {
  id: string;
  title: string;
  section: Preset['section'];
  /** The page link that shows this figure. */
  search: string;
  /** Steps actually trained (phase: the longest any instance ran). */
  steps: number;
  seconds: number;
  /** Paths relative to the output folder: the SVGs, then the JSON. */
  files: string[];
}

export interface FiguresIndex {
  format: typeof FIGURES_FORMAT;
  quick: boolean;
  presets: FigureEntry[];
}

/** The experiments that have presets, in page order. */
const drawnExperiments = () => [...new Set(PRESETS.map((p) => p.experiment))];

/**
 * The renderer of an experiment: `figures` exported by src/experiments/<id>/figures.ts (loaded
 * by the experiment's id, so the registry line is all a new experiment adds here).
 */
export async function loadFigures(experiment: string): Promise<FiguresModule> {
  if (!experimentById(experiment)) throw new Error(`no experiment "${experiment}" in the registry`);
  const mod: unknown = await import(`../experiments/${experiment}/figures.ts`);
  const figures = typeof mod === 'object' && mod !== null && 'figures' in mod ? mod.figures : undefined;
  if (!isFiguresModule(figures))
    throw new Error(`src/experiments/${experiment}/figures.ts must export \`figures\` ({ render, quick })`);
  return figures;
}

function isFiguresModule(v: unknown): v is FiguresModule {
  return (
    typeof v === 'object' &&
    v !== null &&
    'render' in v &&
    typeof v.render === 'function' &&
    'quick' in v &&
    typeof v.quick === 'string'
  );
}

/** Train and draw one preset as its experiment's section does. */
export async function renderPreset(p: Preset, opts: RenderOptions, log: (s: string) => void): Promise<PresetFigures> {
  return (await loadFigures(p.experiment)).render(p, opts, log);
}

async function usage(): Promise<string> {
  const quick = await Promise.all(
    drawnExperiments().map(async (id) => `                       ${id}: ${(await loadFigures(id)).quick}`),
  );
  return `Usage: npm run figures -- [options]
  --out <dir>          output folder, created if missing (default figures-out)
  --quick              short runs:
${quick.join('\n')}
  --only <id,id,…>     only these presets (default: all)
  --threads <int|auto> worker threads for the big batched runs (phase grids, geometry sweeps); the same models
                       (default auto: every core)
  --help
Presets:
${PRESETS.map((p) => `  ${p.id.padEnd(14)} ${p.title}`).join('\n')}`;
}

export interface FiguresArgs {
  out: string;
  quick: boolean;
  threads: number;
  presets: Preset[];
}

export function parseFiguresArgs(argv: string[]): FiguresArgs | null {
  const opts = parseOptions(argv, ['out', 'only', 'threads'], ['quick', 'help']);
  if (opts.flag('help')) return null;
  const values = { out: opts.value('out'), only: opts.value('only'), threads: opts.value('threads') };
  const out = values.out ?? 'figures-out';
  if (out.trim() === '') throw new UsageError('--out must name a folder');
  let presets = [...PRESETS];
  if (values.only !== undefined) {
    const ids = values.only
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (ids.length === 0) throw new UsageError('--only needs at least one preset id');
    const unknown = ids.filter((id) => !PRESETS.some((p) => p.id === id));
    if (unknown.length)
      throw new UsageError(
        `--only: unknown preset ${unknown.map((id) => `"${id}"`).join(', ')}; known: ${PRESETS.map((p) => p.id).join(', ')}`,
      );
    presets = PRESETS.filter((p) => ids.includes(p.id));
  }
  return { out, quick: opts.flag('quick'), threads: cliThreads(values.threads), presets };
}

export async function runFigures(argv: string[], log: (s: string) => void = print): Promise<FiguresIndex | null> {
  const args = parseFiguresArgs(argv);
  if (!args) {
    log(await usage());
    return null;
  }
  const { out, quick, threads, presets } = args;
  mkdirSync(out, { recursive: true });
  const index: FiguresIndex = { format: FIGURES_FORMAT, quick, presets: [] };
  const tAll = performance.now();
  for (const [k, p] of presets.entries()) {
    log(`[${k + 1}/${presets.length}] ${p.id}: ${p.title}${quick ? ' (quick)' : ''}`);
    const t0 = performance.now();
    const { figures, json, steps } = await renderPreset(p, { quick, threads }, log);
    const files: string[] = [];
    for (const f of figures) {
      const name = `${p.id}-${f.name}.svg`;
      writeFileSync(join(out, name), f.svg);
      files.push(name);
    }
    writeFileSync(join(out, `${p.id}.json`), JSON.stringify(json));
    files.push(`${p.id}.json`);
    const seconds = (performance.now() - t0) / 1000;
    index.presets.push({
      id: p.id,
      title: p.title,
      section: p.section,
      search: presetSearch(p),
      steps,
      seconds: Number(seconds.toFixed(2)),
      files,
    });
    log(`[${k + 1}/${presets.length}] ${p.id}: ${files.length} files in ${seconds.toFixed(1)} s`);
  }
  writeFileSync(join(out, 'index.json'), JSON.stringify(index, null, 2) + '\n');
  log(
    `wrote ${presets.length} preset(s) to ${out} in ${((performance.now() - tAll) / 1000).toFixed(1)} s (index.json)`,
  );
  return index;
}

runCommand(/cli[\\/]figures\.ts$/, () => runFigures(process.argv.slice(2)));
