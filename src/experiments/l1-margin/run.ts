/** What "A free margin of superposition" asks the footnotes worker for: the λ sweep below a strongest λ. */
import { lambdaSweep } from '../../train/solvers/l1-margin';

/** λ = 0 (the control) and five strengths log-spaced from λmax/100 to λmax. */
export const l1Lambdas = (lambdaMax: number): number[] => lambdaSweep(lambdaMax / 100, lambdaMax, 5);
