/** State of the "Superposition at a glance" section: its URL keys, limits and defaults. */
import { PAPER_OPTIMIZER, PAPER_BATCH_SIZE, settingInstances, type TrainConfig } from '../model/config';
import type { ParamTable, ParamValues } from './url-params';

export const GLANCE_PARAMS = {
  n: { kind: 'int', min: 2, max: 20, default: 5 },
  m: { kind: 'int', min: 1, max: 10, default: 2 },
  /** Feature density 1 − S (the slider is logarithmic). */
  density: { kind: 'number', min: 0.001, max: 1, default: 0.1 },
  /** Importance of feature i is decay^i. */
  decay: { kind: 'number', min: 0.5, max: 1, default: 0.9 },
  kind: { kind: 'enum', values: ['relu', 'linear'], default: 'relu' },
  seed: { kind: 'int', min: 1, max: 999_999, default: 1 },
  /** Seeds trained side by side; the lowest-loss one is shown, as the paper does. */
  seeds: { kind: 'int', min: 1, max: 8, default: 3 },
  steps: { kind: 'int', min: 100, max: 100_000, default: 10_000 },
  warm: { kind: 'bool', default: false },
  /** Training path: 'auto' measures the candidates and picks the fastest. */
  backend: { kind: 'enum', values: ['auto', 'js', 'wasm', 'webgl', 'cpu'], default: 'auto' },
  /** Test hook (not a control): 'webgl-lost' makes the WebGL path fail after 200 steps. */
  fault: { kind: 'enum', values: ['none', 'webgl-lost'], default: 'none' },
} as const satisfies ParamTable;

export type GlanceState = ParamValues<typeof GLANCE_PARAMS>;

/** The batched training request behind the section: `seeds` instances of one setting. */
export function glanceTrainConfig(s: GlanceState): TrainConfig {
  return {
    n: s.n,
    m: s.m,
    kind: s.kind as TrainConfig['kind'],
    batchSize: PAPER_BATCH_SIZE,
    optimizer: { ...PAPER_OPTIMIZER },
    instances: settingInstances(s.n, s.density, s.decay, s.seed, s.seeds),
  };
}

/** Log-slider mapping: position t ∈ [0, 3] ↔ density 10^(−t) (1 down to 0.001). */
export const densityFromSlider = (t: number) => Math.pow(10, -t);
export const sliderFromDensity = (d: number) => -Math.log10(d);
