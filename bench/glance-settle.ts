/**
 * How long the at-a-glance picture takes to settle after a density-slider release, on the real
 * page, and where that time goes. The page's own clock times each phase (an init script logs the
 * worker messages as they cross; nothing in src/ is instrumented):
 *   react:   the release → the page posts changeParams to the worker (render, effects);
 *   restart: changeParams posted → the new run's first snapshot arrives (debounce, path, trainer);
 *   train:   first snapshot → the 'done' snapshot arrives (the steps, snapshots, yields);
 *   draw:    'done' arrives → the status line reads done for the new run (React render).
 * `compute` is the run's own trainingMs: the time inside the steps; `main` the page's main-thread task
 * time over the settle (it shares the cores with the worker). Then one mouse drag across the slider:
 * how many changes reached the worker and how many runs started (a drag should restart once).
 * Timings are measured, never asserted.
 */
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { preview } from 'vite';

export interface SettleRow {
  total: number;
  react: number;
  restart: number;
  train: number;
  draw: number;
  compute: number;
  /** Main-thread task time over the settle (CDP Performance.getMetrics TaskDuration). */
  main: number;
  snapshots: number;
}

export interface Settle {
  path: string;
  rows: SettleRow[];
  drag: Drag;
}

/** A mouse drag of the density slider: the changes posted to the worker, the runs started, the settle after it. */
export interface Drag {
  moves: number;
  /** changeParams calls posted to the worker during the drag and after it. */
  posted: number;
  /** Runs that started (snapshots of new run ids) from the press to the new run's done. */
  runs: number;
  /** Pointer up → status done for the new run (ms). */
  upToDone: number;
}

/** Slider positions t (density 10^−t) released in turn; each differs from the one before. */
const POSITIONS = ['1.3', '0.6', '1.8', '1', '1.5', '0.8', '2', '1.2', '0.7', '1.6'];

/** Logs, on the page's clock, changeParams as it is posted and every snapshot as it arrives. */
const LOGGER = `(() => {
  window.__name = (f) => f; // tsx (esbuild keepNames) wraps the evaluated functions' inner names in __name
  const log = (window.__settleLog = []);
  document.addEventListener('pointerup', () => log.push({ kind: 'up', t: performance.now() }), true);
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (msg, ...rest) {
    if (msg && msg.type === 'APPLY' && msg.path && msg.path[0] === 'changeParams')
      log.push({ kind: 'change', t: performance.now() });
    return post.call(this, msg, ...rest);
  };
  const seen = new WeakSet();
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    if (type === 'message' && (this instanceof MessagePort || this instanceof Worker) && !seen.has(this)) {
      seen.add(this);
      add.call(this, 'message', (ev) => {
        const v = ev.data && ev.data.type === 'APPLY' && ev.data.argumentList && ev.data.argumentList[0];
        const s = v && v.value;
        if (s && typeof s.runId === 'number' && 'trainingMs' in s)
          log.push({ kind: 'snap', t: performance.now(), runId: s.runId, status: s.status, ms: s.trainingMs });
      });
    }
    return add.call(this, type, fn, opts);
  };
})();`;

interface LogEntry {
  kind: 'change' | 'snap' | 'up';
  t: number;
  runId?: number;
  status?: string;
  ms?: number;
}

/**
 * The page in each of `dists` (search `search`, default settings), all open at once: once each
 * first run is done, release the density slider at a new position and time until the status line
 * reads done for the new run, `releases` times per page, the pages taking turns release by release
 * (so a build and its baseline share whatever load the machine has), each release from an idle
 * page (a second after the last run, then an idle callback).
 */
