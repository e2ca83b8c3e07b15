/**
 * A small check page of tests/e2e/pages/<name> built with the real modules, served, and opened in headless Chromium
 * (the GPU paths' tests: they call the trainers directly, without the app around them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { openPage, type OpenPage } from './browser';

export interface CheckPage {
  open: OpenPage;
  close(): Promise<void>;
}

export async function openCheckPage(name: string, search = '', args?: string[]): Promise<CheckPage> {
  const root = resolve(`tests/e2e/pages/${name}`);
  const outDir = mkdtempSync(join(tmpdir(), `${name}-checks-`));
  let server: PreviewServer | null = null;
  const close = async (open?: OpenPage) => {
    await open?.close();
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  };
  try {
    await build({
      root,
      base: './',
      configFile: false,
      logLevel: 'warn',
      worker: { format: 'es' },
      build: { outDir, emptyOutDir: true, target: 'es2022' },
    });
    server = await preview({
      root,
      configFile: false,
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0 },
    });
    const open = await openPage(server.resolvedUrls!.local[0], search, args ? { args } : {});
    return { open, close: () => close(open) };
  } catch (e) {
    await close();
    throw e;
  }
}
