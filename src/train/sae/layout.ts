/**
 * Where a batched SAE run keeps its numbers. Every instance owns one block of `blockSize` float64s in
 * one parameter array (and the same in the two Adam moment arrays), so the optimizer is one loop over
 * a block and a checkpoint is three copies:
 *
 *   [ W_enc  Lmax·m | W_dec  Lmax·m | b_enc  Lmax | log θ  Lmax | b_dec  m ]
 *
 * Lmax is the largest dictionary of the run; a smaller SAE leaves the rest of its rows at zero (they
 * get no gradient, so Adam leaves them there). A tied SAE uses W_dec as its encoder and leaves W_enc
 * at zero; log θ is used by JumpReLU only.
 */
import { deriveSeed, Rng } from '../../model/rng';
import { maxLatents, type SaeInstanceSpec, type SaeTrainConfig } from '../../model/sae/config';
import type { SaeParams } from '../../model/sae/sae';

export class SaeLayout {
  readonly lmax: number;
  readonly m: number;
  readonly wEnc = 0;
  readonly wDec: number;
  readonly bEnc: number;
  readonly logTheta: number;
  readonly bDec: number;
  readonly blockSize: number;

  constructor(config: Pick<SaeTrainConfig, 'm' | 'instances'>) {
    const L = maxLatents(config);
    const m = config.m;
    this.lmax = L;
    this.m = m;
    this.wDec = L * m;
    this.bEnc = 2 * L * m;
    this.logTheta = 2 * L * m + L;
    this.bDec = 2 * L * m + 2 * L;
    this.blockSize = 2 * L * m + 2 * L + m;
  }
}

/** Stream labels for deriveSeed: initialisation, data, resampling draws. */
export const SAE_STREAM = { init: 0x5ae1, data: 0x5ae2, resample: 0x5ae3 } as const;

/**
 * Initial parameters of one instance into P at `base`: decoder rows random unit vectors, the encoder
 * their transpose (W_enc = W_decᵀ, as SAELens and Anthropic initialise), biases 0, θ = the initial threshold.
 */
export function initialiseInstance(
  P: Float64Array,
  base: number,
  lay: SaeLayout,
  spec: SaeInstanceSpec,
  initThreshold: number,
): void {
  const { m } = lay;
  const rng = new Rng(deriveSeed(spec.seed, SAE_STREAM.init));
  P.fill(0, base, base + lay.blockSize);
  for (let l = 0; l < spec.latents; l++) {
    const d = base + lay.wDec + l * m;
    let s = 0;
    for (let q = 0; q < m; q++) {
      const v = rng.normal();
      P[d + q] = v;
      s += v * v;
    }
    const inv = 1 / Math.sqrt(s);
    for (let q = 0; q < m; q++) {
      P[d + q] *= inv;
      if (!spec.tied) P[base + lay.wEnc + l * m + q] = P[d + q];
    }
    P[base + lay.logTheta + l] = Math.log(initThreshold);
  }
}

/** One instance's parameters as a standalone SAE (float32 copies). */
export function instanceParams(P: Float64Array, base: number, lay: SaeLayout, spec: SaeInstanceSpec): SaeParams {
  const { m } = lay;
  const L = spec.latents;
  const rows = (off: number) => Float32Array.from(P.subarray(base + off, base + off + L * m));
  const wDec = rows(lay.wDec);
  return {
    kind: spec.kind,
    latents: L,
    m,
    k: spec.k,
    wEnc: spec.tied ? wDec.slice() : rows(lay.wEnc),
    wDec,
    bEnc: Float32Array.from(P.subarray(base + lay.bEnc, base + lay.bEnc + L)),
    bDec: Float32Array.from(P.subarray(base + lay.bDec, base + lay.bDec + m)),
    threshold: Float32Array.from(P.subarray(base + lay.logTheta, base + lay.logTheta + L), (v) =>
      spec.kind === 'jumprelu' ? Math.exp(v) : 0,
    ),
  };
}

/** Renormalise the first L decoder rows of an instance to unit norm (a zero row stays zero). */
export function normaliseDecoder(P: Float64Array, base: number, lay: SaeLayout, L: number): void {
  const { m } = lay;
  for (let l = 0; l < L; l++) {
    const d = base + lay.wDec + l * m;
    let s = 0;
    for (let q = 0; q < m; q++) s += P[d + q] * P[d + q];
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let q = 0; q < m; q++) P[d + q] *= inv;
  }
}

/**
 * Remove from each decoder row's gradient its component along the row (the row stays on the unit
 * sphere to first order; the renormalisation after the step takes care of the rest), as Bricken et
 * al. 2023 and SAELens's unit-norm constraint do.
 */
export function projectDecoderGradient(
  G: Float64Array,
  P: Float64Array,
  base: number,
  lay: SaeLayout,
  L: number,
): void {
  const { m } = lay;
  for (let l = 0; l < L; l++) {
    const d = base + lay.wDec + l * m;
    const g = lay.wDec + l * m;
    let s = 0;
    for (let q = 0; q < m; q++) s += G[g + q] * P[d + q];
    for (let q = 0; q < m; q++) G[g + q] -= s * P[d + q];
  }
}
