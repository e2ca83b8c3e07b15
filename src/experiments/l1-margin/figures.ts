/**
 * "A free margin of superposition" presets, headless: on the model the page shows (the at-a-glance defaults), the
 * section's λ sweep (run.ts, as the task worker runs it), drawn as the section draws it (charts.ts): loss against
 * superposition relative to the control. The table's rows are in the JSON.
 */
import { LineChart } from '../../charts/LineChart';
import { fmtCount } from '../../model/format';
import type { Preset } from '../../state/presets';
import { QUICK_GLANCE_STEPS } from '../at-a-glance/headless';
import { footnoteFigures, footnoteModel } from '../footnotes/headless';
import { headlessContext, presetValues, svgOf, type FiguresModule, type RenderOptions } from '../shared/figures';
import { l1MarginChartProps, l1Meta } from './charts';
import { L1_PARAMS, l1Request } from './params';
import { L1_EVAL_SAMPLES, l1Margin, type L1MarginRequest } from './run';

/** --quick: continued steps per λ (at most) and the evaluation set. */
export const QUICK_L1 = Object.freeze({ steps: 100, evalSamples: 20_000 }) satisfies Partial<L1MarginRequest>;

async function render(p: Preset, { quick }: RenderOptions, log: (s: string) => void) {
  const state = presetValues(L1_PARAMS, p);
  const trained = await footnoteModel(quick, log);
  const { model } = trained;
  const request = l1Request(model, state);
  const shorter = quick ? { steps: Math.min(state.steps, QUICK_L1.steps), evalSamples: QUICK_L1.evalSamples } : {};
  const r = await l1Margin({ ...request, ...shorter }, headlessContext('L1 sweep: ', log));
  const margin = r.rows.find((row) => row.lambda === r.marginLambda);
  log(
    margin
      ? `  margin at λ = ${margin.lambda.toExponential(1)}: superposition ${(100 * margin.relativeSuperposition).toFixed(1)}%, loss ${(100 * margin.relativeLoss).toFixed(2)}%`
      : '  no λ lowered superposition for at most 1% more loss',
  );
  const meta = l1Meta(model, r.steps, request.lambdas ?? [], r);
  const figures = [{ name: 'margin', svg: svgOf(LineChart, l1MarginChartProps(r), meta) }];
  return footnoteFigures(p, quick, state, trained, r, figures);
}

export const figures: FiguresModule = {
  render,
  quick:
    `the model at a glance trained ${QUICK_GLANCE_STEPS} steps per seed; ${QUICK_L1.steps} continued steps per λ, ` +
    `evaluated on ${fmtCount(QUICK_L1.evalSamples)} inputs (the section: its steps, ${fmtCount(L1_EVAL_SAMPLES)})`,
};
