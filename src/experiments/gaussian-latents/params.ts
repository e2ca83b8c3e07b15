/** "Many sparse features add up to something Gaussian" (footnote 22): its URL keys, its request and its preset. */
import type { PresetSpec } from '../../state/presets';
import { linkParams, type ParamTable, type ParamValues } from '../../state/url-params';
import { GLANCE_PARAMS } from '../at-a-glance/params';
import { modelData, type FootnoteModel } from '../shared/footnote-model';

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

/** What the section computes on: the model's directions only when asked for and trained, else random ones. */
export function gaussianSetting(
  model: Pick<FootnoteModel, 'm'> | null,
  s: Pick<GaussianState, 'source' | 'dimension'>,
) {
  const useModel = s.source === 'model' && model !== null;
  const m = useModel ? model.m : GAUSS_RANDOM_M;
  return { useModel, m, dimension: Math.min(s.dimension, m - 1) };
}

/**
 * The section's request, the model's directions when asked for and trained, else ratio × 8 random ones in R^8: a
 * GaussianRequest (run.ts reads this file's defaults, so the type is checked where the request is sent, not imported
 * back here).
 */
export function gaussianRequest(model: FootnoteModel | null, s: GaussianState) {
  const { useModel, dimension } = gaussianSetting(model, s);
  const { density, featuresPerDimension } = s;
  return useModel && model
    ? { source: 'model' as const, model: modelData(model), density, dimension }
    : { source: 'random' as const, m: GAUSS_RANDOM_M, featuresPerDimension, density, dimension };
}

export const GAUSSIAN_PRESETS: readonly PresetSpec[] = [
  {
    id: 'gaussian-latents',
    title: 'Footnote 22: many sparse features add up to something Gaussian',
    description:
      '64 random unit directions in 8 dimensions (8 features per dimension) at density 0.1: one hidden ' +
      'activation against the normal with its mean and variance, and the excess kurtosis falling towards 0 as ' +
      'features per dimension grow.',
    params: linkParams(GAUSSIAN_PARAMS, {
      source: 'random',
      featuresPerDimension: 8,
      density: 0.1,
      dimension: 0,
      logScale: false,
    }),
  },
];
