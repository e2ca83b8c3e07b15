/** "Superposition at a glance": its URL keys, limits and defaults, its training request and its paper presets. */
import { paperConfig, type TrainConfig } from '../../model/config';
import type { PresetSpec } from '../../state/presets';
import type { ParamTable, ParamValues } from '../../state/url-params';
import { DENSITY_RANGE, IMPORTANCE_RANGE, densitiesOf, importancesOf, type FeatureSettings } from './features';
import { PIN_MAX_LENGTH, pinProblem } from './pin';

const N_MAX = 20;

export const GLANCE_PARAMS = {
  n: { kind: 'int', min: 2, max: N_MAX, default: 5 },
  m: { kind: 'int', min: 1, max: 10, default: 2 },
  /** Feature density 1 − S (the slider is logarithmic). */
  density: { kind: 'number', min: 0.001, max: 1, default: 0.1 },
  /** Importance of feature i is decay^i. */
  decay: { kind: 'number', min: 0.5, max: 1, default: 0.9 },
  /** Per-feature importances I_i (comma list; empty: decay^i). Cut or padded to n. */
  importances: { kind: 'list', item: 'number', ...IMPORTANCE_RANGE, maxLength: N_MAX, default: [] },
  /** Per-feature densities 1 − S_i (comma list; empty: `density` for every feature). Cut or padded to n. */
  densities: { kind: 'list', item: 'number', ...DENSITY_RANGE, maxLength: N_MAX, default: [] },
  kind: { kind: 'enum', values: ['relu', 'linear'], default: 'relu' },
  seed: { kind: 'int', min: 1, max: 999_999, default: 1 },
  /** Seeds trained side by side; the lowest-loss one is shown, as the paper does. */
  seeds: { kind: 'int', min: 1, max: 8, default: 3 },
  steps: { kind: 'int', min: 100, max: 100_000, default: 10_000 },
  warm: { kind: 'bool', default: false },
  /** Training path: 'auto' measures the candidates and picks the fastest. */
  path: {
    key: 'backend',
    kind: 'enum',
    values: ['auto', 'simd', 'js', 'wasm', 'webgl', 'webgpu', 'cpu'],
    default: 'auto',
  },
  /** Test hook (not a control): 'webgl-lost' makes the WebGL path fail after 200 steps. */
  fault: { kind: 'enum', values: ['none', 'webgl-lost'], default: 'none' },
  /** A pinned result to compare with (see pin.ts for the encoding); survives picking a preset. */
  pin: { kind: 'text', maxLength: PIN_MAX_LENGTH, check: pinProblem, sticky: true, default: '' },
} as const satisfies ParamTable;

export type GlanceState = ParamValues<typeof GLANCE_PARAMS>;

/** The fields the section's run trains (its run key, state/run-key.ts): not `warm`, `fault` or `pin`. */
export const GLANCE_RUN_KEYS = [
  'n',
  'm',
  'density',
  'decay',
  'importances',
  'densities',
  'kind',
  'seed',
  'seeds',
  'steps',
  'path',
] as const;

/** The batched training request behind the section: `seeds` instances of one setting (per-feature I_i and 1 − S_i). */
export function glanceTrainConfig(
  s: FeatureSettings & Pick<GlanceState, 'm' | 'kind' | 'seed' | 'seeds'>,
): TrainConfig {
  const importance = Float32Array.from(importancesOf(s));
  const density = Float32Array.from(densitiesOf(s));
  const instances = Array.from({ length: s.seeds }, (_, j) => ({
    seed: s.seed + j,
    density: density.slice(),
    importance: importance.slice(),
  }));
  return paperConfig(s.n, s.m, s.kind, instances);
}

/** The paper's first figure: n = 5, m = 2, I = 0.9^i, the notebook recipe, best of 4 seeds. */
const intro = (density: string) => ({
  n: '5',
  m: '2',
  density,
  decay: '0.9',
  kind: 'relu',
  seeds: '4',
  steps: '10000',
});
/** "Basic Results": n = 20, m = 5, I = 0.7^i. */
const basic = (density: string, kind = 'relu') => ({
  n: '20',
  m: '5',
  density,
  decay: '0.7',
  kind,
  seeds: '3',
  steps: '10000',
});

export const GLANCE_PRESETS: readonly PresetSpec[] = [
  {
    id: 'intro-dense',
    title: 'Intro: 5 features in 2 dimensions, dense (S = 0)',
    description:
      'Dense features: the two most important features get orthogonal dimensions and the other three are dropped ' +
      '(W_i ≈ 0, bias ≈ their mean 0.5).',
    params: intro('1'),
  },
  {
    id: 'intro-s80',
    title: 'Intro: 5 features in 2 dimensions, S = 0.8',
    description:
      "The paper's 80% sparsity panel: the four most important features are stored as two antipodal pairs (gaps " +
      'of 90°, D_i ≈ 1/2) and the least important is dropped.',
    params: intro('0.2'),
  },
  {
    id: 'intro-s90',
    title: 'Intro: 5 features in 2 dimensions, S = 0.9',
    description:
      "The paper's 90% sparsity panel: all five features are represented, as a pentagon (gaps of 72°), in " +
      'superposition with positive interference cut off by negative biases.',
    params: intro('0.1'),
  },
  {
    id: 'intro-s99',
    title: 'Intro: 5 features in 2 dimensions, S = 0.99',
    description: 'Very sparse features: a clean pentagon, norms ≈ 1.1, biases ≈ −0.25, every D_i ≈ 2/5.',
    params: intro('0.01'),
  },
  {
    id: 'basic-linear',
    title: 'Basic results: linear model, n = 20, m = 5',
    description:
      'The linear model WᵀWx + b at S = 0.9 keeps exactly the top m = 5 features (WᵀW is the identity on them, ' +
      'zero elsewhere) whatever the sparsity: no superposition.',
    params: basic('0.1', 'linear'),
  },
  {
    id: 'basic-dense',
    title: 'Basic results: ReLU model, n = 20, m = 5, dense (S = 0)',
    description:
      'Dense features: the ReLU output model behaves like the linear one and keeps the five most important features.',
    params: basic('1'),
  },
  {
    id: 'basic-s90',
    title: 'Basic results: ReLU model, n = 20, m = 5, S = 0.9',
    description:
      'At 90% sparsity the ReLU model adds features beyond the top 5, starting with less important ones as ' +
      'antipodal pairs (about 9 features, m/‖W‖_F² ≈ 0.56).',
    params: basic('0.1'),
  },
  {
    id: 'basic-s999',
    title: 'Basic results: ReLU model, n = 20, m = 5, S = 0.999',
    description:
      'At 99.9% sparsity most features are in superposition (about 14 represented, m/‖W‖_F² ≈ 0.3), with ' +
      'positive interference and negative biases.',
    params: basic('0.001'),
  },
];
