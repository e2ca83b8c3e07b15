/** "A free margin of superposition" (footnote 21): its URL keys. */
import type { ParamTable, ParamValues } from '../../state/url-params';
import { lambdaSweep } from '../../model/log-space';

/** Continued-training lengths and strongest λ the menus offer. */
export const L1_STEPS = [250, 500, 1000, 2000] as const;
export const L1_MAX = [1e-3, 3e-3, 1e-2, 3e-2] as const;

export const L1_PARAMS = {
  /** Training steps continued per λ. */
  steps: { key: 'fl1steps', kind: 'choice', values: L1_STEPS, default: 500 },
  /** Strongest λ; the sweep runs from λmax/100 to λmax. */
  maxLambda: { key: 'fl1max', kind: 'choice', values: L1_MAX, default: 0.01 },
} as const satisfies ParamTable;

export type L1State = ParamValues<typeof L1_PARAMS>;

/** λ = 0 (the control) and five strengths log-spaced from λmax/100 to λmax. */
export const l1Lambdas = (lambdaMax: number): number[] => lambdaSweep(lambdaMax / 100, lambdaMax, 5);
