/**
 * "Many sparse features add up to something Gaussian" presets, headless: the section's sampling and fit (run.ts, as
 * the task worker runs it) on random unit directions — or, for a preset asking for the model's own directions, on the
 * model the page shows (the at-a-glance defaults) — drawn as the section draws them (charts.ts): the histogram with
 * its fitted normal, the Q–Q plot and the kurtosis curve.
 */
import { HistogramChart } from '../../charts/HistogramChart';
import { LineChart } from '../../charts/LineChart';
import { QQPlot } from '../../charts/QQPlot';
import { fmt, fmtCount } from '../../model/format';
import type { Preset } from '../../state/presets';
import { QUICK_GLANCE_STEPS } from '../at-a-glance/headless';
import { footnoteFigures, footnoteModel } from '../footnotes/headless';
import { headlessContext, presetValues, svgOf, type FiguresModule, type RenderOptions } from '../shared/figures';
import { GAUSSIAN_CHARTS, gaussianMeta, histogramProps, kurtosisCurveProps, meanKurtosis, qqProps } from './charts';
import { GAUSSIAN_PARAMS, gaussianRequest, gaussianSetting } from './params';
import { GAUSSIAN_DEFAULTS, gaussianLatents, type GaussianRequest } from './run';

/** --quick: samples of h, and per point of the kurtosis curve. */
export const QUICK_GAUSSIAN = Object.freeze({
  samples: 10_000,
  curveSamples: 5_000,
}) satisfies Partial<GaussianRequest>;

async function render(p: Preset, { quick }: RenderOptions, log: (s: string) => void) {
  const state = presetValues(GAUSSIAN_PARAMS, p);
  // Only the model's own directions need the model; random ones are a problem of their own.
  const trained = state.source === 'model' ? await footnoteModel(quick, log) : null;
  const model = trained?.model ?? null;
  const { useModel } = gaussianSetting(model, state);
  const request = { ...gaussianRequest(model, state), ...(quick ? QUICK_GAUSSIAN : {}) };
  const r = await gaussianLatents(request, headlessContext('Gaussian: ', log));
  log(
    `  ${r.n} features in ${r.m} dimensions: excess kurtosis of h${r.dimension} ${fmt(r.excessKurtosis)}, ` +
      `mean over dimensions ${fmt(meanKurtosis(r))}`,
  );
  const meta = gaussianMeta(model, state, r);
  const figures = [
    {
      name: 'histogram',
      svg: svgOf(HistogramChart, histogramProps(r, state.logScale), meta(GAUSSIAN_CHARTS.histogram)),
    },
    { name: 'qq', svg: svgOf(QQPlot, qqProps(r), meta(GAUSSIAN_CHARTS.qq)) },
    {
      name: 'kurtosis',
      svg: svgOf(
        LineChart,
        kurtosisCurveProps(r, useModel, state.featuresPerDimension),
        meta(GAUSSIAN_CHARTS.kurtosis),
      ),
    },
  ];
  return footnoteFigures(p, quick, state, trained, r, figures);
}

export const figures: FiguresModule = {
  render,
  quick:
    `${fmtCount(QUICK_GAUSSIAN.samples)} samples of h and ${fmtCount(QUICK_GAUSSIAN.curveSamples)} per curve point ` +
    `(the section: ${fmtCount(GAUSSIAN_DEFAULTS.samples)} and ${fmtCount(GAUSSIAN_DEFAULTS.curveSamples)}); the model's own ` +
    `directions: the model at a glance trained ${QUICK_GLANCE_STEPS} steps per seed`,
};