export async function measureGlanceSettle(
  ctx: BrowserContext,
  dists: readonly string[] = ['dist'],
  releases = 5,
  search = '',
): Promise<Settle[]> {
  const sites = await Promise.all(
    dists.map((dist) =>
      preview({
        configFile: false,
        logLevel: 'warn',
        build: { outDir: resolve(dist) },
        preview: { host: '127.0.0.1', port: 0 },
      }),
    ),
  );
  try {
    const pages = [];
    for (const site of sites) {
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Performance.enable');
      const taskMs = async () => {
        const { metrics } = await cdp.send('Performance.getMetrics');
        return 1000 * (metrics.find((x) => x.name === 'TaskDuration')?.value ?? NaN);
      };
      await page.addInitScript(LOGGER);
      await page.goto(site.resolvedUrls!.local[0] + search);
      await page.getByTestId('status').filter({ hasText: 'done' }).waitFor({ timeout: 120_000 });
      pages.push({ page, taskMs, rows: [] as SettleRow[] });
    }
    for (let k = 0; k < releases; k++) {
      const position = POSITIONS[k % POSITIONS.length];
      for (const { page, taskMs, rows } of pages) {
        // The page in front (a tab behind gets no frames), released from idle, as a reader does: the
        // last run's hand-offs and renders are over.
        await page.bringToFront();
        await page.evaluate(idle);
        const main0 = await taskMs();
        const { t0, t1, log } = await page.evaluate(release, position);
        const main = (await taskMs()) - main0;
        rows.push({ ...breakdown(t0, t1, log as LogEntry[]), main });
      }
    }
    const out: Settle[] = [];
    for (const { page, rows } of pages) {
      await page.bringToFront();
      await page.evaluate(idle);
      const drag = await measureDrag(page);
      out.push({ path: (await page.getByTestId('path').textContent()) ?? '?', rows, drag });
      await page.close();
    }
    return out;
  } finally {
    await Promise.all(sites.map((site) => site.close()));
  }
}

/**
 * Drag the density slider with the mouse from one end to the other in `moves` steps `stepMs` apart (a
 * reader's drag, resting nowhere as long as the debounce), let go, and wait for the new run to be done.
 */
async function measureDrag(page: Page, moves = 20, stepMs = 40): Promise<Drag> {
  await page.locator('input[name="density"]').scrollIntoViewIfNeeded(); // the mouse acts on what is on screen
  const box = (await page.locator('input[name="density"]').boundingBox())!;
  const y = box.y + box.height / 2;
  const before = await page.evaluate(() => {
    (window as unknown as { __settleLog: unknown[] }).__settleLog.length = 0;
    return document.querySelector('[data-testid="status"]')!.getAttribute('data-run');
  });
  const at = (k: number) => box.x + 8 + ((box.width - 16) * k) / moves;
  await page.mouse.move(at(0), y);
  await page.mouse.down();
  for (let k = 1; k <= moves; k++) {
    await page.waitForTimeout(stepMs);
    await page.mouse.move(at(k), y);
  }
  await page.mouse.up();
  const t1 = await page.evaluate(async (prev) => {
    const status = document.querySelector('[data-testid="status"]')!;
    const done = () => status.getAttribute('data-run') !== prev && /done/.test(status.textContent ?? '');
    if (!done()) {
      await new Promise<void>((settled) => {
        const observer = new MutationObserver(() => done() && (observer.disconnect(), settled()));
        observer.observe(status, { attributes: true, childList: true, characterData: true, subtree: true });
      });
    }
    return performance.now();
  }, before);
  const log = (await page.evaluate(() => [
    ...(window as unknown as { __settleLog: unknown[] }).__settleLog,
  ])) as LogEntry[];
  const up = log.find((e) => e.kind === 'up')?.t ?? NaN;
  const runs = new Set(log.filter((e) => e.kind === 'snap' && String(e.runId) !== before).map((e) => e.runId));
  return { moves, posted: log.filter((e) => e.kind === 'change').length, runs: runs.size, upToDone: t1 - up };
}

/** In the page: a second, then an idle callback. */
async function idle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1000));
  await new Promise((r) => requestIdleCallback(r, { timeout: 2000 }));
}

