/**
 * npm run bench:shipped [-- --dist DIR] [--runs N]
 * How soon the geometry section shows the shipped sweeps after it scrolls into view, on the built page (dist/, or
 * --dist) in headless Chromium, each run in a fresh profile (nothing cached): the untouched link (the section opens
 * on the paper's sweep) and the notebook's link. Prints the milliseconds from the scroll to the drawn charts (status
 * "shipped", every model's point drawn), and the file's bytes. The target (≤ 2 s for the paper's sweep on this
 * project's 2-core machine) is read off the table, never asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { preview } from 'vite';

const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dist = arg('--dist') ?? 'dist';
const runs = Number(arg('--runs') ?? 5);

const server = await preview({
  build: { outDir: dist },
  preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  logLevel: 'warn',
});
const base = server.resolvedUrls!.local[0];

/** One cold load of `search`: ms from scrolling the section into view to its shipped charts drawn. */
async function once(search: string): Promise<{ ms: number; bytes: number }> {
  const profile = mkdtempSync(join(tmpdir(), 'bench-shipped-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 1000 },
    args: ['--no-sandbox', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    let bytes = 0;
    page.on('response', (r) => {
      if (r.url().endsWith('.sweep')) void r.body().then((b) => (bytes = b.length));
    });
    await page.goto(base + search);
    const status = page.getByTestId('geometry-status');
    await status.waitFor({ state: 'attached', timeout: 60_000 });
    const t0 = Date.now();
    await status.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="geometry-status"]')?.textContent === 'shipped' &&
        document.querySelectorAll('[data-chart="dims-per-feature"] [data-model]').length === 20,
      null,
      { timeout: 60_000, polling: 'raf' },
    );
    return { ms: Date.now() - t0, bytes };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const cases = [
  { name: "paper's (untouched link)", search: '?steps=200' },
  { name: "notebook's", search: '?steps=200&gn=200&gm=20&gcount=20&gsteps=10000' },
];
try {
  console.log(`scroll into view → shipped charts drawn, ${runs} cold loads each (${dist})\n`);
  console.log('| sweep | file kB | median ms | min ms | max ms |');
  console.log('|---|---:|---:|---:|---:|');
  for (const c of cases) {
    const rows = [];
    for (let k = 0; k < runs; k++) rows.push(await once(c.search));
    const ms = rows.map((r) => r.ms).sort((a, b) => a - b);
    const kb = (rows[0].bytes / 1024).toFixed(0);
    console.log(`| ${c.name} | ${kb} | ${ms[Math.floor(ms.length / 2)]} | ${ms[0]} | ${ms[ms.length - 1]} |`);
  }
} finally {
  await server.close();
}
