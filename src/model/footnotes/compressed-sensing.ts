/**
 * Compressed sensing (footnotes 23–24): how many hidden dimensions sparse features need, and the
 * finite-size recovery transition. Pure functions over typed arrays: the random problems, the
 * success criterion and the curve summaries. The batched L1 solver that runs the problems is
 * `recoveryCurve` in src/train/solvers/fista.ts.
 */
import { Rng, deriveSeed } from '../rng';

/**
 * The compressed-sensing scale of the number of dimensions n sparse features need:
 * m ∝ n(1−S)·(−log(1−S)) with density = 1 − S. Read it as (expected number of non-zero
 * features) × (surprisal, in nats, of one feature being non-zero). 0 at density 0 and 1.
 */
export function compressedSensingScale(n: number, density: number): number {
  if (!(density > 0) || density >= 1) return 0;
  return n * density * -Math.log(density);
}

/** m = n/2 measurements (rounded), the footnote experiment's aspect ratio. */
export function defaultMeasurements(n: number): number {
  return Math.max(1, Math.round(n / 2));
}

/** Distinct sparsities k (1 ≤ k ≤ m) nearest to the given ratios k/m, ascending. */
export function sparsitiesForRatios(m: number, ratios: readonly number[]): number[] {
  const ks = new Set<number>();
  for (const r of ratios) ks.add(Math.min(m, Math.max(1, Math.round(r * m))));
  return [...ks].sort((a, b) => a - b);
}

/**
 * T groups of random problems. Group t has its own Gaussian measurement matrix A_t [m, n]
 * (entries N(0, 1/m), row-major) and one k-sparse non-negative signal per entry of `ks`
 * (support uniform without replacement, values uniform on (0, 1] like the toy model's features).
 * Sharing A_t across the K sparsities makes the solve one batched matMul per group; every
 * (k, t) problem is still an independent draw of matrix and support for its own k.
 */
export interface RecoveryProblems {
  n: number;
  m: number;
  ks: number[];
  trials: number;
  /** [T, m, n] */
  A: Float32Array;
  /** [T, K, n] true signals */
  X: Float32Array;
  /** [T, K, m] measurements Y = X Aᵀ */
  Y: Float32Array;
}

export function makeRecoveryProblems(
  n: number,
  m: number,
  ks: readonly number[],
  trials: number,
  seed: number,
  orthonormalRows = true,
): RecoveryProblems {
  const K = ks.length;
  const A = new Float32Array(trials * m * n);
  const X = new Float32Array(trials * K * n);
  const Y = new Float32Array(trials * K * m);
  const perm = new Int32Array(n);
  const scale = 1 / Math.sqrt(m);
  for (let t = 0; t < trials; t++) {
    const rng = new Rng(deriveSeed(seed, 0xc5, t));
    const aOff = t * m * n;
    for (let q = 0; q < m * n; q++) A[aOff + q] = scale * rng.normal();
    if (orthonormalRows) orthonormaliseRows(A, aOff, m, n);
    for (let j = 0; j < K; j++) {
      const k = ks[j];
      const xOff = (t * K + j) * n;
      for (let i = 0; i < n; i++) perm[i] = i;
      // Partial Fisher–Yates: the first k entries of perm are a uniform k-subset.
      for (let i = 0; i < k; i++) {
        const r = i + rng.int(n - i);
        const tmp = perm[i];
        perm[i] = perm[r];
        perm[r] = tmp;
        X[xOff + perm[i]] = 1 - rng.uniform();
      }
      const yOff = (t * K + j) * m;
      for (let row = 0; row < m; row++) {
        let s = 0;
        for (let i = 0; i < k; i++) s += A[aOff + row * n + perm[i]] * X[xOff + perm[i]];
        Y[yOff + row] = s;
      }
    }
  }
  return { n, m, ks: [...ks], trials, A, X, Y };
}

/**
 * Replace the rows of the m × n block at `off` by an orthonormal basis of their span (modified
 * Gram–Schmidt, in float64). Whether L1 minimisation recovers x depends on A only through its null
 * space ({x : Ax = Ax₀} = x₀ + null A), and a Gaussian matrix's null space is uniformly
 * distributed either way, so the recovery probability is unchanged — but the solver's gradient map
 * AᵀA becomes a projection (Lipschitz constant exactly 1), which makes FISTA converge several
 * times faster than on the raw matrix (condition (1 + √(n/m))² / (1 − √(m/n))² ≈ 34 at m = n/2).
 */
