/**
 * Taking the at-a-glance model in hand (issue 15), in headless Chromium: vectors placed by hand,
 * rewinding, pinning, and the exports of those states. Every run pins the path and seed
 * (backend=js&seed=1) and waits for states — the run of the settings set (runs.ts), a step reached,
 * a snapshot sent after an action — never for time.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { verbose } from '../helpers/log';
import { openPage, readNumber, type OpenPage } from './browser';
import { downloadedText, drag, exportFile, exportJson, param } from './page-tools';
import { waitForRun } from './runs';

const baseUrl = inject('baseUrl');
let open: OpenPage | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

const status = (page: Page) => page.getByTestId('status');
const panels = (page: Page) => page.locator('#at-a-glance .panels');
/** The number a readout carries in data-value. */
const valueOf = async (page: Page, testId: string) => Number(await page.getByTestId(testId).getAttribute('data-value'));
/** What a panel draws (its marks), to tell two states of it apart. */
const marks = (page: Page, chart: string, layer: string) =>
  page.locator(`#at-a-glance [data-chart="${chart}"] [data-layer="${layer}"]`).first().innerHTML();
/** Wait until the page draws step `step` of the run. */
const reached = (page: Page, step: number) =>
  page.waitForFunction(
    (s) => Number(document.querySelector('[data-testid=step]')?.textContent?.replace(/,/g, '')) >= s,
    step,
    { timeout: 120_000 },
  );

