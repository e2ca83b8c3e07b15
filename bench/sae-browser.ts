/**
 * The sparse-autoencoder lab on the real page (dist/) in headless Chromium, through the page's own
 * workers (`npm run bench:browser -- --sae`): for each workload, the seconds from scrolling the
 * section into view to its first scorecard and to the whole run trained and scored, and the page's
 * frames meanwhile (longest frame, long tasks). Measured, never asserted.
 */
import { resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { preview } from 'vite';

export interface SaePageRow {
  workload: string;
  firstScorecardSeconds: number;
  doneSeconds: number;
  longestFrameMs: number;
  /** The longest frame from one second after the first scorecard on (the panels' first drawing aside). */
  longestSteadyFrameMs: number;
  /** Frames over 50 ms from one second after the first scorecard on. */
  slowSteadyFrames: number;
  longTasks: number;
  status: string;
}

export const SAE_PAGE_WORKLOADS = [
  { workload: 'pentagon, 10 seeds, 10,000 steps', search: '?saemodel=pentagon&saeseeds=10&saesteps=10000' },
  {
    workload: 'n20 m5, 40 latents, 8 coefficients, 10,000 steps',
    search: '?saemodel=n20&saesize=2&saesweep=coefficient&saeseeds=1&saeresample=loss&saesteps=10000',
  },
];

export async function measureSaeOnPage(ctx: BrowserContext, log: (s: string) => void): Promise<SaePageRow[]> {
  const site = await preview({
    configFile: false,
    logLevel: 'warn',
    build: { outDir: resolve('dist') },
    preview: { host: '127.0.0.1', port: 0 },
  });
  const rows: SaePageRow[] = [];
  try {
    log(
      '\n| SAE lab on the page (2 workers) | first scorecard after scrolling in (s) | trained and scored (s) | longest frame (ms) | from 1 s after the first scorecard: longest frame (ms), frames > 50 ms | long tasks |\n|---|---|---|---|---|---|',
    );
    for (const w of SAE_PAGE_WORKLOADS) {
      const page = await ctx.newPage();
      await page.goto(site.resolvedUrls!.local[0] + w.search);
      await page.getByTestId('sae-status').waitFor({ timeout: 60_000 });
      await page.evaluate('window.__name = (f) => f'); // tsx (esbuild keepNames) wraps named functions in __name
      const row = await page.evaluate(async () => {
        const longTasks: number[] = [];
        const obs = new PerformanceObserver((l) => l.getEntries().forEach((e) => longTasks.push(e.duration)));
        obs.observe({ type: 'longtask' });
        const status = () => document.querySelector('[data-testid="sae-status"]');
        const t0 = performance.now();
        document.getElementById('sparse-autoencoders')!.scrollIntoView();
        let first = NaN;
        let longest = 0;
        let steady = 0;
        let slow = 0;
        let last = performance.now();
        await new Promise<void>((done) => {
          const tick = (t: number) => {
            // Lazy sections above may still push this one down: keep it in view until it starts.
            if (status()?.getAttribute('data-status') === 'idle')
              document.getElementById('sparse-autoencoders')!.scrollIntoView();
            if (Number.isNaN(first) && document.querySelector('[data-testid="sae-scorecard"] tr[data-mcc]'))
              first = t - t0;
            if (!Number.isNaN(first)) longest = Math.max(longest, t - last);
            if (!Number.isNaN(first) && last - t0 > first + 1000) {
              steady = Math.max(steady, t - last);
              if (t - last > 50) slow++;
            }
            last = t;
            if (status()?.getAttribute('data-status') === 'done' || t - t0 > 600_000) done();
            else requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
        });
        obs.disconnect();
        return {
          firstScorecardSeconds: first / 1000,
          doneSeconds: (performance.now() - t0) / 1000,
          longestFrameMs: longest,
          longestSteadyFrameMs: steady,
          slowSteadyFrames: slow,
          longTasks: longTasks.length,
          status: status()?.textContent ?? '',
        };
      });
      await page.close();
      rows.push({ workload: w.workload, ...row });
      log(
        `| ${w.workload} | ${row.firstScorecardSeconds.toFixed(2)} | ${row.doneSeconds.toFixed(1)} | ${row.longestFrameMs.toFixed(0)} | ${row.longestSteadyFrameMs.toFixed(0)}, ${row.slowSteadyFrames} | ${row.longTasks} |`,
      );
    }
  } finally {
    await site.close();
  }
  return rows;
}
