/**
 * The WebGL path in headless Chromium (software WebGL2 here: correct, not fast). Builds a
 * small check page from tests/e2e/pages/webgl with the real trainer modules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenPage } from './browser';
import { openCheckPage, type CheckPage } from './check-page';
import type { WebglCheckResult } from './pages/webgl/main';

let check: CheckPage;
let open: OpenPage;

beforeAll(async () => {
  check = await openCheckPage('webgl');
  open = check.open;
});

afterAll(async () => {
  await check?.close();
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
