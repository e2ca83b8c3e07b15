/** "Dictionary learning finds the features again" (footnote 20): its URL keys. */
import type { ParamTable, ParamValues } from '../../state/url-params';

/** Atoms per feature, k/n, the menu offers. */
export const DICT_K_FACTORS = [1, 2, 4] as const;

export const DICTIONARY_PARAMS = {
  /** Atoms per feature, k/n. */
  fdk: { kind: 'choice', values: DICT_K_FACTORS, default: 2 },
  /** L1 strength relative to RMS‖h‖ (the log slider's ends, 10^−2.5 and 10^−0.5, at 2 digits). */
  fdlambda: { kind: 'number', min: 0.0032, max: 0.32, default: 0.05 },
  /** Density 1 − S of the sampled inputs; 0 means the model's own (no feature is ever on at 0). */
  fddensity: { kind: 'number', min: 0, max: 1, default: 0 },
} as const satisfies ParamTable;

export type DictionaryState = ParamValues<typeof DICTIONARY_PARAMS>;

/** Dictionary learning's data density: null for the model's own. Below the slider's 0.001 counts as 0.001. */
export const dictionaryDensity = (s: Pick<DictionaryState, 'fddensity'>): number | null =>
  s.fddensity > 0 ? Math.max(0.001, s.fddensity) : null;
