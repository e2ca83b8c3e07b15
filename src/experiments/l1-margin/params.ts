/** "A free margin of superposition" (footnote 21): its URL keys, its request and its preset. */
import { lambdaSweep } from '../../model/log-space';
import type { PresetSpec } from '../../state/presets';
import { linkParams, type ParamTable, type ParamValues } from '../../state/url-params';
import { modelData, type FootnoteModel } from '../shared/footnote-model';

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

/**
 * The sweep at the reader's settings, continued from the model shown: an L1MarginRequest (run.ts reads this file's
 * defaults, so the type is checked where the request is sent, not imported back here).
 */
export const l1Request = (model: FootnoteModel, s: L1State) => ({
  model: modelData(model),
  lambdas: l1Lambdas(s.maxLambda),
  steps: s.steps,
});

export const L1_PRESETS: readonly PresetSpec[] = [
  {
    id: 'l1-margin',
    title: 'Footnote 21: a free margin of superposition',
    description:
      'The model shown at a glance trained on under an L1 penalty on its hidden activations, λ from 10⁻⁴ to 10⁻² ' +
      '(500 steps each): at the weaker strengths superposition falls while the loss stays within 1% of the ' +
      'control’s.',
    params: linkParams(L1_PARAMS, { steps: 500, maxLambda: 0.01 }),
  },
];
