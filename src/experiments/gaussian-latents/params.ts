/** "Many sparse features add up to something Gaussian" (footnote 22): its URL keys. */
import type { ParamTable, ParamValues } from '../../state/url-params';
import { GLANCE_PARAMS } from '../at-a-glance/params';

/** Features per hidden dimension the menu offers for the random directions. */
export const GAUSS_RATIOS = [1, 2, 4, 8, 16, 32] as const;
/** Random directions live in this many dimensions. */
export const GAUSS_RANDOM_M = 8;

export const GAUSSIAN_PARAMS = {
  /** Random unit directions, or the trained model's feature directions. */
  source: { key: 'fgsource', kind: 'enum', values: ['random', 'model'], default: 'random' },
  /** Features per hidden dimension of the random directions (n = ratio × 8). */
  featuresPerDimension: { key: 'fgratio', kind: 'choice', values: GAUSS_RATIOS, default: 8 },
  /** Feature density 1 − S (the log slider's range). */
  density: { key: 'fgdensity', kind: 'number', min: 0.001, max: 1, default: 0.1 },
  /** Hidden dimension shown (clamped to the source's m − 1 at use). */
  dimension: { key: 'fgdim', kind: 'int', min: 0, max: Math.max(GLANCE_PARAMS.m.max, GAUSS_RANDOM_M) - 1, default: 0 },
  /** Logarithmic density axis of the histogram. */
  logScale: { key: 'fglog', kind: 'bool', default: false },
} as const satisfies ParamTable;

export type GaussianState = ParamValues<typeof GAUSSIAN_PARAMS>;
