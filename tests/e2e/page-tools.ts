/** What the browser tests do on the page: export a chart, drag, read the drawn geometry, wait for lazy sections. */
import { readFileSync } from 'node:fs';
import type { Download, Locator, Page } from 'playwright-core';
import { EXPERIMENTS } from '../../src/experiments';
import type { ModelsJson } from '../../src/model/io/model-json';

export type ExportAction = 'export-svg' | 'export-png' | 'export-json';

/** Click one of a chart frame's export buttons and take the file it downloads. */
export async function exportFile(page: Page, frame: string, action: ExportAction): Promise<Download> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`[data-figure="${frame}"] [data-action="${action}"]`).click(),
  ]);
  return file;
}

export async function downloadedText(file: Download): Promise<string> {
  return readFileSync((await file.path())!, 'utf8');
}

/** What the at-a-glance JSON export adds to the models@1 file (exports.ts). */
export interface GlanceExport extends ModelsJson {
  view: { source: string; step: number; shownSeed: number; runKey: string; expectedLoss: number | null; bias?: string };
  features: { importance: number[]; density: number[] };
  pinned: { n: number; m: number; step: number; handPlaced: boolean } | null;
}

/** A chart frame's JSON export (default: at a glance's WᵀW panel). */
export async function exportJson<T = GlanceExport>(page: Page, frame = 'wtw-bias'): Promise<T> {
  return JSON.parse(await downloadedText(await exportFile(page, frame, 'export-json'))) as T;
}

/** Drag from the centre of `from` by (dx, dy) pixels, in small steps; `release` false leaves the button down. */
export async function drag(page: Page, from: Locator, dx: number, dy: number, release = true): Promise<void> {
  await from.scrollIntoViewIfNeeded();
  const box = (await from.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y + dy, { steps: 6 });
  if (release) await page.mouse.up();
}

/** Features drawn with ‖W_i‖ > 0.5 in the at-a-glance geometry panel (read from each vector's tooltip). */
export async function representedFeatures(page: Page): Promise<number> {
  const titles = await page
    .locator('#at-a-glance [data-chart="feature-geometry-2d"] g[data-feature] > title')
    .allTextContents();
  return titles.map((t) => Number(/‖W‖ = ([-\d.e]+)/.exec(t)?.[1])).filter((v) => v > 0.5).length;
}

/** Every experiment but the first loads lazily; wait for all of the registry's so the layout stops moving. */
export async function sectionsLoaded(page: Page): Promise<void> {
  for (const e of EXPERIMENTS)
    await page.locator(`[data-experiment="${e.id}"]`).waitFor({ state: 'attached', timeout: 30_000 });
}

/** The query value of `key` in the page's address. */
export const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);
