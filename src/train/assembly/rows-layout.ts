/**
 * The row layout's memory: one block per instance and one scratch area per shape, described
 * here only (the host asks rowField/scratchField for the offsets).
 */
import { CHUNK, padM, padN, up } from './common';

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
export const S_U: i32 = 18; //   f32 [CHUNK] a dense feature's uniforms for the chunk
export const S_SIZE: i32 = 19;

function scratchFieldSize(field: i32, n: i32, m: i32): i32 {
  const np = padN(n);
  const mp = padM(m);
  switch (field) {
    case S_WT:
      return m * np * 4;
    case S_GW:
      return n * mp * 4;
    case S_X:
      return CHUNK * np * 4;
    case S_AC:
    case S_U:
    case S_ROWS:
    case S_MAP:
      return CHUNK * 4;
    case S_CS:
      return (n + 1) * 4;
    case S_MASK:
      return np;
    case S_NXT:
    case S_LIST:
      return n * 4;
    case S_H:
      return (CHUNK + 3) * mp * 4;
    case S_O:
      return (CHUNK + 3) * np * 4;
    case S_GH:
      return (CHUNK + 3) * mp * 4;
    case S_GB:
      return np * 4;
    default:
      return CHUNK * n * 4; // S_AI, S_AV, S_CI, S_CV
  }
}

/** Byte offset of a row-layout scratch field (field S_SIZE: the scratch size). */
export function scratchField(field: i32, n: i32, m: i32): i32 {
  let off = 0;
  for (let f = 0; f < field; f++) off += up(scratchFieldSize(f, n, m), 16);
  return off;
}