/** In the page: release the slider at `position` (as a keyboard or click release: input, then change). */
async function release(position: string): Promise<{ t0: number; t1: number; log: unknown[] }> {
  const w = window as unknown as { __settleLog: unknown[] };
  w.__settleLog.length = 0;
  const status = document.querySelector('[data-testid="status"]')!;
  const before = status.getAttribute('data-run');
  const input = document.querySelector<HTMLInputElement>('input[name="density"]')!;
  const done = new Promise<number>((settled) => {
    const check = () => {
      if (status.getAttribute('data-run') !== before && /done/.test(status.textContent ?? '')) {
        observer.disconnect();
        settled(performance.now());
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(status, { attributes: true, childList: true, characterData: true, subtree: true });
  });
  const t0 = performance.now();
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, position);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  const t1 = await done;
  return { t0, t1, log: [...w.__settleLog] };
}

function breakdown(t0: number, t1: number, log: LogEntry[]): Omit<SettleRow, 'main'> {
  const change = log.find((e) => e.kind === 'change');
  const snaps = log.filter((e) => e.kind === 'snap' && e.t >= (change?.t ?? t0));
  const runId = snaps.find((e) => e.status === 'done')?.runId ?? snaps.at(-1)?.runId;
  const mine = snaps.filter((e) => e.runId === runId);
  const first = mine[0];
  const last = mine.find((e) => e.status === 'done') ?? mine.at(-1);
  const tc = change?.t ?? t0;
  return {
    total: t1 - t0,
    react: tc - t0,
    restart: (first?.t ?? tc) - tc,
    train: (last?.t ?? tc) - (first?.t ?? tc),
    draw: t1 - (last?.t ?? t1),
    compute: last?.ms ?? NaN,
    snapshots: mine.length,
  };
}

/** "median (min–max)" in seconds, per column, for a table row. */
export function summarise(rows: SettleRow[]): Record<keyof SettleRow, string> {
  const cell = (k: keyof SettleRow) => {
    const v = rows.map((r) => r[k]).sort((a, b) => a - b);
    const med = v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    if (k === 'snapshots') return `${med} (${v[0]}–${v.at(-1)})`;
    const s = (x: number) => (x / 1000).toFixed(3);
    return `${s(med)} (${s(v[0])}–${s(v.at(-1)!)})`;
  };
  const keys: (keyof SettleRow)[] = ['total', 'react', 'restart', 'train', 'draw', 'compute', 'main', 'snapshots'];
  return Object.fromEntries(keys.map((k) => [k, cell(k)])) as Record<keyof SettleRow, string>;
}

/** A markdown table: one row per release, then the median (range) row. */
export function settleTable(s: Settle, label: string): string {
  const f = (x: number) => (x / 1000).toFixed(3);
  const head = `| ${label} (${s.path}) | total s | react | restart | train | draw | compute | main | snapshots |`;
  const lines = [head, '|---|---|---|---|---|---|---|---|---|'];
  s.rows.forEach((r, i) =>
    lines.push(
      `| release ${i + 1} | ${f(r.total)} | ${f(r.react)} | ${f(r.restart)} | ${f(r.train)} | ${f(r.draw)} | ` +
        `${f(r.compute)} | ${f(r.main)} | ${r.snapshots} |`,
    ),
  );
  const m = summarise(s.rows);
  lines.push(
    `| median (range) | ${m.total} | ${m.react} | ${m.restart} | ${m.train} | ${m.draw} | ${m.compute} | ` +
      `${m.main} | ${m.snapshots} |`,
  );
  const d = s.drag;
  lines.push(
    `\nmouse drag over the slider (${d.moves} moves, ≥ 40 ms apart): ${d.posted} changes posted to the worker, ` +
      `${d.runs} run(s) started, pointer up → done ${f(d.upToDone)} s`,
  );
  return lines.join('\n');
}
