/**
 * `count` values from a to b, evenly spaced on a log scale, both ends exact (one value: their
 * geometric mean). The phase grid, the sparsity sweeps, the pentagon's relative densities and
 * the sampled phase boundaries all use it.
 */
export function logSpace(a: number, b: number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) out[k] = count === 1 ? Math.sqrt(a * b) : a * Math.pow(b / a, k / (count - 1));
  if (count > 1) out[count - 1] = b;
  return out;
}

/** Log-spaced λ values from lo to hi (count of them), with 0 prepended as the control (the L1 margin's sweep). */
export function lambdaSweep(lo: number, hi: number, count: number): number[] {
  const out = [0];
  for (let i = 0; i < count; i++) out.push(count === 1 ? lo : lo * Math.pow(hi / lo, i / (count - 1)));
  return out;
}
