/**
 * Taking the at-a-glance model in hand (issue 15), in headless Chromium: per-feature importance
 * and density (drag, keys, links), vectors placed by hand, rewinding, pinning, linked hover and
 * the exports of those states. Every run pins the path and seed (backend=js&seed=1) and waits for
 * states, never for time.
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openPage, readNumber, type OpenPage } from './browser';
import { verbose } from '../helpers/log';

const baseUrl = inject('baseUrl');
let open: OpenPage | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

const status = (page: Page) => page.getByTestId('status');
const done = (page: Page, timeout = 90_000) => status(page).filter({ hasText: 'done' }).waitFor({ timeout });
const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);
const panels = (page: Page) => page.locator('#at-a-glance .panels');
/** The number a readout carries in data-value. */
const valueOf = async (l: Locator) => Number(await l.getAttribute('data-value'));
/** What a panel draws (its marks), to tell two states of it apart. */
const marks = (page: Page, chart: string, layer: string) =>
  page.locator(`#at-a-glance [data-chart="${chart}"] [data-layer="${layer}"]`).first().innerHTML();

/** Drag from the centre of `from` by (dx, dy) pixels, in small steps; `release` false leaves the button down. */
async function drag(page: Page, from: Locator, dx: number, dy: number, release = true): Promise<void> {
  await from.scrollIntoViewIfNeeded();
  const box = (await from.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 6 });
  if (release) await page.mouse.up();
}

