/**
 * A run pinned to the WebGPU path where the browser offers no adapter (faked: Node has no WebGPU)
 * trains on the JS path and says why.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { constantVector, geometricImportance, paperConfig, type TrainConfig } from '../../src/model/config';
import { TrainerService } from '../../src/worker/service';

afterAll(() => vi.unstubAllGlobals());

describe('a pinned WebGPU path that cannot start', () => {
  it('trains on the JS path and says why', async () => {
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => null } });
    const config: TrainConfig = {
      ...paperConfig(5, 2, 'relu', [
        { seed: 1, density: constantVector(5, 0.1), importance: geometricImportance(5, 0.9) },
      ]),
      batchSize: 64,
    };
    const service = new TrainerService();
    const report = await service.configure(config, { path: 'webgpu', maxSteps: 10, autoStart: false });
    expect(report.webgpuAdapter).toBeNull();
    const snap = await service.stepN(3);
    expect(snap.path).toBe('js');
    expect(snap.step).toBe(3);
    expect(snap.message).toBe(
      'The webgpu path could not start (this browser offers no WebGPU adapter); ' +
        'training on the JavaScript path instead.',
    );
    await service.dispose();
  });
});
