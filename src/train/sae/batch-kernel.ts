/**
 * The fused JS step of one SAE over one batch: forward, loss and every gradient, allocation-free
 * (all scratch is made once per trainer). The optimizer update is the trainer's (trainer.ts).
 *
 * Per sample h (loss averaged over the batch of B samples; an all-zero sample's work is done once and
 * weighted by how many there were):
 *   c = h − b_dec,  pre_l = e_l·c + b_enc,l  (e_l the encoder row, d_l the unit decoder row; e = d if tied)
 *   z = σ(pre)  (ReLU, TopK, JumpReLU; see ../../model/sae/config.ts)
 *   ĥ_s = b_dec + Σ_{l < P_s} z_l d_l  for every nested prefix P_1 < … < P_S = L (plain SAE: S = 1)
 *   loss = (1/S) Σ_s (1/m)‖ĥ_s − h‖² + λ Σ_l z_l (L1) or λ #{z_l > 0} (JumpReLU) [+ TopK's auxiliary loss]
 * Backward, with G_s = Σ_{s' ≥ s} ∂loss/∂ĥ_s' (latent l in segment s feeds every ĥ_s' with s' ≥ s):
 *   ∂d_l += z_l G_s,  ∂z_l = d_l·G_s (+ λ for L1),  ∂pre_l = ∂z_l where l fires,
 *   ∂e_l += ∂pre_l c,  ∂b_enc,l += ∂pre_l,  ∂b_dec += G_1 − Σ_l ∂pre_l e_l.
 * JumpReLU's threshold (SAELens's Step and JumpReLU straight-through estimators, rectangle kernel of
 * width ε): where |pre_l − θ_l| < ε/2, ∂θ_l += −(θ_l/ε) d_l·G_s − λ/ε; ∂log θ_l = θ_l ∂θ_l.
 * TopK's auxiliary loss (Gao et al. 2024, as SAELens): the k_aux = m/2 largest positive pre-activations
 * among dead latents reconstruct the residual r = h − ĥ (no gradient through r):
 *   loss_aux = α · min(dead/k_aux, 1) · ‖Σ z_aux,l d_l − r‖², the decoder bias not included (as OpenAI's).
 */
import type { SaeInstanceSpec } from '../../model/sae/config';
import { encoderFor, type Encoder } from './encoder';
import type { SaeLayout } from './layout';

export interface KernelSettings {
  /** The sparsity coefficient at this step (after the warm-up). */
  coefficient: number;
  bandwidth: number;
  auxCoefficient: number;
  /** Per latent 1 = dead (TopK's auxiliary loss reads it). */
  dead: Uint8Array;
  deadCount: number;
}

export class SaeBatchKernel {
  /** ∂loss for the current instance, in its block layout. */
  readonly G: Float64Array;
  /** Per non-zero sample: (1/m)‖ĥ − h‖² of the whole dictionary (resampling by loss reads it). */
  readonly rowLoss: Float64Array;
  /** Per latent: non-zero samples it fired on, and whether it fired on any sample (zeros included). */
  readonly fires: Float64Array;
  readonly firedAny: Uint8Array;
  /** Batch results: mean loss, mean reconstruction MSE of the whole dictionary, mean L0 over non-zero samples. */
  loss = 0;
  recon = 0;
  l0 = 0;
  private readonly c: Float64Array;
  private readonly pre: Float64Array;
  private readonly z: Float64Array;
  private readonly theta: Float64Array;
  private readonly act: Int32Array;
  private readonly bounds: Int32Array;
  private readonly E: Float64Array;
  private readonly Gs: Float64Array;
  private readonly u: Float64Array;
  private readonly aux: Int32Array;
  private readonly ehat: Float64Array;
  private segments = 1;
  private readonly encode: Encoder;
  /** reconstruct()'s results: the mean over segments of (1/m)‖E_s‖², and the whole dictionary's. */
  private reconMean = 0;
  private reconFull = 0;

