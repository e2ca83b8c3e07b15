/**
 * The tfjs backend the footnotes' solvers (fista.ts) run on: wasm, else cpu, activated once per
 * thread on first use; a failed activation is tried again by the next caller.
 */
import { activateFirstAvailable } from '../basic/paths';

export type SolverPath = 'wasm' | 'cpu';

const ORDER: readonly SolverPath[] = ['wasm', 'cpu'];
let ready: Promise<SolverPath> | null = null;

export function solverPath(): Promise<SolverPath> {
  ready ??= activateFirstAvailable(ORDER).then(
    (path) => {
      if (path === 'wasm' || path === 'cpu') return path;
      throw new Error(`unexpected tensor path ${path}`);
    },
    (e: unknown) => {
      ready = null;
      throw e;
    },
  );
  return ready;
}
