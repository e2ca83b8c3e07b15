/**
 * The WebGL path in headless Chromium (software WebGL2 here: correct, not fast). Builds a
 * small check page from tests/e2e/pages/webgl with the real trainer modules.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, preview, type PreviewServer } from 'vite';
import { openPage, type OpenPage } from './browser';
import type { WebglCheckResult } from './pages/webgl/main';

const root = resolve('tests/e2e/pages/webgl');
const outDir = mkdtempSync(join(tmpdir(), 'webgl-checks-'));
let server: PreviewServer;
let open: OpenPage;

beforeAll(async () => {
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
  open = await openPage(server.resolvedUrls!.local[0]);
});

afterAll(async () => {
  await open?.close();
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe('WebGL path', () => {
  it('makes batches on the GPU identical to the counter hash, learns from them, and leaks no tensor', async () => {
    await open.page.waitForFunction(() => typeof window.__webglChecks === 'function');
    const r = (await open.page.evaluate(() => window.__webglChecks!())) as WebglCheckResult;
    expect(r.active).toBe(true);
    expect(r.webglVersion).toBe(2);
    expect(r.samplerEntries).toBe(2 * 64 * 5);
    expect(r.samplerMaxAbsDiff).toBeLessThan(1e-6);
    expect(r.dataSource).toBe('gpu');
    expect(r.lossEnd).toBeLessThan(r.lossStart * 0.7);
    expect(r.tensorsAfter).toBe(r.tensorsBefore);
    expect(open.problems).toEqual([]);
  });
});
