/**
 * The lane layout: four instances in the four lanes of every f32x4, for tiny n·m (phase
 * diagrams, the at-a-glance model). Each lane computes exactly what its instance would alone
 * (a lane whose own row is all zero is masked and counted with the zero rows).
 */
import { laneAdamW } from './adam';
import { U24 } from './random';

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
  const one = f32x4.splat(1);
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
  for (let r = 0; r < B; r++) {
    // Sample x: one uniform per feature and lane, x = u / p when u < p.
    let any = zero;
    for (let i = 0; i < n; i++) {
      // xoshiro128**'s ×5 and ×9 as shift-adds (the same bits mod 2³², without pmulld's latency).
      const rot = rotlx(i32x4.add(i32x4.shl(r1, 2), r1), 7);
      const res = i32x4.add(i32x4.shl(rot, 3), rot);
      const t = i32x4.shl(r1, 9);
      r2 = v128.xor(r2, r0);
      r3 = v128.xor(r3, r1);
      r1 = v128.xor(r1, r2);
      r0 = v128.xor(r0, r3);
      r2 = v128.xor(r2, t);
      r3 = rotlx(r3, 11);
      // The 24-bit value is non-negative as a signed integer: the signed conversion (one
      // instruction on x86, where the unsigned one is a sequence) gives the same float.
      const u = f32x4.mul(f32x4.convert_i32x4_s(i32x4.shr_u(res, 8)), u24);
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
      for (let i = 0; i < n; i++) {
        h = f32x4.add(h, f32x4.mul(v128.load(X + (<usize>i << 4)), v128.load(W + (<usize>(i * m + k) << 4))));
      }
      v128.store(hh + (<usize>k << 4), h);
      v128.store(gh + (<usize>k << 4), zero);
    }
    let rowLoss = zero;
    for (let i = 0; i < n; i++) {
      const io = <usize>i << 4;
      let o = v128.load(bb + io);
      for (let k = 0; k < m; k++) {
        o = f32x4.add(o, f32x4.mul(v128.load(W + (<usize>(i * m + k) << 4)), v128.load(hh + (<usize>k << 4))));
      }
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

  v128.store(rng, r0);
  v128.store(rng, r1, 16);
  v128.store(rng, r2, 32);
  v128.store(rng, r3, 48);
  laneFinish(grp, scr, opt, n, m, B, relu, zeroRows, laneZeros, accLo, accHi);
}

/**
 * The end of a lane step, shared by laneStep and the unrolled kernels of fixed shapes
 * (lanes-fixed, generated): the zero rows (the group's plus each lane's own) against the bias,
 * AdamW on the lanes that train (∂W at scr, then ∂b), and the loss bookkeeping. accLo/accHi hold
 * the non-zero rows' loss sums of lanes 0–1 and 2–3.
 */
export function laneFinish(
  grp: usize,
  scr: usize,
  opt: usize,
  n: i32,
  m: i32,
  B: i32,
  relu: i32,
  zeroRows: i32,
  laneZeros: v128,
  accLo: v128,
  accHi: v128,
): void {
  const nm = n * m;
  const W = grp + <usize>laneField(L_W, n, m);
  const bb = grp + <usize>laneField(L_B, n, m);
  const imp = grp + <usize>laneField(L_IMP, n, m);
  const gs = grp + <usize>laneField(L_GS, n, m);
  const gW = scr;
  const gb = gW + (<usize>nm << 4);
  const zero = f32x4.splat(0);
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
    const zrHi = f64x2.promote_low_f32x4(i32x4.shuffle(zr, zr, 2, 3, 0, 1));
    const zlHi = f64x2.promote_low_f32x4(i32x4.shuffle(zl, zl, 2, 3, 0, 1));
    accHi = f64x2.add(accHi, f64x2.mul(zrHi, zlHi));
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
}
