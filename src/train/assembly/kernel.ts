/**
 * The 'simd' training path: one fused AdamW step of the basic toy model (paper-spec §2.2–2.3,
 * §3.1), in AssemblyScript compiled to WebAssembly with 128-bit SIMD (f32x4).
 * Built by scripts/build-wasm.mjs; src/train/simd-twin.ts is the same algorithm in plain
 * JavaScript (Math.fround at every operation) and must give bit-identical results.
 *
 * Model, per instance, feature-major W [n, m] (row i = the paper's column W_i):
 *   h = Σ_i x_i W_i,  o_i = W_i·h + b_i,  y = ReLU(o) (or o for the linear model),
 *   loss = mean over batch and features of I_i (y_i − x_i)²,
 *   g_i = 2 I_i (y_i − x_i) [o_i > 0] / (B n),  ∂b_i = Σ g_i,  ∂W_i = Σ (g_i h + x_i Σ_j g_j W_j).
 *
 * Two layouts, one per shape class (the host picks; see simd-trainer.ts):
 *  - rows: one instance at a time, SIMD across features/hidden units. Does only the work that
 *    exists: the batch is sampled as sparse rows (geometric skips for sparse features), h is
 *    summed from the active features only, all-zero rows are handled once, the dense W h is a
 *    register-blocked 4-row × 8-output product, and the backward pass visits only outputs with
 *    a non-zero gradient (ReLU-clipped outputs give none).
 *  - lanes: four instances in the four lanes of every f32x4, for tiny n·m (phase diagrams, the
 *    at-a-glance model), where per-instance loops would be all overhead.
 *
 * Memory is owned by the host (imported); every pointer argument is a byte offset into it. The
 * host asks `rowField`/`laneField` for the layout, so it is defined here only.
 */

// ------------------------------------------------------------------------------------------------
// Layout

/** Features at or above this density are sampled per entry; sparser ones by geometric skips. */
export const DENSE_SAMPLING_FROM: f32 = 0.25;
/** Rows sampled together (the dense chunk X is CHUNK × np floats). */
export const CHUNK: i32 = 32;

