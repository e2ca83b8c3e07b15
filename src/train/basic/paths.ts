/**
 * Choosing and activating a training path. tfjs backends and the SIMD kernel are imported
 * lazily, so a page that trains on the 'js' path downloads neither. In the browser the tfjs wasm
 * binaries' URLs must be set (setWasmBinaryUrls) before the wasm path is activated; in Node the
 * backend finds its own. The 'simd' kernel travels inside its module (no URL to set). 'webgpu'
 * is tried only where navigator.gpu offers an adapter and its device has not failed (webgpu.ts).
 */
import type { TrainConfig } from '../../model/config';
import { needsVariantTrainer } from '../../model/variants/model';
import { JsTrainer } from './js-trainer';
import type { BatchedTrainer, TrainPath } from '../trainer';
import { VariantTrainer } from '../variants/variant-trainer';
import { watchDevice, webgpuAdapter, webgpuFailure, type GpuDeviceLike } from './webgpu';

type TfCore = typeof import('@tensorflow/tfjs-core');

let tfCore: TfCore | null = null;
let wasmUrls: Record<string, string> | null = null;
const registered = new Set<TrainPath>();
/** Why each path last failed to activate (for the message that names the path used instead). */
const unavailable = new Map<TrainPath, string>();

/** Browser only: where the bundler put the three tfjs wasm binaries (file name → URL). */
export function setWasmBinaryUrls(urls: Record<string, string>): void {
  wasmUrls = urls;
}

async function core(): Promise<TfCore> {
  if (!tfCore) {
    tfCore = await import('@tensorflow/tfjs-core');
    // Skip per-op debug checks; our NaN guard reads the loss instead.
    tfCore.enableProdMode();
  }
  return tfCore;
}

async function register(path: Exclude<TrainPath, 'js' | 'simd'>): Promise<void> {
  if (registered.has(path)) return;
  if (path === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  if (path === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  if (path === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  if (path === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    if (wasmUrls) wasm.setWasmPaths(wasmUrls);
  }
  registered.add(path);
}

/** Activate a path; resolves false (never throws) when it is not available here. */
export async function activatePath(path: TrainPath): Promise<boolean> {
  unavailable.delete(path);
  const ok = await tryActivate(path).catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
  if (ok !== true) unavailable.set(path, ok || `the ${path} backend did not start`);
  return ok === true;
}

/** Why `path` last failed to activate here (undefined if it did not fail). */
export function unavailableReason(path: TrainPath): string | undefined {
  return unavailable.get(path);
}

/** true, or why not ('' when tfjs gives no reason). */
async function tryActivate(path: TrainPath): Promise<true | string> {
  if (path === 'js') return true;
  if (path === 'simd') return (await (await import('./simd-kernel')).simdSupported()) || 'no WebAssembly SIMD here';
  // Ask first: tfjs would log a failed backend start as a console warning.
  if (path === 'webgpu' && webgpuFailure()) return webgpuFailure()!;
  if (path === 'webgpu' && !(await webgpuAdapter())) return 'this browser offers no WebGPU adapter';
  const tf = await core();
  await register(path);
  if (path === 'webgl') tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
  if (!(await withTimeout(tf.setBackend(path), 10_000, false))) return '';
  await tf.ready();
  if (tf.getBackend() !== path) return '';
  if (path === 'webgpu') watchDevice((tf.backend() as unknown as { device: GpuDeviceLike }).device);
  return true;
}

/** A trainer on an already activated path. */
export async function createTrainer(config: TrainConfig, path: TrainPath): Promise<BatchedTrainer> {
  if (needsVariantTrainer(config)) {
    // Hidden-ReLU, abs, untied and correlated-feature models (issue 5) exist on the JS path only.
    if (path === 'js') return new VariantTrainer(config);
    throw new Error(
      `the ${config.kind} model${config.featureSets?.length ? ' with feature sets' : ''}${config.untied ? ' (untied)' : ''} trains on the JS path only, not ${path}`,
    );
  }
  if (path === 'js') return new JsTrainer(config);
  if (path === 'simd') return (await import('./simd-trainer')).SimdTrainer.create(config);
  const { TfjsTrainer } = await import('./tfjs-trainer');
  const trainer = new TfjsTrainer(config, path);
  // On WebGL and WebGPU the data is made on the GPU (no per-step upload); elsewhere it comes from JS.
  if (path === 'webgl' || path === 'webgpu') await trainer.useGpuData();
  return trainer;
}

/** Activate the first path of `order` that works; throws if none does. */
export async function activateFirstAvailable(order: readonly TrainPath[]): Promise<TrainPath> {
  for (const p of order) if (await activatePath(p)) return p;
  throw new Error(`no training path available (tried ${order.join(', ')})`);
}

/** The tensor count of the active tfjs backend (0 if tfjs was never loaded): for leak checks. */
export function liveTensorCount(): number {
  return tfCore ? tfCore.memory().numTensors : 0;
}

/** The name of the GPU renderer, from a throwaway WebGL2 context; null where there is none. */
export function webglRenderer(): string | null {
  try {
    const canvas =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(1, 1)
        : typeof document !== 'undefined'
          ? document.createElement('canvas')
          : null;
    if (!canvas) return null;
    const gl = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return name;
  } catch {
    return null;
  }
}

/** SwiftShader, llvmpipe and friends render WebGL on the CPU: slower than wasm, so "no GPU". */
export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer === null || /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}

export interface PathTiming {
  path: TrainPath;
  stepsPerSecond: number;
  instanceStepsPerSecond: number;
}

/**
 * Time a short trial of `config` on each candidate path and return them fastest first.
 * Paths that fail to activate are left out.
 */
export async function measurePaths(
  config: TrainConfig,
  candidates: readonly TrainPath[],
  budgetMs = 250,
): Promise<PathTiming[]> {
  const out: PathTiming[] = [];
  // The variants have no tfjs or SIMD implementation: only the JS path is a candidate.
  if (needsVariantTrainer(config)) candidates = candidates.filter((p) => p === 'js');
  for (const path of candidates) {
    if (!(await activatePath(path))) continue;
    const trainer = await createTrainer(config, path);
    try {
      await trainer.step(1);
      await trainer.read(); // flush the queue before timing
      let steps = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < budgetMs || steps < 2) {
        await trainer.step(1);
        steps++;
        if (path !== 'js' && path !== 'simd') await trainer.read();
      }
      const sec = (performance.now() - t0) / 1000;
      out.push({ path, stepsPerSecond: steps / sec, instanceStepsPerSecond: (steps * config.instances.length) / sec });
    } finally {
      trainer.dispose();
    }
  }
  return out.sort((a, b) => b.stepsPerSecond - a.stepsPerSecond);
}

function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(fallback), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      () => {
        clearTimeout(t);
        resolve(fallback);
      },
    );
  });
}

/**
 * The path a headless run (CLI, figures, benches' defaults) uses when none is named: the SIMD
 * kernel where it runs and the model is the basic one, else the JavaScript path.
 */
export async function defaultHeadlessPath(config: TrainConfig): Promise<TrainPath> {
  if (needsVariantTrainer(config)) return 'js';
  return (await activatePath('simd')) ? 'simd' : 'js';
}