export function orthonormaliseRows(A: Float32Array, off: number, m: number, n: number): void {
  const rows = Array.from({ length: m }, (_, r) => Float64Array.from(A.subarray(off + r * n, off + (r + 1) * n)));
  for (let r = 0; r < m; r++) {
    const v = rows[r];
    for (let q = 0; q < r; q++) {
      const u = rows[q];
      let d = 0;
      for (let i = 0; i < n; i++) d += u[i] * v[i];
      for (let i = 0; i < n; i++) v[i] -= d * u[i];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) A[off + r * n + i] = v[i] /= norm;
  }
}

/**
 * Fraction of the T problems at each k whose solution X̂ [T, K, n] matches the truth:
 * ‖x̂ − x‖ ≤ tolerance · ‖x‖. A failed L1 recovery lands on a different vertex of the feasible
 * polytope, far from x, so the verdict is insensitive to the tolerance between ~1e-3 and ~0.1.
 */
export function recoverySuccess(problems: RecoveryProblems, Xhat: Float32Array, tolerance = 1e-2): Float64Array {
  const { n, ks, trials, X } = problems;
  const K = ks.length;
  const out = new Float64Array(K);
  for (let t = 0; t < trials; t++) {
    for (let j = 0; j < K; j++) {
      const off = (t * K + j) * n;
      let err = 0;
      let norm = 0;
      for (let i = 0; i < n; i++) {
        err += (Xhat[off + i] - X[off + i]) ** 2;
        norm += X[off + i] ** 2;
      }
      if (Math.sqrt(err) <= tolerance * Math.sqrt(norm)) out[j] += 1 / trials;
    }
  }
  return out;
}

/**
 * Where a (decreasing) success curve crosses a level, by linear interpolation between the grid
 * points: the first crossing from above. NaN if the curve never falls below the level.
 */
export function crossing(ratios: ArrayLike<number>, success: ArrayLike<number>, level: number): number {
  if (success.length === 0) return NaN;
  if (success[0] < level) return ratios[0];
  for (let j = 1; j < success.length; j++) {
    if (success[j] < level) {
      const s0 = success[j - 1];
      const s1 = success[j];
      const f = (s0 - level) / (s0 - s1);
      return ratios[j - 1] + f * (ratios[j] - ratios[j - 1]);
    }
  }
  return NaN;
}

/**
 * The width in k/m of the transition from `high` (default 90%) to `low` (10%) success: the
 * finite-size smear of footnote 24's phase transition, which shrinks as n grows. The curve is
 * first fitted by the closest non-increasing curve (isotonic regression, pool adjacent
 * violators) so that sampling noise cannot create extra crossings.
 */
export function transitionWidth(
  ratios: ArrayLike<number>,
  success: ArrayLike<number>,
  low = 0.1,
  high = 0.9,
): { start: number; end: number; width: number } {
  const mono = nonIncreasingFit(success);
  const start = crossing(ratios, mono, high);
  const end = crossing(ratios, mono, low);
  return { start, end, width: end - start };
}

/** Least-squares non-increasing fit (pool adjacent violators). */
export function nonIncreasingFit(values: ArrayLike<number>): Float64Array {
  const means: number[] = [];
  const sizes: number[] = [];
  for (let j = 0; j < values.length; j++) {
    means.push(values[j]);
    sizes.push(1);
    while (means.length > 1 && means[means.length - 2] < means[means.length - 1]) {
      const s1 = sizes.pop()!;
      const m1 = means.pop()!;
      const s0 = sizes[sizes.length - 1];
      means[means.length - 1] = (means[means.length - 1] * s0 + m1 * s1) / (s0 + s1);
      sizes[sizes.length - 1] = s0 + s1;
    }
  }
  const out = new Float64Array(values.length);
  let o = 0;
  means.forEach((v, b) => {
    for (let q = 0; q < sizes[b]; q++) out[o++] = v;
  });
  return out;
}
