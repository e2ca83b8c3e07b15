/**
 * The row layout's step: one instance at a time, SIMD across features and hidden units, doing
 * only the work that exists.
 *
 * The batch is processed in chunks of CHUNK rows. Per chunk: sample it feature by feature (each
 * row's list of active features, and each feature's list of rows), drop all-zero rows (counted,
 * handled once at the end), renumber the others t = 0, 1, …, then
 *   h_t  = Σ_a x_ta W_a                  over row t's active features, h_t in registers
 *   o_t  = W h_t + b                     dense, 4 rows × 8 outputs per register block
 *   g_t  = ∂loss/∂o_t                    elementwise, per tile of four rows
 *   gh_t = Σ_i g_ti W_i,  ∂W_i += g_ti h_t   over the tile's outputs with a gradient
 *   ∂W_a += Σ_t x_ta gh_t                over feature a's rows, ∂W_a in registers.
 * Every product but W h skips the zeros that sparse data and ReLU clipping leave.
 */
import { adamW } from './adam';
import { CHUNK, DENSE_SAMPLING_FROM, padM, padN, reduce4 } from './common';
import { accumulate, decoderTile, forwardTile } from './products';
import { geometric, loadRng, storeRng, uniform24, uniforms24 } from './random';
import {
  R_B,
  R_DENS,
  R_GS,
  R_ILQ,
  R_IMP,
  R_INV,
  R_MB,
  R_MW,
  R_RNG,
  R_VB,
  R_VW,
  R_W,
  rowField,
  S_AC,
  S_AI,
  S_AV,
  S_CI,
  S_CS,
  S_CV,
  S_GB,
  S_GH,
  S_GW,
  S_H,
  S_LIST,
  S_MAP,
  S_MASK,
  S_NXT,
  S_O,
  S_ROWS,
  S_U,
  S_WT,
  S_X,
  scratchField,
} from './rows-layout';

// The instance and scratch being stepped (set by bind): byte offsets into memory.
let n: i32 = 0;
let m: i32 = 0;
let np: i32 = 0;
let mp: i32 = 0;
let B: i32 = 0;
let relu: i32 = 0;
let npB: usize = 0;
let mpB: usize = 0;
let nB: usize = 0;
let W: usize = 0;
let b: usize = 0;
let imp: usize = 0;
let gs: usize = 0;
let dens: usize = 0;
let inv: usize = 0;
let ilq: usize = 0;
let Wt: usize = 0;
let gW: usize = 0;
let gb: usize = 0;
let X: usize = 0;
let AI: usize = 0;
let AV: usize = 0;
let AC: usize = 0;
let CS: usize = 0;
let CI: usize = 0;
let CV: usize = 0;
let nxt: usize = 0;
let rows: usize = 0;
let map: usize = 0;
let H: usize = 0;
let O: usize = 0;
let GH: usize = 0;
let mask: usize = 0;
let list: usize = 0;
let U: usize = 0;

function bind(blk: usize, scr: usize, n_: i32, m_: i32, B_: i32, relu_: i32): void {
  n = n_;
  m = m_;
  B = B_;
  relu = relu_;
  np = padN(n);
  mp = padM(m);
  npB = (<usize>np) << 2;
  mpB = (<usize>mp) << 2;
  nB = (<usize>n) << 2;
  W = blk + <usize>rowField(R_W, n, m);
  b = blk + <usize>rowField(R_B, n, m);
  imp = blk + <usize>rowField(R_IMP, n, m);
  gs = blk + <usize>rowField(R_GS, n, m);
  dens = blk + <usize>rowField(R_DENS, n, m);
  inv = blk + <usize>rowField(R_INV, n, m);
  ilq = blk + <usize>rowField(R_ILQ, n, m);
  Wt = scr + <usize>scratchField(S_WT, n, m);
  gW = scr + <usize>scratchField(S_GW, n, m);
  gb = scr + <usize>scratchField(S_GB, n, m);
  X = scr + <usize>scratchField(S_X, n, m);
  AI = scr + <usize>scratchField(S_AI, n, m);
  AV = scr + <usize>scratchField(S_AV, n, m);
  AC = scr + <usize>scratchField(S_AC, n, m);
  CS = scr + <usize>scratchField(S_CS, n, m);
  CI = scr + <usize>scratchField(S_CI, n, m);
  CV = scr + <usize>scratchField(S_CV, n, m);
  nxt = scr + <usize>scratchField(S_NXT, n, m);
  rows = scr + <usize>scratchField(S_ROWS, n, m);
  map = scr + <usize>scratchField(S_MAP, n, m);
  H = scr + <usize>scratchField(S_H, n, m);
  O = scr + <usize>scratchField(S_O, n, m);
  GH = scr + <usize>scratchField(S_GH, n, m);
  mask = scr + <usize>scratchField(S_MASK, n, m);
  list = scr + <usize>scratchField(S_LIST, n, m);
  U = scr + <usize>scratchField(S_U, n, m);
}

