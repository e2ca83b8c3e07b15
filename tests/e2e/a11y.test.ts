/**
 * The page for every reader, in headless Chromium: axe-core finds no serious or critical violation
 * on the whole page once every section has drawn; Tab reaches every chart and every slider; a
 * chart's Table holds the numbers it draws; the end of the run a slider started is announced in one
 * polite sentence; and with reduced motion asked for, nothing moves by itself. Every wait is for a
 * state (a run's key and status, a task's result), never for time.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { arrangementSentence } from '../../src/experiments/at-a-glance/announce';
import { verbose } from '../helpers/log';
import { axeViolations, describeViolations } from './axe';
import { openPage, type OpenPage } from './browser';
import { exportJson, representedFeatures, sectionsLoaded } from './page-tools';
import { waitForRun, waitForTask } from './runs';

const baseUrl = inject('baseUrl');
let open: OpenPage | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

/**
 * Every section small and quick, with the drill-downs open (a phase cell, a geometry model) so
 * their figures are on the page too.
 */
const SMALL_PAGE =
  '?backend=js&seed=1&seeds=1&steps=300' +
  '&pgrid=4&pseeds=1&psteps=500&pcell=5' +
  '&gcount=2&gsteps=500&gmodel=0&gpseeds=1&gpsteps=1000' +
  '&vsteps=500&saemodel=pentagon&saeseeds=1&saesteps=200&fl1steps=250';

const TRAINING_SECTIONS = ['phase', 'geometry', 'pentagon', 'beyond'] as const;
const FOOTNOTE_TASKS = ['fn-forward', 'fn-dictionary', 'fn-l1', 'fn-gaussian', 'fn-cs'];

/** Scroll through the page until every section has finished its run or task and every figure has drawn. */
async function drawEverything(page: Page): Promise<void> {
  const glance = await waitForRun(page, 'glance');
  await sectionsLoaded(page);
  for (const section of TRAINING_SECTIONS) {
    await page.getByTestId(`${section}-status`).scrollIntoViewIfNeeded();
    await waitForRun(page, section);
  }
  for (const id of FOOTNOTE_TASKS) {
    await page.getByTestId(id).scrollIntoViewIfNeeded();
    await waitForTask(page, id, id === 'fn-gaussian' || id === 'fn-cs' ? undefined : `${glance}@300`);
  }
  await page.waitForFunction(
    () => {
      document.getElementById('sparse-autoencoders')?.scrollIntoView();
      return document.querySelector('[data-testid="sae-status"]')?.getAttribute('data-status') === 'done';
    },
    undefined,
    { timeout: 90_000, polling: 200 },
  );
  const blank = () =>
    page.$$eval('[data-figure]', (figures) =>
      figures.filter((f) => !f.querySelector('svg')).map((f) => f.getAttribute('data-figure-id')),
    );
  await expect.poll(blank, { timeout: 30_000, message: 'figures with nothing drawn' }).toEqual([]);
}

/**
 * Press Tab from the top of the page until focus comes round again; returns the targets (every chart
 * body, every enabled range input and every enabled button on screen) that focus never reached.
 */
async function unreachedByTab(page: Page): Promise<{ targets: number; missed: string[]; stops: number }> {
  const targets = await page.evaluate(() => {
    const w = window as unknown as { tabStops: number; tabWrapped: boolean };
    w.tabStops = 0;
    w.tabWrapped = false;
    const all = [
      ...document.querySelectorAll('.chart-body, input[type="range"]:not(:disabled), button:not(:disabled)'),
    ].filter((el) => el.checkVisibility());
    all.forEach((el) => el.setAttribute('data-tab-target', ''));
    document.addEventListener('focusin', (e) => {
      const el = e.target as Element;
      if (el.hasAttribute('data-tab-seen')) w.tabWrapped = true;
      el.setAttribute('data-tab-seen', '');
      w.tabStops++;
    });
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
    return all.length;
  });
  for (let presses = 0; presses < 3000; presses += 25) {
    for (let k = 0; k < 25; k++) await page.keyboard.press('Tab');
    if (await page.evaluate(() => (window as unknown as { tabWrapped: boolean }).tabWrapped)) break;
  }
  return page
    .evaluate(() => ({
      targets: document.querySelectorAll('[data-tab-target]').length,
      stops: (window as unknown as { tabStops: number }).tabStops,
      missed: [...document.querySelectorAll('[data-tab-target]:not([data-tab-seen])')].map(
        (el) =>
          `${el.tagName.toLowerCase()} “${el.getAttribute('name') ?? el.textContent?.trim().slice(0, 30) ?? ''}” in ` +
          `${el.closest('[data-figure-id]')?.getAttribute('data-figure-id') ?? el.closest('section')?.id ?? '?'}`,
      ),
    }))
    .then((r) => ({ ...r, targets: Math.max(r.targets, targets) }));
}

