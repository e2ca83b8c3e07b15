/**
 * Dictionary learning on a toy model's hidden activations (footnote 20): if the hidden vectors
 * are sparse non-negative combinations of n feature directions, factoring H [d, m] ≈ A [d, k]
 * B [k, m] with a sparse non-negative code A and unit-norm atoms B should find those directions
 * again — even when n > m and the directions are in superposition, where no basis can.
 *
 * The host-side pieces live here (sampling H, the dictionary's least-squares update, matching
 * atoms to features); the batched alternating solver is `learnDictionary` in src/train/solvers/fista.ts.
 */
import { perFeature } from '../config';
import { fillSparseUniform } from '../data';
import { featureNorms } from '../metrics';
import { Rng, deriveSeed } from '../rng';

/** Stream label for the activation samples (independent of training and evaluation streams). */
export const DICTIONARY_STREAM = 0xd1c7;

/**
 * d hidden activations h = W x (rows of H [d, m]) of one instance (feature-major W [n, m]), for
 * inputs from the training distribution conditioned on being non-zero: an all-zero input gives
 * h = 0, which carries no information about the directions. Also returns those inputs X [d, n].
 */
export function sampleHiddenActivations(
  W: Float32Array,
  n: number,
  m: number,
  density: number | ArrayLike<number>,
  d: number,
  seed = 1,
): { H: Float32Array; X: Float32Array } {
  const dens = perFeature(n, density);
  const rng = new Rng(deriveSeed(seed, DICTIONARY_STREAM));
  const H = new Float32Array(d * m);
  const X = new Float32Array(d * n);
  const chunk = 256;
  const buf = new Float32Array(chunk * n);
  let row = 0;
  while (row < d) {
    fillSparseUniform(buf, 0, chunk, dens, rng);
    for (let r = 0; r < chunk && row < d; r++) {
      const x = buf.subarray(r * n, (r + 1) * n);
      let any = false;
      for (let i = 0; i < n; i++) if (x[i] !== 0) any = true;
      if (!any) continue;
      X.set(x, row * n);
      for (let i = 0; i < n; i++) {
        const xi = x[i];
        if (xi === 0) continue;
        for (let k = 0; k < m; k++) H[row * m + k] += xi * W[i * m + k];
      }
      row++;
    }
  }
  return { H, X };
}

/** The unit directions Ŵ_i of the listed features, [features.length, m]. */
export function featureDirections(W: Float32Array, m: number, features: readonly number[]): Float64Array {
  const out = new Float64Array(features.length * m);
  features.forEach((i, r) => {
    let s = 0;
    for (let k = 0; k < m; k++) s += W[i * m + k] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let k = 0; k < m; k++) out[r * m + k] = W[i * m + k] * inv;
  });
  return out;
}

/** Cosine between every row of U [p, m] and every row of V [q, m]: [p, q] row-major. */
export function cosineMatrix(U: ArrayLike<number>, V: ArrayLike<number>, m: number): Float64Array {
  const p = U.length / m;
  const q = V.length / m;
  const nu = featureNorms(U, U.length / m, m);
  const nv = featureNorms(V, V.length / m, m);
  const out = new Float64Array(p * q);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < q; b++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += U[a * m + k] * V[b * m + k];
      const den = nu[a] * nv[b];
      out[a * q + b] = den > 0 ? s / den : 0;
    }
  }
  return out;
}

export interface Recovery {
  /** Fraction of the true directions whose best atom has |cos| ≥ threshold. */
  fraction: number;
  /** Per true direction: the best |cos| over the atoms, and which atom. */
  best: Float64Array;
  bestAtom: Int32Array;
}

/**
 * How many true feature directions [p, m] the atoms [q, m] recover: direction i counts when some
 * atom has |cos| ≥ threshold with it. Several directions may share an atom only if they are
 * themselves within the threshold of each other, which distinct features in a trained model are
 * not, so this needs no one-to-one assignment.
 */
export function recoveryFraction(
  trueDirections: ArrayLike<number>,
  atoms: ArrayLike<number>,
  m: number,
  threshold = 0.9,
): Recovery {
  const p = trueDirections.length / m;
  const q = atoms.length / m;
  const C = cosineMatrix(trueDirections, atoms, m);
  const best = new Float64Array(p);
  const bestAtom = new Int32Array(p).fill(-1);
  let hits = 0;
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < q; b++) {
      const c = Math.abs(C[a * q + b]);
      if (c > best[a]) {
        best[a] = c;
        bestAtom[a] = b;
      }
    }
    if (best[a] >= threshold) hits++;
  }
  return { fraction: p > 0 ? hits / p : NaN, best, bestAtom };
}

