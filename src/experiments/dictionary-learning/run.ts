/**
 * What "Dictionary learning finds the features again" asks the footnotes worker for: one
 * dictionary at the reader's settings, then recovery curves over density and k that reuse that
 * run as one of their points.
 */
import type { DictionaryCurvesRequest, DictionaryRequest, DictionaryResult } from '../../worker/footnotes-protocol';
import { modelData } from '../footnotes/claim';
import { meanDensity, type FootnoteModel } from '../shared/footnote-model';
import { dictionaryDensity, type DictionaryState } from './params';

/** The settings a run uses for this model: atoms k = k/n · n, λ, and the data density (the model's own unless chosen). */
export function dictionarySettings(model: FootnoteModel | null, s: DictionaryState) {
  const chosen = dictionaryDensity(s);
  return {
    k: Math.max(1, s.fdk * (model?.n ?? 0)),
    lambda: s.fdlambda,
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
  return { model: modelData(model), kPerFeature: s.fdk, relativeLambda: lambda, density, known };
}
