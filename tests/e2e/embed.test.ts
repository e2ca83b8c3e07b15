/**
 * Embed mode (`?embed=<experiment>.<figure>`, src/app/embed.ts): every figure of every registered
 * experiment shows alone with no console error and little script beyond the shared chunk; an
 * iframe in a parent page sizes itself from the height the embed posts; the flags (controls,
 * caption, link, from/to) do what they say; a bad link says what is wrong; the Embed button of the
 * full page gives the snippet that does all this.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { embedSnippet, HEIGHT_MESSAGE } from '../../src/app/embed';
import { EXPERIMENTS } from '../../src/experiments';
import { verbose } from '../helpers/log';
import { axeViolations, describeViolations, severe } from './axe';
import { openPage, type OpenPage } from './browser';
import { waitForRun } from './runs';

const baseUrl = inject('baseUrl');
const DIST = process.env.E2E_DIST ?? 'dist';
/** gzip budget of the script an embed loads beyond the entry chunk (React, d3, the first section). */
export const EMBED_BUDGET_GZIP_KB = 150;
/** Small, pinned settings for every experiment that trains, so each embed draws in a second or two. */
const SMALL = [
  'backend=js&steps=300&seeds=1', // at a glance (and the footnotes on its model)
  'gn=12&gm=3&gcount=4&gsteps=500&gmodel=0&pcell=0', // with a sweep model and a phase cell selected
  'pgrid=6&pseeds=1&psteps=500&gpseeds=1&gpsteps=1000&vsteps=500&saeseeds=1&saesteps=200',
].join('&');

let open: OpenPage | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

const FIGURE_DRAWN = '.embed-page[data-embed-state="found"] .embed-figure-slot .chart-body > *';

/**
 * The figure ids an experiment's section mounts, as its embed lists them for a figure it lacks,
 * including those that appear only once a run is done or a result is in (LATER).
 */
async function figuresOf(page: Page, experiment: string): Promise<string[]> {
  await page.goto(`${baseUrl}?embed=${experiment}.none&${SMALL}`);
  const missing = page.getByTestId('embed-missing');
  const listed = async () => /Its figures: (.*)\.$/.exec((await missing.textContent()) ?? '')?.[1].split(', ') ?? [];
  await missing.waitFor({ timeout: 60_000 });
  // Figures that mount only once a run is done or a result is in (drill-downs, curves): waited for by name.
  const later = (LATER[experiment] ?? []).map((name) => `${experiment}.${name}`);
  await expect.poll(listed, { timeout: 30_000 }).toEqual(expect.arrayContaining(later));
  return listed();
}

/** Figures that appear after a section's first ones, with the settings of SMALL. */
const LATER: Readonly<Record<string, readonly string[]>> = {
  geometry: ['graph', 'wtw', 'polytopes', '3d', 'dynamics'].map((v) => `geometry-model-0-${v}`),
  'phase-change': ['phase-cell-wtw', 'phase-cell-norms', 'phase-cell-weights'],
  'sparse-autoencoders': ['sae-firing', 'sae-firing-history', 'sae-frontier', 'sae-fista'],
  'dictionary-learning': ['footnote-dictionary-by-density', 'footnote-dictionary-by-k'],
  'compressed-sensing': ['footnote-cs-transition'],
  'forward-pass': ['footnote-remove-direction-0'],
};

