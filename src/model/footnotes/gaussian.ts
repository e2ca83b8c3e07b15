/**
 * Superposed sparse features look Gaussian (footnote 22). One sparse feature is very
 * non-Gaussian (a spike at 0 and a heavy tail); a hidden activation h_k = Σ_i x_i W_ik sums many
 * independent such terms, so by the central limit theorem it drifts towards a Gaussian as the
 * number of features per hidden dimension grows. That is the link between superposition and
 * generative models whose latent space is constrained to be Gaussian.
 *
 * Pure functions: activation samples, the moments, a histogram with the fitted normal, Q–Q points.
 */
import { perFeature } from '../config';
import { fillSparseUniform } from '../data';
import { Rng, deriveSeed } from '../rng';

/** n random unit vectors in R^m (feature-major [n, m]): an untrained embedding with no structure. */
export function randomUnitDirections(n: number, m: number, seed: number): Float32Array {
  const rng = new Rng(deriveSeed(seed, 0x9a55));
  const W = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += (W[i * m + k] = rng.normal()) ** 2;
    const inv = 1 / Math.sqrt(s);
    for (let k = 0; k < m; k++) W[i * m + k] *= inv;
  }
  return W;
}

export interface HiddenSamplesOptions {
  m: number;
  /** Number of features n; or give featuresPerDimension (n = round(ratio · m)). */
  n?: number;
  featuresPerDimension?: number;
  /** Feature density 1 − S (scalar or per feature). */
  density: number | ArrayLike<number>;
  samples: number;
  seed?: number;
  /** A trained embedding [n, m]; default: random unit directions. */
  W?: Float32Array;
}

/** `samples` hidden vectors h = W x, [samples, m] row-major, all inputs included (zeros too). */
export function hiddenSamples(opts: HiddenSamplesOptions): { H: Float32Array; W: Float32Array; n: number; m: number } {
  const { m, samples } = opts;
  const n = opts.n ?? (opts.W ? opts.W.length / m : Math.max(1, Math.round((opts.featuresPerDimension ?? 1) * m)));
  const seed = opts.seed ?? 1;
  const W = opts.W ?? randomUnitDirections(n, m, seed);
  if (W.length !== n * m) throw new RangeError('hiddenSamples: W must be [n, m]');
  const density = perFeature(n, opts.density);
  const rng = new Rng(deriveSeed(seed, 0x9a56));
  const H = new Float32Array(samples * m);
  const chunk = 1024;
  const X = new Float32Array(chunk * n);
  for (let r0 = 0; r0 < samples; r0 += chunk) {
    const rows = Math.min(chunk, samples - r0);
    fillSparseUniform(X, 0, rows, density, rng);
    for (let r = 0; r < rows; r++) {
      const ho = (r0 + r) * m;
      for (let i = 0; i < n; i++) {
        const xi = X[r * n + i];
        if (xi === 0) continue;
        for (let k = 0; k < m; k++) H[ho + k] += xi * W[i * m + k];
      }
    }
  }
  return { H, W, n, m };
}

/** Column k of a row-major [rows, m] array. */
export function column(H: Float32Array, m: number, k: number): Float64Array {
  const rows = H.length / m;
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) out[r] = H[r * m + k];
  return out;
}

export interface Moments {
  mean: number;
  std: number;
  skewness: number;
  /** Fourth standardised moment − 3: 0 for a Gaussian, large for a sparse variable. */
  excessKurtosis: number;
}