/**
 * One AdamW step of one instance (row layout). Returns the minibatch loss before the update.
 * `opt`: the step's Adam constants; `scr`: the scratch area; relu: 1 for ReLU output, 0 linear.
 */
export function rowStep(blk: usize, scr: usize, opt: usize, n_: i32, m_: i32, B_: i32, relu_: i32): f64 {
  bind(blk, scr, n_, m_, B_, relu_);
  loadRng(blk + <usize>rowField(R_RNG, n, m));

  // Wᵀ for the forward product (its padding columns stay zero), and zeroed gradients.
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < m; k++) store<f32>(Wt + ((<usize>k * np + i) << 2), load<f32>(W + ((<usize>i * mp + k) << 2)));
  }
  memory.fill(gW, 0, <usize>n * mpB);
  memory.fill(gb, 0, npB);

  // First non-zero row of each sparse feature.
  for (let i = 0; i < n; i++) {
    if (load<f32>(dens + ((<usize>i) << 2)) < DENSE_SAMPLING_FROM) {
      store<i32>(nxt + ((<usize>i) << 2), geometric(load<f64>(ilq + ((<usize>i) << 3)), B));
    }
  }

  let loss: f64 = 0;
  let zeroRows = 0;
  for (let c0 = 0; c0 < B; c0 += CHUNK) {
    const R = min(CHUNK, B - c0);
    sampleChunk(c0, R);
    const t = liveRows(R);
    zeroRows += R - t;
    if (t == 0) continue;
    // Outputs, four rows at a time; then per tile loss, ∂o and the decoder's products.
    for (let q0 = 0; q0 < t; q0 += 4) forwardTile(H + <usize>q0 * mpB, Wt, O + <usize>q0 * npB, m, np, mp);
    memory.fill(O + <usize>t * npB, 0, 3 * npB);
    for (let q0 = 0; q0 < t; q0 += 4) loss = tile(q0, min(4, t - q0), loss);
    encoderColumns();
  }
  if (zeroRows > 0) loss += <f64>zeroRows * zeroRowsLoss(zeroRows);

  adamW(W, blk + <usize>rowField(R_MW, n, m), blk + <usize>rowField(R_VW, n, m), gW, n * mp, opt);
  adamW(b, blk + <usize>rowField(R_MB, n, m), blk + <usize>rowField(R_VB, n, m), gb, np, opt);
  storeRng(blk + <usize>rowField(R_RNG, n, m));
  return loss / (<f64>B * <f64>n);
}

/**
 * Sample rows c0 … c0 + R − 1 feature by feature: X dense, each row's list of active features
 * (in feature order) and each feature's list of rows (in row order).
 */
function sampleChunk(c0: i32, R: i32): void {
  memory.fill(AC, 0, (<usize>R) << 2);
  let ce = 0;
  for (let i = 0; i < n; i++) {
    store<i32>(CS + ((<usize>i) << 2), ce);
    const p = load<f32>(dens + ((<usize>i) << 2));
    if (p >= DENSE_SAMPLING_FROM) {
      const iv = load<f32>(inv + ((<usize>i) << 2));
      uniforms24(U, R);
      // Branch-free (kept or not is a coin flip at p ≈ ½): every list slot is written, and
      // the counts advance only for kept entries.
      for (let r = 0; r < R; r++) {
        const u = load<f32>(U + ((<usize>r) << 2));
        const keep = <i32>(u < p);
        const x = u * iv;
        store<f32>(X + <usize>r * npB + ((<usize>i) << 2), select<f32>(x, 0, keep));
        const cp = AC + ((<usize>r) << 2);
        const c = load<i32>(cp);
        store<i32>(AI + <usize>r * nB + ((<usize>c) << 2), i);
        store<f32>(AV + <usize>r * nB + ((<usize>c) << 2), x);
        store<i32>(cp, c + keep);
        store<i32>(CI + ((<usize>ce) << 2), r);
        store<f32>(CV + ((<usize>ce) << 2), x);
        ce += keep;
      }
    } else {
      const q = load<f64>(ilq + ((<usize>i) << 3));
      let next = load<i32>(nxt + ((<usize>i) << 2));
      while (next < c0 + R) {
        const r = next - c0;
        const x = uniform24();
        store<f32>(X + <usize>r * npB + ((<usize>i) << 2), x);
        const cp = AC + ((<usize>r) << 2);
        const c = load<i32>(cp);
        store<i32>(AI + <usize>r * nB + ((<usize>c) << 2), i);
        store<f32>(AV + <usize>r * nB + ((<usize>c) << 2), x);
        store<i32>(cp, c + 1);
        store<i32>(CI + ((<usize>ce) << 2), r);
        store<f32>(CV + ((<usize>ce) << 2), x);
        ce++;
        next += 1 + geometric(q, B);
      }
      store<i32>(nxt + ((<usize>i) << 2), next);
    }
  }
  store<i32>(CS + nB, ce);
}

