/** The SAE encoder product, specialised per input dimension m. */

/** pre[l] = P[be + l] + Σ_q P[enc + l·m + q] c[q] for l < L. */
export type Encoder = (P: Float64Array, enc: number, be: number, c: Float64Array, pre: Float64Array, L: number) => void;

const encoders = new Map<number, Encoder>();

/**
 * The encoder product with m a constant and its loop unrolled, c held in locals (generated once per m
 * with new Function, as the basic model's js kernel is): ≈ 2× the generic loop at m = 5. Generic beyond 16.
 */
export function encoderFor(m: number): Encoder {
  const hit = encoders.get(m);
  if (hit) return hit;
  let f: Encoder;
  if (m > 16) {
    f = (P, enc, be, c, pre, L) => {
      for (let l = 0; l < L; l++) {
        let s = P[be + l];
        const e = enc + l * m;
        for (let q = 0; q < m; q++) s += P[e + q] * c[q];
        pre[l] = s;
      }
    };
  } else {
    const qs = Array.from({ length: m }, (_, q) => q);
    const body = `${qs.map((q) => `const c${q} = c[${q}];`).join(' ')}
      for (let l = 0, e = enc; l < L; l++, e += ${m}) {
        pre[l] = P[be + l] + ${qs.map((q) => `P[e + ${q}] * c${q}`).join(' + ')};
      }`;
    f = new Function('P', 'enc', 'be', 'c', 'pre', 'L', body) as Encoder;
  }
  encoders.set(m, f);
  return f;
}
