/**
 * The SIMD WebAssembly kernel as the trainer loads it: its compiled module (once per thread), its
 * exports, whether this engine runs it, and the two facts the kernel and its plain-JS twin share
 * with the trainer (the layout for a shape, the sampling constants).
 */
import { SIMD_KERNEL_BASE64 } from '../generated/simd-kernel';

export type SimdLayout = 'rows' | 'lanes';

export interface KernelExports {
  rowField(field: number, n: number, m: number): number;
  scratchField(field: number, n: number, m: number): number;
  laneField(field: number, n: number, m: number): number;
  laneScratchSize(n: number, m: number): number;
  padM(m: number): number;
  padN(n: number): number;
  rowStep(blk: number, scr: number, opt: number, n: number, m: number, B: number, relu: number): number;
  laneStep(grp: number, scr: number, opt: number, n: number, m: number, B: number, relu: number): void;
  /** laneStep unrolled for fixed small shapes (scripts/gen-lane-kernels.mjs): laneStep_<n>_<m>. */
  [fixed: `laneStep_${number}_${number}`]:
    ((grp: number, scr: number, opt: number, B: number, relu: number) => void) | undefined;
  lnUnit(r: number): number;
  [name: string]: unknown;
}

let compiled: Promise<WebAssembly.Module> | null = null;

/** The compiled kernel (compiled once per thread; rejects where WebAssembly SIMD is missing). */
export function simdKernelModule(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(base64Bytes(SIMD_KERNEL_BASE64));
  return compiled;
}

/** Whether this engine runs the kernel (WebAssembly with 128-bit SIMD). */
export async function simdSupported(): Promise<boolean> {
  try {
    await simdKernelModule();
    return true;
  } catch {
    return false;
  }
}

/**
 * The layout for a shape, from m alone (so an instance trains the same model whatever else is
 * in the request, on any number of threads or workers): lanes for m ≤ 4, where one instance's
 * work per sample is too small to fill vectors (the phase diagrams, at a glance, the 3-D
 * polytopes; their common shapes also have unrolled lane steps), rows beyond. Measured (npm run
 * bench and scratch timings, one core): n = 3, m = 2, 64 instances, lanes ≈ 3× rows; n = 20,
 * m = 5, 64 instances, lanes ≈ 1.15× rows but 1–3 instances rows ≈ 2–4× lanes.
 */
export function chooseSimdLayout(m: number): SimdLayout {
  return m <= 4 ? 'lanes' : 'rows';
}

/** Dense features are sampled per entry from this density up (the kernel's DENSE_SAMPLING_FROM). */
export const SIMD_DENSE_SAMPLING_FROM = 0.25;

/** 1 / ln(1 − p): the geometric-skip constant of a sparse feature (0 for p = 1, never used). */
export function inverseLogComplement(p: number): number {
  return p < 1 ? 1 / Math.log1p(-p) : 0;
}

function base64Bytes(b64: string): Uint8Array<ArrayBuffer> {
  const s = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(s.length));
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
