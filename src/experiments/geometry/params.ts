/**
 * "The geometry of superposition" (the paper's "Uniform Superposition"): its URL keys, limits and defaults, the
 * batched training request behind it (one instance per sparsity), its named sizes, its m = 3
 * polytope settings and its paper presets.
 *
 * The URL defaults are sized for any CPU: n = 40, m = 4, 12 sparsities, 4000 steps take ≈ 20 s
 * on one core of the simd path. Where the reader's machine trains the notebook's n = 200, m = 20
 * (or the paper's n = 400, m = 30) in under a few minutes, the section opens at that size instead
 * (run.ts: sizeForSpeed, measured on the page's own workers).
 */
import { notebookInitStd, type TrainConfig } from '../../model/config';
import { instanceCosts } from '../../train/shards';
import { uniformSweepConfig } from '../../model/uniform-sweep';
import type { PresetSpec } from '../../state/presets';
import { linkParams, type ParamTable, type ParamValues } from '../../state/url-params';

/** Most sparsities a sweep may have (bounds the selected model too). */
const MAX_SPARSITIES = 40;

export const GEOMETRY_PARAMS = {
  /** Features. */
  n: { key: 'gn', kind: 'int', min: 2, max: 400, default: 40 },
  /** Hidden dimensions. */
  m: { key: 'gm', kind: 'int', min: 1, max: 30, default: 4 },
  /** Number of sparsities (one model each), 1/(1 − S) log-spaced from 1 to maxInvDensity. */
  sparsities: { key: 'gcount', kind: 'int', min: 2, max: MAX_SPARSITIES, default: 12 },
  /** Sparsest point of the sweep as 1/(1 − S). */
  maxInvDensity: { key: 'gmax', kind: 'number', min: 2, max: 100, default: 20 },
  /** Training steps (batch 1024, the paper's optimizer). */
  steps: { key: 'gsteps', kind: 'int', min: 500, max: 20_000, default: 4000 },
  seed: { key: 'gseed', kind: 'int', min: 1, max: 999_999, default: 1 },
  /** Selected model (sparsity index, dense first), −1 for none. */
  selected: { key: 'gmodel', kind: 'int', min: -1, max: MAX_SPARSITIES - 1, default: -1 },
  /** Train here even where the section ships this sweep already trained (shipped.ts). */
  live: { key: 'glive', kind: 'bool', default: false },
} as const satisfies ParamTable;

export type GeometryState = ParamValues<typeof GEOMETRY_PARAMS>;

/** The fields the sweep's run trains (its run key, state/run-key.ts): all but the selected model and `live`. */
export const GEOMETRY_RUN_KEYS = ['n', 'm', 'sparsities', 'maxInvDensity', 'steps', 'seed'] as const;

/** Named sizes the section offers as one-click settings. */
export const GEOMETRY_SIZES: readonly {
  id: 'small' | 'notebook' | 'paper';
  label: string;
  values: Pick<GeometryState, 'n' | 'm' | 'sparsities' | 'maxInvDensity' | 'steps'>;
}[] = [
  {
    id: 'small',
    label: 'small: n = 40, m = 4',
    values: { n: 40, m: 4, sparsities: 12, maxInvDensity: 20, steps: 4000 },
  },
  {
    id: 'notebook',
    label: 'notebook: n = 200, m = 20',
    values: { n: 200, m: 20, sparsities: 20, maxInvDensity: 20, steps: 10_000 },
  },
  {
    id: 'paper',
    label: 'paper: n = 400, m = 30',
    values: { n: 400, m: 30, sparsities: 20, maxInvDensity: 20, steps: 10_000 },
  },
];

/**
 * The sweep as one batched request. The initialisation std is fixed to the notebook's xavier
 * value for the whole [I, n, m] tensor, so splitting the instances over workers (each sees only
 * its shard) trains exactly the same models.
 */
export function geometryTrainConfig(
  s: Pick<GeometryState, 'n' | 'm' | 'sparsities' | 'maxInvDensity' | 'seed'>,
): TrainConfig {
  const config = uniformSweepConfig({
    n: s.n,
    m: s.m,
    sparsities: s.sparsities,
    minInvDensity: 1,
    maxInvDensity: s.maxInvDensity,
    seed: s.seed,
  });
  return { ...config, initStd: notebookInitStd(s.n, s.m, s.sparsities) };
}

/**
 * Useful multiply-adds per second one core of the simd path sustains on these sweeps, measured
 * (Node, this project's 2-core machine, quiet): 1.5 GMAC/s at n = 40, m = 4 and 5.8 at the
 * paper's n = 400, m = 30 (small shapes carry more overhead per multiply-add). Used only for
 * rough time estimates; the page shows the measured ETA while it trains.
 */
export function simdGmacPerSecond(n: number, m: number): number {
  return n * m >= 4000 ? 5.8 : n * m >= 1000 ? 3.2 : 1.5;
}

/** Rough training time in seconds for the sweep on the simd path, over `workers` cores. */
export function estimatedCpuSeconds(
  s: Pick<GeometryState, 'n' | 'm' | 'sparsities' | 'steps' | 'maxInvDensity'>,
  workers: number,
): number {
  const config = geometryTrainConfig({ ...s, seed: 1 });
  const macsPerStep = instanceCosts(config).reduce((a, v) => a + v, 0) * config.batchSize;
  return (macsPerStep * s.steps) / (simdGmacPerSecond(s.n, s.m) * 1e9) / Math.max(1, Math.min(workers, s.sparsities));
}

