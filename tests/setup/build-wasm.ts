/** Vitest global setup: build the SIMD kernel from source first (a no-op when it is current). */
export default async function setup(): Promise<void> {
  // @ts-expect-error -- a plain .mjs build script, no type declarations
  const { buildKernel } = await import('../../scripts/build-wasm.mjs');
  await buildKernel();
}
