/**
 * Which path a run trains on: a fixed one, or ('auto') the fastest of a short measured trial of
 * the candidates this machine has — the SIMD kernel, the JS step, tfjs wasm, tfjs WebGL where the
 * renderer is a real GPU, and tfjs WebGPU where navigator.gpu offers an adapter that is not a
 * software one. Software GPUs are left out rather than timed: they lose to wasm (env-facts.md)
 * and starting one costs the trial seconds. Trials are cached per workload shape.
 */
import type { TrainConfig } from '../model/config';
import { activatePath, isSoftwareRenderer, measurePaths, webglRenderer } from '../train/basic/paths';
import { webgpuAdapter } from '../train/basic/webgpu';
import type { TrainPath } from '../train/trainer';
import type { PathReport, RunOptions } from './protocol';

export class PathChooser {
  private readonly measured = new Map<string, PathReport>();

  async choose(config: TrainConfig, choice: RunOptions['path']): Promise<PathReport> {
    const renderer = webglRenderer();
    const softwareRenderer = isSoftwareRenderer(renderer);
    const simd = await activatePath('simd');
    // Asked only where it matters: asking may wake a laptop's discrete GPU.
    const ask = choice === 'auto' || choice === 'webgpu';
    const gpu = ask ? await webgpuAdapter() : null;
    const webgpu = ask ? { webgpuAdapter: gpu?.name ?? null, softwareWebgpu: gpu?.software ?? false } : {};
    if (choice !== 'auto') return { path: choice, timings: [], renderer, softwareRenderer, simd, ...webgpu };
    const key = shapeKey(config);
    const cached = this.measured.get(key);
    if (cached) return cached;
    const candidates: TrainPath[] = ['js', 'simd', 'wasm'];
    if (!softwareRenderer) candidates.push('webgl');
    if (gpu && !gpu.software) candidates.push('webgpu');
    const timings = await measurePaths(config, candidates, 120);
    const report: PathReport = {
      path: timings[0]?.path ?? 'js',
      timings: timings.map(({ path, stepsPerSecond }) => ({ path, stepsPerSecond })),
      renderer,
      softwareRenderer,
      simd,
      ...webgpu,
    };
    this.measured.set(key, report);
    return report;
  }
}

/** Workloads whose sizes agree within a factor of ~1.4 share a trial. */
function shapeKey(c: TrainConfig): string {
  const bucket = (v: number) => Math.round(Math.log2(Math.max(1, v)));
  return [c.kind, bucket(c.n), bucket(c.m), bucket(c.instances.length), bucket(c.batchSize)].join(':');
}
