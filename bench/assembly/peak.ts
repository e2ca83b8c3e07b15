/**
 * The practical single-core peak of a WebAssembly SIMD product on this machine, for the benches'
 * "how close to the hardware" column: O = H · Wᵀ for H [rows, 32], Wᵀ [30, 400], the shape of the
 * paper's hidden → output product, through the training kernel's own register-blocked tile
 * (four rows × eight outputs in eight f32x4 accumulators, k innermost), built with the kernel's
 * compiler and flags (scripts/build-wasm.mjs).
 */
import { forwardTile } from '../../src/train/assembly/products';

export function product(H: usize, Wt: usize, O: usize, rows: i32, m: i32, np: i32, mp: i32): void {
  const npB = (<usize>np) << 2;
  const mpB = (<usize>mp) << 2;
  for (let r = 0; r < rows; r += 4) forwardTile(H + <usize>r * mpB, Wt, O + <usize>r * npB, m, np, mp);
}
