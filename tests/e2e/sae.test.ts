/**
 * The sparse-autoencoder lab in headless Chromium: the section trains on its workers, a slider moves
 * the scorecard, hovering a feature lights its matched latent, every export parses, and nothing is
 * logged as an error. Each run pins its model, seeds and steps in the URL and the test waits for the
 * run whose key matches what it set (data-run-key on the status line), never for time.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { openPage, type OpenPage } from './browser';

const baseUrl = inject('baseUrl');
let open: OpenPage | null = null;

afterEach(async () => {
  await open?.close();
  open = null;
});

const status = (page: Page) => page.getByTestId('sae-status');

/** Scroll the section in (lazy sections above may push it away while they load) until its run starts. */
async function scrollIn(page: Page): Promise<void> {
  await status(page).waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    () => {
      document.getElementById('sparse-autoencoders')?.scrollIntoView();
      return document.querySelector('[data-testid="sae-status"]')?.getAttribute('data-status') !== 'idle';
    },
    undefined,
    { timeout: 60_000, polling: 200 },
  );
}

/** Wait until the run whose key contains `part` is done. */
async function doneWith(page: Page, part: string): Promise<void> {
  await page.waitForFunction(
    (p) => {
      const el = document.querySelector('[data-testid="sae-status"]');
      return !!el && el.getAttribute('data-status') === 'done' && (el.getAttribute('data-run-key') ?? '').includes(p);
    },
    part,
    { timeout: 90_000, polling: 100 },
  );
}

async function download(page: Page, frame: string, action: string): Promise<Buffer> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`#sparse-autoencoders [data-figure="${frame}"] [data-action="${action}"]`).click(),
  ]);
  return readFileSync((await file.path())!);
}

describe('the sparse-autoencoder lab', () => {
  it('trains, moves its scorecard with λ, links a feature to its latent, and exports', async () => {
    open = await openPage(baseUrl, '?saemodel=pentagon&saeseeds=2&saesteps=1200&saeseed=3');
    const { page } = open;
    await scrollIn(page);
    await doneWith(page, 'lambda=0.25;');
    await expect(page.locator('[data-testid="sae-scorecard"] tr[data-instance]').count()).resolves.toBe(2);
    const l0Before = await page.locator('[data-testid="sae-scorecard"] tr[data-instance="0"]').getAttribute('data-l0');

    // λ doubled to the slider's end: a sparser code, a new run with the new key.
    await page.locator('input[name="saelambda"]').fill(String(Math.log10(0.5)));
    await doneWith(page, 'lambda=0.5;');
    expect(new URL(page.url()).searchParams.get('saelambda')).toBe('0.5');
    const l0After = await page.locator('[data-testid="sae-scorecard"] tr[data-instance="0"]').getAttribute('data-l0');
    expect(Number(l0After)).toBeLessThan(Number(l0Before));

    // Hover feature 0's arrow: its row and its matched latent's column are outlined in the |cos| matrix.
    await page.locator('[data-figure="sae-geometry"] [data-set="0"] [data-vector="0"]').first().hover({ force: true });
    await page.locator('[data-figure="sae-cos"] [data-layer="highlight"] [data-highlight-row="0"]').waitFor();
    await expect(page.locator('[data-figure="sae-cos"] [data-highlight-col]').count()).resolves.toBe(1);

    for (const frame of ['sae-geometry', 'sae-cos', 'sae-firing', 'sae-frontier']) {
      const svg = (await download(page, frame, 'export-svg')).toString('utf8');
      expect(svg.startsWith('<?xml'), frame).toBe(true);
      expect(svg, frame).toContain('<svg');
      const png = await download(page, frame, 'export-png');
      expect(png.subarray(1, 4).toString('latin1'), frame).toBe('PNG');
      const json = JSON.parse((await download(page, frame, 'export-json')).toString('utf8'));
      expect(json.format, frame).toBe('superposition-explorable/sae-lab@1');
      expect(json.model.W).toHaveLength(5);
      expect(json.instances).toHaveLength(2);
      expect(json.instances[0].W_dec).toHaveLength(5);
      expect(json.instances[0].W_enc[0]).toHaveLength(2);
      expect(json.instances[0].scorecard.mcc).toBeGreaterThan(0);
    }
    expect(open.problems).toEqual([]);
    expect(open.offOrigin).toEqual([]);
  });

  it('reads a models@1 file, and says so when a file is not one', async () => {
    open = await openPage(baseUrl, '?saemodel=file&saeseeds=1&saesteps=300');
    const { page } = open;
    await status(page).waitFor({ timeout: 60_000 }); // idle until a file is chosen
    await page.evaluate(() => document.getElementById('sparse-autoencoders')?.scrollIntoView());
    const input = page.locator('#sparse-autoencoders input[type="file"]');
    await input.setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello": 1}'),
    });
    await expect(page.getByTestId('sae-file-error').textContent()).resolves.toMatch(
      /notes\.json: not a superposition-explorable\/models@1 file/,
    );
    const model = {
      format: 'superposition-explorable/models@1',
      config: { n: 3, m: 2, kind: 'relu' },
      best: 0,
      instances: [
        {
          seed: 1,
          density: [0.1, 0.1, 0.1],
          W: [
            [1, 0],
            [-0.5, 0.87],
            [-0.5, -0.87],
          ],
          b: [0, 0, 0],
        },
      ],
    };
    await input.setInputFiles({
      name: 'model.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(model)),
    });
    await scrollIn(page);
    await doneWith(page, 'model=file;');
    await expect(page.locator('[data-testid="sae-features"] tr[data-feature]').count()).resolves.toBe(3);
    expect(open.problems).toEqual([]);
  });
});
