/**
 * Footnote 20's other answer scored like an SAE: a dictionary B [k, m] with codes A [d, k] found by
 * optimisation per sample (FISTA + MOD, src/train/solvers/fista.ts) instead of an amortised encoder,
 * on the first d samples of the same evaluation set. Same matching, MCC, L0 and FVU as the scorecard.
 */
import { representedFeatures } from '../metrics';
import { latentOrder, matchLatents } from './matching';
import { RECOVERED_COS, type EvaluationSet } from './metrics';
import type { ActivationSource } from './activations';

export interface DictionaryScore {
  k: number;
  samples: number;
  mcc: number;
  recovered: number;
  represented: number[];
  matchedCos: number[];
  bestCos: number[];
  latentOf: number[];
  l0: number;
  fvu: number;
  /** |cos| [represented, k] and the atoms' display order. */
  absCos: number[];
  order: number[];
}

export function scoreDictionary(
  atoms: Float32Array,
  codes: Float32Array,
  k: number,
  d: number,
  source: ActivationSource,
  ev: EvaluationSet,
): DictionaryScore {
  const { n, m } = source;
  const represented = representedFeatures(source.W, n, m);
  const F = new Float64Array(represented.length * m);
  represented.forEach((i, r) => {
    for (let q = 0; q < m; q++) F[r * m + q] = source.W[i * m + q];
  });
  const match = matchLatents(F, atoms, m);
  const mean = new Float64Array(m);
  for (let s = 0; s < d; s++) for (let q = 0; q < m; q++) mean[q] += ev.H[s * m + q] / d;
  let err = 0;
  let variance = 0;
  let active = 0;
  for (let s = 0; s < d; s++) {
    for (let q = 0; q < m; q++) {
      let r = 0;
      for (let j = 0; j < k; j++) r += codes[s * k + j] * atoms[j * m + q];
      const h = ev.H[s * m + q];
      err += (r - h) ** 2;
      variance += (h - mean[q]) ** 2;
    }
    for (let j = 0; j < k; j++) if (codes[s * k + j] > 0) active++;
  }
  return {
    k,
    samples: d,
    mcc: match.mcc,
    recovered: Array.from(match.matchedCos).filter((c) => c >= RECOVERED_COS).length,
    represented,
    matchedCos: Array.from(match.matchedCos),
    bestCos: Array.from(match.bestCos),
    latentOf: Array.from(match.latentOf),
    l0: active / d,
    fvu: err / variance,
    absCos: Array.from(match.absCos),
    order: latentOrder(match),
  };
}
