/**
 * The model the footnote experiments run on: one trained instance, as shown in "Superposition at
 * a glance" (the page passes the seed it currently shows), and its form as posted to the task
 * worker (ModelData: feature-major W [n, m], bias, importance and density per feature, plain typed
 * arrays), with the worker side's check of it.
 */
import { MIN_DENSITY } from './inputs';

/** One trained instance, as posted to the task worker (feature-major W [n, m]). */
export interface ModelData {
  W: Float32Array;
  b: Float32Array;
  n: number;
  m: number;
  kind: 'relu' | 'linear';
  importance: Float32Array;
  density: Float32Array;
}

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

/** The model as posted to the worker: compact copies (the page's arrays may be views into bigger buffers). */
export function modelData(model: FootnoteModel): ModelData {
  const { W, b, n, m, kind, importance, density } = model;
  return { W: W.slice(), b: b.slice(), n, m, kind, importance: importance.slice(), density: density.slice() };
}

/**
 * A short fingerprint of a model's identity and weights: the at-a-glance run and step it is from
 * (readable, so a test can wait for the result on the model it trained), and a hash that changes
 * whenever W or b change.
 */
export function modelFingerprint(model: FootnoteModel | null): string {
  if (!model) return '';
  let h = 0;
  for (let q = 0; q < model.W.length; q++) h = (h * 31 + Math.round(model.W[q] * 1e6)) | 0;
  for (let q = 0; q < model.b.length; q++) h = (h * 31 + Math.round(model.b[q] * 1e6)) | 0;
  for (let q = 0; q < model.density.length; q++) h = (h * 31 + Math.round(model.density[q] * 1e6)) | 0;
  for (let q = 0; q < model.importance.length; q++) h = (h * 31 + Math.round(model.importance[q] * 1e6)) | 0;
  return `${model.runKey}@${model.step}:${model.n}x${model.m}:${model.kind}:${h >>> 0}`;
}

/** A model that arrived from another thread, checked field by field (a bad one gets a readable error). */
export function validModel(model: ModelData | undefined): ModelData {
  if (!model) throw new Error('no model given');
  const { n, m } = model;
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(m) && m >= 1)) {
    throw new RangeError(`model: n and m must be positive integers (got n=${n}, m=${m})`);
  }
  if (model.W?.length !== n * m)
    throw new RangeError(`model: W must have n·m = ${n * m} entries (got ${model.W?.length})`);
  if (model.b?.length !== n || model.importance?.length !== n || model.density?.length !== n) {
    throw new RangeError('model: b, importance and density must have n entries');
  }
  if (model.kind !== 'relu' && model.kind !== 'linear') {
    throw new RangeError(`model: kind must be relu or linear (got ${String(model.kind)})`);
  }
  for (let q = 0; q < model.W.length; q++)
    if (!Number.isFinite(model.W[q])) throw new RangeError('model: W has non-finite entries');
  return model;
}

/** Every density within [MIN_DENSITY, 1] (a non-finite one counts as MIN_DENSITY). */
export function clampDensities(d: Float32Array): Float32Array {
  return d.map((v) => Math.min(1, Math.max(MIN_DENSITY, Number.isFinite(v) ? v : MIN_DENSITY)));
}