  constructor(
    private readonly lay: SaeLayout,
    maxSegments: number,
    batchSize: number,
  ) {
    const { lmax: L, m } = lay;
    this.G = new Float64Array(lay.blockSize);
    this.rowLoss = new Float64Array(batchSize);
    this.fires = new Float64Array(L);
    this.firedAny = new Uint8Array(L);
    this.c = new Float64Array(m);
    this.pre = new Float64Array(L);
    this.z = new Float64Array(L);
    this.theta = new Float64Array(L);
    this.act = new Int32Array(L);
    this.bounds = new Int32Array(maxSegments);
    this.E = new Float64Array(maxSegments * m);
    this.Gs = new Float64Array(maxSegments * m);
    this.u = new Float64Array(m);
    this.aux = new Int32Array(L);
    this.ehat = new Float64Array(m);
    this.encode = encoderFor(m);
  }

  /**
   * Gradients of one instance (parameters at P[base…]) over a batch of B samples: the `count` non-zero
   * ones at H[0 … count·m), and B − count zeros (H must have one more row, which this overwrites with 0).
   */
  run(
    P: Float64Array,
    base: number,
    spec: SaeInstanceSpec,
    s: KernelSettings,
    H: Float64Array,
    count: number,
    B: number,
  ) {
    const { m } = this.lay;
    const L = spec.latents;
    this.G.fill(0);
    this.fires.fill(0, 0, L);
    this.firedAny.fill(0, 0, L);
    this.segments = spec.prefixes.length + 1;
    for (let i = 0; i < spec.prefixes.length; i++) this.bounds[i] = spec.prefixes[i];
    this.bounds[this.segments - 1] = L;
    if (spec.kind === 'jumprelu') for (let l = 0; l < L; l++) this.theta[l] = Math.exp(P[base + this.lay.logTheta + l]);
    for (let q = 0; q < m; q++) H[count * m + q] = 0;
    let loss = 0;
    let recon = 0;
    let l0 = 0;
    const zeros = B - count;
    for (let r = 0; r <= count; r++) {
      const w = r < count ? 1 : zeros;
      if (w === 0) continue;
      const nz = this.forward(P, base, spec, H, r * m);
      this.reconstruct(P, base, H, r * m, nz);
      let rowLoss = this.sparsityAndGrad(P, base, spec, s, w, nz, B) + this.reconMean;
      if (spec.auxK && s.deadCount > 0) rowLoss += this.auxiliary(P, base, spec, s, w, B);
      this.encoderGrad(P, base, spec, nz);
      if (r < count) {
        this.rowLoss[r] = this.reconFull;
        l0 += nz;
        for (let a = 0; a < nz; a++) this.fires[this.act[a]]++;
      }
      for (let a = 0; a < nz; a++) this.firedAny[this.act[a]] = 1;
      loss += w * rowLoss;
      recon += w * this.reconFull;
    }
    if (spec.tied) this.foldTiedGradient(L);
    this.loss = loss / B;
    this.recon = recon / B;
    this.l0 = count > 0 ? l0 / count : 0;
  }

  /** c, pre and z of one sample; lists the firing latents in ascending order in act; returns how many. */
  private forward(P: Float64Array, base: number, spec: SaeInstanceSpec, H: Float64Array, h: number): number {
    const { m } = this.lay;
    const { c, pre, z, act, theta } = this;
    const L = spec.latents;
    const enc = base + (spec.tied ? this.lay.wDec : this.lay.wEnc);
    const be = base + this.lay.bEnc;
    const bd = base + this.lay.bDec;
    for (let q = 0; q < m; q++) c[q] = H[h + q] - P[bd + q];
    this.encode(P, enc, be, c, pre, L);
    let nz = 0;
    if (spec.kind === 'l1') {
      for (let l = 0; l < L; l++) {
        const v = pre[l];
        z[l] = v > 0 ? v : 0;
        if (v > 0) act[nz++] = l;
      }
    } else if (spec.kind === 'jumprelu') {
      for (let l = 0; l < L; l++) {
        const v = pre[l];
        const on = v > theta[l];
        z[l] = on ? v : 0;
        if (on) act[nz++] = l;
      }
    } else {
      nz = this.topK(L, spec.k);
    }
    return nz;
  }

