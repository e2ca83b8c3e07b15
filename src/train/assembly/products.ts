/**
 * The row layout's products, each with its accumulators in registers: the forward W h
 * (four rows × eight outputs), the decoder's gh and ∂W over a tile's outputs with a gradient,
 * and list accumulations (Σ_e val_e · src[idx_e]) for h and the encoder's ∂W.
 */

/**
 * O[q, i] = Σ_k H[q, k] Wᵀ[k, i] for four rows of H: four rows × eight outputs in eight f32x4
 * accumulators, k innermost, so each Wᵀ load serves four rows (the register-blocked product).
 */
export function forwardTile(H: usize, Wt: usize, O: usize, m: i32, np: i32, mp: i32): void {
  const npB = (<usize>np) << 2;
  const mpB = (<usize>mp) << 2;
  for (let i = 0; i < np; i += 8) {
    let a0 = f32x4.splat(0);
    let a1 = f32x4.splat(0);
    let b0 = f32x4.splat(0);
    let b1 = f32x4.splat(0);
    let c0 = f32x4.splat(0);
    let c1 = f32x4.splat(0);
    let d0 = f32x4.splat(0);
    let d1 = f32x4.splat(0);
    let w = Wt + ((<usize>i) << 2);
    let h = H;
    for (let k = 0; k < m; k++) {
      const w0 = v128.load(w);
      const w1 = v128.load(w, 16);
      let x = v128.load32_splat(h);
      a0 = f32x4.add(a0, f32x4.mul(x, w0));
      a1 = f32x4.add(a1, f32x4.mul(x, w1));
      x = v128.load32_splat(h + mpB);
      b0 = f32x4.add(b0, f32x4.mul(x, w0));
      b1 = f32x4.add(b1, f32x4.mul(x, w1));
      x = v128.load32_splat(h + 2 * mpB);
      c0 = f32x4.add(c0, f32x4.mul(x, w0));
      c1 = f32x4.add(c1, f32x4.mul(x, w1));
      x = v128.load32_splat(h + 3 * mpB);
      d0 = f32x4.add(d0, f32x4.mul(x, w0));
      d1 = f32x4.add(d1, f32x4.mul(x, w1));
      w += npB;
      h += 4;
    }
    const o = O + ((<usize>i) << 2);
    v128.store(o, a0);
    v128.store(o, a1, 16);
    v128.store(o + npB, b0);
    v128.store(o + npB, b1, 16);
    v128.store(o + 2 * npB, c0);
    v128.store(o + 2 * npB, c1, 16);
    v128.store(o + 3 * npB, d0);
    v128.store(o + 3 * npB, d1, 16);
  }
}

/**
 * The decoder side of a tile of four rows, over the outputs i in `list` (those with a gradient
 * in some row of the tile; G holds the tile's ∂o, zero elsewhere):
 *   gh_q = Σ_i g_qi W_i    four rows × eight hidden units of accumulators, W loaded once per four rows;
 *   ∂W_i += Σ_q g_qi h_q   h of the four rows in registers, ∂W_i read and written once per tile.
 */