describe('at a glance, in hand: the views', () => {
  it('dragging a vector tip pauses training and changes the loss readout; let go and train moves the loss', async () => {
    // A run far longer than the test: it is running when the drag starts, whatever the machine's speed.
    open = await openPage(baseUrl, '?backend=js&seed=1&steps=100000');
    const { page } = open;
    await waitForRun(page, 'glance', { state: 'running' });
    await reached(page, 1000);
    const geometry = page.locator('#at-a-glance [data-chart="feature-geometry-2d"]');
    const tip = (i: number) => geometry.locator(`[data-handle="${i}"]`);
    await geometry.scrollIntoViewIfNeeded();
    // Feature 0 dragged part of the way, button still down: training has paused, the readout follows.
    const b1 = (await tip(1).boundingBox())!;
    const b0 = (await tip(0).boundingBox())!;
    await drag(page, tip(0), (b1.x - b0.x) / 2, (b1.y - b0.y) / 2, false);
    await status(page).filter({ hasText: 'paused' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('hand-readout').waitFor();
    const halfway = await valueOf(page, 'hand-loss');
    const base = await valueOf(page, 'base-loss');
    // …then on top of feature 1: the two collide, and the readout says it costs.
    await page.mouse.move(b1.x + b1.width / 2, b1.y + b1.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => valueOf(page, 'hand-loss')).not.toBe(halfway);
    const collided = await valueOf(page, 'hand-loss');
    expect(collided).toBeGreaterThan(base * 1.2);
    const pausedAt = await readNumber(page, 'step');
    expect(await panels(page).getAttribute('data-view')).toBe('hand-placed');
    // The keyboard does the same: turn feature 2 and the readout moves again.
    await geometry.locator('g[data-feature="2"]').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => valueOf(page, 'hand-loss')).not.toBe(collided);
    expect(await readNumber(page, 'step')).toBe(pausedAt);

    const handLoss = await valueOf(page, 'hand-loss');
    // The exports are of the arrangement: the one model it is, its best-response bias, its data.
    const edited = await exportJson(page, 'feature-geometry');
    expect(edited.view).toMatchObject({ source: 'hand-placed', step: pausedAt, expectedLoss: handLoss });
    expect(edited.view.bias).toMatch(/best response/);
    expect(edited.instances).toHaveLength(1);
    expect(edited.features.importance).toHaveLength(5);
    expect(await downloadedText(await exportFile(page, 'feature-geometry', 'export-svg'))).toMatch(
      /<desc>[^<]*step \d+ \(hand-placed W, best-response bias\)/,
    );
    await page.locator('[data-action="let-go"]').click();
    await status(page).filter({ hasText: 'running' }).waitFor({ timeout: 20_000 });
    expect(await panels(page).getAttribute('data-view')).toBe('live');
    // Train 2,000 steps from the hand-set weights (however long that takes), then look.
    await reached(page, pausedAt + 2000);
    await page.locator('[data-action="pause"]').click();
    await status(page).filter({ hasText: 'paused' }).waitFor();
    const trained = await valueOf(page, 'expected-loss');
    verbose(`hand-placed: base ${base}, collided ${collided}, hand ${handLoss} → after training ${trained}`);
    await expect.poll(() => valueOf(page, 'expected-loss')).toBeLessThan(handLoss * 0.8);
    expect(open.problems).toEqual([]);
  });

  it('scrubbing the timeline shows an earlier step in every panel; resuming there repeats the run exactly', async () => {
    open = await openPage(baseUrl, '?backend=js&seed=1&steps=800');
    const { page } = open;
    await waitForRun(page, 'glance');
    await expect.poll(() => page.getByTestId('expected-loss').getAttribute('data-value')).not.toBe('');
    const final = await exportJson(page);
    const layers = [
      ['gram-heatmap', 'matrix'],
      ['feature-norm-bars', 'bars'],
      ['feature-geometry-2d', 'features'],
      ['loss-shares', 'bars'],
    ] as const;
    const before = await Promise.all(layers.map(([c, l]) => marks(page, c, l)));
    const lossAt = await valueOf(page, 'expected-loss');

    await page.getByTestId('timeline-scrubber').fill('2');
    await expect.poll(() => panels(page).getAttribute('data-step')).toBe('200');
    expect(await panels(page).getAttribute('data-view')).toBe('rewound');
    expect(await page.getByTestId('timeline-step').textContent()).toBe('200');
    expect(
      await page.locator('#at-a-glance [data-chart="loss-curve"] [data-layer="cursor"]').getAttribute('data-step'),
    ).toBe('200');
    await expect.poll(() => valueOf(page, 'expected-loss')).toBeGreaterThan(lossAt);
    const after = await Promise.all(layers.map(([c, l]) => marks(page, c, l)));
    layers.forEach(([c], k) => expect(after[k], c).not.toBe(before[k]));
    const rewound = await exportJson(page, 'feature-geometry');
    expect(rewound.view).toMatchObject({ source: 'rewound', step: 200 });
    expect(rewound.config.steps).toBe(200);

    // Resume from step 200: the same data stream, so the same weights at step 800. The run is the
    // same (same key); its end is the first 'done' snapshot sent after the click.
    const seq = Number(await status(page).getAttribute('data-seq'));
    await page.locator('[data-action="resume-here"]').click();
    await page.waitForFunction(
      (before) => {
        const el = document.querySelector('[data-testid=status]');
        return el?.textContent === 'done' && Number(el.getAttribute('data-seq')) > before;
      },
      seq,
      { timeout: 90_000 },
    );
    expect(await readNumber(page, 'step')).toBe(800);
    const again = await exportJson(page);
    expect(again.instances.map((i) => i.W)).toEqual(final.instances.map((i) => i.W));
    expect(open.problems).toEqual([]);
  });

  it('a pinned result is drawn with the live one through a change of settings, and survives a reload', async () => {
    open = await openPage(baseUrl, '?backend=js&seed=1&steps=400');
    const { page } = open;
    await waitForRun(page, 'glance');
    await page.locator('[data-action="pin"]').click();
    await expect.poll(() => param(page, 'pin')).toMatch(/^[A-Za-z0-9_-]{60,}$/);
    const pin = param(page, 'pin')!;
    const pinnedLoss = (await page.getByTestId('pinned-loss').textContent())!;
    expect(pinnedLoss).toMatch(/^\d\.\d{3}e-\d$/);

    // Other settings: n = 6 retrains, the pinned 5 features stay drawn, dashed, beside the live 6.
    await page.locator('input[name="n"]').fill('6');
    await waitForRun(page, 'glance', { settings: { n: '6' } });
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
    await waitForRun(page, 'glance');
    expect(param(page, 'pin')).toBe(pin);
    expect(param(page, 'n')).toBe('6');
    await check();
    await page.locator('[data-action="unpin"]').click();
    await expect.poll(() => param(page, 'pin')).toBeNull();
    expect(await geometry.locator('[data-layer="pinned"]').count()).toBe(0);
    expect(open.problems).toEqual([]);
  });
});
