/**
 * The built page in headless Chromium: it loads cleanly, trains in a worker while staying
 * responsive, reacts to the sparsity slider, exports valid SVGs and survives a malformed link.
 */
import { readFileSync } from 'node:fs';
import { PHASE_LABELS } from '../../src/charts/theme';
import { EXPERIMENTS } from '../../src/experiments';
import type { Phase } from '../../src/model/theory';
import { parseModelJson } from '../../src/model/io/model-json';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openPage, readNumber, type OpenPage } from './browser';

const baseUrl = inject('baseUrl');
let open: OpenPage | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

/** Features drawn with ‖W_i‖ > 0.5 in the geometry panel (read from each vector's tooltip). */
async function representedFeatures(o: OpenPage): Promise<number> {
  const titles = await o.page.locator('[data-chart="feature-geometry-2d"] g[data-feature] > title').allTextContents();
  return titles.map((t) => Number(/‖W‖ = ([-\d.e]+)/.exec(t)?.[1])).filter((v) => v > 0.5).length;
}

/** Every experiment but the first loads lazily; wait for all of the registry's so the layout stops moving. */
async function sectionsLoaded(o: OpenPage): Promise<void> {
  for (const e of EXPERIMENTS)
    await o.page.locator(`[data-experiment="${e.id}"]`).waitFor({ state: 'attached', timeout: 30_000 });
}

