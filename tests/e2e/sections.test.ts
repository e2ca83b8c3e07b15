/**
 * The sections that train when scrolled into view, in headless Chromium: the phase grid, the
 * geometry sweep (its drill-down, linked hover, 3-D view and timeline) and the variants beyond the
 * basic model. Each waits for the run of the settings in its link (runs.ts), never for time.
 */
import { afterEach, describe, expect, inject, it } from 'vitest';
import { PHASE_LABELS } from '../../src/charts/theme';
import type { Phase } from '../../src/model/theory';
import { openPage, type OpenPage } from './browser';
import { param, sectionsLoaded } from './page-tools';
import { waitForRun } from './runs';

const baseUrl = inject('baseUrl');
let open: OpenPage | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

describe('phase change', () => {
  it('the grid trains when scrolled into view, matches the theory mostly, and a clicked cell opens its model', async () => {
    open = await openPage(baseUrl, '?steps=200&pgrid=6&pseeds=2&psteps=1500');
    const { page } = open;
    const trained = page.locator('[data-figure="phase-phase-2-1-trained"]');
    await sectionsLoaded(page);
    expect(await trained.locator('rect[data-cell]').count()).toBe(36);
    expect(await page.locator('[data-figure="phase-phase-2-1-theory"] rect[data-cell]').count()).toBe(36);
    expect(await trained.locator('[data-boundary]').count()).toBeGreaterThanOrEqual(2);
    await page.getByTestId('phase-status').scrollIntoViewIfNeeded();
    await waitForRun(page, 'phase');
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
    expect(param(page, 'pcell')).toBe('14');
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
});

describe('geometry', () => {
  it('the sparsity sweep trains when scrolled into view; a clicked model shows its graph and polytopes', async () => {
    open = await openPage(baseUrl, '?steps=200&gcount=4&gsteps=600');
    const { page } = open;
    await sectionsLoaded(page);
    await page.getByTestId('geometry-status').scrollIntoViewIfNeeded();
    await waitForRun(page, 'geometry');
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

  it('an m = 3 model rotates in the 3-D view (keys) and the timeline scrubs back to an earlier step', async () => {
    open = await openPage(baseUrl, '?steps=200&gn=6&gm=3&gcount=3&gsteps=1000');
    const { page } = open;
    await sectionsLoaded(page);
    await page.getByTestId('geometry-status').scrollIntoViewIfNeeded();
    await waitForRun(page, 'geometry');
    await page.locator('[data-chart="dimensionality-scatter"] g[data-model]').nth(1).dispatchEvent('click');
    const view = page.locator('svg[data-chart="feature-geometry-3d"]');
    await view.waitFor();
    const yaw0 = await view.getAttribute('data-yaw');
    await view.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => view.getAttribute('data-yaw')).not.toBe(yaw0);
    const scrubber = page.getByTestId('geometry-scrubber');
    // The snapshot before the last: how many the timeline holds depends on how many snapshots the page
    // drew while the run trained (fewer under load), so the index is read from the scrubber itself.
    const last = Number(await scrubber.getAttribute('max'));
    expect(last).toBeGreaterThanOrEqual(1);
    await scrubber.fill(String(last - 1));
    // The step label follows on React's next render: wait for it rather than read it at once.
    const shown = async () =>
      Number(((await page.getByTestId('geometry-timeline-step').textContent()) ?? '').replace(/,/g, ''));
    await expect.poll(shown).toBeLessThan(1000);
    expect(await shown()).toBeGreaterThanOrEqual(0);
    await page.getByTestId('geometry-shown-step').waitFor();
    expect(open.problems).toEqual([]);
  });
});

describe('beyond the basic model', () => {
  it('a variant trains when scrolled into view and draws; switching the experiment retrains', async () => {
    open = await openPage(baseUrl, '?steps=200&vpreset=anticorrelated-pairs&vsteps=800');
    const { page } = open;
    await sectionsLoaded(page);
    await page.getByTestId('beyond-status').scrollIntoViewIfNeeded();
    await waitForRun(page, 'beyond');
    await page.getByTestId('beyond-chart-ready').waitFor();
    expect(await page.locator('#beyond-basic svg[data-chart]').count()).toBeGreaterThan(0);
    await page.getByTestId('beyond-preset').selectOption('abs-dense');
    await waitForRun(page, 'beyond', { settings: { vpreset: 'abs-dense' } });
    expect(await page.locator('#beyond-basic [data-chart="neuron-stack"]').count()).toBeGreaterThan(0);
    expect(open.problems).toEqual([]);
  });
});
