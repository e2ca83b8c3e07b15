/**
 * Driving a figure's "Movie" menu in a page (playwright-core): what the movie command, its bench and
 * the browser tests share. Opens the menu of the figure `<experiment>.<name>` (its embed id), picks
 * the format, asks for the manifest when wanted, clicks Export and takes the downloads — the same
 * clicks a reader makes, so the command's movie is the page's.
 */
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from 'playwright-core';
import type { MovieFormat } from '../charts/movie/formats';
import type { MovieManifest } from '../charts/movie/manifest';

export interface DrivenMovie {
  /** The movie's file name (as the page names it) and bytes. */
  fileName: string;
  bytes: Buffer;
  download: Download;
  manifest: MovieManifest | null;
  /** Milliseconds: building the frames (load), and encoding's parts (svg, raster, hash, encode), total. */
  timings: Record<string, number>;
}

export interface DriveOptions {
  manifest?: boolean;
  /** How long the whole export may take (default 10 minutes). */
  timeoutMs?: number;
}

/** The figure's frame in the page (by embed id `<experiment>.<name>`, or by export name alone). */
export function figureSelector(figure: string): string {
  return figure.includes('.') ? `[data-figure-id="${figure}"]` : `[data-figure="${figure}"]`;
}

export async function exportMovie(
  page: Page,
  figure: string,
  format: MovieFormat,
  { manifest = false, timeoutMs = 600_000 }: DriveOptions = {},
): Promise<DrivenMovie> {
  const sel = figureSelector(figure);
  const frame = page.locator(sel).first();
  // Sections load lazily and train only on screen: bring the figure's section into view first (a figure
  // such as the geometry drill-down appears only once its section has trained).
  // Sections above may still load and push it down: keep scrolling to it until the figure is there.
  const experiment = figure.includes('.') ? figure.split('.')[0] : '';
  await page.waitForFunction(
    ([s, id]) => {
      if (document.querySelector(s)) return true;
      // The section itself: its wrapper ([data-experiment]) may draw no box of its own.
      (document.querySelector(`section#${id}`) ?? document.querySelector(`[data-experiment="${id}"]`))?.scrollIntoView({
        block: 'start',
      });
      return false;
    },
    [sel, experiment] as const,
    { timeout: timeoutMs, polling: 500 },
  );
  await frame.scrollIntoViewIfNeeded();
  const button = frame.locator('[data-action="export-movie"]');
  if ((await button.count()) === 0) throw new Error(`figure ${figure} has no movie`);
  // Disabled until the section has something to film (a run drawn, a grid finished); sections train only
  // on screen, so the figure is kept in view meanwhile.
  await page.waitForFunction(
    (s) => {
      const b = document.querySelector<HTMLButtonElement>(`${s} [data-action="export-movie"]`);
      if (b?.disabled === false) return true;
      const fig = document.querySelector(s);
      const box = fig?.getBoundingClientRect();
      if (fig && box && (box.bottom < 0 || box.top > innerHeight)) fig.scrollIntoView({ block: 'center' });
      return false;
    },
    sel,
    { timeout: timeoutMs, polling: 500 },
  );
  // Clicks go to the elements themselves (as a keyboard's Enter does): a sticky panel of the page may lie over them.
  if ((await button.getAttribute('aria-expanded')) !== 'true') await domClick(button);
  const radio = frame.locator(`input[data-format="${format}"]`);
  await radio.waitFor({ timeout: 30_000 });
  if (await radio.isDisabled()) {
    const why = (await radio.locator('xpath=..').textContent()) ?? '';
    throw new Error(`${format} is unavailable here: ${why.trim()}`);
  }
  if (!(await radio.isChecked())) await domClick(radio);
  const box = frame.locator('input[data-option="manifest"]');
  if ((await box.isChecked()) !== manifest) await domClick(box);
  const wanted = (ext: string) =>
    page.waitForEvent('download', { predicate: (d) => d.suggestedFilename().endsWith(ext), timeout: timeoutMs });
  const movie = wanted(`.${format}`);
  const json = manifest ? wanted('-movie.json') : null;
  // A failed export downloads nothing: the waits must not reject unhandled while the state says why.
  movie.catch(() => undefined);
  json?.catch(() => undefined);
  await domClick(frame.locator('[data-action="movie-start"]'));
  await page.waitForFunction(
    (s) =>
      /^(done|error|cancelled)$/.test(document.querySelector(`${s} .movie`)?.getAttribute('data-movie-state') ?? ''),
    sel,
    { timeout: timeoutMs },
  );
  const state = await frame.locator('.movie').getAttribute('data-movie-state');
  if (state !== 'done') {
    const error = await frame.locator('.chart-error').allTextContents();
    throw new Error(`movie export ${state}: ${error.join(' ') || 'no message'}`);
  }
  const download = await movie;
  const bytes = readFileSync((await download.path())!);
  const manifestJson = json ? (JSON.parse(readFileSync((await (await json).path())!, 'utf8')) as MovieManifest) : null;
  const timings = JSON.parse((await frame.locator('.movie').getAttribute('data-movie-timings')) ?? '{}') as Record<
    string,
    number
  >;
  return { fileName: download.suggestedFilename(), bytes, download, manifest: manifestJson, timings };
}

function domClick(target: Locator): Promise<void> {
  return target.evaluate((el: HTMLElement) => el.click());
}
