/** Launches Debian's Chromium headless with a fresh profile and records what the page does. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface OpenPage {
  page: Page;
  context: BrowserContext;
  /** console errors/warnings and uncaught exceptions, in order */
  problems: string[];
  /** every request whose origin is not the page's own */
  offOrigin: string[];
  close(): Promise<void>;
}

export async function openPage(
  baseUrl: string,
  search = '',
  /** args: extra Chromium flags for this browser only (e.g. a software WebGPU adapter). */
  opts: { width?: number; height?: number; args?: readonly string[] } = {},
): Promise<OpenPage> {
  const profile = mkdtempSync(join(tmpdir(), 'superposition-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 1000 },
    args: [
      '--no-sandbox',
      '--enable-unsafe-swiftshader',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      ...(opts.args ?? []),
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  const offOrigin: string[] = [];
  const origin = new URL(baseUrl).origin;
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  context.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin) offOrigin.push(u);
  });
  await page.goto(baseUrl + search);
  return {
    page,
    context,
    problems,
    offOrigin,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Read a numeric test id (e.g. the step counter) from the page. */
export async function readNumber(page: Page, testId: string): Promise<number> {
  const t = (await page.getByTestId(testId).textContent()) ?? '';
  return Number(t.replace(/,/g, ''));
}
