/**
 * What the kernel's parts share: padding of the shapes, the sampling threshold, the chunk size,
 * the Adam constants' layout and a lane reduction.
 */

/** Features at or above this density are sampled per entry; sparser ones by geometric skips. */
export const DENSE_SAMPLING_FROM: f32 = 0.25;
/** Rows sampled together (the dense chunk X is CHUNK × np floats). */
export const CHUNK: i32 = 32;

export function up(x: i32, k: i32): i32 {
  return ((x + k - 1) / k) * k;
}

/** m padded to whole f32x4 vectors. */
export function padM(m: i32): i32 {
  return up(m, 4);
}
/** n padded to the 8 outputs of the forward product's register block. */
export function padN(n: i32): i32 {
  return up(n, 8);
}

// Adam constants of the current step, f32 at `opt`: β1, 1−β1, β2, 1−β2, 1−lr·wd, lr/c1, 1/√c2, eps.
export const O_B1: i32 = 0;
export const O_NB1: i32 = 4;
export const O_B2: i32 = 8;
export const O_NB2: i32 = 12;
export const O_DECAY: i32 = 16;
export const O_STEP: i32 = 20;
export const O_SC2: i32 = 24;
export const O_EPS: i32 = 28;

/** Sum of the four lanes, pairwise, in f64. */
@inline
export function reduce4(v: v128): f64 {
  return (
    (<f64>f32x4.extract_lane(v, 0) + <f64>f32x4.extract_lane(v, 1)) +
    (<f64>f32x4.extract_lane(v, 2) + <f64>f32x4.extract_lane(v, 3))
  );
}
