/**
 * npm run bench:browser [-- --grid] [--json FILE] [--quick] [--sae] [--settle] [--dist DIR] [--releases N]
 * Builds bench/browser (the real trainer worker), runs it in headless Chromium and prints
 * instance-steps/s (and useful GMAC/s) per path for n = 20, m = 5, batch 1024, I ∈ {1, 64, 1024},
 * and the paper's geometry sweep on two workers. Then, on the real page (--dist), how long the
 * at-a-glance model takes to settle after a density-slider release, and the page's frames while
 * it trains (frames in 3 s, longest frame, longest task: the main thread stays free because
 * training is in a worker). With --grid also the seconds to the converged default phase grid
 * (simd with 3 and 5 seeds, js with 3), and the page's frame times while that grid trains.
 * With --settle only the settle after slider releases (--releases N, default 5), phase by phase
 * (bench/glance-settle.ts). --dist DIR (or BENCH_DIST) names the built page (default dist/); with
 * --settle, --dist A,B measures builds side by side, their releases taking turns.
 * Timings are measured, never asserted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { fmtCount } from '../src/model/format';
import type { BrowserRow } from './browser/main';
import { measureGlanceSettle, settleTable } from './glance-settle';
import { measurePeakGmacPerSecond } from './useful-work';

const args = process.argv.slice(2);
const withGrid = args.includes('--grid');
/** Only the sparse-autoencoder lab on the real page (bench/sae-browser.ts). */
const onlySae = args.includes('--sae');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
/** Only the at-a-glance settle after slider releases, on the page in `dist`. */
const onlySettle = args.includes('--settle');
/** Built pages to measure (comma-separated: their releases alternate, under the same load); the first is "the" page. */
const dists = (args.includes('--dist') ? args[args.indexOf('--dist') + 1] : (process.env.BENCH_DIST ?? 'dist')).split(
  ',',
);
const dist = dists[0];
const releases = args.includes('--releases') ? Number(args[args.indexOf('--releases') + 1]) : 5;
const budget = args.includes('--quick') ? 600 : 1500;
const root = resolve('bench/browser');
const outDir = mkdtempSync(join(tmpdir(), 'bench-browser-'));
const profile = mkdtempSync(join(tmpdir(), 'bench-chromium-'));

if (onlySettle) {
  const context = await chromium.launchPersistentContext(profile, chromiumOptions());
  try {
    const settle = await measureGlanceSettle(context, dists, releases);
    console.log('at a glance, density-slider release → done (releases alternate between the pages):\n');
    settle.forEach((r, i) => console.log(`${settleTable(r, dists[i])}\n`));
    if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ glanceSettle: settle }, null, 2));
  } finally {
    await context.close();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
  process.exit(0);
}

