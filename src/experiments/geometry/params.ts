/**
 * "The geometry of superposition" (paper-spec §6.3): its URL keys, limits and defaults, the
 * batched training request behind it (one instance per sparsity), its named sizes, its m = 3
 * polytope settings and its paper presets.
 *
 * Defaults are sized for a CPU: n = 40, m = 4, 12 sparsities, 4000 steps of batch 1024 take
 * ≈ 26 s on one core of the JS path (≈ 0.55 ms per instance-step, measured with JsTrainer in
 * Node), so ≈ 15 s on two workers. The paper's n = 400, m = 30 (≈ 40–50 ms per instance-step on
 * a CPU, cost ∝ n·m) and the notebook's n = 200, m = 20 stay within the limits, for a GPU.
 */
import { notebookInitStd, type TrainConfig } from '../../model/config';
import { uniformSweepConfig } from '../../model/uniform-sweep';
import type { PresetSpec } from '../../state/presets';
import type { ParamTable, ParamValues } from '../../state/url-params';

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
export const GEOMETRY_SIZES: readonly { id: string; label: string; values: Partial<GeometryState>; gpu: boolean }[] = [
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

/** WᵀW of the selected model is drawn up to this many features (beyond it, a note instead). */
export const MAX_GRAM_FEATURES = 100;

/** Above this n·m the section says a GPU (WebGL) is needed for a reasonable wait. */
export const GPU_SIZE_NM = 1000;

/**
 * m = 3 sweeps in which a model forms a given polytope, with that model selected (gmodel). Each
 * setting was measured with JsTrainer in Node (the page trains these small sweeps on the same
 * 'js' path, with the same seeds and the same initialisation, so it reproduces them exactly on
 * V8); `note` records how often the polytope arose over other seeds (the measurements are in
 * docs/geometry-3d-measurements.md).
 */
export interface Geometry3DPreset {
  id: string;
  label: string;
  /** The sweep and selected model; null where no setting we tried makes the polytope arise. */
  values: Partial<GeometryState> | null;
  note: string;
}

export const GEOMETRY_3D_PRESETS: readonly Geometry3DPreset[] = [
  {
    id: 'tetrahedron',
    label: 'tetrahedron (4 features, D = ¾)',
    values: { gn: 5, gm: 3, gcount: 16, gmax: 4, gsteps: 10_000, gseed: 1, gmodel: 1 },
    note: 'n = 5 features, 16 sparsities with 1/(1 − S) from 1 to 4, 10,000 steps; model 1 (1/(1 − S) = 1.10): four features at D = ¾, the fifth dropped. Arose for 7 of 8 seeds (6 of 8 at 1.20 and 1.32); it needs the full 10,000 steps.',
  },
  {
    id: 'octahedron',
    label: 'octahedron (3 digons, D = ½)',
    values: { gn: 6, gm: 3, gcount: 16, gmax: 50, gsteps: 6000, gseed: 1, gmodel: 9 },
    note: 'n = 6, 16 sparsities with 1/(1 − S) from 1 to 50, 6,000 steps; model 9 (1/(1 − S) = 10.5): three orthogonal antipodal pairs. Arose for 8 of 8 seeds, and at every sparsity from about 5 on.',
  },
  {
    id: 'bipyramid',
    label: 'triangular bipyramid (triangle ⊕ digon, D = ⅔, ½)',
    values: { gn: 5, gm: 3, gcount: 16, gmax: 50, gsteps: 6000, gseed: 17, gmodel: 14 },
    note: 'n = 5, 16 sparsities with 1/(1 − S) from 1 to 50, 6,000 steps, seed 17; model 14 (1/(1 − S) = 38.5): a triangle (D ≈ 0.68, 0.63, 0.68) ⊕ a digon (D = ½). A local minimum, rarer than the others: 7 of 20 seeds formed one somewhere in this sweep, the rest (and the neighbouring models) settle on two digons ⊕ a dedicated feature, which costs 3–8% less. Its triangle stays uneven as training goes on.',
  },
  {
    id: 'antiprism',
    label: 'square antiprism (8 features, D = ⅜)',
    values: { gn: 8, gm: 3, gcount: 16, gmax: 50, gsteps: 6000, gseed: 1, gmodel: 9 },
    note: 'n = 8, 16 sparsities with 1/(1 − S) from 1 to 50, 6,000 steps; model 9 (1/(1 − S) = 10.5): all eight features on the sphere, D = ⅜. Arose for 8 of 8 seeds, and at every sparsity from about 8 on.',
  },
];

/** A geometry setting (numbers) as URL params. */
const asParams = (values: Partial<GeometryState>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
const sweepSize = (id: string) => asParams(GEOMETRY_SIZES.find((p) => p.id === id)?.values ?? {});
const polytope = (p: Geometry3DPreset): PresetSpec[] =>
  p.values ? [{ id: `geometry-${p.id}`, title: `3-D feature geometry: ${p.label}`, description: p.note, params: asParams(p.values) }] : [];

export const GEOMETRY_PRESETS: readonly PresetSpec[] = [
  {
    id: 'geometry-paper',
    title: 'Uniform superposition: n = 400, m = 30, 20 sparsities',
    description:
      "The paper's dimensionality figures (§6.3): equal importance, 1/(1 − S) from 1 to 20. Dimensions per feature m/‖W‖_F² fall from 1, stick at ½, and the feature dimensionalities D_i cluster at 1, ¾, ⅔, ½, ⅖, ⅜. Sized for a GPU: on a CPU this takes hours.",
    params: sweepSize('paper'),
  },
  {
    id: 'geometry-notebook',
    title: "Uniform superposition: the notebook's n = 200, m = 20",
    description: "The same sweep at the paper notebook's size: 20 sparsities, 10,000 steps. Sized for a GPU.",
    params: sweepSize('notebook'),
  },
  {
    id: 'geometry-cpu',
    title: 'Uniform superposition: n = 40, m = 4 (CPU-sized)',
    description: 'A sweep small enough for a CPU (12 sparsities, 4,000 steps): the ½ plateau of m/‖W‖_F² and the D_i levels already show.',
    params: sweepSize('cpu'),
  },
  ...GEOMETRY_3D_PRESETS.flatMap(polytope),
];
