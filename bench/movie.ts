/**
 * npm run bench:movie [-- --dist DIR] [--figure ID] [--steps N] [--json FILE]
 * Times the at-a-glance training movie on the built page (dist/, or --dist) in headless Chromium:
 * the link `?backend=simd&seed=1&steps=3000` (300 frames at 30 fps, one every 10 steps), its run
 * trained to the end first so nothing else trains meanwhile, then one export per format (and WebM
 * again with the manifest's per-frame SHA-256s). Prints, per format, the milliseconds spent building
 * the frames (re-training in the movie worker, loading the renderer), rendering each frame's SVG,
 * rasterising it, hashing, encoding and muxing, and in all. The target (≤ 15 s for the 300-frame
 * movie on this project's 2-core machine) is read off the table, never asserted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import type { MovieFormat } from '../src/charts/movie/formats';
import { exportMovie } from '../src/cli/movie-driver';
import { GLANCE_PARAMS, GLANCE_RUN_KEYS } from '../src/experiments/at-a-glance/params';
import { runKeyOfAddress } from '../src/state/run-key';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dist = arg('--dist') ?? 'dist';
const figure = arg('--figure') ?? 'at-a-glance.feature-geometry';
const steps = Number(arg('--steps') ?? 3000);
const jsonOut = arg('--json');

const server = await preview({
  build: { outDir: dist },
  preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  logLevel: 'warn',
});
const base = server.resolvedUrls!.local[0];
const profile = mkdtempSync(join(tmpdir(), 'bench-movie-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  acceptDownloads: true,
  viewport: { width: 1280, height: 1000 },
  args: ['--no-sandbox', '--no-first-run', '--disable-background-networking'],
});
type Row = { format: string; frames: number; bytes: number; timings: Record<string, number> };
const rows: Row[] = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${base}?backend=simd&seed=1&steps=${steps}`);
  const key = runKeyOfAddress(GLANCE_PARAMS, GLANCE_RUN_KEYS, page.url());
  await page.waitForFunction(
    (k) => {
      const el = document.querySelector('[data-testid="status"]');
      return el?.getAttribute('data-run-key') === k && el.textContent === 'done';
    },
    key,
    { timeout: 120_000 },
  );
  const runs: [MovieFormat, boolean][] = [
    ['webm', false],
    ['mp4', false],
    ['gif', false],
    ['webm', true],
  ];
  for (const [format, manifest] of runs) {
    try {
      const made = await exportMovie(page, figure, format, { manifest });
      rows.push({
        format: `${format}${manifest ? ' + hashes' : ''}`,
        frames: made.manifest?.frames ?? NaN,
        bytes: made.bytes.length,
        timings: made.timings,
      });
      process.stdout.write(`${format}${manifest ? ' + hashes' : ''}: ${(made.timings.total / 1000).toFixed(1)} s\n`);
    } catch (e) {
      process.stdout.write(`${format}: ${e instanceof Error ? e.message : String(e)}\n`);
    }
  }
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}

const s = (ms: number | undefined) => (ms === undefined ? '—' : (ms / 1000).toFixed(2));
console.log(`\n${figure}, ${steps} steps (simd, seed 1), headless Chromium, ${dist}/; seconds:\n`);
console.log('| format | size | load (train) | svg | raster | hash | encode | total |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  const t = r.timings;
  const size = r.bytes < 1e6 ? `${Math.ceil(r.bytes / 1e3)} kB` : `${(r.bytes / 1e6).toFixed(1)} MB`;
  console.log(
    `| ${r.format} | ${size} | ${s(t.load)} | ${s(t.svg)} | ${s(t.raster)} | ${s(t.hash)} | ${s(t.encode)} | ${s(t.total)} |`,
  );
}
console.log(
  "\nsvg: building the frames' SVGs; raster: waiting for a frame to decode (three decode ahead) and drawing it;" +
    ' encode: waiting for the encoder and muxer. With load they add up to the total.',
);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ figure, steps, rows }, null, 2));
