/**
 * The footnotes worker's input checks and small numeric helpers: requests arrive from another
 * thread, so every field is validated (or given its default) before an experiment runs.
 */
import type { ModelData, Progress, ProgressCallback } from './footnotes-protocol';

/** Lowest density the experiments accept: sampling non-zero inputs must stay finite work. */
export const MIN_DENSITY = 1e-3;

/** Fire a progress callback (a Comlink proxy returns a promise; its failures are ignored). */
export function notify(cb: ProgressCallback | undefined, p: Progress): void {
  if (!cb) return;
  try {
    void Promise.resolve(cb(p) as unknown).catch(() => undefined);
  } catch {
    // a failing progress callback must not stop the computation
  }
}

export function validModel(model: ModelData): ModelData {
  if (!model) throw new Error('no model given');
  const { n, m } = model;
  if (!(Number.isInteger(n) && n >= 1 && Number.isInteger(m) && m >= 1))
    throw new RangeError(`model: n and m must be positive integers (got n=${n}, m=${m})`);
  if (model.W?.length !== n * m)
    throw new RangeError(`model: W must have n·m = ${n * m} entries (got ${model.W?.length})`);
  if (model.b?.length !== n || model.importance?.length !== n || model.density?.length !== n) {
    throw new RangeError('model: b, importance and density must have n entries');
  }
  if (model.kind !== 'relu' && model.kind !== 'linear')
    throw new RangeError(`model: kind must be relu or linear (got ${String(model.kind)})`);
  for (let q = 0; q < model.W.length; q++)
    if (!Number.isFinite(model.W[q])) throw new RangeError('model: W has non-finite entries');
  return model;
}

export function clampDensities(d: Float32Array): Float32Array {
  return d.map((v) => Math.min(1, Math.max(MIN_DENSITY, Number.isFinite(v) ? v : MIN_DENSITY)));
}

export function finiteOr(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) ? v : fallback;
}

export function positiveInt(v: number | undefined, fallback: number): number {
  return v !== undefined && Number.isFinite(v) && v >= 1 ? Math.floor(v) : fallback;
}

export function meanOf(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return a.length ? s / a.length : 0;
}

/** Sorted, with near-duplicates (relative 1e-6) removed. */
export function uniqueSorted(values: readonly number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].filter(Number.isFinite).sort((a, b) => a - b)) {
    if (out.length === 0 || Math.abs(v - out[out.length - 1]) > 1e-6 * Math.max(1, Math.abs(v))) out.push(v);
  }
  return out;
}
