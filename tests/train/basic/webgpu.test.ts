/**
 * The WebGPU path's bookkeeping, with fake adapters and devices (Node has no WebGPU; the real one is
 * exercised in headless Chromium by tests/e2e/webgpu.test.ts): which adapters count as a GPU, and
 * how a lost device turns the path off and ends reads that would otherwise never answer.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { GpuAdapterLike, GpuDeviceLike, GpuLike } from '../../../src/train/basic/webgpu';

type WebgpuModule = typeof import('../../../src/train/basic/webgpu');
let mod: WebgpuModule;

beforeEach(async () => {
  vi.resetModules(); // the module keeps one device's fate per worker: a fresh one per test
  mod = await import('../../../src/train/basic/webgpu');
});

const gpu = (adapter: GpuAdapterLike | null | Error): GpuLike => ({
  requestAdapter: async () => {
    if (adapter instanceof Error) throw adapter;
    return adapter;
  },
});

function fakeDevice() {
  let lose: (info: { reason?: string; message?: string }) => void = () => undefined;
  let onError: ((e: { error?: { message?: string } }) => void) | null = null;
  const device: GpuDeviceLike = {
    lost: new Promise((resolve) => (lose = resolve)),
    addEventListener: (_type, listener) => (onError = listener),
  };
  return {
    device,
    lose: (message: string) => lose({ reason: 'unknown', message }),
    error: (m: string) => onError?.({ error: { message: m } }),
  };
}

describe('WebGPU adapter probe', () => {
  it('finds no adapter where there is no navigator.gpu, none is offered, or asking throws', async () => {
    expect(await mod.probeWebgpu(null)).toBeNull();
    expect(await mod.probeWebgpu(gpu(null))).toBeNull();
    expect(await mod.probeWebgpu(gpu(new Error('blocked')))).toBeNull();
  });

  it('takes a hardware adapter as a GPU, and SwiftShader (fallback flag or name) as software', async () => {
    const nvidia = { info: { vendor: 'nvidia', architecture: 'ada', description: 'NVIDIA GeForce RTX 4070' } };
    expect(await mod.probeWebgpu(gpu(nvidia))).toEqual({
      name: 'nvidia ada NVIDIA GeForce RTX 4070',
      software: false,
    });
    // What headless Chromium gives with --use-webgpu-adapter=swiftshader (measured here).
    const swiftshader = { info: { vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true } };
    expect(await mod.probeWebgpu(gpu(swiftshader))).toEqual({ name: 'google swiftshader', software: true });
    expect((await mod.probeWebgpu(gpu({ info: { vendor: 'mesa', device: 'llvmpipe (LLVM 15)' } })))?.software).toBe(
      true,
    );
    expect((await mod.probeWebgpu(gpu({ isFallbackAdapter: true })))?.software).toBe(true);
  });
});

describe('a failed WebGPU device', () => {
  it('is off for good once lost: steps throw, pending reads end with the reason, no adapter is offered', async () => {
    vi.stubGlobal('navigator', { gpu: gpu({ info: { vendor: 'amd', architecture: 'rdna-3' } }) });
    try {
      expect(await mod.webgpuAdapter()).toEqual({ name: 'amd rdna-3', software: false });
      const { device, lose } = fakeDevice();
      mod.watchDevice(device);
      expect(mod.webgpuFailure()).toBeNull();
      expect(() => mod.assertWebgpuAlive()).not.toThrow();
      expect(await mod.raceWebgpuFailure(Promise.resolve(7))).toBe(7);
      const never = mod.raceWebgpuFailure(new Promise<number>(() => undefined));
      lose('Device was destroyed.');
      await expect(never).rejects.toThrow('the WebGPU device was lost: Device was destroyed.');
      expect(mod.webgpuFailure()).toBe('the WebGPU device was lost: Device was destroyed.');
      expect(() => mod.assertWebgpuAlive()).toThrow(/device was lost/);
      await expect(mod.raceWebgpuFailure(Promise.resolve(1))).rejects.toThrow(/device was lost/);
      expect(await mod.webgpuAdapter()).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('an error nobody caught (e.g. out of memory) ends the path too: its results cannot be trusted', async () => {
    const { device, error, lose } = fakeDevice();
    mod.watchDevice(device);
    error('Out of memory');
    expect(mod.webgpuFailure()).toBe('WebGPU error: Out of memory');
    lose('later'); // the first reason stays
    await Promise.resolve();
    expect(mod.webgpuFailure()).toBe('WebGPU error: Out of memory');
  });
});
