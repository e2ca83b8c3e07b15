/**
 * "Perturbing one feature" (the paper's "Non-Uniform Superposition"), inside the geometry section: its URL keys and its
 * paper preset. It trains with the sweep's seed, so its section also reads that field of the geometry experiment.
 */
import type { PresetSpec } from '../../state/presets';
import { linkParams, type ParamTable, type ParamValues } from '../../state/url-params';
import { GEOMETRY_PARAMS, type GeometryState } from '../geometry/params';

export const PENTAGON_PARAMS = {
  /** Random initialisations per relative density (the lowest expected loss is kept). */
  seeds: { key: 'gpseeds', kind: 'int', min: 1, max: 8, default: 4 },
  /** Training steps of the random fits. */
  steps: { key: 'gpsteps', kind: 'int', min: 1000, max: 20_000, default: 6000 },
  /** Density 1 − S of features 0–3 (the paper's 0.05). */
  baseDensity: { key: 'gpbase', kind: 'number', min: 0.01, max: 0.2, default: 0.05 },
} as const satisfies ParamTable;

export type PentagonParams = ParamValues<typeof PENTAGON_PARAMS>;
/** What the section reads: its own keys and the geometry sweep's seed. */
export type PentagonState = PentagonParams & Pick<GeometryState, 'seed'>;

/** The fields its runs' keys (state/run-key.ts) are written from: its own and the sweep's seed. */
export const PENTAGON_RUN_TABLE = { ...PENTAGON_PARAMS, seed: GEOMETRY_PARAMS.seed } as const;
/** The fields the random fits train. */
export const PENTAGON_RUN_KEYS = ['seeds', 'steps', 'baseDensity', 'seed'] as const;
/** The fields the fixed starts behind the loss curves train (their step count is fixed). */
export const PENTAGON_CURVE_RUN_KEYS = ['baseDensity', 'seed'] as const;

export const PENTAGON_PRESETS: readonly PresetSpec[] = [
  {
    id: 'perturbed-pentagon',
    title: 'Non-uniform superposition: perturbing one feature of the pentagon',
    description:
      'n = 5, m = 2, four features at density 0.05 and the fifth varied: the pentagon gives way to two digons ' +
      'with the fifth feature dropped as its relative density falls; the two solutions’ losses cross at the ' +
      'transition.',
    params: linkParams(PENTAGON_PARAMS, { baseDensity: 0.05, seeds: 4, steps: 6000 }),
  },
];
