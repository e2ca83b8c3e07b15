/**
 * The footnote experiments in headless Chromium: each computes in its worker on the model shown at
 * a glance — the result waited for is the one on that run's final model (runs.ts: waitForTask) —
 * and a link sets every experiment's controls.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openPage, type OpenPage } from './browser';
import { param, sectionsLoaded } from './page-tools';
import { waitForRun, waitForTask } from './runs';

const baseUrl = inject('baseUrl');
let open: OpenPage | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

describe('footnotes', () => {
  it('every experiment computes in its worker on the shown model and draws', async () => {
    open = await openPage(baseUrl, '?n=5&m=2&density=0.01&steps=1500');
    const { page } = open;
    const run = await waitForRun(page, 'glance');
    await sectionsLoaded(page);
    // The experiments on the trained model compute on its last step; the others need no model.
    const onModel = ['fn-forward', 'fn-dictionary', 'fn-l1'];
    for (const id of [...onModel, 'fn-gaussian', 'fn-cs']) {
      const sub = page.getByTestId(id);
      await sub.scrollIntoViewIfNeeded();
      await waitForTask(page, id, onModel.includes(id) ? `${run}@1500` : undefined);
      expect(await sub.locator('svg[data-chart]').count(), id).toBeGreaterThan(0);
    }
    // removing a pentagon feature's direction hurts other features (footnote 25)
    expect(Number(await page.getByTestId('fn-remove-readout').getAttribute('data-doubled'))).toBeGreaterThanOrEqual(1);
    expect(Number(await page.getByTestId('dict-fraction').getAttribute('data-value'))).toBeGreaterThan(0.5);
    expect(open.problems).toEqual([]);
  });

  it('a link sets every experiment’s controls, keeps them in the URL, and a toggle updates it', async () => {
    // in the order the page writes keys, so the URL must stay exactly this
    const link =
      '?steps=200&fremove=3&fon=0,2,4&fx=0.4,0.7,0.9&fdk=4&fdlambda=0.01&fl1steps=1000&fgratio=4&fglog=1&fcsn=50,400&fcstrials=2';
    open = await openPage(baseUrl, link);
    const { page } = open;
    await waitForRun(page, 'glance');
    await sectionsLoaded(page);
    const fn = page.getByTestId('footnotes');
    await fn.locator('[data-action="fn-toggle"]').first().waitFor(); // the forward pass needs the trained model
    expect(await fn.locator('select[name="fn-remove"]').inputValue()).toBe('3');
    const toggles = fn.locator('[data-action="fn-toggle"]');
    expect(await toggles.count()).toBe(5);
    const on: boolean[] = [];
    for (let i = 0; i < 5; i++) on.push(await toggles.nth(i).isChecked());
    expect(on).toEqual([true, false, true, false, true]);
    const value = (i: number) => fn.locator(`input[data-action="fn-value"][data-feature="${i}"]`).inputValue();
    expect([await value(0), await value(2), await value(4)]).toEqual(['0.4', '0.9', '0.5']);
    expect(await page.getByTestId('fn-forward-readout').textContent()).toContain('3 active features');
    expect(await fn.locator('select[name="dict-k"]').inputValue()).toBe('4');
    expect(Number(await fn.locator('input[name="dict-lambda"]').inputValue())).toBeCloseTo(-2, 6);
    expect(await fn.locator('select[name="l1-steps"]').inputValue()).toBe('1000');
    expect(await fn.locator('select[name="gauss-ratio"]').inputValue()).toBe('4');
    expect(await fn.locator('input[name="gauss-logy"]').isChecked()).toBe(true);
    const sizes: number[] = [];
    for (const n of [25, 50, 100, 200, 400])
      if (await fn.locator(`input[data-action="cs-n"][data-n="${n}"]`).isChecked()) sizes.push(n);
    expect(sizes).toEqual([50, 400]);
    expect(await fn.locator('select[name="cs-trials"]').inputValue()).toBe('2');
    expect(new URL(page.url()).search).toBe(link);
    expect(await page.getByTestId('url-notice').count()).toBe(0);

    await toggles.nth(1).check();
    await expect.poll(() => param(page, 'fon')).toBe('0,1,2,4');
    expect(await page.getByTestId('fn-forward-readout').textContent()).toContain('4 active features');
    expect(param(page, 'fcsn')).toBe('50,400');
    expect(open.problems).toEqual([]);
  });
});
