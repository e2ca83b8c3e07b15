/**
 * The practical single-core peak of a WebAssembly SIMD product on this machine, for the benches'
 * "how close to the hardware" column: O = H · Wᵀ for H [rows, 32], Wᵀ [30, 400], the shape of the
 * paper's hidden → output product, register-blocked as the training kernel's forward product
 * (four rows × eight outputs in eight f32x4 accumulators, k innermost). Built by the bench with
 * the same compiler and flags as the kernel (scripts/build-wasm.mjs).
 */
export function product(H: usize, Wt: usize, O: usize, rows: i32, m: i32, np: i32, mp: i32): void {
  const npB = <usize>np << 2;
  const mpB = <usize>mp << 2;
  for (let r = 0; r < rows; r += 4) {
    const h0 = H + <usize>r * mpB;
    const o0 = O + <usize>r * npB;
    for (let i = 0; i < np; i += 8) {
      let a0 = f32x4.splat(0);
      let a1 = f32x4.splat(0);
      let b0 = f32x4.splat(0);
      let b1 = f32x4.splat(0);
      let c0 = f32x4.splat(0);
      let c1 = f32x4.splat(0);
      let d0 = f32x4.splat(0);
      let d1 = f32x4.splat(0);
      let w = Wt + (<usize>i << 2);
      let h = h0;
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
      const o = o0 + (<usize>i << 2);
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
}
