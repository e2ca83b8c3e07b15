/**
 * WebGPU for the tfjs path: whether this browser offers an adapter (and whether it is a real GPU),
 * and what happens when the device goes away. tfjs-backend-webgpu does not watch its device, so
 * this module does: once the device is lost (or reports an error nobody caught, so its results can
 * no longer be trusted) the path is off for the life of this worker; trainers on it throw at their
 * next step or read, and the training service resumes on a CPU path.
 */

/** The little of WebGPU read here (TypeScript's DOM lib has no WebGPU types). */
export interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
export interface GpuAdapterLike {
  info?: GpuAdapterInfoLike;
  /** Older Chromium put the flag on the adapter itself. */
  isFallbackAdapter?: boolean;
}
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
}
export interface GpuDeviceLike {
  lost: Promise<{ reason?: string; message?: string }>;
  addEventListener?(type: 'uncapturederror', listener: (e: { error?: { message?: string } }) => void): void;
}

export interface WebgpuAdapter {
  /** What the adapter says it is (vendor, architecture, device, description). */
  name: string;
  /** A CPU implementation (SwiftShader, lavapipe, WARP…): correct but slower than wasm, so "no GPU". */
  software: boolean;
}

/** navigator.gpu where there is one (a secure context in a browser that ships WebGPU). */
export function navigatorGpu(): GpuLike | null {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  return nav?.gpu ?? null;
}

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|software|microsoft basic render|\bwarp\b/i;

/** Ask for the adapter tfjs will ask for (high performance); null where none is offered. */
export async function probeWebgpu(gpu: GpuLike | null = navigatorGpu()): Promise<WebgpuAdapter | null> {
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return null;
    const info = adapter.info ?? {};
    const name = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
    const fallback = info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false;
    return { name: name || 'unnamed adapter', software: fallback || SOFTWARE.test(name) };
  } catch {
    return null;
  }
}

let probe: Promise<WebgpuAdapter | null> | null = null;
let failure: string | null = null;
let failed: Promise<never> | null = null;
let rejectFailed: ((e: Error) => void) | null = null;

/** This worker's adapter, asked once (null once the device has failed: the path stays off). */
export function webgpuAdapter(): Promise<WebgpuAdapter | null> {
  if (failure !== null) return Promise.resolve(null);
  probe ??= probeWebgpu();
  return probe;
}

/** Why the WebGPU path cannot train any more (null while it can). */
export function webgpuFailure(): string | null {
  return failure;
}

function fail(why: string): void {
  if (failure !== null) return;
  failure = why;
  rejectFailed?.(new Error(why));
}

/** Watch the device tfjs created: a loss or an uncaught error ends the path (see the module note). */
export function watchDevice(device: GpuDeviceLike): void {
  if (failed) return;
  failed = new Promise<never>((_, reject) => (rejectFailed = reject));
  failed.catch(() => undefined); // only raced against reads; never unhandled
  void device.lost.then((info) =>
    fail(`the WebGPU device was lost: ${info.message || info.reason || 'no reason given'}`),
  );
  device.addEventListener?.('uncapturederror', (e) => fail(`WebGPU error: ${e.error?.message ?? 'unknown'}`));
}

/** Throw if the device has failed (before queueing work on it). */
export function assertWebgpuAlive(): void {
  if (failure !== null) throw new Error(failure);
}

/** A read from the device, or the device's failure, whichever comes first (a lost device may never answer). */
export function raceWebgpuFailure<T>(read: Promise<T>): Promise<T> {
  if (failure !== null) {
    read.catch(() => undefined); // its answer, if any, is no longer wanted
    return Promise.reject(new Error(failure));
  }
  return failed ? Promise.race([read, failed]) : read;
}
