/**
 * "The compressed-sensing view" presets, headless: the compressed-sensing scale with the model the page shows (the
 * at-a-glance defaults) on it, and the section's recovery curves (run.ts, as the task worker runs it), drawn as the
 * section draws them (charts.ts). The widths table's numbers are in the JSON (each curve's start, end and width).
 */
import { LineChart } from '../../charts/LineChart';
import { fmtFixed } from '../../model/format';
import type { Preset } from '../../state/presets';
import { QUICK_GLANCE_STEPS } from '../at-a-glance/headless';
import { footnoteFigures, footnoteModel } from '../footnotes/headless';
import { headlessContext, presetValues, svgOf, type FiguresModule, type RenderOptions } from '../shared/figures';
import { scaleChartProps, scaleMeta, transitionChartProps, transitionMeta } from './charts';
import { CS_PARAMS, csRequest } from './params';
import { compressedSensing } from './run';
import { modelScalePoint } from './scale';

/** --quick: sizes up to maxSize only, and a quarter of the random problems per point. */
export const QUICK_CS = Object.freeze({ maxSize: 100, trialsScale: 0.25 });

async function render(p: Preset, { quick }: RenderOptions, log: (s: string) => void) {
  const state = presetValues(CS_PARAMS, p);
  const trained = await footnoteModel(quick, log);
  const { model } = trained;
  const modelPoint = modelScalePoint(model);
  const request = csRequest(state);
  const shorter = quick
    ? {
        ns: request.ns?.filter((n) => n <= QUICK_CS.maxSize),
        trialsScale: QUICK_CS.trialsScale * state.trialsScale,
      }
    : {};
  const r = await compressedSensing({ ...request, ...shorter }, headlessContext('recovery: ', log));
  for (const c of r.curves)
    log(
      `  n = ${c.n}: ${c.trials} problems per k, 90% at k/m ${fmtFixed(c.start, 3)}, 10% at ${fmtFixed(c.end, 3)}, ` +
        `width ${fmtFixed(c.width, 3)}`,
    );
  const figures = [
    { name: 'scale', svg: svgOf(LineChart, scaleChartProps(modelPoint), scaleMeta(model, modelPoint)) },
    { name: 'transition', svg: svgOf(LineChart, transitionChartProps(r.curves), transitionMeta(state, r.curves)) },
  ];
  return footnoteFigures(p, quick, state, trained, { modelPoint, ...r }, figures);
}

export const figures: FiguresModule = {
  render,
  quick:
    `the model at a glance trained ${QUICK_GLANCE_STEPS} steps per seed; sizes n ≤ ${QUICK_CS.maxSize} only, ` +
    `${QUICK_CS.trialsScale}× the random problems per point`,
};
