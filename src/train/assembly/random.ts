/**
 * Random numbers: xoshiro128** (as src/model/rng.ts), uniforms from the top 24 bits. The row
 * layout draws from one scalar generator per instance (loaded into s0…s3 for a step); the lane
 * layout runs four generators, one per lane, in i32x4 (laneNext).
 */

export const U24: f32 = 5.9604644775390625e-8; // 2^-24
const LN2: f64 = 0.6931471805599453;
const SQRT2: f64 = 1.4142135623730951;

// Scalar generator state (row layout), loaded from and stored to the instance block per step.
let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

@inline
export function nextU32(): u32 {
  const r = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  return r;
}

@inline
export function uniform24(): f32 {
  return <f32>(nextU32() >>> 8) * U24;
}

/**
 * count uniforms (as uniform24, in the same order) into f32 at dst. The state stays in locals
 * for the loop: every nextU32 otherwise reads and writes the four globals.
 */
export function uniforms24(dst: usize, count: i32): void {
  let a = s0;
  let b = s1;
  let c = s2;
  let d = s3;
  for (let k = 0; k < count; k++) {
    const r = rotl<u32>(b * 5, 7) * 9;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl<u32>(d, 11);
    store<f32>(dst + (<usize>k << 2), <f32>(r >>> 8) * U24);
  }
  s0 = a;
  s1 = b;
  s2 = c;
  s3 = d;
}

/**
 * ln(q / 2^32) for q = r + 1, r a uniform u32: the log of a uniform on (0, 1]. Written with
 * + − × ÷ only (atanh series on f ∈ [√½, √2]), so JavaScript reproduces it bit for bit; its
 * error (< 1e-10 relative) is far below what a geometric skip can resolve.
 */
export function lnUnit(r: u32): f64 {
  const q: u64 = <u64>r + 1;
  let e: i32 = 63 - <i32>clz<u64>(q);
  let f: f64 = <f64>q * reinterpret<f64>(<u64>(1023 - e) << 52); // q / 2^e, exactly
  if (f > SQRT2) {
    f *= 0.5;
    e += 1;
  }
  const s = (f - 1) / (f + 1);
  const s2_ = s * s;
  const series = s * (2 + s2_ * (2.0 / 3 + s2_ * (2.0 / 5 + s2_ * (2.0 / 7 + s2_ * (2.0 / 9)))));
  return <f64>(e - 32) * LN2 + series;
}

/** Zeros before the next non-zero entry of a feature with density p (ilq = 1 / ln(1 − p)), capped at cap. */
@inline
export function geometric(ilq: f64, cap: i32): i32 {
  const g = Math.floor(lnUnit(nextU32()) * ilq);
  return g < <f64>cap ? <i32>g : cap;
}

/** Load the scalar generator of an instance (four u32 at p). */
export function loadRng(p: usize): void {
  s0 = load<u32>(p);
  s1 = load<u32>(p, 4);
  s2 = load<u32>(p, 8);
  s3 = load<u32>(p, 12);
}

export function storeRng(p: usize): void {
  store<u32>(p, s0);
  store<u32>(p, s1, 4);
  store<u32>(p, s2, 8);
  store<u32>(p, s3, 12);
}
