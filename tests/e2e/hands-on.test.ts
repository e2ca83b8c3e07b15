/**
 * Taking the at-a-glance model in hand (issue 15), in headless Chromium: per-feature importance
 * and density (drag, keys, links), a bad pin in a link, and linked hover. Every run pins the path
 * and seed (backend=js&seed=1) and waits for the run of the settings the test set (runs.ts).
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openPage, type OpenPage } from './browser';
import { drag, exportJson, param } from './page-tools';
import { addressHolds, waitForRun } from './runs';

const baseUrl = inject('baseUrl');
let open: OpenPage | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

const valueNow = async (page: Page, editor: string, feature: number) =>
  Number(await page.locator(`[data-editor="${editor}"] g[data-feature="${feature}"]`).getAttribute('aria-valuenow'));

describe('at a glance, in hand: the feature editors', () => {
  it('dragging an importance bar and keying a density bar change the URL and retrain on those values', async () => {
    open = await openPage(baseUrl, '?backend=js&seed=1&steps=300');
    const { page } = open;
    await waitForRun(page, 'glance');
    const bar = page.locator('[data-editor="importance"] g[data-feature="1"]');
    expect(await valueNow(page, 'importance', 1)).toBeCloseTo(0.9, 6);
    // Down the column: a lower importance for feature 1, the others written out as they were.
    await drag(page, bar.locator('rect').nth(1), 0, 15);
    await expect.poll(() => param(page, 'importances'), { timeout: 10_000 }).toMatch(/^1,0\.\d+,0\.81,0\.729,0\.656$/);
    // The address is final once settled (no more input): wait for the run of exactly those values.
    await page.locator('html[data-history="settled"]').waitFor();
    await waitForRun(page, 'glance');
    const i1 = Number(param(page, 'importances')!.split(',')[1]);
    expect(i1).toBeLessThan(0.75);
    expect(i1).toBeGreaterThan(0);
    expect(await valueNow(page, 'importance', 1)).toBe(i1);

    // Keys: focus density bar 2 and step it down a tenth of a decade (Shift: a fiftieth).
    const d2 = page.locator('[data-editor="density"] g[data-feature="2"]');
    await d2.focus();
    await page.keyboard.press('ArrowDown');
    await addressHolds(page, { densities: '0.1,0.1,0.0794,0.1,0.1' });
    await page.keyboard.press('Shift+ArrowUp');
    // Two changes, maybe two restarts: the run waited for is the one of the last value.
    await waitForRun(page, 'glance', { settings: { densities: '0.1,0.1,0.0831,0.1,0.1' } });
    // Focusing a bar is hovering its feature: the readout names it.
    expect(await page.getByTestId('feature-readout').getAttribute('data-feature')).toBe('2');
    const models = await exportJson(page);
    expect(models.features.importance[1]).toBeCloseTo(i1, 6);
    expect(models.features.density[2]).toBeCloseTo(0.0831, 6);
    expect(models.instances[0].density[2]).toBeCloseTo(0.0831, 6);
    // Moving the decay slider goes back to the shorthand.
    await page.locator('input[name="decay"]').fill('0.8');
    await expect.poll(() => param(page, 'importances')).toBeNull();
    expect(param(page, 'densities')).toBe('0.1,0.1,0.0831,0.1,0.1');
    expect(open.problems).toEqual([]);
  });

  it('a link with importances= and densities= opens with those values; a bad list is reported', async () => {
    const link = '?n=4&importances=1,0.5,0.25,0.1&densities=0.3,0.1,0.03,0.01&steps=200&backend=js';
    open = await openPage(baseUrl, link);
    const { page } = open;
    await waitForRun(page, 'glance');
    const values = (editor: string) =>
      page
        .locator(`[data-editor="${editor}"] g[data-feature]`)
        .evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('aria-valuenow'))));
    expect(await values('importance')).toEqual([1, 0.5, 0.25, 0.1]);
    expect(await values('density')).toEqual([0.3, 0.1, 0.03, 0.01]);
    expect(new URL(page.url()).search).toBe(link);
    expect(await page.getByTestId('url-notice').count()).toBe(0);
    const models = await exportJson(page);
    expect(models.instances[0].importance).toEqual([1, 0.5, 0.25, 0.1].map(Math.fround));
    expect(models.instances[0].density).toEqual([0.3, 0.1, 0.03, 0.01].map(Math.fround));
    await open.close();
    open = null;

    open = await openPage(baseUrl, '?importances=1,2,x&densities=0.1,0&steps=200&backend=js');
    const notice = open.page.getByTestId('url-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('importances="1,2,x": item 2 "2": outside [0, 1]');
    expect(await notice.textContent()).toContain('densities="0.1,0": item 2 "0": outside [0.001, 1]');
    expect(await valueNow(open.page, 'importance', 1)).toBe(0.9);
    expect(open.problems).toEqual([]);
  });
});

describe('at a glance, in hand: links and hover', () => {
  it('a bad pin in a link is reported and ignored, not drawn', async () => {
    open = await openPage(baseUrl, '?pin=AQUC_not_a_model&steps=200&backend=js');
    const { page } = open;
    const notice = page.getByTestId('url-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/pin="AQUC_not_a_model": not a pinned model: .+; using \(none\)/);
    await waitForRun(page, 'glance');
    expect(await page.getByTestId('pin-card').getAttribute('data-pinned')).toBeNull();
    expect(open.problems).toEqual([]);
  });

  it('hovering a feature anywhere highlights it in every panel with its numbers', async () => {
    open = await openPage(baseUrl, '?backend=js&seed=1&steps=300');
    const { page } = open;
    await waitForRun(page, 'glance');
    const highlighted = (selector: string) => page.locator(`#at-a-glance ${selector}`).count();
    const cell = page.locator('#at-a-glance [data-chart="gram-heatmap"] rect[data-cell="3,1"]');
    await cell.scrollIntoViewIfNeeded();
    await cell.hover();
    await expect.poll(() => page.getByTestId('feature-readout').getAttribute('data-feature')).toBe('3');
    expect(await highlighted('[data-chart="gram-heatmap"] [data-highlight="3"]')).toBe(1);
    expect(await highlighted('[data-chart="feature-norm-bars"] [data-highlight="3"]')).toBe(1);
    expect(await highlighted('[data-chart="feature-geometry-2d"] g[data-feature="3"][data-highlight="1"]')).toBe(1);
    expect(await highlighted('[data-editor="importance"] g[data-feature="3"][data-highlight="1"]')).toBe(1);
    expect(await highlighted('[data-editor="density"] g[data-feature="3"][data-highlight="1"]')).toBe(1);
    expect(await highlighted('[data-chart="loss-shares"] rect[data-category="3"][data-highlight="1"]')).toBe(1);
    const text = (await page.getByTestId('feature-readout').textContent())!;
    const norm = Number(await page.getByTestId('hover-norm').textContent());
    const title = (await page
      .locator('#at-a-glance [data-chart="feature-geometry-2d"] g[data-feature="3"] > title')
      .textContent())!;
    expect(Number(/‖W‖ = ([\d.]+)/.exec(title)?.[1])).toBeCloseTo(norm, 2);
    expect(text).toMatch(
      /feature 3 · ‖W3‖ = [\d.]+ · D3 = [\d.]+ · superposition [\d.e-]+ · loss share [\d.]+% \([\d.]+e-\d\) · I3 = 0\.729 · 1−S3 = 0\.10/,
    );
    // Leaving clears it everywhere.
    await page.mouse.move(5, 5);
    await expect.poll(() => highlighted('[data-highlight]')).toBe(0);
    expect(open.problems).toEqual([]);
  });
});
