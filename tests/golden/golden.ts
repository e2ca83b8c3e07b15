/**
 * Golden outputs: the figures CLI's `--quick` run (every preset, trained on the deterministic js
 * path with fixed seeds) and the chart gallery (every chart with fixed props), each file reduced
 * to a SHA-256 of its normalised text. The stored manifests sit beside this file; the golden test
 * compares against them.
 *
 *   npm run golden:update                 rewrite both manifests from the current code
 *   npm run golden:update -- --keep DIR   also keep the normalised files in DIR, to diff two versions
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runFigures } from '../../src/cli/figures';
import { chartGallery } from './chart-gallery';

export const GOLDEN_DIR = dirname(fileURLToPath(import.meta.url));
export const FIGURES_MANIFEST = join(GOLDEN_DIR, 'figures-quick.json');
export const CHARTS_MANIFEST = join(GOLDEN_DIR, 'charts.json');

const FIGURE_THREADS = 2;

/** Wall-clock measurements in the JSON outputs: the only part of a run that may differ between runs. */
const TIMING_KEYS = new Set(['seconds', 'stepsPerSecond', 'ms']);

/** JSON with its timings zeroed; any other text unchanged. */
export function normalise(name: string, text: string): string {
  if (!name.endsWith('.json')) return text;
  return JSON.stringify(
    JSON.parse(text, (key, value: unknown) => (TIMING_KEYS.has(key) && typeof value === 'number' ? 0 : value)),
  );
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** File name → SHA-256 of its normalised text, in name order. */
export type Manifest = Record<string, string>;

function manifestOf(files: { name: string; text: string }[], keep?: string): Manifest {
  if (keep) mkdirSync(keep, { recursive: true });
  const out: Manifest = {};
  for (const { name, text } of [...files].sort((a, b) => a.name.localeCompare(b.name))) {
    const normalised = normalise(name, text);
    if (keep) writeFileSync(join(keep, name), normalised);
    out[name] = sha256(normalised);
  }
  return out;
}

/**
 * Every file of a quick figures run, hashed; `keep`: also write the normalised files there.
 * Two threads split the big batched runs (the CLI guarantees the same models as on one).
 */
export async function figuresManifest(keep?: string): Promise<Manifest> {
  const dir = mkdtempSync(join(tmpdir(), 'golden-figures-'));
  try {
    await runFigures(['--quick', '--threads', String(FIGURE_THREADS), '--out', dir], () => {});
    return manifestOf(
      readdirSync(dir).map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') })),
      keep,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every chart gallery entry as `<name>.svg`, hashed. */
export function chartsManifest(keep?: string): Manifest {
  return manifestOf(
    chartGallery().map((e) => ({ name: `${e.name}.svg`, text: e.svg })),
    keep,
  );
}

export function readManifest(path: string): Manifest {
  return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
}

/** The files whose hash differs, that are new, or that are missing, for a readable failure. */
export function manifestDiff(
  expected: Manifest,
  actual: Manifest,
): { changed: string[]; added: string[]; removed: string[] } {
  return {
    changed: Object.keys(actual).filter((k) => k in expected && expected[k] !== actual[k]),
    added: Object.keys(actual).filter((k) => !(k in expected)),
    removed: Object.keys(expected).filter((k) => !(k in actual)),
  };
}

const writeManifest = (path: string, m: Manifest) => writeFileSync(path, JSON.stringify(m, null, 2) + '\n');

if (process.argv[1] && /golden[\\/]golden\.ts$/.test(process.argv[1])) {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { keep: { type: 'string' } }, strict: true });
  const keep = values.keep;
  writeManifest(CHARTS_MANIFEST, chartsManifest(keep && join(keep, 'charts')));
  process.stdout.write(`wrote ${CHARTS_MANIFEST}\n`);
  writeManifest(FIGURES_MANIFEST, await figuresManifest(keep && join(keep, 'figures')));
  process.stdout.write(`wrote ${FIGURES_MANIFEST}${keep ? `; normalised files in ${keep}` : ''}\n`);
}
