/** "Dictionary learning finds the features again" (footnote 20): its URL keys, its requests and its presets. */
import type { PresetSpec } from '../../state/presets';
import { linkParams, type ParamTable, type ParamValues } from '../../state/url-params';
import { meanDensity, modelData, type FootnoteModel } from '../shared/footnote-model';
import type { DictionaryCurvesRequest, DictionaryRequest, DictionaryResult } from './run';

/** Atoms per feature, k/n, the menu offers. */
export const DICT_K_FACTORS = [1, 2, 4] as const;

export const DICTIONARY_PARAMS = {
  /** Atoms per feature, k/n. */
  atomsPerFeature: { key: 'fdk', kind: 'choice', values: DICT_K_FACTORS, default: 2 },
  /** L1 strength relative to RMS‖h‖ (the log slider's ends, 10^−2.5 and 10^−0.5, at 2 digits). */
  lambda: { key: 'fdlambda', kind: 'number', min: 0.0032, max: 0.32, default: 0.05 },
  /** Density 1 − S of the sampled inputs; 0 means the model's own (no feature is ever on at 0). */
  density: { key: 'fddensity', kind: 'number', min: 0, max: 1, default: 0 },
} as const satisfies ParamTable;

export type DictionaryState = ParamValues<typeof DICTIONARY_PARAMS>;

/** Dictionary learning's data density: null for the model's own. Below the slider's 0.001 counts as 0.001. */
export const dictionaryDensity = (s: Pick<DictionaryState, 'density'>): number | null =>
  s.density > 0 ? Math.max(0.001, s.density) : null;

/**
 * The settings a run uses for this model: atoms k = k/n · n, λ, and the data density (the model's own unless chosen).
 */
export function dictionarySettings(model: FootnoteModel | null, s: DictionaryState) {
  const chosen = dictionaryDensity(s);
  return {
    k: Math.max(1, s.atomsPerFeature * (model?.n ?? 0)),
    lambda: s.lambda,
    chosen,
    density: chosen ?? (model ? meanDensity(model) : 0.1),
  };
}

/** The single run at the reader's settings. */
export function dictionaryRequest(model: FootnoteModel, s: DictionaryState): DictionaryRequest {
  const { k, lambda, chosen } = dictionarySettings(model, s);
  return { model: modelData(model), k, relativeLambda: lambda, density: chosen ?? undefined };
}

/**
 * The curves over density and k/n. The single run is one point of each (same settings and seed),
 * so it is passed as known — for the model's own density only when every feature shares it.
 */
export function curvesRequest(
  model: FootnoteModel,
  s: DictionaryState,
  done: DictionaryResult | null,
): DictionaryCurvesRequest {
  const { k, lambda, chosen, density } = dictionarySettings(model, s);
  const uniform = Array.from(model.density).every((v) => v === model.density[0]);
  const known =
    done && done.k === k && (chosen !== null || uniform)
      ? [{ density: Number(density.toPrecision(6)), k, fraction: done.fraction }]
      : [];
  return { model: modelData(model), kPerFeature: s.atomsPerFeature, relativeLambda: lambda, density, known };
}

export const DICTIONARY_PRESETS: readonly PresetSpec[] = [
  {
    id: 'dictionary',
    title: 'Footnote 20: dictionary learning finds the features again (k = 2n)',
    description:
      'On the model shown at a glance: a sparse dictionary of 2n atoms learned from its hidden vectors alone ' +
      'points at every represented feature, where the hidden axes themselves find only some; recovery against ' +
      'data density and against atoms per feature k/n.',
    params: linkParams(DICTIONARY_PARAMS, { atomsPerFeature: 2, lambda: 0.05, density: 0 }),
  },
  {
    id: 'dictionary-4n',
    title: 'Footnote 20: an overcomplete dictionary (k = 4n)',
    description:
      'Four atoms per feature: every represented feature is still found by an atom (matched on the diagonal), ' +
      'and the spare atoms repeat found directions or fall between them; fewer atoms than features (k/n < 1 on ' +
      'the curve) cannot find them all.',
    params: linkParams(DICTIONARY_PARAMS, { atomsPerFeature: 4, lambda: 0.05, density: 0 }),
  },
];
