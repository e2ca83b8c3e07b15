/**
 * What a test measured or found, printed only with VERBOSE=1 (e.g. `VERBOSE=1 npx vitest run
 * tests/x.test.ts`): a passing run stays quiet, and a reader who wants the numbers gets them.
 */
export const VERBOSE = process.env.VERBOSE === '1';

export function verbose(...parts: unknown[]): void {
  // The one place tests print: behind VERBOSE=1, so the gate's output is the tests' results alone.
  // eslint-disable-next-line no-console
  if (VERBOSE) console.log(...parts);
}