describe('accessibility of the whole page', () => {
  it('axe finds no serious or critical violation once every section has drawn; Tab reaches every chart, slider and button', async () => {
    open = await openPage(baseUrl, SMALL_PAGE);
    const { page } = open;
    await drawEverything(page);

    const violations = await axeViolations(page);
    verbose(`${await page.locator('[data-figure]').count()} figures drawn; axe:\n${describeViolations(violations)}`);
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious, describeViolations(serious)).toEqual([]);

    const tab = await unreachedByTab(page);
    verbose(`Tab: ${tab.stops} stops, ${tab.targets} chart bodies, sliders and buttons, missed ${tab.missed.length}`);
    expect(tab.targets).toBeGreaterThan(20);
    expect(tab.missed, `${tab.stops} tab stops`).toEqual([]);

    // Every figure has a Table; opened, each shows the numbers behind its chart (finite, or marked missing).
    const buttons = page.locator('[data-figure] [data-action="show-table"]');
    const figures = await page.locator('[data-figure]').count();
    expect(await buttons.count()).toBe(figures);
    for (let k = 0; k < figures; k++) await buttons.nth(k).click();
    const tables = await page.$$eval('[data-figure]', (fs) =>
      fs.map((f) => {
        const cells = [...f.querySelectorAll('[data-testid="chart-table"] tbody td')].map((td) => td.textContent ?? '');
        return { id: f.getAttribute('data-figure-id'), cells: cells.length, bad: cells.filter((c) => /NaN/.test(c)) };
      }),
    );
    expect(tables.filter((t) => t.cells === 0 || t.bad.length > 0)).toEqual([]);
    const withTables = (await axeViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(withTables, describeViolations(withTables)).toEqual([]);
    expect(open.problems).toEqual([]);
  });
});

describe('at a glance, for every reader', () => {
  it('a slider’s run is announced in one sentence when done, and the Table shows the drawn norms', async () => {
    open = await openPage(baseUrl, '?backend=js&seed=1&seeds=1&density=1&steps=2000');
    const { page } = open;
    const status = page.getByTestId('arrangement-status');
    expect(await status.getAttribute('role')).toBe('status');
    expect(await status.getAttribute('aria-live')).toBe('polite');
    /** The live region holds one sentence about the model of run `key`: the one the page draws and exports. */
    const announced = async (key: string) => {
      await expect.poll(() => status.getAttribute('data-run-key')).toBe(key);
      const sentence = (await status.textContent()) ?? '';
      const model = (await exportJson(page)).instances[0]; // one seed: the one shown
      expect(sentence).toBe(arrangementSentence(Float32Array.from(model.W.flat()), 5, 2));
      expect(sentence).toMatch(
        new RegExp(`^${await representedFeatures(page)} of 5 features represented[,:.][^.]*\\.?$`),
      );
      return sentence;
    };
    const dense = await announced(await waitForRun(page, 'glance'));
    verbose(`dense: ${dense}`);

    await page.locator('input[name="density"]').fill('1.3'); // 1−S = 10^−1.3 ≈ 0.05
    const key = await waitForRun(page, 'glance', { settings: { density: '0.0501' } });
    verbose(`sparse: ${await announced(key)}`);
    const represented = await representedFeatures(page);

    // The norms' table: a row per feature, the numbers the bars draw (tooltips: 3 significant digits; the table 4).
    const figure = page.locator('[data-figure="feature-norms"]');
    await figure.locator('[data-action="show-table"]').click();
    const rows = await figure
      .getByTestId('chart-table')
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => Number(td.textContent))));
    const drawn = await figure
      .locator('[data-layer="bars"] rect[data-feature] > title')
      .allTextContents()
      .then((ts) => ts.map((t) => Number(/‖W_\d+‖ = ([-\d.e]+)/.exec(t)?.[1])));
    expect(rows.length).toBe(5);
    expect(drawn.length).toBe(5);
    rows.forEach(([feature, norm, superposition], i) => {
      expect(feature).toBe(i);
      expect(Number.isFinite(norm) && Number.isFinite(superposition)).toBe(true);
      expect(Math.abs(norm - drawn[i])).toBeLessThanOrEqual(6e-3 * Math.max(Math.abs(drawn[i]), 1e-3));
    });
    expect(rows.filter(([, norm]) => norm > 0.5).length).toBe(represented);
    // the open table passes axe too (a labelled region, reachable by Tab, with column headers)
    const inFigure = await axeViolations(page, '[data-figure="feature-norms"]');
    expect(inFigure, describeViolations(inFigure)).toEqual([]);
    expect(open.problems).toEqual([]);
  });
});

describe('reduced motion', () => {
  it('with reduced motion asked for, no CSS moves and the 3-D view keeps its angle while the model trains', async () => {
    open = await openPage(baseUrl, '');
    const { page } = open;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${baseUrl}?backend=js&steps=200&gn=6&gm=3&gcount=2&gsteps=20000&gmodel=1`);
    expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
    const css = await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.transition = 'opacity 1s';
      probe.style.animation = 'fn-spin 1s infinite';
      document.body.append(probe);
      const style = getComputedStyle(probe);
      return { transition: style.transitionDuration, animation: style.animationName };
    });
    expect(css).toEqual({ transition: '0s', animation: 'none' });

    await sectionsLoaded(page);
    await page.getByTestId('geometry-status').scrollIntoViewIfNeeded();
    await waitForRun(page, 'geometry', { state: 'running' });
    const view = page.locator('svg[data-chart="feature-geometry-3d"]');
    await view.waitFor();
    const stepOf = async () =>
      Number(((await page.getByTestId('geometry-step').textContent()) ?? '').replace(/,/g, ''));
    const angle = async () => [await view.getAttribute('data-yaw'), await view.getAttribute('data-pitch')];
    const step0 = await stepOf();
    const angle0 = await angle();
    // two later snapshots of the run: the vectors move (data), the view does not (motion)
    const lines0 = await view.innerHTML();
    await expect.poll(stepOf, { timeout: 60_000 }).toBeGreaterThan(step0);
    await expect.poll(() => view.innerHTML(), { timeout: 60_000 }).not.toBe(lines0);
    expect(await angle()).toEqual(angle0);
    expect(open.problems).toEqual([]);
  });
});