export function moments(values: ArrayLike<number>): Moments {
  const N = values.length;
  let mean = 0;
  for (let i = 0; i < N; i++) mean += values[i];
  mean /= N;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < N; i++) {
    const d = values[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= N;
  m3 /= N;
  m4 /= N;
  if (!(m2 > 0)) return { mean, std: 0, skewness: NaN, excessKurtosis: NaN };
  return { mean, std: Math.sqrt(m2), skewness: m3 / m2 ** 1.5, excessKurtosis: m4 / (m2 * m2) - 3 };
}

/** Excess kurtosis of every hidden dimension of H [rows, m]. */
export function excessKurtosisPerDimension(H: Float32Array, m: number): Float64Array {
  const out = new Float64Array(m);
  for (let k = 0; k < m; k++) out[k] = moments(column(H, m, k)).excessKurtosis;
  return out;
}

export interface GaussianFit extends Moments {
  /** Bin edges (bins + 1) and the histogram as a density (integrates to 1). */
  edges: Float64Array;
  density: Float64Array;
  counts: Float64Array;
  /** The fitted normal's density at the bin centres. */
  normalDensity: Float64Array;
  /** Q–Q points: standard-normal quantiles against the standardised sample quantiles. */
  qqTheoretical: Float64Array;
  qqSample: Float64Array;
}

/**
 * Histogram with the moment-matched normal over it and the Q–Q plot of one activation's samples.
 * The histogram spans mean ± `span` standard deviations (outliers are clamped into the end bins).
 */
export function gaussianFit(values: ArrayLike<number>, bins = 60, qqPoints = 99, span = 4): GaussianFit {
  const mo = moments(values);
  const N = values.length;
  const sd = mo.std > 0 ? mo.std : 1;
  const lo = mo.mean - span * sd;
  const hi = mo.mean + span * sd;
  const width = (hi - lo) / bins;
  const edges = Float64Array.from({ length: bins + 1 }, (_, i) => lo + i * width);
  const counts = new Float64Array(bins);
  for (let i = 0; i < N; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((values[i] - lo) / width)));
    counts[b]++;
  }
  const density = counts.map((c) => c / (N * width));
  const normalDensity = Float64Array.from({ length: bins }, (_, i) => {
    const z = (lo + (i + 0.5) * width - mo.mean) / sd;
    return Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
  });
  const sorted = Float64Array.from(values).sort();
  const qqTheoretical = new Float64Array(qqPoints);
  const qqSample = new Float64Array(qqPoints);
  for (let q = 0; q < qqPoints; q++) {
    const p = (q + 1) / (qqPoints + 1);
    qqTheoretical[q] = normalQuantile(p);
    qqSample[q] = (sorted[Math.min(N - 1, Math.floor(p * N))] - mo.mean) / sd;
  }
  return { ...mo, edges, density, counts, normalDensity, qqTheoretical, qqSample };
}

/** Standard normal quantile Φ⁻¹(p) (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - pl) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/**
 * The control of the sub-section: excess kurtosis of the hidden activations at fixed sparsity as
 * the number of features per dimension grows (random unit directions, same seed per ratio).
 * `dimension0` is hidden dimension 0's value, `mean` the average over the m dimensions.
 */
export function kurtosisByFeaturesPerDimension(
  ratios: readonly number[],
  opts: { m: number; density: number; samples: number; seed?: number },
): { ratio: number; n: number; dimension0: number; mean: number }[] {
  return ratios.map((ratio) => {
    const { H, n } = hiddenSamples({
      m: opts.m,
      featuresPerDimension: ratio,
      density: opts.density,
      samples: opts.samples,
      seed: opts.seed,
    });
    const k = excessKurtosisPerDimension(H, opts.m);
    let mean = 0;
    for (const v of k) mean += v / opts.m;
    return { ratio, n, dimension0: k[0], mean };
  });
}

/** Excess kurtosis of one feature: 0 with probability S, else uniform on (0, 1]. */
export function singleFeatureKurtosis(p: number): number {
  // Raw moments of x: E[x^k] = p/(k+1).
  const m1 = p / 2;
  const m2 = p / 3;
  const m3 = p / 4;
  const m4 = p / 5;
  const v = m2 - m1 * m1;
  const c4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4;
  return v > 0 ? c4 / (v * v) - 3 : NaN;
}