function up(x: i32, k: i32): i32 {
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

// Row-layout instance block fields, in order. Every field starts on a 16-byte boundary.
export const R_W: i32 = 0; //      f32 [n, mp]
export const R_MW: i32 = 1; //     f32 [n, mp] Adam first moment
export const R_VW: i32 = 2; //     f32 [n, mp] Adam second moment
export const R_B: i32 = 3; //      f32 [np]
export const R_MB: i32 = 4; //     f32 [np]
export const R_VB: i32 = 5; //     f32 [np]
export const R_IMP: i32 = 6; //    f32 [np] importance (0 in the padding)
export const R_GS: i32 = 7; //     f32 [np] gradient scale 2 I_i / (B n)
export const R_DENS: i32 = 8; //   f32 [np] density p_i
export const R_INV: i32 = 9; //    f32 [np] 1 / p_i (dense sampling)
export const R_ILQ: i32 = 10; //   f64 [np] 1 / ln(1 − p_i) (geometric skips)
export const R_RNG: i32 = 11; //   u32 [4] xoshiro128** state
export const R_SIZE: i32 = 12; //  (the block's size)

/** Byte size of a row-layout field (before rounding up to 16 bytes). */
function rowFieldSize(field: i32, n: i32, m: i32): i32 {
  if (field <= R_VW) return n * padM(m) * 4;
  if (field == R_ILQ) return padN(n) * 8;
  if (field == R_RNG) return 16;
  return padN(n) * 4;
}

/** Byte offset of a row-layout field inside an instance block (field R_SIZE: the block size). */
export function rowField(field: i32, n: i32, m: i32): i32 {
  let off = 0;
  for (let f = 0; f < field; f++) off += up(rowFieldSize(f, n, m), 16);
  return off;
}

// Row-layout scratch (shared by all instances of a shape), in order. "Lists" are (index, value)
// pairs in two parallel arrays.
export const S_WT: i32 = 0; //   f32 [m, np] Wᵀ of the instance being stepped
export const S_GW: i32 = 1; //   f32 [n, mp] ∂W
export const S_GB: i32 = 2; //   f32 [np] ∂b
export const S_X: i32 = 3; //    f32 [CHUNK, np] the chunk's samples, dense (kept zero between uses)
export const S_AI: i32 = 4; //   i32 [CHUNK, n] each row's active features…
export const S_AV: i32 = 5; //   f32 [CHUNK, n] …and their values
export const S_AC: i32 = 6; //   i32 [CHUNK] how many
export const S_CS: i32 = 7; //   i32 [n + 1] where each feature's column list starts…
export const S_CI: i32 = 8; //   i32 [CHUNK · n] …its rows…
export const S_CV: i32 = 9; //   f32 [CHUNK · n] …and values
export const S_NXT: i32 = 10; // i32 [n] next non-zero row of each sparse feature
export const S_ROWS: i32 = 11; // i32 [CHUNK] chunk row of each non-zero row t
export const S_MAP: i32 = 12; // i32 [CHUNK] t of each chunk row
export const S_H: i32 = 13; //   f32 [CHUNK + 3, mp] h of the non-zero rows (+ zero rows to fill the last 4-row tile)
export const S_O: i32 = 14; //   f32 [CHUNK + 3, np] their outputs
export const S_GH: i32 = 15; //  f32 [CHUNK + 3, mp] Σ_i g_ti W_i per row
export const S_MASK: i32 = 16; // u8 [np / 4] per block of four outputs, which have a gradient in the tile
export const S_LIST: i32 = 17; // i32 [n] the tile's outputs with a gradient
export const S_SIZE: i32 = 18;

function scratchFieldSize(field: i32, n: i32, m: i32): i32 {
  const np = padN(n);
  const mp = padM(m);
  switch (field) {
    case S_WT: return m * np * 4;
    case S_GW: return n * mp * 4;
    case S_X: return CHUNK * np * 4;
    case S_AC:
    case S_ROWS:
    case S_MAP: return CHUNK * 4;
    case S_CS: return (n + 1) * 4;
    case S_MASK: return np;
    case S_NXT:
    case S_LIST: return n * 4;
    case S_H: return (CHUNK + 3) * mp * 4;
    case S_O: return (CHUNK + 3) * np * 4;
    case S_GH: return (CHUNK + 3) * mp * 4;
    case S_GB: return np * 4;
    default: return CHUNK * n * 4; // S_AI, S_AV, S_CI, S_CV
  }
}

/** Byte offset of a row-layout scratch field (field S_SIZE: the scratch size). */
export function scratchField(field: i32, n: i32, m: i32): i32 {
  let off = 0;
  for (let f = 0; f < field; f++) off += up(scratchFieldSize(f, n, m), 16);
  return off;
}

// Lane-layout group block (4 instances): every entry is one v128, lane l = instance l.
export const L_W: i32 = 0; //      [n, m]
export const L_MW: i32 = 1; //     [n, m]
export const L_VW: i32 = 2; //     [n, m]
export const L_B: i32 = 3; //      [n]
export const L_MB: i32 = 4; //     [n]
export const L_VB: i32 = 5; //     [n]
export const L_IMP: i32 = 6; //    [n]
export const L_GS: i32 = 7; //     [n]
export const L_DENS: i32 = 8; //   [n]
export const L_INV: i32 = 9; //    [n]
export const L_RNG: i32 = 10; //   [4] xoshiro128** states (s0..s3, one lane per instance)
export const L_ACTIVE: i32 = 11; // [1] i32 lanes: −1 trains, 0 frozen (or padding)
export const L_LOSS: i32 = 12; //  [1] f32 last loss per lane
export const L_ACC: i32 = 13; //   [4] f64x2: loss sums (lanes 0–1, 2–3), then step counts (0–1, 2–3)
export const L_SIZE: i32 = 14;

/** Byte offset of a lane-layout field inside a group block (field L_SIZE: the block size). */
export function laneField(field: i32, n: i32, m: i32): i32 {
  let off = 0;
  for (let f = 0; f < field; f++) {
    const count = f <= L_VW ? n * m : f == L_RNG || f == L_ACC ? 4 : f >= L_ACTIVE ? 1 : n;
    off += count * 16;
  }
  return off;
}

// Lane-layout scratch: gW [n, m], gb [n], x [n], h [m], gh [m] (v128 each).
export function laneScratchSize(n: i32, m: i32): i32 {
  return (n * m + 3 * n + 2 * m) * 16;
}

// Adam constants of the current step, f32 at `opt`: β1, 1−β1, β2, 1−β2, 1−lr·wd, lr/c1, 1/√c2, eps.
const O_B1: i32 = 0;
const O_NB1: i32 = 4;
const O_B2: i32 = 8;
const O_NB2: i32 = 12;
const O_DECAY: i32 = 16;
const O_STEP: i32 = 20;
const O_SC2: i32 = 24;
const O_EPS: i32 = 28;

// ------------------------------------------------------------------------------------------------
// Random numbers: xoshiro128** (as src/model/rng.ts), uniforms from the top 24 bits.

const U24: f32 = 5.9604644775390625e-8; // 2^-24
const LN2: f64 = 0.6931471805599453;
const SQRT2: f64 = 1.4142135623730951;

// Scalar generator state (row layout), loaded from and stored to the instance block per step.
let s0: u32 = 0;
let s1: u32 = 0;
let s2: u32 = 0;
let s3: u32 = 0;

@inline
function nextU32(): u32 {
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
function uniform24(): f32 {
  return <f32>(nextU32() >>> 8) * U24;
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
function geometric(ilq: f64, cap: i32): i32 {
  const g = Math.floor(lnUnit(nextU32()) * ilq);
  return g < <f64>cap ? <i32>g : cap;
}

// ------------------------------------------------------------------------------------------------
// Row layout: one instance per call.

/**
 * One AdamW step of one instance (row layout). Returns the minibatch loss before the update.
 * `opt`: the step's Adam constants; `scr`: the scratch area; relu: 1 for ReLU output, 0 linear.
 *
 * The batch is processed in chunks of CHUNK rows. Per chunk: sample it feature by feature (each
 * row's list of active features, and each feature's list of rows), drop all-zero rows (counted,
 * handled once at the end), renumber the others t = 0, 1, …, then
 *   h_t  = Σ_a x_ta W_a                  over row t's active features, h_t in registers
 *   o_t  = W h_t + b                     dense, 4 rows × 8 outputs per register block
 *   g_t  = ∂loss/∂o_t                    elementwise, with the list of row t's non-zero g
 *   gh_t = Σ_i g_ti W_i,  ∂W_i += g_ti h_t   over that list, gh_t and h_t in registers
 *   ∂W_a += Σ_t x_ta gh_t                over feature a's rows, ∂W_a in registers.
 * Every product but W h skips the zeros that sparse data and ReLU clipping leave.
 */
export function rowStep(blk: usize, scr: usize, opt: usize, n: i32, m: i32, B: i32, relu: i32): f64 {
  const np = padN(n);
  const mp = padM(m);
  const W = blk + <usize>rowField(R_W, n, m);
  const b = blk + <usize>rowField(R_B, n, m);
  const imp = blk + <usize>rowField(R_IMP, n, m);
  const gs = blk + <usize>rowField(R_GS, n, m);
  const dens = blk + <usize>rowField(R_DENS, n, m);
  const inv = blk + <usize>rowField(R_INV, n, m);
  const ilq = blk + <usize>rowField(R_ILQ, n, m);
  const rng = blk + <usize>rowField(R_RNG, n, m);
  const Wt = scr + <usize>scratchField(S_WT, n, m);
  const gW = scr + <usize>scratchField(S_GW, n, m);
  const gb = scr + <usize>scratchField(S_GB, n, m);
  const X = scr + <usize>scratchField(S_X, n, m);
  const AI = scr + <usize>scratchField(S_AI, n, m);
  const AV = scr + <usize>scratchField(S_AV, n, m);
  const AC = scr + <usize>scratchField(S_AC, n, m);
  const CS = scr + <usize>scratchField(S_CS, n, m);
  const CI = scr + <usize>scratchField(S_CI, n, m);
  const CV = scr + <usize>scratchField(S_CV, n, m);
  const nxt = scr + <usize>scratchField(S_NXT, n, m);
  const rows = scr + <usize>scratchField(S_ROWS, n, m);
  const map = scr + <usize>scratchField(S_MAP, n, m);
  const H = scr + <usize>scratchField(S_H, n, m);
  const O = scr + <usize>scratchField(S_O, n, m);
  const GH = scr + <usize>scratchField(S_GH, n, m);
  const mask = scr + <usize>scratchField(S_MASK, n, m);
  const list = scr + <usize>scratchField(S_LIST, n, m);
  const zero = f32x4.splat(0);
  const npB = <usize>np << 2;
  const mpB = <usize>mp << 2;
  const nB = <usize>n << 2;

  s0 = load<u32>(rng);
  s1 = load<u32>(rng, 4);
  s2 = load<u32>(rng, 8);
  s3 = load<u32>(rng, 12);

  // Wᵀ for the forward product (its padding columns stay zero), and zeroed gradients.
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) store<f32>(Wt + ((<usize>k * np + i) << 2), load<f32>(W + ((<usize>i * mp + k) << 2)));
  }
  memory.fill(gW, 0, <usize>n * mpB);
  memory.fill(gb, 0, npB);

  // First non-zero row of each sparse feature.
  for (let i = 0; i < n; i++) {
    if (load<f32>(dens + (<usize>i << 2)) < DENSE_SAMPLING_FROM) {
      store<i32>(nxt + (<usize>i << 2), geometric(load<f64>(ilq + (<usize>i << 3)), B));
    }
  }

  let loss: f64 = 0;
  let zeroRows = 0;
  for (let c0 = 0; c0 < B; c0 += CHUNK) {
    const R = min(CHUNK, B - c0);
    memory.fill(AC, 0, <usize>R << 2);
    // Sample the chunk feature by feature: rows' lists come out in feature order, features'
    // lists in row order.
    let ce = 0;
    for (let i = 0; i < n; i++) {
      store<i32>(CS + (<usize>i << 2), ce);
      const p = load<f32>(dens + (<usize>i << 2));
      if (p >= DENSE_SAMPLING_FROM) {
        const iv = load<f32>(inv + (<usize>i << 2));
        // Branch-free (kept or not is a coin flip at p ≈ ½): every list slot is written, and
        // the counts advance only for kept entries.
        for (let r = 0; r < R; r++) {
          const u = uniform24();
          const keep = <i32>(u < p);
          const x = u * iv;
          store<f32>(X + <usize>r * npB + (<usize>i << 2), select<f32>(x, 0, keep));
          const cp = AC + (<usize>r << 2);
          const c = load<i32>(cp);
          store<i32>(AI + <usize>r * nB + (<usize>c << 2), i);
          store<f32>(AV + <usize>r * nB + (<usize>c << 2), x);
          store<i32>(cp, c + keep);
          store<i32>(CI + (<usize>ce << 2), r);
          store<f32>(CV + (<usize>ce << 2), x);
          ce += keep;
        }
      } else {
        const q = load<f64>(ilq + (<usize>i << 3));
        let next = load<i32>(nxt + (<usize>i << 2));
        while (next < c0 + R) {
          pushActive(X, AI, AV, AC, CI, CV, next - c0, i, uniform24(), ce, npB, nB);
          ce++;
          next += 1 + geometric(q, B);
        }
        store<i32>(nxt + (<usize>i << 2), next);
      }
    }
    store<i32>(CS + nB, ce);

    // The non-zero rows, renumbered t = 0, 1, …; their h from their active features.
    let t = 0;
    for (let r = 0; r < R; r++) {
      const c = load<i32>(AC + (<usize>r << 2));
      if (c == 0) {
        zeroRows++;
        continue;
      }
      store<i32>(rows + (<usize>t << 2), r);
      store<i32>(map + (<usize>r << 2), t);
      accumulate(H + <usize>t * mpB, false, AI + <usize>r * nB, AV + <usize>r * nB, c, W, mpB, mp);
      t++;
    }
    if (t == 0) continue;
    memory.fill(H + <usize>t * mpB, 0, 3 * mpB);

    // Outputs, four rows at a time.
    for (let q0 = 0; q0 < t; q0 += 4) forwardTile(H + <usize>q0 * mpB, Wt, O + <usize>q0 * npB, m, np, mp);

    // Per tile of four rows: loss and ∂o (in place of o), then the decoder's products.
    memory.fill(O + <usize>t * npB, 0, 3 * npB);
    for (let q0 = 0; q0 < t; q0 += 4) {
      memory.fill(mask, 0, <usize>np);
      for (let q = q0; q < min(q0 + 4, t); q++) {
        const oRow = O + <usize>q * npB;
        const xRow = X + <usize>load<i32>(rows + (<usize>q << 2)) * npB;
        let rowLoss = zero;
        for (let i0 = 0; i0 < np; i0 += 4) {
          const off = <usize>i0 << 2;
          const o = f32x4.add(v128.load(oRow + off), v128.load(b + off));
          const y = relu ? f32x4.max(o, zero) : o;
          const e = f32x4.sub(y, v128.load(xRow + off));
          rowLoss = f32x4.add(rowLoss, f32x4.mul(v128.load(imp + off), f32x4.mul(e, e)));
          let g = f32x4.mul(v128.load(gs + off), e);
          if (relu) g = v128.and(g, f32x4.gt(o, zero));
          v128.store(gb + off, f32x4.add(v128.load(gb + off), g));
          v128.store(oRow + off, g);
          const mp_ = mask + (<usize>i0 >> 2);
          store<u8>(mp_, load<u8>(mp_) | <u8>i32x4.bitmask(f32x4.ne(g, zero)));
        }
        loss += reduce4(rowLoss);
      }
      let c = 0;
      for (let blk = 0; blk < np >> 2; blk++) {
        let bits = <i32>load<u8>(mask + <usize>blk);
        while (bits != 0) {
          store<i32>(list + (<usize>c << 2), (blk << 2) + ctz<i32>(bits));
          c++;
          bits &= bits - 1;
        }
      }
      decoderTile(H + <usize>q0 * mpB, O + <usize>q0 * npB, GH + <usize>q0 * mpB, list, c, W, gW, npB, mpB, mp);
    }

    // The encoder's share, feature by feature: ∂W_a += Σ_t x_ta gh_t; and X back to zero.
    for (let i = 0; i < n; i++) {
      const start = load<i32>(CS + (<usize>i << 2));
      const end = load<i32>(CS + (<usize>(i + 1) << 2));
      if (end == start) continue;
      for (let e = start; e < end; e++) {
        const eo = <usize>e << 2;
        const r = load<i32>(CI + eo);
        store<i32>(CI + eo, load<i32>(map + (<usize>r << 2)));
        store<f32>(X + <usize>r * npB + (<usize>i << 2), 0);
      }
      accumulate(gW + <usize>i * mpB, true, CI + (<usize>start << 2), CV + (<usize>start << 2), end - start, GH, mpB, mp);
    }
  }

  // All-zero rows: h = 0, so o = b; only the bias gets a gradient. Counted once.
  if (zeroRows > 0) {
    const zr = f32x4.splat(<f32>zeroRows);
    let zl = zero;
    for (let i0 = 0; i0 < np; i0 += 4) {
      const off = <usize>i0 << 2;
      const o = v128.load(b + off);
      const y = relu ? f32x4.max(o, zero) : o;
      zl = f32x4.add(zl, f32x4.mul(v128.load(imp + off), f32x4.mul(y, y)));
      let g = f32x4.mul(v128.load(gs + off), y);
      if (relu) g = v128.and(g, f32x4.gt(o, zero));
      v128.store(gb + off, f32x4.add(v128.load(gb + off), f32x4.mul(zr, g)));
    }
    loss += <f64>zeroRows * reduce4(zl);
  }

  adamW(W, blk + <usize>rowField(R_MW, n, m), blk + <usize>rowField(R_VW, n, m), gW, n * mp, opt);
  adamW(b, blk + <usize>rowField(R_MB, n, m), blk + <usize>rowField(R_VB, n, m), gb, np, opt);

  store<u32>(rng, s0);
  store<u32>(rng, s1, 4);
  store<u32>(rng, s2, 8);
  store<u32>(rng, s3, 12);
  return loss / (<f64>B * <f64>n);
}

@inline
function pushActive(X: usize, AI: usize, AV: usize, AC: usize, CI: usize, CV: usize, r: i32, i: i32, x: f32, ce: i32, npB: usize, nB: usize): void {
  store<f32>(X + <usize>r * npB + (<usize>i << 2), x);
  const cp = AC + (<usize>r << 2);
  const c = load<i32>(cp);
  store<i32>(AI + <usize>r * nB + (<usize>c << 2), i);
  store<f32>(AV + <usize>r * nB + (<usize>c << 2), x);
  store<i32>(cp, c + 1);
  store<i32>(CI + (<usize>ce << 2), r);
  store<f32>(CV + (<usize>ce << 2), x);
}

/**
 * The decoder side of a tile of four rows, over the outputs i in `list` (those with a gradient
 * in some row of the tile; G holds the tile's ∂o, zero elsewhere):
 *   gh_q = Σ_i g_qi W_i    four rows × eight hidden units of accumulators, W loaded once per four rows;
 *   ∂W_i += Σ_q g_qi h_q   h of the four rows in registers, ∂W_i read and written once per tile.
 */
function decoderTile(Ht: usize, G: usize, GHt: usize, list: usize, count: i32, W: usize, gW: usize, npB: usize, mpB: usize, mp: i32): void {
  const zero = f32x4.splat(0);
  let k = 0;
  for (; k + 8 <= mp; k += 8) {
    const kb = <usize>k << 2;
    let a0 = zero;
    let a1 = zero;
    let b0 = zero;
    let b1 = zero;
    let c0 = zero;
    let c1 = zero;
    let d0 = zero;
    let d1 = zero;
    for (let e = 0; e < count; e++) {
      const io = <usize>load<i32>(list + (<usize>e << 2));
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
      const io = <usize>load<i32>(list + (<usize>e << 2));
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
    const kb = <usize>k << 2;
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
      const io = <usize>load<i32>(list + (<usize>e << 2));
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
function accumulate(dst: usize, into: bool, idx: usize, val: usize, count: i32, src: usize, srcStride: usize, mp: i32): void {
  let k = 0;
  for (; k + 16 <= mp; k += 16) {
    const kb = <usize>k << 2;
    let a0 = into ? v128.load(dst + kb) : f32x4.splat(0);
    let a1 = into ? v128.load(dst + kb, 16) : f32x4.splat(0);
    let a2 = into ? v128.load(dst + kb, 32) : f32x4.splat(0);
    let a3 = into ? v128.load(dst + kb, 48) : f32x4.splat(0);
    for (let e = 0; e < count; e++) {
      const eo = <usize>e << 2;
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
    const kb = <usize>k << 2;
    let a0 = into ? v128.load(dst + kb) : f32x4.splat(0);
    for (let e = 0; e < count; e++) {
      const eo = <usize>e << 2;
      a0 = f32x4.add(a0, f32x4.mul(v128.load32_splat(val + eo), v128.load(src + <usize>load<i32>(idx + eo) * srcStride + kb)));
    }
    v128.store(dst + kb, a0);
  }
}

/** Sum of the four lanes, pairwise, in f64. */
@inline
function reduce4(v: v128): f64 {
  return (<f64>f32x4.extract_lane(v, 0) + <f64>f32x4.extract_lane(v, 1)) + (<f64>f32x4.extract_lane(v, 2) + <f64>f32x4.extract_lane(v, 3));
}

/**
 * O[q, i] = Σ_k H[q, k] Wᵀ[k, i] for four rows of H: four rows × eight outputs in eight f32x4
 * accumulators, k innermost, so each Wᵀ load serves four rows (the register-blocked product).
 */
function forwardTile(H: usize, Wt: usize, O: usize, m: i32, np: i32, mp: i32): void {
  const npB = <usize>np << 2;
  const mpB = <usize>mp << 2;
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
    const o = O + (<usize>i << 2);
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

/** PyTorch AdamW on `len` floats (len a multiple of 4): p ← p(1 − lr·wd) − (lr/c1) m / (√v/√c2 + eps). */
function adamW(p: usize, mo: usize, vo: usize, g: usize, len: i32, opt: usize): void {
  const b1 = f32x4.splat(load<f32>(opt + O_B1));
  const nb1 = f32x4.splat(load<f32>(opt + O_NB1));
  const b2 = f32x4.splat(load<f32>(opt + O_B2));
  const nb2 = f32x4.splat(load<f32>(opt + O_NB2));
  const decay = f32x4.splat(load<f32>(opt + O_DECAY));
  const step = f32x4.splat(load<f32>(opt + O_STEP));
  const sc2 = f32x4.splat(load<f32>(opt + O_SC2));
  const eps = f32x4.splat(load<f32>(opt + O_EPS));
  for (let q = 0; q < len; q += 4) {
    const o = <usize>q << 2;
    const gq = v128.load(g + o);
    const m1 = f32x4.add(f32x4.mul(b1, v128.load(mo + o)), f32x4.mul(nb1, gq));
    const m2 = f32x4.add(f32x4.mul(b2, v128.load(vo + o)), f32x4.mul(nb2, f32x4.mul(gq, gq)));
    v128.store(mo + o, m1);
    v128.store(vo + o, m2);
    const den = f32x4.add(f32x4.mul(f32x4.sqrt(m2), sc2), eps);
    v128.store(p + o, f32x4.sub(f32x4.mul(v128.load(p + o), decay), f32x4.div(f32x4.mul(step, m1), den)));
  }
}

// ------------------------------------------------------------------------------------------------
// Lane layout: four instances per f32x4.

@inline
function rotlx(x: v128, k: i32): v128 {
  return v128.or(i32x4.shl(x, k), i32x4.shr_u(x, 32 - k));
}

/**
 * One AdamW step of a group of four instances (lane layout). Frozen or padding lanes compute
 * but keep their parameters, moments and statistics. The loss lands in the group's L_LOSS.
 */
export function laneStep(grp: usize, scr: usize, opt: usize, n: i32, m: i32, B: i32, relu: i32): void {
  const nm = n * m;
  const W = grp + <usize>laneField(L_W, n, m);
  const bb = grp + <usize>laneField(L_B, n, m);
  const imp = grp + <usize>laneField(L_IMP, n, m);
  const gs = grp + <usize>laneField(L_GS, n, m);
  const dens = grp + <usize>laneField(L_DENS, n, m);
  const inv = grp + <usize>laneField(L_INV, n, m);
  const rng = grp + <usize>laneField(L_RNG, n, m);
  const gW = scr;
  const gb = gW + (<usize>nm << 4);
  const X = gb + (<usize>n << 4);
  const hh = X + (<usize>n << 4);
  const gh = hh + (<usize>m << 4);
  const zero = f32x4.splat(0);
  const u24 = f32x4.splat(U24);

  let r0 = v128.load(rng);
  let r1 = v128.load(rng, 16);
  let r2 = v128.load(rng, 32);
  let r3 = v128.load(rng, 48);
  memory.fill(gW, 0, <usize>nm << 4);
  memory.fill(gb, 0, <usize>n << 4);

  let accLo = f64x2.splat(0);
  let accHi = f64x2.splat(0);
  let zeroRows = 0;
  let laneZeros = zero;
  const one = f32x4.splat(1);
  for (let r = 0; r < B; r++) {
    // Sample x: one uniform per feature and lane, x = u / p when u < p.
    let any = zero;
    for (let i = 0; i < n; i++) {
      const res = i32x4.mul(rotlx(i32x4.mul(r1, i32x4.splat(5)), 7), i32x4.splat(9));
      const t = i32x4.shl(r1, 9);
      r2 = v128.xor(r2, r0);
      r3 = v128.xor(r3, r1);
      r1 = v128.xor(r1, r2);
      r0 = v128.xor(r0, r3);
      r2 = v128.xor(r2, t);
      r3 = rotlx(r3, 11);
      const u = f32x4.mul(f32x4.convert_i32x4_u(i32x4.shr_u(res, 8)), u24);
      const off = <usize>i << 4;
      const keep = f32x4.lt(u, v128.load(dens + off));
      const x = v128.and(f32x4.mul(u, v128.load(inv + off)), keep);
      v128.store(X + off, x);
      any = v128.or(any, keep);
    }
    if (!v128.any_true(any)) {
      zeroRows++;
      continue;
    }
    // A lane whose own row is all zero takes no part in this row (its gradient and loss are
    // masked to zero) and is counted with the zero rows instead, exactly as if it trained alone.
    laneZeros = f32x4.add(laneZeros, v128.andnot(one, any));
    for (let k = 0; k < m; k++) {
      let h = zero;
      for (let i = 0; i < n; i++) h = f32x4.add(h, f32x4.mul(v128.load(X + (<usize>i << 4)), v128.load(W + (<usize>(i * m + k) << 4))));
      v128.store(hh + (<usize>k << 4), h);
      v128.store(gh + (<usize>k << 4), zero);
    }
    let rowLoss = zero;
    for (let i = 0; i < n; i++) {
      const io = <usize>i << 4;
      let o = v128.load(bb + io);
      for (let k = 0; k < m; k++) o = f32x4.add(o, f32x4.mul(v128.load(W + (<usize>(i * m + k) << 4)), v128.load(hh + (<usize>k << 4))));
      const y = relu ? f32x4.max(o, zero) : o;
      const e = f32x4.sub(y, v128.load(X + io));
      rowLoss = f32x4.add(rowLoss, f32x4.mul(v128.load(imp + io), f32x4.mul(e, e)));
      let g = v128.and(f32x4.mul(v128.load(gs + io), e), any);
      if (relu) g = v128.and(g, f32x4.gt(o, zero));
      v128.store(gb + io, f32x4.add(v128.load(gb + io), g));
      for (let k = 0; k < m; k++) {
        const wo = <usize>(i * m + k) << 4;
        const ko = <usize>k << 4;
        v128.store(gW + wo, f32x4.add(v128.load(gW + wo), f32x4.mul(g, v128.load(hh + ko))));
        v128.store(gh + ko, f32x4.add(v128.load(gh + ko), f32x4.mul(g, v128.load(W + wo))));
      }
    }
    for (let i = 0; i < n; i++) {
      const xi = v128.load(X + (<usize>i << 4));
      for (let k = 0; k < m; k++) {
        const wo = <usize>(i * m + k) << 4;
        v128.store(gW + wo, f32x4.add(v128.load(gW + wo), f32x4.mul(xi, v128.load(gh + (<usize>k << 4)))));
      }
    }
    rowLoss = v128.and(rowLoss, any);
    accLo = f64x2.add(accLo, f64x2.promote_low_f32x4(rowLoss));
    accHi = f64x2.add(accHi, f64x2.promote_low_f32x4(i32x4.shuffle(rowLoss, rowLoss, 2, 3, 0, 1)));
  }

  // Zero rows, per lane: those of the whole group plus each lane's own.
  const zr = f32x4.add(f32x4.splat(<f32>zeroRows), laneZeros);
  if (v128.any_true(f32x4.ne(zr, zero))) {
    let zl = zero;
    for (let i = 0; i < n; i++) {
      const io = <usize>i << 4;
      const o = v128.load(bb + io);
      const y = relu ? f32x4.max(o, zero) : o;
      zl = f32x4.add(zl, f32x4.mul(v128.load(imp + io), f32x4.mul(y, y)));
      let g = f32x4.mul(v128.load(gs + io), y);
      if (relu) g = v128.and(g, f32x4.gt(o, zero));
      v128.store(gb + io, f32x4.add(v128.load(gb + io), f32x4.mul(zr, g)));
    }
    accLo = f64x2.add(accLo, f64x2.mul(f64x2.promote_low_f32x4(zr), f64x2.promote_low_f32x4(zl)));
    accHi = f64x2.add(accHi, f64x2.mul(f64x2.promote_low_f32x4(i32x4.shuffle(zr, zr, 2, 3, 0, 1)), f64x2.promote_low_f32x4(i32x4.shuffle(zl, zl, 2, 3, 0, 1))));
  }

  const active = v128.load(grp + <usize>laneField(L_ACTIVE, n, m));
  laneAdamW(W, grp + <usize>laneField(L_MW, n, m), grp + <usize>laneField(L_VW, n, m), gW, nm, opt, active);
  laneAdamW(bb, grp + <usize>laneField(L_MB, n, m), grp + <usize>laneField(L_VB, n, m), gb, n, opt, active);

  // Loss per lane (scaled), and the running sums of the lanes that trained.
  const scale = f64x2.splat(1 / (<f64>B * <f64>n));
  const lo = f64x2.mul(accLo, scale);
  const hi = f64x2.mul(accHi, scale);
  const lossOut = grp + <usize>laneField(L_LOSS, n, m);
  const lossNew = i32x4.shuffle(f32x4.demote_f64x2_zero(lo), f32x4.demote_f64x2_zero(hi), 0, 1, 4, 5);
  v128.store(lossOut, v128.bitselect(lossNew, v128.load(lossOut), active));
  const acc = grp + <usize>laneField(L_ACC, n, m);
  // f64 lanes 0–1 and 2–3 of the active mask (i32 lanes widened by duplication).
  const actLo = i32x4.shuffle(active, active, 0, 0, 1, 1);
  const actHi = i32x4.shuffle(active, active, 2, 2, 3, 3);
  const oneD = f64x2.splat(1);
  v128.store(acc, f64x2.add(v128.load(acc), v128.and(lo, actLo)));
  v128.store(acc, f64x2.add(v128.load(acc, 16), v128.and(hi, actHi)), 16);
  v128.store(acc, f64x2.add(v128.load(acc, 32), v128.and(oneD, actLo)), 32);
  v128.store(acc, f64x2.add(v128.load(acc, 48), v128.and(oneD, actHi)), 48);

  v128.store(rng, r0);
  v128.store(rng, r1, 16);
  v128.store(rng, r2, 32);
  v128.store(rng, r3, 48);
}

/** AdamW over `len` v128 entries, keeping the old values in inactive lanes. */
function laneAdamW(p: usize, mo: usize, vo: usize, g: usize, len: i32, opt: usize, active: v128): void {
  const b1 = f32x4.splat(load<f32>(opt + O_B1));
  const nb1 = f32x4.splat(load<f32>(opt + O_NB1));
  const b2 = f32x4.splat(load<f32>(opt + O_B2));
  const nb2 = f32x4.splat(load<f32>(opt + O_NB2));
  const decay = f32x4.splat(load<f32>(opt + O_DECAY));
  const step = f32x4.splat(load<f32>(opt + O_STEP));
  const sc2 = f32x4.splat(load<f32>(opt + O_SC2));
  const eps = f32x4.splat(load<f32>(opt + O_EPS));
  for (let q = 0; q < len; q++) {
    const o = <usize>q << 4;
    const gq = v128.load(g + o);
    const om = v128.load(mo + o);
    const ov = v128.load(vo + o);
    const op = v128.load(p + o);
    const m1 = f32x4.add(f32x4.mul(b1, om), f32x4.mul(nb1, gq));
    const m2 = f32x4.add(f32x4.mul(b2, ov), f32x4.mul(nb2, f32x4.mul(gq, gq)));
    const den = f32x4.add(f32x4.mul(f32x4.sqrt(m2), sc2), eps);
    const np_ = f32x4.sub(f32x4.mul(op, decay), f32x4.div(f32x4.mul(step, m1), den));
    v128.store(mo + o, v128.bitselect(m1, om, active));
    v128.store(vo + o, v128.bitselect(m2, ov, active));
    v128.store(p + o, v128.bitselect(np_, op, active));
  }
}