describe('Superposition at a glance', () => {
  it('loads with no console errors and no off-origin requests, and trains in a worker while the page stays responsive', async () => {
    open = await openPage(baseUrl, '?steps=100000');
    const { page } = open;
    await page.getByTestId('status').filter({ hasText: 'running' }).waitFor();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=step]')?.textContent?.replace(/,/g, '')) > 0,
    );
    const step0 = await readNumber(page, 'step');

    // Watch the main thread for 3 s of training: frames keep coming and no task blocks it long.
    const probe = await page.evaluate(async () => {
      const longTasks: number[] = [];
      const obs = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
      obs.observe({ type: 'longtask', buffered: false });
      let frames = 0;
      let maxGap = 0;
      let last = performance.now();
      const end = last + 3000;
      await new Promise<void>((resolve) => {
        const tick = (t: number) => {
          frames++;
          maxGap = Math.max(maxGap, t - last);
          last = t;
          if (t < end) requestAnimationFrame(tick);
          else resolve();
        };
        requestAnimationFrame(tick);
      });
      obs.disconnect();
      return { frames, maxGap, longest: Math.max(0, ...longTasks) };
    });
    const step1 = await readNumber(page, 'step');
    // The loss curve (log scale, SVG y grows downward) must run clearly downhill.
    const d =
      (await page.locator('[data-chart="loss-curve"] path[data-layer="loss-smoothed"]').getAttribute('d')) ?? '';
    const ys = [...d.matchAll(/[ML]\s*([-\d.]+)[ ,]([-\d.]+)/g)].map((p) => Number(p[2]));

    expect(await page.getByTestId('backend').textContent()).toMatch(/^(simd|js|wasm|webgl|cpu)$/);
    // The measured trial includes the SIMD kernel (Chromium runs WebAssembly SIMD) and names its speed.
    expect(await page.locator('#at-a-glance .fine').filter({ hasText: 'measured:' }).textContent()).toMatch(
      /simd \d+\/s/,
    );
    expect(await page.getByTestId('no-simd').count()).toBe(0);
    expect(step1).toBeGreaterThan(step0 + 200);
    expect(ys.length).toBeGreaterThan(5);
    expect(ys.at(-1)!).toBeGreaterThan(ys[0] + 30);
    expect(await readNumber(page, 'loss')).toBeGreaterThan(0);
    // Generous bounds (software rendering, 2 shared cores): what they catch is training on the
    // main thread, which would freeze frames for the whole 3 s.
    expect(probe.frames).toBeGreaterThan(30);
    expect(probe.maxGap).toBeLessThan(1000);
    expect(probe.longest).toBeLessThan(1000);

    expect(open.problems).toEqual([]);
    expect(open.offOrigin).toEqual([]);
  });

  it('moving the sparsity slider changes the geometry: 2 features when dense, more in superposition when sparse', async () => {
    open = await openPage(baseUrl, '?density=1&steps=3000');
    const { page } = open;
    await page.getByTestId('status').filter({ hasText: 'done' }).waitFor({ timeout: 90_000 });
    expect(await representedFeatures(open)).toBe(2);
    const before = await page.locator('[data-chart="feature-geometry-2d"] [data-layer="features"]').innerHTML();
    const run0 = await page.getByTestId('status').getAttribute('data-run');

    await page.locator('input[name="density"]').fill('1.3'); // 1−S = 10^−1.3 ≈ 0.05
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('density=0.05');
    // The worker restarts the run (a new run id) after its debounce; wait for that run to finish.
    await expect.poll(() => page.getByTestId('status').getAttribute('data-run'), { timeout: 10_000 }).not.toBe(run0);
    await page.getByTestId('status').filter({ hasText: 'done' }).waitFor({ timeout: 90_000 });
    const after = await page.locator('[data-chart="feature-geometry-2d"] [data-layer="features"]').innerHTML();
    expect(after).not.toBe(before);
    expect(await representedFeatures(open)).toBeGreaterThanOrEqual(4);
    expect(open.problems).toEqual([]);
  });

  it('every Export SVG button downloads a standalone SVG that parses and has content', async () => {
    open = await openPage(baseUrl, '?steps=500');
    const { page } = open;
    await page.getByTestId('status').filter({ hasText: 'done' }).waitFor({ timeout: 60_000 });
    const buttons = page.locator('[data-action="export-svg"]');
    const count = await buttons.count();
    expect(count).toBeGreaterThanOrEqual(6); // 4 at a glance + the two phase diagrams
    for (let k = 0; k < count; k++) {
      const [download] = await Promise.all([page.waitForEvent('download'), buttons.nth(k).click()]);
      expect(download.suggestedFilename()).toMatch(/^[a-z0-9-]+\.svg$/);
      const text = readFileSync((await download.path())!, 'utf8');
      expect(text).not.toMatch(/NaN|Infinity|href=|url\(/);
      const parsed = await page.evaluate((svg) => {
        const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
        const root = doc.documentElement;
        return {
          error: doc.getElementsByTagName('parsererror').length > 0,
          root: root.localName,
          ns: root.namespaceURI,
          width: Number(root.getAttribute('width')),
          shapes: root.querySelectorAll('rect, line, path, circle').length,
          desc: root.querySelector('desc')?.textContent ?? '',
        };
      }, text);
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
    await page.getByTestId('status').filter({ hasText: 'done' }).waitFor({ timeout: 60_000 });
    const frame = page.locator('[data-chart-frame="wtw-bias"]');
    const svgWidth = Number(await frame.locator('svg').getAttribute('width'));
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      frame.locator('[data-action="export-png"]').click(),
    ]);
    expect(png.suggestedFilename()).toBe('wtw-bias.png');
    const bytes = readFileSync((await png.path())!);
    expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBe(2 * svgWidth); // IHDR width
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      frame.locator('[data-action="export-json"]').click(),
    ]);
    const models = parseModelJson(readFileSync((await json.path())!, 'utf8'));
    expect(models.config).toMatchObject({ n: 5, m: 2, steps: 300 });
    expect(models.instances).toHaveLength(3);
    expect(models.lossHistory.step.length).toBeGreaterThan(0);
    expect(open.problems).toEqual([]);
  });

  it('phase change: the grid trains when scrolled into view, matches the theory mostly, and a clicked cell opens its model', async () => {
    open = await openPage(baseUrl, '?steps=200&pgrid=6&pseeds=2&psteps=1500');
    const { page } = open;
    const trained = page.locator('[data-chart-frame="phase-phase-2-1-trained"]');
    await sectionsLoaded(open);
    expect(await trained.locator('rect[data-cell]').count()).toBe(36);
    expect(await page.locator('[data-chart-frame="phase-phase-2-1-theory"] rect[data-cell]').count()).toBe(36);
    expect(await trained.locator('[data-boundary]').count()).toBeGreaterThanOrEqual(2);
    await page.getByTestId('phase-status').scrollIntoViewIfNeeded();
    await page.getByTestId('phase-status').filter({ hasText: 'done' }).waitFor({ timeout: 90_000 });
    expect(await trained.locator('rect[data-phase="untrained"]').count()).toBe(0);
    const [agree, total] = ((await page.getByTestId('phase-agreement').textContent()) ?? '')
      .split('/')
      .map((t) => Number(t.trim()));
    expect(total).toBe(36);
    expect(agree).toBeGreaterThanOrEqual(24);

    // Hover reports the cell under the pointer (the grid's layer handles its cells' events).
    await trained.locator('rect[data-cell="20"]').hover();
    await expect.poll(() => page.getByTestId('cell-card').textContent()).toMatch(/^Hovered cell: r = /);
    const hoveredPhase = await page.getByTestId('cell-phase').textContent();
    expect(hoveredPhase).toBe(
      PHASE_LABELS[(await trained.locator('rect[data-cell="20"]').getAttribute('data-phase')) as Phase],
    );
    await trained.locator('rect[data-cell="14"]').click();
    await page.getByTestId('phase-drilldown').waitFor();
    expect(new URL(page.url()).searchParams.get('pcell')).toBe('14');
    expect(
      await page.getByTestId('phase-drilldown').locator('[data-chart="gram-heatmap"] rect[data-cell]').count(),
    ).toBe(4);
    expect(await page.getByTestId('cell-phase').textContent()).toMatch(
      /not represented|dedicated dimension|superposition/,
    );

    await page.locator('input[name="pdiff"]').check();
    const diffs = Number(await trained.locator('svg').getAttribute('data-disagreements'));
    expect(diffs).toBe(36 - agree);
    expect(open.problems).toEqual([]);
  });

  it('a lost WebGL context falls back to the WebAssembly SIMD kernel with a notice, keeping the weights, the step count and the settings', async () => {
    open = await openPage(baseUrl, '?backend=webgl&fault=webgl-lost&steps=1200&seeds=1');
    const { page } = open;
    const notice = page.locator('.notice[role="alert"]').filter({ hasText: 'backend failed' });
    await notice.waitFor({ timeout: 60_000 });
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain(
      'The webgl backend failed (simulated loss of the WebGL context); training continues on simd from step',
    );
    const resumedAt = Number(/from step (\d+)/.exec(text)?.[1]);
    // from the last snapshot read back before the failure at step 200: weights kept, not reset
    expect(resumedAt).toBeGreaterThan(100);
    expect(resumedAt).toBeLessThan(400); // the failure fires at the first chunk boundary past 200
    await page.getByTestId('status').filter({ hasText: 'done' }).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('backend').textContent()).toBe('simd');
    expect(await readNumber(page, 'step')).toBe(1200);
    expect(new URL(page.url()).searchParams.get('backend')).toBe('webgl');
    expect(await readNumber(page, 'loss')).toBeLessThan(0.02);
    expect(open.problems).toEqual([]);
  });

  it('a shared link reproduces the exact view: same settings, same trained weights', async () => {
    const link = '?n=7&m=3&density=0.05&seed=4&seeds=2&steps=400&backend=js';
    const weights: string[] = [];
    for (let k = 0; k < 2; k++) {
      open = await openPage(baseUrl, link);
      const { page } = open;
      await page.getByTestId('status').filter({ hasText: 'done' }).waitFor({ timeout: 60_000 });
      expect(new URL(page.url()).search).toBe(link);
      expect(await page.locator('input[name="n"]').inputValue()).toBe('7');
      const [json] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-chart-frame="wtw-bias"] [data-action="export-json"]').click(),
      ]);
      const models = parseModelJson(readFileSync((await json.path())!, 'utf8'));
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
    await page.getByTestId('status').filter({ hasText: 'done' }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1100); // let the first view settle into its own history entry
    await page.locator('select[name="preset-at-a-glance"]').selectOption('intro-s99');
    await expect.poll(() => new URL(page.url()).searchParams.get('density')).toBe('0.01');
    expect(new URL(page.url()).searchParams.get('n')).toBeNull(); // n = 5 is the default
    expect(await page.getByTestId('density-value').textContent()).toBe('0.010');
    await page.goBack();
    await expect.poll(() => page.locator('input[name="n"]').inputValue()).toBe('6');
    expect(new URL(page.url()).searchParams.get('density')).toBeNull();
    expect(open.problems).toEqual([]);
  });

  it('geometry: the sparsity sweep trains when scrolled into view; a clicked model shows its graph and polytopes', async () => {
    open = await openPage(baseUrl, '?steps=200&gcount=4&gsteps=600');
    const { page } = open;
    await sectionsLoaded(open);
    await page.getByTestId('geometry-status').scrollIntoViewIfNeeded();
    await page.getByTestId('geometry-status').filter({ hasText: 'done' }).waitFor({ timeout: 90_000 });
    expect(await page.locator('[data-chart="dims-per-feature"] [data-model]').count()).toBe(4);
    const models = page.locator('[data-chart="dimensionality-scatter"] g[data-model]');
    expect(await models.count()).toBe(4);
    expect(await models.first().locator('circle').count()).toBe(40); // n = 40 features each
    await models.nth(2).dispatchEvent('click'); // an SVG <g>: no box of its own to click on
    await page.getByTestId('geometry-drilldown').waitFor();
    expect(await page.getByTestId('geometry-polytopes').textContent()).toMatch(
      /digon|dedicated|triangle|pentagon|tetrahedron|antiprism|other/,
    );
    expect(await page.locator('[data-chart="gram-heatmap"]').count()).toBeGreaterThanOrEqual(2);

    // Linked hover: a feature hovered in the graph is highlighted in WᵀW too, with its numbers; and back.
    const drill = page.getByTestId('geometry-drilldown');
    const node = drill.locator('[data-chart="geometry-graph"] circle[data-feature]').first();
    const feature = await node.getAttribute('data-feature');
    await node.hover();
    await expect.poll(() => drill.getByTestId('geometry-feature-readout').getAttribute('data-feature')).toBe(feature);
    expect(Number(await drill.getByTestId('geometry-hover-norm').textContent())).toBeGreaterThan(0.5); // a node is a learned feature
    expect(
      await drill.locator('[data-chart="gram-heatmap"] [data-layer="highlight"]').getAttribute('data-highlight'),
    ).toBe(feature);
    const other = feature === '0' ? '1' : '0';
    await drill.locator(`[data-chart="gram-heatmap"] [data-cell="${other},${other}"]`).hover();
    await expect.poll(() => drill.getByTestId('geometry-feature-readout').getAttribute('data-feature')).toBe(other);
    expect(await drill.locator('[data-chart="geometry-graph"] [data-layer="highlight"]').count()).toBe(
      (await drill.locator(`[data-chart="geometry-graph"] circle[data-feature="${other}"]`).count()) > 0 ? 1 : 0,
    );
    expect(open.problems).toEqual([]);
  });

  it('footnotes: every experiment computes in its worker on the shown model and draws', async () => {
    open = await openPage(baseUrl, '?n=5&m=2&density=0.01&steps=1500');
    const { page } = open;
    await page.getByTestId('status').filter({ hasText: 'done' }).waitFor({ timeout: 60_000 });
    await sectionsLoaded(open);
    for (const id of ['fn-forward', 'fn-dictionary', 'fn-l1', 'fn-gaussian', 'fn-cs']) {
      const sub = page.getByTestId(id);
      await sub.scrollIntoViewIfNeeded();
      await expect.poll(() => sub.getAttribute('data-state'), { timeout: 60_000, message: id }).toBe('ready');
      expect(await sub.locator('svg[data-chart]').count(), id).toBeGreaterThan(0);
    }
    // removing a pentagon feature's direction hurts other features (footnote 25)
    expect(Number(await page.getByTestId('fn-remove-readout').getAttribute('data-doubled'))).toBeGreaterThanOrEqual(1);
    expect(Number(await page.getByTestId('dict-fraction').getAttribute('data-value'))).toBeGreaterThan(0.5);
    expect(open.problems).toEqual([]);
  });

  it('footnotes: a link sets every experiment’s controls, keeps them in the URL, and a toggle updates it', async () => {
    // in the order the page writes keys, so the URL must stay exactly this
    const link =
      '?steps=200&fremove=3&fon=0,2,4&fx=0.4,0.7,0.9&fdk=4&fdlambda=0.01&fl1steps=1000&fgratio=4&fglog=1&fcsn=50,400&fcstrials=2';
    open = await openPage(baseUrl, link);
    const { page } = open;
    await page.getByTestId('status').filter({ hasText: 'done' }).waitFor({ timeout: 60_000 });
    await sectionsLoaded(open);
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
    await expect.poll(() => new URL(page.url()).searchParams.get('fon')).toBe('0,1,2,4');
    expect(await page.getByTestId('fn-forward-readout').textContent()).toContain('4 active features');
    expect(new URL(page.url()).searchParams.get('fcsn')).toBe('50,400');
    expect(open.problems).toEqual([]);
  });

  it('beyond the basic model: a variant trains when scrolled into view and draws; switching the experiment retrains', async () => {
    open = await openPage(baseUrl, '?steps=200&vpreset=anticorrelated-pairs&vsteps=800');
    const { page } = open;
    await sectionsLoaded(open);
    await page.getByTestId('beyond-status').scrollIntoViewIfNeeded();
    await page.getByTestId('beyond-status').filter({ hasText: 'done' }).waitFor({ timeout: 90_000 });
    await page.getByTestId('beyond-chart-ready').waitFor();
    expect(await page.locator('#beyond-basic svg[data-chart]').count()).toBeGreaterThan(0);
    await page.getByTestId('beyond-preset').selectOption('abs-dense');
    await expect.poll(() => new URL(page.url()).searchParams.get('vpreset')).toBe('abs-dense');
    await page.getByTestId('beyond-status').filter({ hasText: 'done' }).waitFor({ timeout: 90_000 });
    expect(await page.locator('#beyond-basic [data-chart="neuron-stack"]').count()).toBeGreaterThan(0);
    expect(open.problems).toEqual([]);
  });

  it('geometry: an m = 3 model rotates in the 3-D view (keys) and the timeline scrubs back to an earlier step', async () => {
    open = await openPage(baseUrl, '?steps=200&gn=6&gm=3&gcount=3&gsteps=1000');
    const { page } = open;
    await sectionsLoaded(open);
    await page.getByTestId('geometry-status').scrollIntoViewIfNeeded();
    await page.getByTestId('geometry-status').filter({ hasText: 'done' }).waitFor({ timeout: 90_000 });
    await page.locator('[data-chart="dimensionality-scatter"] g[data-model]').nth(1).dispatchEvent('click');
    const view = page.locator('svg[data-chart="feature-geometry-3d"]');
    await view.waitFor();
    const yaw0 = await view.getAttribute('data-yaw');
    await view.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => view.getAttribute('data-yaw')).not.toBe(yaw0);
    const scrubber = page.getByTestId('geometry-scrubber');
    await scrubber.fill('1');
    const shown = Number(((await page.getByTestId('geometry-timeline-step').textContent()) ?? '').replace(/,/g, ''));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(1000);
    await page.getByTestId('geometry-shown-step').waitFor();
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
    await expect.poll(() => new URL(page.url()).searchParams.get('n')).toBe('7');
    expect(new URL(page.url()).searchParams.get('bogus')).toBeNull();
    await page.getByRole('button', { name: 'Dismiss' }).first().click();
    await expect.poll(() => notice.count()).toBe(0);
    expect(open.problems).toEqual([]);
  });
});
