/**
 * State of "The geometry of superposition" section: its URL keys, limits and defaults, and the
 * batched training request behind it (one instance per sparsity, paper-spec §6.3).
 *
 * Defaults are sized for a CPU: n = 40, m = 4, 12 sparsities, 4000 steps of batch 1024 take
 * ≈ 26 s on one core of the JS path (≈ 0.55 ms per instance-step, measured with JsTrainer in
 * Node), so ≈ 15 s on two workers. The paper's n = 400, m = 30 (≈ 40–50 ms per instance-step on
 * a CPU, cost ∝ n·m) and the notebook's n = 200, m = 20 stay within the limits, for a GPU.
 */
import { notebookInitStd, type TrainConfig } from '../model/config';
import { uniformSweepConfig } from '../model/uniform-sweep';
import type { ParamTable, ParamValues } from './url-params';

/** Most sparsities a sweep may have (bounds gmodel too). */
const MAX_SPARSITIES = 40;

export const GEOMETRY_PARAMS = {
  /** Features. */
  gn: { kind: 'int', min: 2, max: 400, default: 40 },
  /** Hidden dimensions. */
  gm: { kind: 'int', min: 1, max: 30, default: 4 },
  /** Number of sparsities (one model each), 1/(1 − S) log-spaced from 1 to gmax. */
  gcount: { kind: 'int', min: 2, max: MAX_SPARSITIES, default: 12 },
  /** Sparsest point of the sweep as 1/(1 − S). */
  gmax: { kind: 'number', min: 2, max: 100, default: 20 },
  /** Training steps (batch 1024, the paper's optimizer). */
  gsteps: { kind: 'int', min: 500, max: 20_000, default: 4000 },
  gseed: { kind: 'int', min: 1, max: 999_999, default: 1 },
  /** Selected model (sparsity index, dense first), −1 for none. */
  gmodel: { kind: 'int', min: -1, max: MAX_SPARSITIES - 1, default: -1 },
} as const satisfies ParamTable;

export type GeometryState = ParamValues<typeof GEOMETRY_PARAMS>;

/** Named sizes the section offers as one-click settings. */
export const GEOMETRY_PRESETS: readonly { id: string; label: string; values: Partial<GeometryState>; gpu: boolean }[] = [
  { id: 'cpu', label: 'CPU-sized: n = 40, m = 4', values: { gn: 40, gm: 4, gcount: 12, gmax: 20, gsteps: 4000 }, gpu: false },
  { id: 'notebook', label: 'Notebook: n = 200, m = 20', values: { gn: 200, gm: 20, gcount: 20, gmax: 20, gsteps: 10_000 }, gpu: true },
  { id: 'paper', label: 'Paper: n = 400, m = 30', values: { gn: 400, gm: 30, gcount: 20, gmax: 20, gsteps: 10_000 }, gpu: true },
];

/**
 * The sweep as one batched request. The initialisation std is fixed to the notebook's xavier
 * value for the whole [I, n, m] tensor, so splitting the instances over workers (each sees only
 * its shard) trains exactly the same models.
 */
export function geometryTrainConfig(s: Pick<GeometryState, 'gn' | 'gm' | 'gcount' | 'gmax' | 'gseed'>): TrainConfig {
  const config = uniformSweepConfig({ n: s.gn, m: s.gm, sparsities: s.gcount, minInvDensity: 1, maxInvDensity: s.gmax, seed: s.gseed });
  return { ...config, initStd: notebookInitStd(s.gn, s.gm, s.gcount) };
}

/**
 * Measured cost of one instance-step on the CPU (JS path, batch 1024) per unit of n·m:
 * 0.55 ms at n·m = 160 (n = 40, m = 4). Used only for the page's rough time estimate.
 */
export const CPU_MS_PER_INSTANCE_STEP_PER_NM = 0.55 / 160;

/** Rough CPU training time in seconds for the sweep, over `workers` cores. */
export function estimatedCpuSeconds(s: Pick<GeometryState, 'gn' | 'gm' | 'gcount' | 'gsteps'>, workers: number): number {
  return (CPU_MS_PER_INSTANCE_STEP_PER_NM * s.gn * s.gm * s.gcount * s.gsteps) / 1000 / Math.max(1, Math.min(workers, s.gcount));
}

/** Above this n·m the section says a GPU (WebGL) is needed for a reasonable wait. */
export const GPU_SIZE_NM = 1000;
