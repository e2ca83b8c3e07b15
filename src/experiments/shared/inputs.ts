/**
 * Checks for the numbers of a task request: requests arrive from another thread (or a CLI), so
 * every field is validated or given its default before an experiment computes.
 */

/** Lowest density the experiments accept: sampling non-zero inputs must stay finite work. */
export const MIN_DENSITY = 1e-3;

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
