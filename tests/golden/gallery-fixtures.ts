/**
 * The chart gallery's fixed, hand-made data: a small deterministic generator, weights with known
 * geometry, a phase grid with its boundaries, a loss curve. Rounded to 4 decimals, so the
 * rendered SVGs do not depend on floating-point noise.
 */
import type { Phase } from '../../src/charts/PhaseDiagramChart';

/** A small deterministic generator (mulberry32), so the fixtures never depend on the model's RNG. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const round = (v: number) => Math.round(v * 1e4) / 1e4;
export const logSpace = (a: number, b: number, k: number) =>
  Array.from({ length: k }, (_, i) => 10 ** (Math.log10(a) + ((Math.log10(b) - Math.log10(a)) * i) / (k - 1)));

/** Feature-major n×m weights: unit vectors at evenly spread angles (m = 2) or random ones, some dropped. */
export function weights(n: number, m: number, seed: number, dropped: readonly number[] = []): Float32Array {
  const r = rng(seed);
  const W = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    const v = Array.from({ length: m }, () => r() * 2 - 1);
    if (m === 2) [v[0], v[1]] = [Math.cos((2 * Math.PI * i) / n + 0.3), Math.sin((2 * Math.PI * i) / n + 0.3)];
    const norm = Math.hypot(...v) || 1;
    const len = dropped.includes(i) ? 0.02 : 0.9 + 0.2 * r();
    for (let k = 0; k < m; k++) W[i * m + k] = round((v[k] / norm) * len);
  }
  return W;
}

export function gramOf(W: ArrayLike<number>, n: number, m: number): Float32Array {
  const G = new Float32Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) for (let k = 0; k < m; k++) G[i * n + j] += W[i * m + k] * W[j * m + k];
  return G;
}

export const R = logSpace(0.1, 10, 12);
export const D = logSpace(1, 0.01, 12);
export function phases(untrainedRows: number): (Phase | null)[] {
  const out: (Phase | null)[] = [];
  for (let row = 0; row < D.length; row++)
    for (let col = 0; col < R.length; col++) {
      if (row >= D.length - untrainedRows) out.push(null);
      else if (D[row] > 0.3) out.push(R[col] < 1 ? 'not-represented' : 'dedicated');
      else out.push(R[col] < 0.3 ? 'not-represented' : 'superposition');
    }
  return out;
}
export const theoryPhases = phases(0).map((p, k) => (k % 17 === 5 && p === 'superposition' ? 'dedicated' : p));
export const boundaries = [
  {
    id: 'a',
    label: 'dedicated ↔ not represented',
    points: logSpace(0.3, 1, 8).map((density, k) => ({ r: 1 + 0.05 * k, density })),
  },
  {
    id: 'b',
    label: 'superposition ↔ not represented',
    points: logSpace(0.01, 0.3, 8).map((density, k) => ({ r: 0.3 - 0.01 * k, density })),
  },
];

export const steps = Array.from({ length: 60 }, (_, k) => k * 50);
export const losses = steps.map((s, k) => round(0.2 * Math.exp(-s / 900) + 0.01 + 0.004 * Math.sin(k * 1.7)));

export const W5 = weights(5, 2, 1, [3]);
export const W20x5 = weights(20, 5, 2, [14, 15, 16, 17, 18, 19]);
export const W8x3 = weights(8, 3, 3);
export const norms20 = Array.from({ length: 20 }, (_, i) =>
  round(Math.hypot(...Array.from(W20x5.subarray(i * 5, i * 5 + 5)))),
);
export const sup20 = Array.from({ length: 20 }, (_, i) => round((i * 0.37) % 1.3));

/** Antipodal pairs and a pentagon in 5-d: named factors for the geometry graph. */
export function factorWeights(): Float32Array {
  const n = 9;
  const m = 5;
  const W = new Float32Array(n * m);
  W[0 * m + 0] = 1;
  W[1 * m + 0] = -1;
  for (let t = 0; t < 5; t++) {
    W[(2 + t) * m + 1] = round(Math.cos((2 * Math.PI * t) / 5));
    W[(2 + t) * m + 2] = round(Math.sin((2 * Math.PI * t) / 5));
  }
  W[7 * m + 3] = 1;
  W[8 * m + 4] = 0.1;
  return W;
}

export const sweep = logSpace(1, 20, 9);
