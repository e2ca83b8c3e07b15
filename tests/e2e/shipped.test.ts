/**
 * The geometry section's shipped sweeps (src/experiments/geometry/shipped.ts): the paper's and the notebook's sizes
 * show at once, trained by the project's kernel, and every drill-down and export works on them as on a live run;
 * "train it live here" trains the same settings in the page and "show the shipped sweep" goes back; a file that is
 * not a sweep gets a clear message and the live choice. The URLs name the sizes, so nothing hangs on how fast this
 * machine is (an untouched section opens on the paper's sweep unless it trains it in a few minutes).
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { ModelsJson } from '../../src/model/io/model-json';
import { axeViolations, describeViolations } from './axe';
import { openPage, type OpenPage } from './browser';
import { waitForRun } from './runs';
import { exportJson, param, sectionsLoaded } from './page-tools';

const baseUrl = inject('baseUrl');
const PAPER = '?steps=200&gn=400&gm=30&gcount=20&gsteps=10000';
let open: OpenPage | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

describe('shipped sweeps', () => {
  it('ship as two files of their own beside the chunks, each at most 600 kB (gzip inside)', () => {
    const assets = join(process.env.E2E_DIST ?? 'dist', 'assets');
    const files = readdirSync(assets).filter((f) => f.endsWith('.sweep'));
    expect(files.map((f) => f.replace(/-[\w-]+\.sweep$/, '')).sort()).toEqual(['notebook', 'paper']);
    for (const f of files) expect(statSync(join(assets, f)).size).toBeLessThanOrEqual(600 * 1024);
  });

  it("the paper's sweep shows at once, labelled, and every view works on it", async () => {
    open = await openPage(baseUrl, PAPER);
    const { page } = open;
    await sectionsLoaded(page);
    await page.getByTestId('geometry-status').scrollIntoViewIfNeeded();
    await waitForRun(page, 'geometry', { state: 'shipped', timeout: 30_000 });
    const status = page.getByTestId('geometry-status');
    expect(await status.getAttribute('data-run')).toBe('-2');
    expect(await page.getByTestId('geometry-step').textContent()).toBe('10,000');
    const note = page.getByTestId('geometry-shipped-note');
    expect(await note.textContent()).toMatch(/simd kernel \(seed 1, 10,000 steps.*npm run sweep-asset -- --size paper/);
    expect(await page.locator('[data-chart="dims-per-feature"] [data-model]').count()).toBe(20);
    // The paper's result, drawn from the shipped weights: models on the ½ plateau.
    expect(Number(await page.getByTestId('geometry-plateau').textContent())).toBeGreaterThanOrEqual(3);

    // Drill down into a model on the plateau: its graph, polytopes and timeline (step 0 re-derived, step 10,000).
    await page.locator('[data-chart="dims-per-feature"] [data-model="8"]').click();
    await page.getByTestId('geometry-drilldown').waitFor();
    expect(param(page, 'gmodel')).toBe('8');
    expect(await page.locator('[data-chart="geometry-graph"] circle[data-feature]').count()).toBeGreaterThan(20);
    expect(await page.getByTestId('geometry-polytopes').textContent()).toMatch(/digon/);
    expect(await page.getByTestId('geometry-dynamics-shipped').textContent()).toMatch(/keeps only its last step/);
    // What this change adds (the whole section's 8,000 scatter points take axe half a minute; a11y.test covers them).
    const added = ['geometry-shipped-note', 'geometry-dynamics-shipped'].map((id) => `[data-testid="${id}"]`);
    const violations = await axeViolations(page, [...added, '.geometry-controls'].join(', '));
    expect(violations, describeViolations(violations)).toEqual([]);
    // The inspected model's JSON (the whole sweep's takes seconds to build: its evaluation loss samples 20,000 inputs).
    const model = await exportJson<ModelsJson>(page, 'geometry-model-8-graph');
    expect(model.config).toMatchObject({ n: 400, m: 30, steps: 10_000 });
    expect(model.instances).toHaveLength(1);
    expect(model.instances[0].metrics.dimensionsPerFeature).toBeCloseTo(0.497, 3);

    // Train it live here: the same settings train in the page; back to the shipped sweep in one click.
    await page.locator('[data-action="geometry-train-live"]').click();
    await waitForRun(page, 'geometry', { settings: { glive: '1' }, state: 'running' });
    expect(await page.getByTestId('geometry-live-note').textContent()).toMatch(/ships trained with the page/);
    await page.getByRole('button', { name: 'Show the shipped sweep' }).click();
    await waitForRun(page, 'geometry', { settings: { glive: null }, state: 'shipped' });
    expect(open.problems).toEqual([]);
    expect(open.offOrigin).toEqual([]);
  });

  it("the notebook's sweep ships too; a file that is not a sweep says so and offers to train live", async () => {
    open = await openPage(baseUrl, '?steps=200&gn=200&gm=20&gcount=20&gsteps=10000');
    let { page } = open;
    await sectionsLoaded(page);
    await page.getByTestId('geometry-status').scrollIntoViewIfNeeded();
    await waitForRun(page, 'geometry', { state: 'shipped', timeout: 30_000 });
    expect(await page.getByTestId('geometry-status').getAttribute('data-run')).toBe('-3');
    expect(await page.locator('[data-chart="dimensionality-scatter"] [data-feature]').count()).toBeGreaterThan(0);
    await open.close();

    open = await openPage(baseUrl, PAPER);
    page = open.page;
    await open.context.route('**/*.sweep', (r) => r.fulfill({ status: 200, body: '<!doctype html><p>not here</p>' }));
    await sectionsLoaded(page);
    await page.getByTestId('geometry-status').scrollIntoViewIfNeeded();
    const error = page.getByTestId('geometry-shipped-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/not a sweep of this page: it does not start with the format’s mark/);
    await error.getByRole('button', { name: 'Train it live here' }).click();
    await waitForRun(page, 'geometry', { settings: { glive: '1' }, state: 'running' });
    expect(open.problems).toEqual([]);
  });
});
