/** State of the "Superposition as a phase change" section: its URL keys, limits and defaults. */
import type { ParamTable, ParamValues } from './url-params';

export const PHASE_PARAMS = {
  /** phase-2-1: n = 2, m = 1; phase-3-2: n = 3, m = 2 (the last feature is the "extra" one). */
  pexp: { kind: 'enum', values: ['phase-2-1', 'phase-3-2'], default: 'phase-2-1' },
  /** Cells per axis. */
  pgrid: { kind: 'int', min: 4, max: 40, default: 24 },
  /** Seeds per cell; the lowest-loss one is shown, as the paper does. */
  pseeds: { kind: 'int', min: 1, max: 5, default: 3 },
  /** Step limit; instances stop earlier once converged. */
  psteps: { kind: 'int', min: 500, max: 50_000, default: 10_000 },
  /** Show the analytic diagram beside the trained one. */
  ptheory: { kind: 'bool', default: true },
  /** Colour the trained diagram by agreement with the theory instead of by phase. */
  pdiff: { kind: 'bool', default: false },
  /** Selected cell (row-major index), −1 for none. */
  pcell: { kind: 'int', min: -1, max: 40 * 40 - 1, default: -1 },
} as const satisfies ParamTable;

export type PhaseState = ParamValues<typeof PHASE_PARAMS>;
