/**
 * The per-batch inner loop of the 'js' path: forward, loss and gradients of one instance over
 * one batch (the optimizer update is separate). Two implementations of the same maths:
 *
 * - `genericBatchKernel`: loops over the hidden dimension m (any n, m);
 * - `compileBatchKernel(n, m, relu)`: the same loop with n, m and the model kind as constants
 *   and the m-loops unrolled, h and Vᵀg held in local variables instead of arrays. Generated
 *   once per shape with `new Function` (no library generates numeric kernels for plain JS);
 *   for m ≤ UNROLL_MAX_M it is ≈ 2× faster than the generic loop (npm run bench).
 *
 * Gradients (one instance, feature-major V = W [n, m], one sample x, s = loss scale):
 *   h = Vᵀx,  o_i = V_i·h + b_i,  y = ReLU(o)
 *   g_i = 2 s I_i (y_i − x_i) · [o_i > 0]          (ReLU'(0) = 0 like PyTorch)
 *   ∂L/∂b_i += g_i,  ∂L/∂V_ik += g_i h_k + x_i (Σ_j g_j V_jk)
 * All-zero samples (most of a sparse batch) give h = 0, o = b: they are only counted here and
 * handled once by the caller.
 */

export interface BatchKernelArgs {
  W: Float64Array;
  b: Float64Array;
  /** gradient accumulators for this instance: [n·m] and [n], zeroed by the caller */
  gW: Float64Array;
  gb: Float64Array;
  /** [B, n] batch */
  X: Float32Array;
  B: number;
  wOff: number;
  bOff: number;
  importance: Float32Array;
  /** 2 · scale · importance_i */
  gradScale: Float64Array;
  /** scratch: [n] active-feature indices, [m] h and gh (generic kernel only) */
  active: Int32Array;
  h: Float64Array;
  gh: Float64Array;
  /** out[0] = Σ importance-weighted squared error over the non-zero rows, out[1] = zero rows */
  out: Float64Array;
}

export type BatchKernel = (a: BatchKernelArgs) => void;

/**
 * The batch's all-zero rows: output y = ReLU(b) (or b) against target 0, so only the bias gets a
 * gradient. Adds it to gb and returns the rows' importance-weighted squared error.
 */
export function zeroRowsLossAndBiasGrad(
  b: Float32Array | Float64Array,
  bOff: number,
  n: number,
  zeroRows: number,
  relu: boolean,
  importance: ArrayLike<number>,
  gradScale: Float64Array,
  gb: Float32Array | Float64Array,
): number {
  let lossSum = 0;
  for (let i = 0; i < n; i++) {
    const o = b[bOff + i];
    const y = relu && o < 0 ? 0 : o;
    lossSum += zeroRows * importance[i] * y * y;
    if (!(relu && o <= 0)) gb[i] += zeroRows * gradScale[i] * y;
  }
  return lossSum;
}

/**
 * The work that exists for one sparse sample: lists the sample's non-zero features in `active` and
 * sums only their encoder rows into h. Returns how many are active (0: h is left untouched).
 */
export function sparseEncode(
  X: Float32Array,
  xOff: number,
  n: number,
  W: Float32Array | Float64Array,
  wOff: number,
  m: number,
  active: Int32Array,
  h: Float64Array,
): number {
  let na = 0;
  for (let i = 0; i < n; i++) if (X[xOff + i] !== 0) active[na++] = i;
  if (na === 0) return 0;
  // Manual loops: TypedArray.fill costs more than the work for small m.
  for (let k = 0; k < m; k++) h[k] = 0;
  for (let a = 0; a < na; a++) {
    const i = active[a];
    const xi = X[xOff + i];
    const w = wOff + i * m;
    for (let k = 0; k < m; k++) h[k] += W[w + k] * xi;
  }
  return na;
}

/** Largest m that gets an unrolled kernel (the generated code grows with m). */
export const UNROLL_MAX_M = 12;

