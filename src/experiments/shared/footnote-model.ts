import type { ModelData } from '../../worker/footnotes-protocol';

/**
 * The model the footnote experiments run on: one trained instance, as shown in "Superposition at
 * a glance" (the page passes the seed it currently shows). Its weights and data distribution are
 * the footnotes worker's ModelData (feature-major W [n, m], bias, importance and density per
 * feature), plain typed arrays, so it can be posted as is.
 */
export interface FootnoteModel extends ModelData {
  /** Training step the weights are from (a change of step means new weights). */
  step: number;
  /** The run key (state/run-key.ts) of the at-a-glance run the weights are from. */
  runKey: string;
  /** Describes the setting (n, m, density, seed…): shown in captions and exports; a change means a different model. */
  label: string;
}

/** Mean density of a model's features (the footnote controls use one sparsity for all features). */
export function meanDensity(model: Pick<FootnoteModel, 'density' | 'n'>): number {
  let s = 0;
  for (let i = 0; i < model.n; i++) s += model.density[i];
  return model.n > 0 ? s / model.n : 0;
}
