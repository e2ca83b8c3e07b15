/**
 * The WebGPU path in headless Chromium. Chromium offers no WebGPU adapter headless by default; with
 * --enable-unsafe-webgpu --use-webgpu-adapter=swiftshader --enable-features=Vulkan (this browser only)
 * it offers SwiftShader's, a CPU implementation: enough to check correctness, meaningless for speed,
 * which the measured trial judges on the reader's machine. Builds a small check page from
 * tests/e2e/pages/webgpu with the real trainer modules and pins the path and seed in its URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verbose } from '../helpers/log';
import type { OpenPage } from './browser';
import { openCheckPage, type CheckPage } from './check-page';
import type { WebgpuCheckResult } from './pages/webgpu/main';

const SOFTWARE_WEBGPU = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'];
const SEED = 7;
let check: CheckPage;
let open: OpenPage;

beforeAll(async () => {
  check = await openCheckPage('webgpu', `?path=webgpu&seed=${SEED}`, SOFTWARE_WEBGPU);
  open = check.open;
});

afterAll(async () => {
  await check?.close();
});

describe('WebGPU path (SwiftShader adapter)', () => {
  it('agrees with the js path, samples the counter hash, leaks no tensor, falls back from a lost device', async () => {
    await open.page.waitForFunction(() => typeof window.__webgpuChecks === 'function');
    const r = (await open.page.evaluate(() => window.__webgpuChecks!())) as WebgpuCheckResult;
    verbose(JSON.stringify(r, null, 1));
    expect([r.path, r.seed]).toEqual(['webgpu', SEED]); // the run of the settings this test pinned
    expect(r.adapter).toEqual({ name: expect.stringMatching(/swiftshader/i), software: true });
    expect(r.active).toBe(true);

    // The WGSL sampler is the counter hash (u/p within WGSL's 2.5-ulp division: < 2e-7 on [0, 1)).
    expect(r.samplerEntries).toBe(2 * 64 * 5);
    expect(r.samplerMaxAbsDiff).toBeLessThan(1e-6);

    // Same data, same formulas, float32 both: only the order of the sums differs (measured here: 4e-7 in W after
    // 50 steps). Each AdamW step moves a weight by up to about lr = 1e-2, so 1e-4 is 1% of one step: a wrong term
    // (bias correction, decay, a gradient) shows as a sizeable fraction of lr per step, while training moved W
    // far more than the tolerance.
    expect(r.reference.steps).toBe(6);
    expect(r.reference.moved).toBeGreaterThan(0.03);
    expect(r.reference.maxAbsW).toBeLessThan(1e-4);
    expect(r.reference.maxAbsB).toBeLessThan(1e-4);
    expect(r.reference.maxRelLoss).toBeLessThan(1e-5);

    // As the page builds it: data made on the GPU, learning, and no tensor left behind.
    expect(r.leak.dataSource).toBe('gpu');
    expect(r.leak.lossEnd).toBeLessThan(r.leak.lossStart);
    expect(r.leak.after).toBe(r.leak.before);
    expect(r.leak.disposed).toBeLessThan(r.leak.before);

    // A trial can time it (the measured choice leaves this software adapter out: path-choice.test.ts).
    expect(r.trial.map((t) => t.path).sort()).toEqual(['js', 'webgpu']);

    // A lost device: training goes on elsewhere from the last good step, says why, and WebGPU stays off.
    expect(r.loss.status).toBe('done');
    expect(r.loss.step).toBe(200);
    expect(r.loss.pathAfter).not.toBe('webgpu');
    expect(r.loss.message).toMatch(
      /^The webgpu path failed \(the WebGPU device was lost: .+\); training continues on \w+ from step \d+\.$/,
    );
    expect(r.loss.reactivates).toBe(false);
    expect(r.loss.reason).toMatch(/the WebGPU device was lost/);
    expect(open.problems).toEqual([]);
  });
});