/** Renumber the chunk's non-zero rows t = 0, 1, … and compute their h; returns how many. */
function liveRows(R: i32): i32 {
  let t = 0;
  for (let r = 0; r < R; r++) {
    const c = load<i32>(AC + ((<usize>r) << 2));
    if (c == 0) continue;
    store<i32>(rows + ((<usize>t) << 2), r);
    store<i32>(map + ((<usize>r) << 2), t);
    accumulate(H + <usize>t * mpB, false, AI + <usize>r * nB, AV + <usize>r * nB, c, W, mpB, mp);
    t++;
  }
  // Zero rows complete the last 4-row tile.
  memory.fill(H + <usize>t * mpB, 0, 3 * mpB);
  return t;
}

/**
 * Rows q0 … q0 + qn − 1 (qn ≤ 4): their loss (added row by row to `loss`, unscaled, and
 * returned), ∂o in place of o, ∂b, and the decoder's products over the outputs with a gradient
 * in some row of the tile.
 */
function tile(q0: i32, qn: i32, loss: f64): f64 {
  const zero = f32x4.splat(0);
  memory.fill(mask, 0, <usize>np);
  for (let q = q0; q < q0 + qn; q++) {
    const oRow = O + <usize>q * npB;
    const xRow = X + <usize>load<i32>(rows + ((<usize>q) << 2)) * npB;
    let rowLoss = zero;
    for (let i0 = 0; i0 < np; i0 += 4) {
      const off = (<usize>i0) << 2;
      const o = f32x4.add(v128.load(oRow + off), v128.load(b + off));
      const y = relu ? f32x4.max(o, zero) : o;
      const e = f32x4.sub(y, v128.load(xRow + off));
      rowLoss = f32x4.add(rowLoss, f32x4.mul(v128.load(imp + off), f32x4.mul(e, e)));
      let g = f32x4.mul(v128.load(gs + off), e);
      if (relu) g = v128.and(g, f32x4.gt(o, zero));
      v128.store(gb + off, f32x4.add(v128.load(gb + off), g));
      v128.store(oRow + off, g);
      const mk = mask + ((<usize>i0) >> 2);
      store<u8>(mk, load<u8>(mk) | (<u8>i32x4.bitmask(f32x4.ne(g, zero))));
    }
    loss += reduce4(rowLoss);
  }
  let c = 0;
  for (let blk = 0; blk < np >> 2; blk++) {
    let bits = <i32>load<u8>(mask + <usize>blk);
    while (bits != 0) {
      store<i32>(list + ((<usize>c) << 2), (blk << 2) + ctz<i32>(bits));
      c++;
      bits &= bits - 1;
    }
  }
  decoderTile(H + <usize>q0 * mpB, O + <usize>q0 * npB, GH + <usize>q0 * mpB, list, c, W, gW, npB, mpB, mp);
  return loss;
}

/** The encoder's share, feature by feature: ∂W_a += Σ_t x_ta gh_t; and X back to zero. */
function encoderColumns(): void {
  for (let i = 0; i < n; i++) {
    const start = load<i32>(CS + ((<usize>i) << 2));
    const end = load<i32>(CS + ((<usize>(i + 1)) << 2));
    if (end == start) continue;
    for (let e = start; e < end; e++) {
      const eo = (<usize>e) << 2;
      const r = load<i32>(CI + eo);
      store<i32>(CI + eo, load<i32>(map + ((<usize>r) << 2)));
      store<f32>(X + <usize>r * npB + ((<usize>i) << 2), 0);
    }
    accumulate(
      gW + <usize>i * mpB,
      true,
      CI + ((<usize>start) << 2),
      CV + ((<usize>start) << 2),
      end - start,
      GH,
      mpB,
      mp,
    );
  }
}

/**
 * All-zero rows: h = 0, so o = b and only the bias gets a gradient, counted once for the
 * `count` of them. Returns one such row's (unscaled) loss.
 */
function zeroRowsLoss(count: i32): f64 {
  const zero = f32x4.splat(0);
  const zr = f32x4.splat(<f32>count);
  let zl = zero;
  for (let i0 = 0; i0 < np; i0 += 4) {
    const off = (<usize>i0) << 2;
    const o = v128.load(b + off);
    const y = relu ? f32x4.max(o, zero) : o;
    zl = f32x4.add(zl, f32x4.mul(v128.load(imp + off), f32x4.mul(y, y)));
    let g = f32x4.mul(v128.load(gs + off), y);
    if (relu) g = v128.and(g, f32x4.gt(o, zero));
    v128.store(gb + off, f32x4.add(v128.load(gb + off), f32x4.mul(zr, g)));
  }
  return reduce4(zl);
}
