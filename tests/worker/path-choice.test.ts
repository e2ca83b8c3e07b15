/**
 * The measured choice with a fake navigator.gpu (Node has no WebGPU): the tfjs WebGPU path joins
 * the trial exactly where an adapter is offered that is a real GPU and whose device has not failed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { constantVector, geometricImportance, paperConfig, type TrainConfig } from '../../src/model/config';
import type { GpuAdapterLike } from '../../src/train/basic/webgpu';
import type { TrainPath } from '../../src/train/trainer';

const trial = vi.hoisted(() => ({ candidates: [] as TrainPath[] }));

// The trial itself is faked: it records the candidates and makes WebGPU the fastest of them.
vi.mock('../../src/train/basic/paths', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/train/basic/paths')>()),
  measurePaths: async (_config: TrainConfig, candidates: readonly TrainPath[]) => {
    trial.candidates = [...candidates];
    return candidates
      .map((path) => ({ path, stepsPerSecond: path === 'webgpu' ? 5000 : 100, instanceStepsPerSecond: 0 }))
      .sort((a, b) => b.stepsPerSecond - a.stepsPerSecond);
  },
}));

const config: TrainConfig = {
  ...paperConfig(5, 2, 'relu', [{ seed: 1, density: constantVector(5, 0.1), importance: geometricImportance(5, 0.9) }]),
  batchSize: 64,
};

async function choose(adapter: GpuAdapterLike | null | 'no navigator.gpu') {
  if (adapter !== 'no navigator.gpu') vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => adapter } });
  const { PathChooser } = await import('../../src/worker/path-choice');
  return new PathChooser().choose(config, 'auto');
}

beforeEach(() => {
  vi.resetModules(); // the adapter is asked once per worker: a fresh module per test
  trial.candidates = [];
});
afterEach(() => vi.unstubAllGlobals());

describe('the measured choice and WebGPU', () => {
  it('tries WebGPU where a hardware adapter is offered, and picks it when it is fastest', async () => {
    const report = await choose({ info: { vendor: 'nvidia', architecture: 'ada' } });
    expect(trial.candidates).toContain('webgpu');
    expect(report.path).toBe('webgpu');
    expect(report.webgpuAdapter).toBe('nvidia ada');
    expect(report.softwareWebgpu).toBe(false);
  });

  it('leaves WebGPU out where its adapter is software, where none is offered and without navigator.gpu', async () => {
    const software = await choose({ info: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } });
    expect(trial.candidates).not.toContain('webgpu');
    expect(software).toMatchObject({ webgpuAdapter: 'google swiftshader', softwareWebgpu: true });
    expect(software.path).not.toBe('webgpu');
    for (const none of [null, 'no navigator.gpu'] as const) {
      vi.resetModules();
      vi.unstubAllGlobals();
      const report = await choose(none);
      expect(trial.candidates).not.toContain('webgpu');
      expect(report.webgpuAdapter).toBeNull();
    }
  });

  it('leaves WebGPU out once its device was lost in this worker', async () => {
    vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => ({ info: { vendor: 'apple' } }) } });
    const webgpu = await import('../../src/train/basic/webgpu');
    webgpu.watchDevice({ lost: Promise.resolve({ reason: 'unknown', message: 'GPU reset' }) });
    await Promise.resolve();
    const { PathChooser } = await import('../../src/worker/path-choice');
    const report = await new PathChooser().choose(config, 'auto');
    expect(trial.candidates).not.toContain('webgpu');
    expect(report.webgpuAdapter).toBeNull();
  });

  it('a pinned path is used as it is; the adapter is asked only for webgpu', async () => {
    vi.stubGlobal('navigator', {
      gpu: { requestAdapter: async () => ({ info: { vendor: 'intel', architecture: 'xe' } }) },
    });
    const { PathChooser } = await import('../../src/worker/path-choice');
    const report = await new PathChooser().choose(config, 'webgpu');
    expect(report).toMatchObject({ path: 'webgpu', timings: [], webgpuAdapter: 'intel xe' });
    expect(trial.candidates).toEqual([]);
    const { PathChooser: Fresh } = await import('../../src/worker/path-choice');
    const other = await new Fresh().choose(config, 'simd');
    expect(other.path).toBe('simd');
    expect('webgpuAdapter' in other).toBe(false); // not asked for a run pinned elsewhere
  });
});
