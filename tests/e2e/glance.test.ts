/**
 * The built page in headless Chromium, at a glance: it loads cleanly, trains in a worker while the
 * page stays free, reacts to the sparsity slider, falls back when WebGL is lost, reproduces a shared
 * link, steps Back through presets and survives a malformed link. Every wait is for a state: the run
 * of the settings the test set (runs.ts), never a time.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { parseModelJson } from '../../src/model/io/model-json';
import { openPage, readNumber, type OpenPage } from './browser';
import { downloadedText, exportFile, param, representedFeatures } from './page-tools';
import { waitForRun } from './runs';

const baseUrl = inject('baseUrl');
let open: OpenPage | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

describe('at a glance: loading and training', () => {
  it('loads with no console errors and no off-origin requests, and trains in a worker while the page stays free', async () => {
    open = await openPage(baseUrl, '?steps=100000');
    const { page } = open;
    await waitForRun(page, 'glance', { state: 'running' });
    // The run trains in the page's trainer worker…
    expect(page.workers().some((w) => /trainer\.worker/.test(w.url()))).toBe(true);
    // …and the main thread stays free: inside one evaluate, frame after frame, the page draws the
    // step counter at five new values in turn (however fast this machine trains).
    const seen = await page.evaluate(async () => {
      const step = () => Number(document.querySelector('[data-testid=step]')?.textContent);
      const values = [step()];
      let frames = 0;
      while (values.length < 6) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        frames++;
        if (step() !== values.at(-1)) values.push(step());
      }
      return { frames, values };
    });
    expect(seen.frames).toBeGreaterThanOrEqual(5);
    for (let k = 1; k < seen.values.length; k++) expect(seen.values[k]).toBeGreaterThan(seen.values[k - 1]);
    // By step 5,000 the loss curve (log scale, SVG y grows downward) runs clearly downhill.
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=step]')?.textContent) >= 5000,
      undefined,
      { timeout: 90_000 },
    );
    const d =
      (await page.locator('[data-chart="loss-curve"] path[data-layer="loss-smoothed"]').getAttribute('d')) ?? '';
    const ys = [...d.matchAll(/[ML]\s*([-\d.]+)[ ,]([-\d.]+)/g)].map((p) => Number(p[2]));

    expect(await page.getByTestId('path').textContent()).toMatch(/^(simd|js|wasm|webgl|cpu)$/);
    // The measured trial includes the SIMD kernel (Chromium runs WebAssembly SIMD) and names its speed.
    expect(await page.locator('#at-a-glance .fine').filter({ hasText: 'measured:' }).textContent()).toMatch(
      /simd \d+\/s/,
    );
    expect(await page.getByTestId('no-simd').count()).toBe(0);
    expect(ys.length).toBeGreaterThan(5);
    expect(ys.at(-1)!).toBeGreaterThan(ys[0] + 30);
    expect(await readNumber(page, 'loss')).toBeGreaterThan(0);
    expect(open.problems).toEqual([]);
    expect(open.offOrigin).toEqual([]);
  });

  it('moving the sparsity slider changes the geometry: 2 features when dense, more in superposition when sparse', async () => {
    open = await openPage(baseUrl, '?density=1&steps=3000');
    const { page } = open;
    await waitForRun(page, 'glance');
    expect(await representedFeatures(page)).toBe(2);
    const before = await page.locator('[data-chart="feature-geometry-2d"] [data-layer="features"]').innerHTML();

    await page.locator('input[name="density"]').fill('1.3'); // 1−S = 10^−1.3 ≈ 0.05
    await waitForRun(page, 'glance', { settings: { density: '0.0501' } });
    const after = await page.locator('[data-chart="feature-geometry-2d"] [data-layer="features"]').innerHTML();
    expect(after).not.toBe(before);
    expect(await representedFeatures(page)).toBeGreaterThanOrEqual(4);
    expect(open.problems).toEqual([]);
  });

  it('a lost WebGL context falls back to the WebAssembly SIMD kernel with a notice, keeping the weights, the step count and the settings', async () => {
    open = await openPage(baseUrl, '?backend=webgl&fault=webgl-lost&steps=1200&seeds=1');
    const { page } = open;
    const notice = page.locator('.notice[role="alert"]').filter({ hasText: 'path failed' });
    await notice.waitFor({ timeout: 60_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain(
      'The webgl path failed (simulated loss of the WebGL context); training continues on simd from step',
    );
    const resumedAt = Number(/from step (\d+)/.exec(text)?.[1]);
    // from the last snapshot read back before the failure at step 200: weights kept, not reset
    expect(resumedAt).toBeGreaterThan(100);
    expect(resumedAt).toBeLessThan(400); // the failure fires at the first chunk boundary past 200
    await waitForRun(page, 'glance');
    expect(await page.getByTestId('path').textContent()).toBe('simd');
    expect(await readNumber(page, 'step')).toBe(1200);
    expect(param(page, 'backend')).toBe('webgl');
    expect(await readNumber(page, 'loss')).toBeLessThan(0.02);
    expect(open.problems).toEqual([]);
  });
});

describe('at a glance: links and history', () => {
  it('a shared link reproduces the exact view: same settings, same trained weights', async () => {
    const link = '?n=7&m=3&density=0.05&seed=4&seeds=2&steps=400&backend=js';
    const weights: string[] = [];
    for (let k = 0; k < 2; k++) {
      open = await openPage(baseUrl, link);
      const { page } = open;
      await waitForRun(page, 'glance');
      expect(new URL(page.url()).search).toBe(link);
      expect(await page.locator('input[name="n"]').inputValue()).toBe('7');
      const models = parseModelJson(await downloadedText(await exportFile(page, 'wtw-bias', 'export-json')));
      expect(models.config).toMatchObject({ n: 7, m: 3, steps: 400 });
      weights.push(JSON.stringify(models.instances.map((i) => [i.seed, i.W, i.b])));
      expect(open.problems).toEqual([]);
      await open.close();
      open = null;
    }
    expect(weights[1]).toBe(weights[0]);
  });

  it('a preset sets a whole figure, and Back returns to the view before it', async () => {
    open = await openPage(baseUrl, '?steps=300&n=6');
    const { page } = open;
    await waitForRun(page, 'glance');
    // The view the link opened has its own history entry: the next change gets a new one.
    await page.locator('html[data-history="settled"]').waitFor();
    await page.locator('select[name="preset-at-a-glance"]').selectOption('intro-s99');
    await expect.poll(() => param(page, 'density')).toBe('0.01');
    expect(param(page, 'n')).toBeNull(); // n = 5 is the default
    expect(await page.getByTestId('density-value').textContent()).toBe('0.010');
    await page.goBack();
    await expect.poll(() => page.locator('input[name="n"]').inputValue()).toBe('6');
    expect(param(page, 'density')).toBeNull();
    expect(open.problems).toEqual([]);
  });

  it('a malformed link shows what was ignored, keeps defaults, and the URL follows the controls', async () => {
    open = await openPage(baseUrl, '?n=abc&m=99&bogus=1&density=0.3');
    const { page } = open;
    const notice = page.getByTestId('url-notice');
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain('n="abc": not a number');
    expect(text).toContain('m="99": outside [1, 10]');
    expect(text).toContain('unknown setting "bogus"');
    expect(await page.getByTestId('density-value').textContent()).toBe('0.30');
    await page.locator('input[name="n"]').fill('7');
    await expect.poll(() => param(page, 'n')).toBe('7');
    expect(param(page, 'bogus')).toBeNull();
    await page.getByRole('button', { name: 'Dismiss' }).first().click();
    await expect.poll(() => notice.count()).toBe(0);
    expect(open.problems).toEqual([]);
  });
});