async function exportJson(page: Page, frame = 'wtw-bias'): Promise<Record<string, any>> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-chart-frame="${frame}"] [data-action="export-json"]`).click(),
  ]);
  return JSON.parse(readFileSync((await file.path())!, 'utf8'));
}

describe('at a glance, in hand', () => {
  it('dragging an importance bar and keying a density bar change the URL and retrain on those values', async () => {
    open = await openPage(baseUrl, '?backend=js&seed=1&steps=300');
    const { page } = open;
    await done(page);
    const run0 = await status(page).getAttribute('data-run');
    const bar = page.locator('[data-editor="importance"] g[data-feature="1"]');
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeCloseTo(0.9, 6);
    // Down the column: a lower importance for feature 1, the others written out as they were.
    await drag(page, bar.locator('rect').nth(1), 0, 15);
    await expect.poll(() => param(page, 'importances'), { timeout: 10_000 }).toMatch(/^1,0\.\d+,0\.81,0\.729,0\.656$/);
    await expect.poll(() => status(page).getAttribute('data-run'), { timeout: 15_000 }).not.toBe(run0);
    await done(page);
    const i1 = Number(param(page, 'importances')!.split(',')[1]);
    expect(i1).toBeLessThan(0.75);
    expect(i1).toBeGreaterThan(0);
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(i1);

    // Keys: focus density bar 2 and step it down a tenth of a decade (Shift: a fiftieth).
    const run1 = await status(page).getAttribute('data-run');
    const d2 = page.locator('[data-editor="density"] g[data-feature="2"]');
    await d2.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => param(page, 'densities'), { timeout: 10_000 }).toBe('0.1,0.1,0.0794,0.1,0.1');
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(() => param(page, 'densities'), { timeout: 10_000 }).toBe('0.1,0.1,0.0831,0.1,0.1');
    // Focusing a bar is hovering its feature: the readout names it.
    expect(await page.getByTestId('feature-readout').getAttribute('data-feature')).toBe('2');

    await expect.poll(() => status(page).getAttribute('data-run'), { timeout: 15_000 }).not.toBe(run1);
    await done(page);
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
    await done(page);
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
    expect(
      await open.page.locator('[data-editor="importance"] g[data-feature="1"]').getAttribute('aria-valuenow'),
    ).toBe('0.9');
    expect(open.problems).toEqual([]);
  });

  it('dragging a vector tip pauses training and changes the loss readout; let go and train moves the loss', async () => {
    // A run far longer than the test: it is running when the drag starts, whatever the machine's speed.
    open = await openPage(baseUrl, '?backend=js&seed=1&steps=100000');
    const { page } = open;
    await status(page).filter({ hasText: 'running' }).waitFor();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=step]')?.textContent?.replace(/,/g, '')) >= 1000,
      undefined,
      { timeout: 90_000 },
    );
    const geometry = page.locator('#at-a-glance [data-chart="feature-geometry-2d"]');
    const tip = (i: number) => geometry.locator(`[data-handle="${i}"]`);
    await geometry.scrollIntoViewIfNeeded();
    // Feature 0 dragged part of the way, button still down: training has paused, the readout follows.
    const b1 = (await tip(1).boundingBox())!;
    const b0 = (await tip(0).boundingBox())!;
    await drag(page, tip(0), (b1.x - b0.x) / 2, (b1.y - b0.y) / 2, false);
    await status(page).filter({ hasText: 'paused' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('hand-readout').waitFor();
    const halfway = await valueOf(page.getByTestId('hand-loss'));
    const base = await valueOf(page.getByTestId('base-loss'));
    // …then on top of feature 1: the two collide, and the readout says it costs.
    await page.mouse.move(b1.x + b1.width / 2, b1.y + b1.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => valueOf(page.getByTestId('hand-loss'))).not.toBe(halfway);
    const collided = await valueOf(page.getByTestId('hand-loss'));
    expect(collided).toBeGreaterThan(base * 1.2);
    const pausedAt = await readNumber(page, 'step');
    expect(await panels(page).getAttribute('data-view')).toBe('hand-placed');
    // The keyboard does the same: turn feature 2 and the readout moves again.
    await geometry.locator('g[data-feature="2"]').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => valueOf(page.getByTestId('hand-loss'))).not.toBe(collided);
    expect(await readNumber(page, 'step')).toBe(pausedAt);

    const handLoss = await valueOf(page.getByTestId('hand-loss'));
    // The exports are of the arrangement: the one model it is, its best-response bias, its data.
    const edited = await exportJson(page, 'feature-geometry');
    expect(edited.view).toMatchObject({ source: 'hand-placed', step: pausedAt, expectedLoss: handLoss });
    expect(edited.view.bias).toMatch(/best response/);
    expect(edited.instances).toHaveLength(1);
    expect(edited.features.importance).toHaveLength(5);
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-chart-frame="feature-geometry"] [data-action="export-svg"]').click(),
    ]);
    expect(readFileSync((await svg.path())!, 'utf8')).toMatch(
      /<desc>[^<]*step \d+ \(hand-placed W, best-response bias\)/,
    );
    await page.locator('[data-action="let-go"]').click();
    await status(page).filter({ hasText: 'running' }).waitFor({ timeout: 20_000 });
    expect(await panels(page).getAttribute('data-view')).toBe('live');
    // Train 2,000 steps from the hand-set weights (however long that takes), then look.
    await page.waitForFunction(
      (s) => Number(document.querySelector('[data-testid=step]')?.textContent?.replace(/,/g, '')) >= s,
      pausedAt + 2000,
      { timeout: 120_000 },
    );
    await page.locator('[data-action="pause"]').click();
    await status(page).filter({ hasText: 'paused' }).waitFor();
    const trained = await valueOf(page.getByTestId('expected-loss'));
    verbose(`hand-placed: base ${base}, collided ${collided}, hand ${handLoss} → after training ${trained}`);
    await expect.poll(() => valueOf(page.getByTestId('expected-loss'))).toBeLessThan(handLoss * 0.8);
    expect(open.problems).toEqual([]);
  });

  it('scrubbing the timeline shows an earlier step in every panel; resuming there repeats the run exactly', async () => {
    open = await openPage(baseUrl, '?backend=js&seed=1&steps=800');
    const { page } = open;
    await done(page);
    await expect.poll(() => page.getByTestId('expected-loss').getAttribute('data-value')).not.toBe('');
    const final = await exportJson(page);
    const layers = [
      ['gram-heatmap', 'matrix'],
      ['feature-norm-bars', 'bars'],
      ['feature-geometry-2d', 'features'],
      ['loss-shares', 'bars'],
    ] as const;
    const before = await Promise.all(layers.map(([c, l]) => marks(page, c, l)));
    const lossAt = await valueOf(page.getByTestId('expected-loss'));

    await page.getByTestId('timeline-scrubber').fill('2');
    await expect.poll(() => panels(page).getAttribute('data-step')).toBe('200');
    expect(await panels(page).getAttribute('data-view')).toBe('rewound');
    expect(await page.getByTestId('timeline-step').textContent()).toBe('200');
    expect(
      await page.locator('#at-a-glance [data-chart="loss-curve"] [data-layer="cursor"]').getAttribute('data-step'),
    ).toBe('200');
    await expect.poll(() => valueOf(page.getByTestId('expected-loss'))).toBeGreaterThan(lossAt);
    const after = await Promise.all(layers.map(([c, l]) => marks(page, c, l)));
    layers.forEach(([c], k) => expect(after[k], c).not.toBe(before[k]));
    const rewound = await exportJson(page, 'feature-geometry');
    expect(rewound.view).toMatchObject({ source: 'rewound', step: 200 });
    expect(rewound.config.steps).toBe(200);

    // Resume from step 200: the same data stream, so the same weights at step 800.
    await page.locator('[data-action="resume-here"]').click();
    await status(page)
      .filter({ hasText: /running|done/ })
      .waitFor();
    await done(page);
    expect(await readNumber(page, 'step')).toBe(800);
    const again = await exportJson(page);
    expect(again.instances.map((i: { W: number[][] }) => i.W)).toEqual(
      final.instances.map((i: { W: number[][] }) => i.W),
    );
    expect(open.problems).toEqual([]);
  });

  it('a pinned result is drawn with the live one through a change of settings, and survives a reload', async () => {
    open = await openPage(baseUrl, '?backend=js&seed=1&steps=400');
    const { page } = open;
    await done(page);
    await page.locator('[data-action="pin"]').click();
    await expect.poll(() => param(page, 'pin')).toMatch(/^[A-Za-z0-9_-]{60,}$/);
    const pin = param(page, 'pin')!;
    const pinnedLoss = (await page.getByTestId('pinned-loss').textContent())!;
    expect(pinnedLoss).toMatch(/^\d\.\d{3}e-\d$/);

    // Other settings: n = 6 retrains, the pinned 5 features stay drawn, dashed, beside the live 6.
    const run0 = await status(page).getAttribute('data-run');
    await page.locator('input[name="n"]').fill('6');
    await expect.poll(() => status(page).getAttribute('data-run'), { timeout: 15_000 }).not.toBe(run0);
    await done(page);
    const geometry = page.locator('#at-a-glance [data-chart="feature-geometry-2d"]');
    const check = async () => {
      expect(await geometry.locator('[data-layer="features"] > g[data-feature]').count()).toBe(6);
      expect(await geometry.locator('[data-layer="pinned"] > g[data-pinned-feature]').count()).toBe(5);
      expect(await page.locator('#at-a-glance [data-chart="feature-norm-bars"] [data-pinned-feature]').count()).toBe(5);
      expect(await page.locator('#at-a-glance [data-chart="loss-curve"] [data-layer="reference"]').count()).toBe(1);
      expect(await page.getByTestId('pinned-loss').textContent()).toBe(pinnedLoss);
    };
    await check();
    expect(param(page, 'pin')).toBe(pin);
    const models = await exportJson(page);
    expect(models.pinned).toMatchObject({ n: 5, m: 2, step: 400, handPlaced: false });

    await page.reload();
    await done(page);
    expect(param(page, 'pin')).toBe(pin);
    expect(param(page, 'n')).toBe('6');
    await check();
    await page.locator('[data-action="unpin"]').click();
    await expect.poll(() => param(page, 'pin')).toBeNull();
    expect(await geometry.locator('[data-layer="pinned"]').count()).toBe(0);
    expect(open.problems).toEqual([]);
  });

  it('a bad pin in a link is reported and ignored, not drawn', async () => {
    open = await openPage(baseUrl, '?pin=AQUC_not_a_model&steps=200&backend=js');
    const { page } = open;
    const notice = page.getByTestId('url-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/pin="AQUC_not_a_model": not a pinned model: .+; using \(none\)/);
    await done(page);
    expect(await page.getByTestId('pin-card').getAttribute('data-pinned')).toBeNull();
    expect(open.problems).toEqual([]);
  });

  it('hovering a feature anywhere highlights it in every panel with its numbers', async () => {
    open = await openPage(baseUrl, '?backend=js&seed=1&steps=300');
    const { page } = open;
    await done(page);
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