export function decoderTile(
  Ht: usize,
  G: usize,
  GHt: usize,
  list: usize,
  count: i32,
  W: usize,
  gW: usize,
  npB: usize,
  mpB: usize,
  mp: i32,
): void {
  const zero = f32x4.splat(0);
  let k = 0;
  for (; k + 8 <= mp; k += 8) {
    const kb = (<usize>k) << 2;
    let a0 = zero;
    let a1 = zero;
    let b0 = zero;
    let b1 = zero;
    let c0 = zero;
    let c1 = zero;
    let d0 = zero;
    let d1 = zero;
    for (let e = 0; e < count; e++) {
      const io = <usize>load<i32>(list + ((<usize>e) << 2));
      const w = W + io * mpB + kb;
      const w0 = v128.load(w);
      const w1 = v128.load(w, 16);
      const gp = G + (io << 2);
      let g = v128.load32_splat(gp);
      a0 = f32x4.add(a0, f32x4.mul(g, w0));
      a1 = f32x4.add(a1, f32x4.mul(g, w1));
      g = v128.load32_splat(gp + npB);
      b0 = f32x4.add(b0, f32x4.mul(g, w0));
      b1 = f32x4.add(b1, f32x4.mul(g, w1));
      g = v128.load32_splat(gp + 2 * npB);
      c0 = f32x4.add(c0, f32x4.mul(g, w0));
      c1 = f32x4.add(c1, f32x4.mul(g, w1));
      g = v128.load32_splat(gp + 3 * npB);
      d0 = f32x4.add(d0, f32x4.mul(g, w0));
      d1 = f32x4.add(d1, f32x4.mul(g, w1));
    }
    const gh = GHt + kb;
    v128.store(gh, a0);
    v128.store(gh, a1, 16);
    v128.store(gh + mpB, b0);
    v128.store(gh + mpB, b1, 16);
    v128.store(gh + 2 * mpB, c0);
    v128.store(gh + 2 * mpB, c1, 16);
    v128.store(gh + 3 * mpB, d0);
    v128.store(gh + 3 * mpB, d1, 16);

    const h = Ht + kb;
    const ha0 = v128.load(h);
    const ha1 = v128.load(h, 16);
    const hb0 = v128.load(h + mpB);
    const hb1 = v128.load(h + mpB, 16);
    const hc0 = v128.load(h + 2 * mpB);
    const hc1 = v128.load(h + 2 * mpB, 16);
    const hd0 = v128.load(h + 3 * mpB);
    const hd1 = v128.load(h + 3 * mpB, 16);
    for (let e = 0; e < count; e++) {
      const io = <usize>load<i32>(list + ((<usize>e) << 2));
      const gp = G + (io << 2);
      const ga = v128.load32_splat(gp);
      const gb_ = v128.load32_splat(gp + npB);
      const gc = v128.load32_splat(gp + 2 * npB);
      const gd = v128.load32_splat(gp + 3 * npB);
      const d = gW + io * mpB + kb;
      let x0 = v128.load(d);
      let x1 = v128.load(d, 16);
      x0 = f32x4.add(x0, f32x4.mul(ga, ha0));
      x1 = f32x4.add(x1, f32x4.mul(ga, ha1));
      x0 = f32x4.add(x0, f32x4.mul(gb_, hb0));
      x1 = f32x4.add(x1, f32x4.mul(gb_, hb1));
      x0 = f32x4.add(x0, f32x4.mul(gc, hc0));
      x1 = f32x4.add(x1, f32x4.mul(gc, hc1));
      x0 = f32x4.add(x0, f32x4.mul(gd, hd0));
      x1 = f32x4.add(x1, f32x4.mul(gd, hd1));
      v128.store(d, x0);
      v128.store(d, x1, 16);
    }
  }
  if (k < mp) {
    // The last four hidden units (mp is a multiple of 4).
    const kb = (<usize>k) << 2;
    let a0 = zero;
    let b0 = zero;
    let c0 = zero;
    let d0 = zero;
    const h = Ht + kb;
    const ha = v128.load(h);
    const hb = v128.load(h + mpB);
    const hc = v128.load(h + 2 * mpB);
    const hd = v128.load(h + 3 * mpB);
    for (let e = 0; e < count; e++) {
      const io = <usize>load<i32>(list + ((<usize>e) << 2));
      const w0 = v128.load(W + io * mpB + kb);
      const gp = G + (io << 2);
      const ga = v128.load32_splat(gp);
      const gb_ = v128.load32_splat(gp + npB);
      const gc = v128.load32_splat(gp + 2 * npB);
      const gd = v128.load32_splat(gp + 3 * npB);
      a0 = f32x4.add(a0, f32x4.mul(ga, w0));
      b0 = f32x4.add(b0, f32x4.mul(gb_, w0));
      c0 = f32x4.add(c0, f32x4.mul(gc, w0));
      d0 = f32x4.add(d0, f32x4.mul(gd, w0));
      const d = gW + io * mpB + kb;
      let x0 = v128.load(d);
      x0 = f32x4.add(x0, f32x4.mul(ga, ha));
      x0 = f32x4.add(x0, f32x4.mul(gb_, hb));
      x0 = f32x4.add(x0, f32x4.mul(gc, hc));
      x0 = f32x4.add(x0, f32x4.mul(gd, hd));
      v128.store(d, x0);
    }
    const gh = GHt + kb;
    v128.store(gh, a0);
    v128.store(gh + mpB, b0);
    v128.store(gh + 2 * mpB, c0);
    v128.store(gh + 3 * mpB, d0);
  }
}

/**
 * dst[0 … mp) (+)= Σ_e val[e] · src[idx[e]] over a list of `count` entries, in list order, with
 * dst held in registers: blocks of four f32x4, then single vectors for the rest. `into`: add
 * to dst's current values, else start from zero.
 */
export function accumulate(
  dst: usize,
  into: bool,
  idx: usize,
  val: usize,
  count: i32,
  src: usize,
  srcStride: usize,
  mp: i32,
): void {
  let k = 0;
  for (; k + 16 <= mp; k += 16) {
    const kb = (<usize>k) << 2;
    let a0 = into ? v128.load(dst + kb) : f32x4.splat(0);
    let a1 = into ? v128.load(dst + kb, 16) : f32x4.splat(0);
    let a2 = into ? v128.load(dst + kb, 32) : f32x4.splat(0);
    let a3 = into ? v128.load(dst + kb, 48) : f32x4.splat(0);
    for (let e = 0; e < count; e++) {
      const eo = (<usize>e) << 2;
      const v = v128.load32_splat(val + eo);
      const s = src + <usize>load<i32>(idx + eo) * srcStride + kb;
      a0 = f32x4.add(a0, f32x4.mul(v, v128.load(s)));
      a1 = f32x4.add(a1, f32x4.mul(v, v128.load(s, 16)));
      a2 = f32x4.add(a2, f32x4.mul(v, v128.load(s, 32)));
      a3 = f32x4.add(a3, f32x4.mul(v, v128.load(s, 48)));
    }
    v128.store(dst + kb, a0);
    v128.store(dst + kb, a1, 16);
    v128.store(dst + kb, a2, 32);
    v128.store(dst + kb, a3, 48);
  }
  for (; k < mp; k += 4) {
    const kb = (<usize>k) << 2;
    let a0 = into ? v128.load(dst + kb) : f32x4.splat(0);
    for (let e = 0; e < count; e++) {
      const eo = (<usize>e) << 2;
      a0 = f32x4.add(
        a0,
        f32x4.mul(v128.load32_splat(val + eo), v128.load(src + <usize>load<i32>(idx + eo) * srcStride + kb)),
      );
    }
    v128.store(dst + kb, a0);
  }
}