  /** TopK: z = the k largest positive pre-activations (ties to the lower latent); act ascending. */
  private topK(L: number, k: number): number {
    const { pre, z, act } = this;
    for (let l = 0; l < L; l++) z[l] = 0;
    let picked = 0;
    for (let t = 0; t < k; t++) {
      let best = -1;
      let bv = 0;
      for (let l = 0; l < L; l++) {
        if (z[l] === 0 && pre[l] > bv) {
          bv = pre[l];
          best = l;
        }
      }
      if (best < 0) break;
      z[best] = bv;
      picked++;
    }
    let nz = 0;
    for (let l = 0; l < L && nz < picked; l++) if (z[l] !== 0) act[nz++] = l;
    return nz;
  }

  /** The nested reconstructions' errors E_s = ĥ_s − h, and reconMean, reconFull. */
  private reconstruct(P: Float64Array, base: number, H: Float64Array, h: number, nz: number): void {
    const { m } = this.lay;
    const { z, act, E, bounds, c } = this;
    const S = this.segments;
    const dec = base + this.lay.wDec;
    const bd = base + this.lay.bDec;
    // c is reused as the running reconstruction (the encoder has read it; encoderGrad recomputes it).
    for (let q = 0; q < m; q++) c[q] = P[bd + q];
    let a = 0;
    let sum = 0;
    let last = 0;
    for (let s = 0; s < S; s++) {
      for (; a < nz && act[a] < bounds[s]; a++) {
        const l = act[a];
        const zl = z[l];
        const d = dec + l * m;
        for (let q = 0; q < m; q++) c[q] += zl * P[d + q];
      }
      last = 0;
      for (let q = 0; q < m; q++) {
        const e = c[q] - H[h + q];
        E[s * m + q] = e;
        last += e * e;
      }
      sum += last;
    }
    for (let q = 0; q < m; q++) c[q] = H[h + q] - P[bd + q];
    this.reconMean = sum / (m * S);
    this.reconFull = last / m;
  }

  /**
   * G_s (suffix sums of ∂loss/∂ĥ_s), ∂b_dec's reconstruction part, ∂d_l and ∂z_l → ∂pre_l for firing
   * latents (stored in z's slot is not needed: kept in pre[] as ∂pre for encoderGrad), JumpReLU's
   * threshold gradient. Returns the sample's sparsity loss.
   */
  private sparsityAndGrad(
    P: Float64Array,
    base: number,
    spec: SaeInstanceSpec,
    s: KernelSettings,
    w: number,
    nz: number,
    B: number,
  ): number {
    const { m } = this.lay;
    const { z, act, E, Gs, G, bounds, pre } = this;
    const S = this.segments;
    const dec = base + this.lay.wDec;
    const gDec = this.lay.wDec;
    const gbd = this.lay.bDec;
    const c = (2 * w) / (m * S * B);
    for (let s2 = S - 1; s2 >= 0; s2--) {
      for (let q = 0; q < m; q++) Gs[s2 * m + q] = c * E[s2 * m + q] + (s2 + 1 < S ? Gs[(s2 + 1) * m + q] : 0);
    }
    for (let q = 0; q < m; q++) G[gbd + q] += Gs[q];
    const l1 = spec.kind === 'l1' ? (w * s.coefficient) / B : 0;
    if (spec.kind === 'jumprelu') this.thresholdGrad(P, base, spec, s, w, B);
    let seg = 0;
    let sparsity = 0;
    for (let a = 0; a < nz; a++) {
      const l = act[a];
      while (l >= bounds[seg]) seg++;
      const g = seg * m;
      const d = dec + l * m;
      const zl = z[l];
      let dz = l1;
      for (let q = 0; q < m; q++) {
        dz += P[d + q] * Gs[g + q];
        G[gDec + l * m + q] += zl * Gs[g + q];
      }
      sparsity += zl;
      pre[l] = dz; // from here on pre[l] holds ∂pre_l of a firing latent
    }
    if (spec.kind === 'l1') return s.coefficient * sparsity;
    if (spec.kind === 'jumprelu') return s.coefficient * nz;
    return 0;
  }

  /** JumpReLU: ∂log θ for latents within ε/2 of their threshold (pre still holds pre-activations here). */
  private thresholdGrad(P: Float64Array, base: number, spec: SaeInstanceSpec, s: KernelSettings, w: number, B: number) {
    const { m } = this.lay;
    const { pre, theta, Gs, G, bounds } = this;
    const eps = s.bandwidth;
    const dec = base + this.lay.wDec;
    const l0Grad = (-w * s.coefficient) / (B * eps);
    let seg = 0;
    for (let l = 0; l < spec.latents; l++) {
      while (l >= bounds[seg]) seg++;
      const t = theta[l];
      if (!(Math.abs(pre[l] - t) < eps / 2)) continue;
      let dz = 0;
      for (let q = 0; q < m; q++) dz += P[dec + l * m + q] * Gs[seg * m + q];
      G[this.lay.logTheta + l] += t * (dz * (-t / eps) + l0Grad);
    }
  }

