/**
 * What the benches report beside speed: useful multiply-adds per second (useful-macs.ts), and
 * the practical single-core peak of a register-blocked SIMD product on this machine
 * (bench/assembly/peak.ts), so a table says how close to the hardware each path runs.
 */
import { fileURLToPath } from 'node:url';
export { usefulMacsPerStep } from './useful-macs';

/** GMAC/s of the register-blocked SIMD product on one core (the same shape as the paper's W h). */
export async function measurePeakGmacPerSecond(seconds = 0.5): Promise<number> {
  // @ts-expect-error -- a plain .mjs build script, no type declarations
  const { compileAssemblyScript } = await import('../scripts/build-wasm.mjs');
  const bytes = (await compileAssemblyScript(
    fileURLToPath(new URL('./assembly/peak.ts', import.meta.url)),
  )) as Uint8Array;
  const memory = new WebAssembly.Memory({ initial: 64 });
  const { exports } = (await WebAssembly.instantiate(new Uint8Array(bytes), { env: { memory } })).instance;
  const product = exports.product as (
    H: number,
    Wt: number,
    O: number,
    rows: number,
    m: number,
    np: number,
    mp: number,
  ) => void;
  const rows = 1024;
  const m = 30;
  const np = 400;
  const mp = 32;
  const H = 65536;
  const Wt = H + rows * mp * 4;
  const O = Wt + m * np * 4;
  const f32 = new Float32Array(memory.buffer);
  for (let i = H / 4; i < (O + rows * np * 4) / 4; i++) f32[i] = ((i * 7919) % 1000) / 1000;
  for (let w = 0; w < 5; w++) product(H, Wt, O, rows, m, np, mp);
  let reps = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    product(H, Wt, O, rows, m, np, mp);
    reps++;
  }
  const elapsed = (performance.now() - t0) / 1000;
  return (reps * rows * m * np) / elapsed / 1e9;
}
