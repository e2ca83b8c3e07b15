/** The paper's optimizer: PyTorch's AdamW with decoupled weight decay, on f32x4. */
import { O_B1, O_B2, O_DECAY, O_EPS, O_NB1, O_NB2, O_SC2, O_STEP } from './common';

/**
 * PyTorch AdamW on `len` floats (len a multiple of 4): p ← p(1 − lr·wd) − (lr/c1) m / (√v/√c2 + eps).
 * The lane version with every lane training (an all-ones mask selects the new values unchanged).
 */
export function adamW(p: usize, mo: usize, vo: usize, g: usize, len: i32, opt: usize): void {
  laneAdamW(p, mo, vo, g, len >> 2, opt, i32x4.splat(-1));
}

/** AdamW over `len` v128 entries, keeping the old values in inactive lanes. */
export function laneAdamW(p: usize, mo: usize, vo: usize, g: usize, len: i32, opt: usize, active: v128): void {
  const b1 = f32x4.splat(load<f32>(opt + O_B1));
  const nb1 = f32x4.splat(load<f32>(opt + O_NB1));
  const b2 = f32x4.splat(load<f32>(opt + O_B2));
  const nb2 = f32x4.splat(load<f32>(opt + O_NB2));
  const decay = f32x4.splat(load<f32>(opt + O_DECAY));
  const step = f32x4.splat(load<f32>(opt + O_STEP));
  const sc2 = f32x4.splat(load<f32>(opt + O_SC2));
  const eps = f32x4.splat(load<f32>(opt + O_EPS));
  for (let q = 0; q < len; q++) {
    const o = (<usize>q) << 4;
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