  /** ∂e_l, ∂b_enc,l and the encoder's part of ∂b_dec from the firing latents' ∂pre (held in pre[]). */
  private encoderGrad(P: Float64Array, base: number, spec: SaeInstanceSpec, nz: number): void {
    const { m } = this.lay;
    const { act, pre, c, G, u } = this;
    const enc = base + (spec.tied ? this.lay.wDec : this.lay.wEnc);
    const gEnc = this.lay.wEnc;
    const gbe = this.lay.bEnc;
    for (let q = 0; q < m; q++) u[q] = 0;
    for (let a = 0; a < nz; a++) {
      const l = act[a];
      const dp = pre[l];
      G[gbe + l] += dp;
      const e = enc + l * m;
      const g = gEnc + l * m;
      for (let q = 0; q < m; q++) {
        G[g + q] += dp * c[q];
        u[q] += dp * P[e + q];
      }
    }
    for (let q = 0; q < m; q++) G[this.lay.bDec + q] -= u[q];
  }

  /**
   * TopK's auxiliary loss and its gradient (pre holds pre-activations of non-firing latents still;
   * dead latents that fired this sample are skipped). Adds the encoder part for the aux latents itself.
   */
  private auxiliary(P: Float64Array, base: number, spec: SaeInstanceSpec, s: KernelSettings, w: number, B: number) {
    const { m } = this.lay;
    const { pre, z, aux, ehat, E, G, c } = this;
    const L = spec.latents;
    const kBase = Math.max(1, Math.floor(m / 2));
    const kAux = Math.min(kBase, s.deadCount);
    const scale = Math.min(s.deadCount / kBase, 1);
    let na = 0;
    for (let t = 0; t < kAux; t++) {
      let best = -1;
      let bv = 0;
      for (let l = 0; l < L; l++) {
        if (!s.dead[l] || z[l] !== 0 || pre[l] <= bv) continue;
        let taken = false;
        for (let a = 0; a < na; a++) if (aux[a] === l) taken = true;
        if (taken) continue;
        bv = pre[l];
        best = l;
      }
      if (best < 0) break;
      aux[na++] = best;
    }
    if (na === 0) return 0;
    const dec = base + this.lay.wDec;
    const last = (this.segments - 1) * m;
    for (let q = 0; q < m; q++) ehat[q] = E[last + q]; // ê − r = ê + (ĥ − h)
    for (let a = 0; a < na; a++) {
      const l = aux[a];
      for (let q = 0; q < m; q++) ehat[q] += pre[l] * P[dec + l * m + q];
    }
    let sq = 0;
    for (let q = 0; q < m; q++) sq += ehat[q] * ehat[q];
    const k = (2 * w * s.auxCoefficient * scale) / B;
    const enc = base + (spec.tied ? this.lay.wDec : this.lay.wEnc);
    for (let a = 0; a < na; a++) {
      const l = aux[a];
      let dp = 0;
      for (let q = 0; q < m; q++) {
        const g = k * ehat[q];
        dp += P[dec + l * m + q] * g;
        G[this.lay.wDec + l * m + q] += pre[l] * g;
      }
      G[this.lay.bEnc + l] += dp;
      for (let q = 0; q < m; q++) {
        G[this.lay.wEnc + l * m + q] += dp * c[q];
        G[this.lay.bDec + q] -= dp * P[enc + l * m + q];
      }
    }
    return s.auxCoefficient * scale * sq;
  }

  /** A tied SAE's encoder is its decoder: fold the encoder-side gradient into the decoder's. */
  private foldTiedGradient(L: number): void {
    const { m } = this.lay;
    const { G } = this;
    for (let i = 0; i < L * m; i++) {
      G[this.lay.wDec + i] += G[this.lay.wEnc + i];
      G[this.lay.wEnc + i] = 0;
    }
  }
}