/**
 * A display order for the atoms of the |cos| matrix: a greedy one-to-one matching (largest |cos|
 * first), so matched atoms line up with their features on the diagonal, followed by the
 * unmatched atoms by decreasing best |cos|.
 */
export function matchedAtomOrder(trueDirections: ArrayLike<number>, atoms: ArrayLike<number>, m: number): number[] {
  const p = trueDirections.length / m;
  const q = atoms.length / m;
  const C = cosineMatrix(trueDirections, atoms, m);
  const pairs: [number, number, number][] = [];
  for (let a = 0; a < p; a++) for (let b = 0; b < q; b++) pairs.push([Math.abs(C[a * q + b]), a, b]);
  pairs.sort((x, y) => y[0] - x[0]);
  const atomOf = new Int32Array(p).fill(-1);
  const used = new Uint8Array(q);
  for (const [, a, b] of pairs) {
    if (atomOf[a] >= 0 || used[b]) continue;
    atomOf[a] = b;
    used[b] = 1;
  }
  const order = Array.from(atomOf).filter((b) => b >= 0);
  const rest: [number, number][] = [];
  for (let b = 0; b < q; b++) {
    if (used[b]) continue;
    let mx = 0;
    for (let a = 0; a < p; a++) mx = Math.max(mx, Math.abs(C[a * q + b]));
    rest.push([mx, b]);
  }
  rest.sort((x, y) => y[0] - x[0]);
  return order.concat(rest.map(([, b]) => b));
}

/** k distinct data rows (non-zero), normalised: the usual initial dictionary. */
export function initialAtoms(H: Float32Array, d: number, m: number, k: number, rng: Rng): Float32Array {
  const B = new Float32Array(k * m);
  for (let j = 0; j < k; j++) setAtomFromRow(B, j, H, d, m, rng);
  return B;
}

/** Atom j ← a random non-zero row of H, normalised (also how a dead atom is revived). */
export function setAtomFromRow(B: Float32Array, j: number, H: Float32Array, d: number, m: number, rng: Rng): void {
  for (let tries = 0; tries < 100; tries++) {
    const r = rng.int(d);
    let s = 0;
    for (let k = 0; k < m; k++) s += H[r * m + k] ** 2;
    if (s <= 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let k = 0; k < m; k++) B[j * m + k] = H[r * m + k] * inv;
    return;
  }
  for (let k = 0; k < m; k++) B[j * m + k] = rng.normal() / Math.sqrt(m);
}

/**
 * The dictionary's exact least-squares update given the code: B = (AᵀA + ρI)⁻¹ AᵀH, from the
 * small Gram matrices AᵀA [k, k] and AᵀH [k, m] (Cholesky in float64 on the host — k×k is tiny
 * next to the [d, k] code, and tfjs has no linear solver). The ridge ρ keeps unused atoms at 0.
 */
export function leastSquaresDictionary(
  AtA: ArrayLike<number>,
  AtH: ArrayLike<number>,
  k: number,
  m: number,
  ridge = 1e-6,
): Float32Array {
  let scale = 0;
  for (let j = 0; j < k; j++) scale = Math.max(scale, AtA[j * k + j]);
  const rho = ridge * Math.max(scale, 1e-12);
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = AtA[i * k + j] + (i === j ? rho : 0);
      for (let q = 0; q < j; q++) s -= L[i * k + q] * L[j * k + q];
      L[i * k + j] = i === j ? Math.sqrt(Math.max(s, rho)) : s / L[j * k + j];
    }
  }
  const B = new Float32Array(k * m);
  const z = new Float64Array(k);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < k; i++) {
      let s = AtH[i * m + c];
      for (let q = 0; q < i; q++) s -= L[i * k + q] * z[q];
      z[i] = s / L[i * k + i];
    }
    for (let i = k - 1; i >= 0; i--) {
      let s = z[i];
      for (let q = i + 1; q < k; q++) s -= L[q * k + i] * z[q];
      z[i] = s / L[i * k + i];
    }
    for (let i = 0; i < k; i++) B[i * m + c] = z[i];
  }
  return B;
}

/** Normalise the rows of B [k, m] in place; returns their previous norms. */
export function normaliseRows(B: Float32Array, k: number, m: number): Float64Array {
  const norms = featureNorms(B, B.length / m, m);
  for (let j = 0; j < k; j++) {
    if (norms[j] > 0) for (let q = 0; q < m; q++) B[j * m + q] /= norms[j];
  }
  return norms;
}