export function genericBatchKernel(n: number, m: number, relu: boolean): BatchKernel {
  return ({ W, b, gW, gb, X, B, wOff, bOff, importance, gradScale, active, h, gh, out }) => {
    let lossSum = 0;
    let zeroRows = 0;
    for (let r = 0; r < B; r++) {
      const xOff = r * n;
      const na = sparseEncode(X, xOff, n, W, wOff, m, active, h);
      if (na === 0) {
        zeroRows++;
        continue;
      }
      for (let k = 0; k < m; k++) gh[k] = 0;
      for (let i = 0; i < n; i++) {
        const w = wOff + i * m;
        let o = b[bOff + i];
        for (let k = 0; k < m; k++) o += W[w + k] * h[k];
        const xi = X[xOff + i];
        const y = relu && o < 0 ? 0 : o;
        const e = y - xi;
        lossSum += importance[i] * e * e;
        if (relu && o <= 0) continue;
        const gi = gradScale[i] * e;
        gb[i] += gi;
        const g = i * m;
        for (let k = 0; k < m; k++) {
          gW[g + k] += gi * h[k];
          gh[k] += gi * W[w + k];
        }
      }
      for (let a = 0; a < na; a++) {
        const i = active[a];
        const xi = X[xOff + i];
        const g = i * m;
        for (let k = 0; k < m; k++) gW[g + k] += xi * gh[k];
      }
    }
    out[0] = lossSum;
    out[1] = zeroRows;
  };
}

const compiled = new Map<string, BatchKernel>();

/** The specialised kernel for (n, m, relu); falls back to the generic one for large m. */
export function compileBatchKernel(n: number, m: number, relu: boolean): BatchKernel {
  if (m > UNROLL_MAX_M) return genericBatchKernel(n, m, relu);
  const key = `${n}:${m}:${relu}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const ks = Array.from({ length: m }, (_, k) => k);
  const sum = (f: (k: number) => string) => ks.map(f).join(' + ');
  const each = (f: (k: number) => string) => ks.map(f).join('\n');
  const src = `
    const { W, b, gW, gb, X, B, wOff, bOff, importance, gradScale, active, out } = a;
    let lossSum = 0;
    let zeroRows = 0;
    for (let r = 0; r < B; r++) {
      const xOff = r * ${n};
      let na = 0;
      for (let i = 0; i < ${n}; i++) if (X[xOff + i] !== 0) active[na++] = i;
      if (na === 0) { zeroRows++; continue; }
      ${each((k) => `let h${k} = 0;`)}
      for (let q = 0; q < na; q++) {
        const i = active[q];
        const xi = X[xOff + i];
        const w = wOff + i * ${m};
        ${each((k) => `h${k} += W[w + ${k}] * xi;`)}
      }
      ${each((k) => `let gh${k} = 0;`)}
      for (let i = 0; i < ${n}; i++) {
        const w = wOff + i * ${m};
        const o = b[bOff + i] + ${sum((k) => `W[w + ${k}] * h${k}`)};
        const xi = X[xOff + i];
        ${relu ? 'if (o <= 0) { lossSum += importance[i] * xi * xi; continue; }' : ''}
        const e = o - xi;
        lossSum += importance[i] * e * e;
        const gi = gradScale[i] * e;
        gb[i] += gi;
        const g = i * ${m};
        ${each((k) => `gW[g + ${k}] += gi * h${k}; gh${k} += gi * W[w + ${k}];`)}
      }
      for (let q = 0; q < na; q++) {
        const i = active[q];
        const xi = X[xOff + i];
        const g = i * ${m};
        ${each((k) => `gW[g + ${k}] += xi * gh${k};`)}
      }
    }
    out[0] = lossSum;
    out[1] = zeroRows;`;
  const kernel = new Function('a', src) as BatchKernel;
  compiled.set(key, kernel);
  return kernel;
}
