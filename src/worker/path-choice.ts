/**
 * Which path a run trains on: a fixed one, or ('auto') the fastest of a short measured trial of
 * the candidates this machine has — the SIMD kernel, the JS step, tfjs wasm, and tfjs WebGL where
 * the renderer is a real GPU. Trials are cached per workload shape.
 */
import type { TrainConfig } from '../model/config';
import { activatePath, isSoftwareRenderer, measurePaths, webglRenderer } from '../train/basic/paths';
import type { TrainPath } from '../train/trainer';
import type { PathReport, RunOptions } from './protocol';

export class PathChooser {
  private readonly measured = new Map<string, PathReport>();

  async choose(config: TrainConfig, choice: RunOptions['path']): Promise<PathReport> {
    const renderer = webglRenderer();
    const softwareRenderer = isSoftwareRenderer(renderer);
    const simd = await activatePath('simd');
    if (choice !== 'auto') return { path: choice, timings: [], renderer, softwareRenderer, simd };
    const key = shapeKey(config);
    const cached = this.measured.get(key);
    if (cached) return cached;
    const candidates: TrainPath[] = ['js', 'simd', 'wasm'];
    if (!softwareRenderer) candidates.push('webgl');
    const timings = await measurePaths(config, candidates, 120);
    const report: PathReport = {
      path: timings[0]?.path ?? 'js',
      timings: timings.map(({ path, stepsPerSecond }) => ({ path, stepsPerSecond })),
      renderer,
      softwareRenderer,
      simd,
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
