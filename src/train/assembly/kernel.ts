/**
 * The 'simd' training path: one fused AdamW step of the basic toy model (the paper's "Experiment Setup" and its
 * notebook), in AssemblyScript compiled to WebAssembly with 128-bit SIMD (f32x4). Built by
 * scripts/build-wasm.mjs; tests/train/basic/simd-twin.ts is the same algorithm in plain JavaScript (Math.fround at
 * every operation) and must give bit-identical results.
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
 *
 * This file is the module's entry: what it exports is what the host sees. The parts: common.ts,
 * random.ts, adam.ts, rows-layout.ts + rows.ts + products.ts (row layout), lanes.ts (lane
 * layout) and the generated lanes-fixed.ts (lane steps unrolled for fixed small shapes, written
 * by scripts/gen-lane-kernels.mjs).
 */

export { CHUNK, DENSE_SAMPLING_FROM, padM, padN } from './common';
export { lnUnit } from './random';
export {
  R_B,
  R_DENS,
  R_GS,
  R_ILQ,
  R_IMP,
  R_INV,
  R_MB,
  R_MW,
  R_RNG,
  R_SIZE,
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
  S_SIZE,
  S_WT,
  S_X,
  scratchField,
} from './rows-layout';
export { rowStep } from './rows';
export {
  L_ACC,
  L_ACTIVE,
  L_B,
  L_DENS,
  L_GS,
  L_IMP,
  L_INV,
  L_LOSS,
  L_MB,
  L_MW,
  L_RNG,
  L_SIZE,
  L_VB,
  L_VW,
  L_W,
  laneField,
  laneScratchSize,
  laneStep,
} from './lanes';
export * from './generated/lanes-fixed';