/** The script files among some addresses, as paths in the build (assets/…). */
function scriptsOf(urls: readonly string[]): string[] {
  return [...new Set(urls.map((u) => new URL(u).pathname.replace(/^\//, '')).filter((p) => p.endsWith('.js')))];
}

const gzipKb = (path: string) => gzipSync(readFileSync(join(DIST, path))).length / 1024;

/**
 * Every figure of every experiment (as each section lists them) embedded alone: one figure titled by
 * an h2 under the page's h1, nothing of the article, no console error, no serious or critical axe
 * violation, and at most EMBED_BUDGET_GZIP_KB of page script beyond the entry chunk.
 */
async function embedEveryFigure(): Promise<void> {
  open = await openPage(baseUrl, '');
  const { page, problems } = open;
  const entry = /src="\.\/(assets\/index-[\w-]+\.js)"/.exec(readFileSync(join(DIST, 'index.html'), 'utf8'))![1];
  const sections = EXPERIMENTS.filter((e) => e.id !== 'footnotes'); // the footnotes' heading has no figure of its own
  const sizes: string[] = [];
  let embedded = 0;
  for (const e of sections) {
    const figures = await figuresOf(page, e.id);
    expect(figures.length, e.id).toBeGreaterThan(0);
    for (const figure of figures) {
      await page.goto(`${baseUrl}?embed=${figure}&${SMALL}`);
      await page.locator(FIGURE_DRAWN).first().waitFor({ timeout: 60_000 });
      // One figure, titled by a heading, and nothing of the article around it.
      await expect.poll(() => page.locator('.embed-figure-slot .chart-figure').count()).toBe(1);
      expect(await page.locator('.embed-figure-slot .chart-title').evaluate((h) => h.localName)).toBe('h2');
      expect(await page.locator('.masthead, nav.toc').count()).toBe(0);
      expect(await page.locator('.embed-hidden').isVisible()).toBe(false);
      // Every reader can operate it: no serious or critical axe violation in the embed.
      const all = await axeViolations(page);
      const violations = severe(all);
      expect(violations, `${figure}:\n${describeViolations(violations)}`).toEqual([]);
      // The page's own script (its performance timeline; the workers' script is in theirs).
      const pageUrls = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
      const pageScripts = scriptsOf(pageUrls).filter((p) => p !== entry);
      const kb = pageScripts.reduce((sum, p) => sum + gzipKb(p), 0);
      sizes.push(
        `${figure}: ${kb.toFixed(1)} kB (${pageScripts.length} files); axe: ${all.map((v) => `${v.id} (${v.impact})`).join(', ') || 'none'}`,
      );
      expect(kb, `${figure}: ${pageScripts.join(', ')}`).toBeLessThanOrEqual(EMBED_BUDGET_GZIP_KB);
      embedded++;
    }
  }
  verbose(`script beyond the entry chunk, gzipped:\n  ${sizes.join('\n  ')}`);
  expect(embedded).toBeGreaterThanOrEqual(40);
  expect(problems).toEqual([]);
}

describe('embed mode', () => {
  it(
    'every figure of every experiment embeds alone: no console error, no serious axe violation, ≤ 150 kB of page script beyond the entry',
    () => embedEveryFigure(),
    600_000,
  );

  it('an iframe in another page sizes itself from the height messages the embed posts', async () => {
    open = await openPage(baseUrl, '');
    const { page, problems } = open;
    const origin = baseUrl.replace(/\/$/, '');
    const snippet = embedSnippet(`${origin}/`, `?${SMALL}`, 'at-a-glance.wtw-bias', 'WᵀW and bias');
    await page.setContent(
      `<!doctype html><title>A course page</title><p>Before the figure.</p>${snippet}
       <script>window.heights = []; addEventListener('message', (e) => {
         if (e.data && e.data.type === '${HEIGHT_MESSAGE}') window.heights.push(e.data.height); });</script>`,
    );
    const frame = page.locator('iframe[data-superposition-embed]');
    // The snippet's own listener sets the iframe's height to what the embed posted.
    await page.waitForFunction(() => (window as unknown as { heights: number[] }).heights.length > 0, null, {
      timeout: 60_000,
    });
    const inner = page.frameLocator('iframe[data-superposition-embed]');
    // Once the figure has drawn, the iframe is as tall as the embed's content: the last height posted.
    await inner.locator('.embed-figure-slot .chart-body svg').first().waitFor({ timeout: 60_000 });
    const sizes = () =>
      Promise.all([
        frame.getAttribute('height').then(Number),
        page.evaluate(() => (window as unknown as { heights: number[] }).heights.at(-1)!),
        inner.locator('.embed-page').evaluate((el) => Math.ceil(el.getBoundingClientRect().height)),
      ]);
    await expect
      .poll(
        async () => {
          const [height, posted, content] = await sizes();
          return height === posted && Math.abs(content - posted) <= 1;
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    const [, posted] = await sizes();
    expect(posted).toBeGreaterThan(200);
    expect(await inner.locator('.chart-figure').count()).toBe(1);
    expect(problems).toEqual([]);
  });

  it('controls=1 brings the controls, which drive the figure; caption=0 and link=0 hide those', async () => {
    open = await openPage(baseUrl, `?embed=at-a-glance.feature-norms&controls=1&caption=0&link=0&${SMALL}`);
    const { page, problems } = open;
    await waitForRun(page, 'glance');
    const slot = page.locator('.embed-controls-slot');
    await expect.poll(() => slot.locator('input[type="range"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.embed-figure-slot .chart-caption').count()).toBe(0);
    expect(await page.locator('.embed-back').count()).toBe(0);
    // A control in the embed changes the link (embed keys kept) and the figure retrains for it.
    await slot.locator('select[name="seeds"], input[name="seeds"]').first().fill('2');
    await waitForRun(page, 'glance', { settings: { seeds: '2', embed: 'at-a-glance.feature-norms', controls: '1' } });
    expect(await page.locator('.embed-figure-slot [data-chart]').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('to= trains that many steps; from= draws nothing before that step', async () => {
    open = await openPage(baseUrl, '');
    const { page, problems } = open;
    // Every step the at-a-glance panels draw, from the first one on.
    await page.addInitScript(() => {
      const steps: number[] = [];
      (window as unknown as { drawnSteps: number[] }).drawnSteps = steps;
      new MutationObserver((records) => {
        for (const r of records)
          if (r.target instanceof Element && r.target.classList.contains('panels'))
            steps.push(Number(r.target.getAttribute('data-step')));
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-step'] });
    });
    await page.goto(`${baseUrl}?embed=at-a-glance.wtw-bias&backend=js&seeds=1&from=400&to=600`);
    await waitForRun(page, 'glance', { settings: { steps: '600', to: '600', from: '400' } });
    expect(await page.getByTestId('step').textContent()).toBe('600');
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { drawnSteps: number[] }).drawnSteps.at(-1)))
      .toBe(600);
    const drawn = await page.evaluate(() =>
      (window as unknown as { drawnSteps: number[] }).drawnSteps.filter((s) => s >= 0),
    );
    expect(Math.min(...drawn)).toBeGreaterThanOrEqual(400);
    expect(problems).toEqual([]);
  });

  it('a link naming no experiment, or no figure of it, says what there is; bad flags are reported', async () => {
    open = await openPage(baseUrl, '?embed=nope.chart');
    const { page } = open;
    const notice = page.getByTestId('url-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/no experiment "nope" \(there are at-a-glance, /);
    await page.goto(`${baseUrl}?embed=at-a-glance.nope&controls=yes&from=-3&${SMALL}`);
    const missing = page.getByTestId('embed-missing');
    await missing.waitFor({ timeout: 60_000 });
    expect(await missing.textContent()).toContain('at-a-glance.wtw-bias');
    const text = (await page.getByTestId('url-notice').textContent()) ?? '';
    expect(text).toContain('controls="yes": not 0 or 1');
    expect(text).toContain('from="-3": not a step');
  });

  it("a figure's Embed button on the full page gives the iframe code for the settings on screen", async () => {
    open = await openPage(baseUrl, '?backend=js&steps=300&n=6');
    const { page } = open;
    await waitForRun(page, 'glance');
    await page.locator('[data-figure-id="at-a-glance.loss-curve"] [data-action="embed-code"]').click();
    const code = await page.getByTestId('embed-code').inputValue();
    const src = /<iframe src="([^"]+)"/.exec(code)![1].replace(/&amp;/g, '&');
    const url = new URL(src);
    expect(url.searchParams.get('embed')).toBe('at-a-glance.loss-curve');
    expect(url.searchParams.get('n')).toBe('6');
    expect(code).toContain(HEIGHT_MESSAGE);
    // The code works: the address it gives opens that figure alone.
    await page.goto(src);
    await page.locator(FIGURE_DRAWN).first().waitFor({ timeout: 60_000 });
    expect(await page.locator('.embed-figure-slot .chart-title').textContent()).toBe('Loss');
  });
});
