/**
 * Exports in headless Chromium: every SVG button gives a standalone SVG, PNG is a 2× raster, JSON
 * is the models file the CLI reads — and a click always downloads the view on screen: while a
 * change restarts the run (the previous run, whole, until the new one draws) and before a section
 * has trained (its JSON button says there is nothing yet).
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { parseModelJson, type ModelsJson } from '../../src/model/io/model-json';
import { openPage, type OpenPage } from './browser';
import { downloadedText, exportFile, exportJson, sectionsLoaded, type GlanceExport } from './page-tools';
import { waitForRun } from './runs';

const baseUrl = inject('baseUrl');
let open: OpenPage | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

/** An SVG file as the browser parses it: root, size, shapes, description, metadata and drawn features. */
function parseSvg(page: Page, svg: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    const meta = root.querySelector('metadata')?.textContent;
    return {
      error: doc.getElementsByTagName('parsererror').length > 0,
      root: root.localName,
      ns: root.namespaceURI,
      chart: root.getAttribute('data-chart'),
      width: Number(root.getAttribute('width')),
      shapes: root.querySelectorAll('rect, line, path, circle').length,
      desc: root.querySelector('desc')?.textContent ?? '',
      settings: meta ? (JSON.parse(meta) as { settings: Record<string, unknown> }).settings : null,
      features: root.querySelectorAll('[data-layer="features"] > g[data-feature]').length,
    };
  }, svg);
}