await build({
  root,
  base: './',
  configFile: false,
  logLevel: 'warn',
  worker: { format: 'es' },
  build: { outDir, emptyOutDir: true, target: 'es2022' },
});
const server = await preview({
  root,
  configFile: false,
  logLevel: 'warn',
  build: { outDir },
  preview: { host: '127.0.0.1', port: 0 },
});
const url = server.resolvedUrls!.local[0];
const context = await chromium.launchPersistentContext(profile, chromiumOptions());
try {
  if (onlySae) {
    const { measureSaeOnPage } = await import('./sae-browser');
    const rows = await measureSaeOnPage(context, (s) => process.stdout.write(`${s}\n`));
    if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ sae: rows }, null, 2));
    process.exit(0);
  }
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}?budget=${budget}${withGrid ? '&grid=1' : ''}`);
  await page.waitForFunction(() => window.__bench !== undefined, undefined, { timeout: 15 * 60_000 });
  const result = (await page.evaluate(() => window.__bench))!;
  if (result.error) throw new Error(result.error);
  const peak = await measurePeakGmacPerSecond();
  const [settle] = await measureGlanceSettle(context, [dist], releases);
  const glanceFrames = await measurePageFrames(context, '?steps=100000', 'status', 3);
  let frames: Frames | null = null;
  if (withGrid) frames = await measurePageFrames(context, '?steps=100', 'phase-status', 10);

  const fmt = (v: number) => fmtCount(Math.round(v));
  const paths = ['js', 'simd', 'wasm', 'webgl', 'cpu'];
  console.log(
    `headless Chromium, WebGL renderer: ${result.renderer ?? 'none'}; single-core SIMD product peak (Node, same machine): ${peak.toFixed(1)} GMAC/s\n`,
  );
  console.log('| workload | instances | ' + paths.map((p) => `${p} inst-steps/s (GMAC/s)`).join(' | ') + ' |');
  console.log('|---|---|' + paths.map(() => '---').join('|') + '|');
  for (const I of [1, 64, 1024]) {
    const cells = paths.map((p) => {
      const r = result.rows.find((x: BrowserRow) => x.path === p && x.instances === I && x.workload.startsWith('step'));
      return r
        ? `${fmt(r.instanceStepsPerSecond)}${Number.isFinite(r.gmacPerSecond) ? ` (${r.gmacPerSecond.toFixed(2)})` : ''}`
        : '—';
    });
    console.log(`| n=20 m=5 B=1024, 1−S=1 | ${I} | ${cells.join(' | ')} |`);
  }
  for (const r of result.rows.filter((x: BrowserRow) => x.workload.startsWith('geometry'))) {
    console.log(
      `\n${r.workload} on ${r.path}: ${r.secondsPer1000!.toFixed(1)} s per 1,000 steps (${r.gmacPerSecond.toFixed(2)} GMAC/s; ${r.note})`,
    );
  }
  for (const r of result.rows.filter((x: BrowserRow) => x.workload.startsWith('phase')))
    console.log(`\n${r.workload} on ${r.path}: ${r.seconds.toFixed(1)} s (${r.note})`);
  console.log(`\nat a glance, density-slider release → done (real page):\n\n${settleTable(settle, dist)}\n`);
  process.stdout.write(
    `page frames while at a glance trains (${glanceFrames.seconds} s): ${glanceFrames.frames} frames, longest ${glanceFrames.longestFrameMs.toFixed(0)} ms, 95th percentile ${glanceFrames.p95FrameMs.toFixed(0)} ms, ${glanceFrames.longTasks} long tasks, longest task ${glanceFrames.longestTaskMs.toFixed(0)} ms\n`,
  );
  if (frames)
    console.log(
      `page frames while the default grid trains (${frames.seconds} s): longest ${frames.longestFrameMs.toFixed(0)} ms, 95th percentile ${frames.p95FrameMs.toFixed(0)} ms, ${frames.longTasks} long tasks`,
    );
  if (jsonOut) {
    writeFileSync(
      jsonOut,
      JSON.stringify(
        {
          renderer: result.renderer,
          peakGmacPerSecond: peak,
          rows: result.rows,
          glanceSettle: settle,
          glanceFrames,
          frames,
        },
        null,
        2,
      ),
    );
    console.log(`wrote ${jsonOut}`);
  }
} finally {
  await context.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}

interface Frames {
  frames: number;
  longestFrameMs: number;
  p95FrameMs: number;
  longTasks: number;
  longestTaskMs: number;
  seconds: number;
}

/**
 * Frame times of the real page (`dist`) at `search` for `seconds` while the section whose status
 * line is `status` trains (scrolled into view).
 */
async function measurePageFrames(
  ctx: typeof context,
  search: string,
  status: string,
  seconds: number,
): Promise<Frames> {
  const site = await preview({
    configFile: false,
    logLevel: 'warn',
    build: { outDir: resolve(dist) },
    preview: { host: '127.0.0.1', port: 0 },
  });
  try {
    const page = await ctx.newPage();
    await page.goto(site.resolvedUrls!.local[0] + search);
    for (const id of ['phase-status', 'geometry-status', 'footnotes']) await page.getByTestId(id).waitFor(); // lazy sections
    await page.getByTestId(status).scrollIntoViewIfNeeded();
    await page.getByTestId(status).filter({ hasText: 'running' }).waitFor({ timeout: 60_000 });
    await page.evaluate('window.__name = (f) => f'); // tsx (esbuild keepNames) wraps named functions in __name
    return await page.evaluate(async (ms) => {
      const longTasks: number[] = [];
      const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => longTasks.push(e.duration)));
      obs.observe({ type: 'longtask' });
      const gaps: number[] = [];
      let last = performance.now();
      const end = last + ms;
      await new Promise<void>((done) => {
        const tick = (t: number) => {
          gaps.push(t - last);
          last = t;
          if (t < end) requestAnimationFrame(tick);
          else done();
        };
        requestAnimationFrame(tick);
      });
      obs.disconnect();
      gaps.sort((a, b) => a - b);
      return {
        frames: gaps.length,
        longestFrameMs: gaps[gaps.length - 1],
        p95FrameMs: gaps[Math.floor(gaps.length * 0.95)],
        longTasks: longTasks.length,
        longestTaskMs: Math.max(0, ...longTasks),
        seconds: ms / 1000,
      };
    }, seconds * 1000);
  } finally {
    await site.close();
  }
}

function chromiumOptions() {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--enable-unsafe-swiftshader', '--no-first-run', '--disable-background-networking'],
  };
}