/** WᵀW of the selected model is drawn up to this many features (beyond it, a note instead). */
export const MAX_GRAM_FEATURES = 100;

/** From this n·m on, the measured trial may pick WebGL (where a real GPU is), and snapshots are rarer. */
export const GPU_SIZE_NM = 1000;

/**
 * m = 3 sweeps in which a model forms a given polytope, with that model selected. Each
 * setting was measured on the simd path in Node (the page trains these small sweeps on the same
 * path, with the same seeds and initialisation; the kernel uses only IEEE + − × ÷ √, so it
 * reproduces them bit for bit in any browser); `note` records how often the polytope arose over
 * other seeds. docs/geometry-3d-measurements.md has the measurements, and the settings that form
 * the same polytopes on the js path (the fallback where WebAssembly SIMD is missing).
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
    values: { n: 5, m: 3, sparsities: 16, maxInvDensity: 4, steps: 10_000, seed: 4, selected: 2 },
    note:
      'n = 5 features, 16 sparsities with 1/(1 − S) from 1 to 4, 10,000 steps, seed 4; model 2 (1/(1 − S) = ' +
      '1.20): four features at D = ¾, the fifth dropped. Model 2 formed it for 12 of 16 seeds at 10,000 steps ' +
      'and 16 of 16 at 12,000; seed 4’s from 6,000 steps on.',
  },
  {
    id: 'octahedron',
    label: 'octahedron (3 digons, D = ½)',
    values: { n: 6, m: 3, sparsities: 16, maxInvDensity: 50, steps: 6000, seed: 1, selected: 9 },
    note:
      'n = 6, 16 sparsities with 1/(1 − S) from 1 to 50, 6,000 steps; model 9 (1/(1 − S) = 10.5): three ' +
      'orthogonal antipodal pairs. Arose for 8 of 8 seeds at every model from 6 (1/(1 − S) ≈ 5) on, at 4,000 to ' +
      '8,000 steps.',
  },
  {
    id: 'bipyramid',
    label: 'triangular bipyramid (triangle ⊕ digon, D = ⅔, ½)',
    values: { n: 5, m: 3, sparsities: 16, maxInvDensity: 50, steps: 6000, seed: 9, selected: 12 },
    note:
      'n = 5, 16 sparsities with 1/(1 − S) from 1 to 50, 6,000 steps, seed 9; model 12 (1/(1 − S) = 22.9): a ' +
      'triangle (D ≈ 0.63–0.70) ⊕ a digon (D = ½), from 4,000 to 10,000 steps. A local minimum, rarer than the ' +
      'others: 6 of 20 seeds formed one somewhere in this sweep at 6,000 steps; the rest (and the neighbouring ' +
      'models) settle on two digons ⊕ a dedicated feature, which costs 3–8% less. Its triangle stays uneven.',
  },
  {
    id: 'antiprism',
    label: 'square antiprism (8 features, D = ⅜)',
    values: { n: 8, m: 3, sparsities: 16, maxInvDensity: 50, steps: 6000, seed: 1, selected: 9 },
    note:
      'n = 8, 16 sparsities with 1/(1 − S) from 1 to 50, 6,000 steps; model 9 (1/(1 − S) = 10.5): all eight ' +
      'features on the sphere, D = ⅜. Arose for 7 of 8 seeds at model 9, 8 of 8 at models 8 and 10–15.',
  },
];

/** A geometry setting (numbers) as URL params. */
const asParams = (values: Partial<GeometryState>) => linkParams(GEOMETRY_PARAMS, values);
const sweepSize = (id: string) => asParams(GEOMETRY_SIZES.find((p) => p.id === id)?.values ?? {});
const polytope = (p: Geometry3DPreset): PresetSpec[] =>
  p.values
    ? [
        {
          id: `geometry-${p.id}`,
          title: `3-D feature geometry: ${p.label}`,
          description: p.note,
          params: asParams(p.values),
        },
      ]
    : [];

export const GEOMETRY_PRESETS: readonly PresetSpec[] = [
  {
    id: 'geometry-paper',
    title: 'Uniform superposition: n = 400, m = 30, 20 sparsities',
    description:
      "The paper's dimensionality figures: equal importance, 1/(1 − S) from 1 to 20. Dimensions per feature " +
      'm/‖W‖_F² fall from 1, stick at ½, and the feature dimensionalities D_i cluster at 1, ¾, ⅔, ½, ⅖, ⅜. Opens ' +
      'on the sweep shipped with the page (trained by the same kernel, seed 1); training it live takes 16 to 25 ' +
      'minutes on two CPU cores (simd path), less with more cores.',
    params: sweepSize('paper'),
  },
  {
    id: 'geometry-notebook',
    title: "Uniform superposition: the notebook's n = 200, m = 20",
    description:
      "The same sweep at the paper notebook's size: 20 sparsities, 10,000 steps. Opens on the shipped sweep; " +
      'training it live takes 5 to 8 minutes on two CPU cores (simd path).',
    params: sweepSize('notebook'),
  },
  {
    id: 'geometry-small',
    title: 'Uniform superposition: n = 40, m = 4 (CPU-sized)',
    description:
      'A sweep small enough for a CPU (12 sparsities, 4,000 steps): the ½ plateau of m/‖W‖_F² and the D_i levels ' +
      'already show.',
    params: sweepSize('small'),
  },
  ...GEOMETRY_3D_PRESETS.flatMap(polytope),
];