describe('exports of the view on screen', () => {
  it('every Export SVG button downloads a standalone SVG that parses and has content', async () => {
    // pseeds=3: the phase grid trains while its buttons are on screen; the grid it trained before 5 became the default.
    open = await openPage(baseUrl, '?steps=500&pseeds=3');
    const { page } = open;
    await waitForRun(page, 'glance');
    const buttons = page.locator('[data-action="export-svg"]');
    const count = await buttons.count();
    expect(count).toBeGreaterThanOrEqual(6); // 4 at a glance + the two phase diagrams
    for (let k = 0; k < count; k++) {
      const [download] = await Promise.all([page.waitForEvent('download'), buttons.nth(k).click()]);
      expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+\.svg$/);
      const text = await downloadedText(download);
      expect(text).not.toMatch(/NaN|Infinity|href=|url\(/);
      const parsed = await parseSvg(page, text);
      expect(parsed.error, download.suggestedFilename()).toBe(false);
      expect(parsed.root).toBe('svg');
      expect(parsed.ns).toBe('http://www.w3.org/2000/svg');
      expect(parsed.width).toBeGreaterThan(50);
      expect(parsed.shapes).toBeGreaterThan(5);
      expect(parsed.desc).toMatch(k < 4 ? /n=5, m=2/ : /\S/);
    }
    expect(open.problems).toEqual([]);
  });

  it('PNG export is a 2× raster of the chart; JSON export is the models file the CLI reads', async () => {
    open = await openPage(baseUrl, '?steps=300');
    const { page } = open;
    await waitForRun(page, 'glance');
    const svgWidth = Number(await page.locator('[data-figure="wtw-bias"] svg').getAttribute('width'));
    const png = await exportFile(page, 'wtw-bias', 'export-png');
    expect(png.suggestedFilename()).toBe('wtw-bias.png');
    const bytes = readFileSync((await png.path())!);
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(2 * svgWidth); // IHDR width
    const models = parseModelJson(await downloadedText(await exportFile(page, 'wtw-bias', 'export-json')));
    expect(models.config).toMatchObject({ n: 5, m: 2, steps: 300 });
    expect(models.instances).toHaveLength(3);
    expect(models.lossHistory.step.length).toBeGreaterThan(0);
    expect(open.problems).toEqual([]);
  });

  it('clicked while a change restarts the run, the exports are of the run on screen, whole: never a mix, never nothing', async () => {
    open = await openPage(baseUrl, '?backend=js&seed=1&steps=2000');
    const { page } = open;
    const first = await waitForRun(page, 'glance');
    const before = await exportJson(page);
    expect(before.view.runKey).toBe(first);
    const W = (m: GlanceExport) => JSON.stringify(m.instances.map((i) => i.W));

    // In one task: n = 6 (React commits it and asks the worker to restart, in a microtask), then a
    // click on JSON and on SVG. The new run cannot have drawn yet (its snapshots come as messages,
    // after its debounce): the clicks land inside the restart, with the n = 5 run on screen.
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    const atClick = await page.evaluate(async () => {
      const input = document.querySelector<HTMLInputElement>('input[name="n"]')!;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '6');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const count = (selector: string) => document.querySelectorAll(selector).length;
      const editors = () => count('[data-editor="importance"] g[data-feature]');
      for (let k = 0; k < 20 && editors() !== 6; k++) await Promise.resolve();
      const seen = {
        editors: editors(),
        drawn: count('#at-a-glance [data-chart="feature-geometry-2d"] [data-layer="features"] > g[data-feature]'),
      };
      for (const frame of ['wtw-bias', 'feature-geometry'])
        document
          .querySelector<HTMLButtonElement>(
            `[data-figure="${frame}"] [data-action="export-${frame === 'wtw-bias' ? 'json' : 'svg'}"]`,
          )!
          .click();
      return seen;
    });
    expect(atClick).toEqual({ editors: 6, drawn: 5 }); // asked for 6 features; 5 on screen
    await expect.poll(() => downloads.length).toBe(2);
    const [jsonFile, svgFile] = downloads;
    expect(jsonFile.suggestedFilename()).toBe('wtw-bias.json');
    const json = JSON.parse(await downloadedText(jsonFile)) as GlanceExport;
    expect(json.view.runKey).toBe(first);
    expect(json.config.n).toBe(5);
    expect(W(json)).toBe(W(before)); // exactly the run on screen
    const svg = await parseSvg(page, await downloadedText(svgFile));
    expect(svg).toMatchObject({ error: false, features: 5 });
    expect(svg.settings).toMatchObject({ n: 5, step: 2000 });

    // Mid-run and at its end, the new run's files.
    const second = await waitForRun(page, 'glance', { settings: { n: '6' }, state: 'running|done' });
    const during = await exportJson(page);
    expect(during.view.runKey).toBe(second);
    expect(during.config.n).toBe(6);
    expect(during.features.importance).toHaveLength(6);
    await waitForRun(page, 'glance');
    expect((await exportJson(page)).config).toMatchObject({ n: 6, steps: 2000 });
    expect(open.problems).toEqual([]);
  });

  it('before a section has trained, its JSON buttons say there is nothing yet; once trained, they export its run', async () => {
    open = await openPage(baseUrl, '?steps=200&gcount=4&gsteps=600');
    const { page } = open;
    await sectionsLoaded(page);
    // Off screen, the sweep waits, paused at step 0 (it trains when scrolled into view).
    await waitForRun(page, 'geometry', { state: 'paused' });
    expect(await page.getByTestId('geometry-step').textContent()).toBe('0');
    const json = page.locator('[data-figure="geometry-dims-per-feature"] [data-action="export-json"]');
    expect(await json.isDisabled()).toBe(true);
    expect(await json.getAttribute('title')).toMatch(/^No trained model to export yet/);
    // The SVG is of what is drawn (the empty sweep, or its first steps once on screen).
    const svg = await parseSvg(
      page,
      await downloadedText(await exportFile(page, 'geometry-dims-per-feature', 'export-svg')),
    );
    expect(svg).toMatchObject({ error: false, chart: 'dims-per-feature' });

    await page.getByTestId('geometry-status').scrollIntoViewIfNeeded();
    const key = await waitForRun(page, 'geometry');
    expect(key).toBe('gcount=4&gsteps=600');
    expect(await json.isDisabled()).toBe(false);
    const models = await exportJson<ModelsJson>(page, 'geometry-dims-per-feature');
    expect(models.config.steps).toBe(600);
    expect(models.instances).toHaveLength(4);
    expect(open.problems).toEqual([]);
  });
});
