/**
 * The model the footnote experiments run on: one trained instance, as shown in "Superposition at
 * a glance" (the page passes the seed it currently shows). Plain typed arrays only, so it can be
 * posted to the footnotes worker as is.
 */
export interface FootnoteModel {
  /** Feature-major weights [n, m]: W[i * m + k] is component k of feature i's embedding. */
  W: Float32Array;
  /** Bias [n]. */
  b: Float32Array;
  n: number;
  m: number;
  kind: 'relu' | 'linear';
  /** Per-feature importance I_i [n]. */
  importance: Float32Array;
  /** Per-feature density 1 − S_i [n]. */
  density: Float32Array;
  /** Training step the weights are from (a change of step means new weights). */
  step: number;
  /** Describes the setting (n, m, density, seed…): shown in captions and exports; a change means a different model. */
  label: string;
}

/** Mean density of a model's features (the footnote controls use one sparsity for all features). */
export function meanDensity(model: Pick<FootnoteModel, 'density' | 'n'>): number {
  let s = 0;
  for (let i = 0; i < model.n; i++) s += model.density[i];
  return model.n > 0 ? s / model.n : 0;
}
