/**
 * "Dictionary learning finds the features again" presets, headless: on the model the page shows (the at-a-glance
 * defaults), the section's two tasks (run.ts, as the task worker runs them: the run at the preset's settings, then the
 * curves over density and k/n through it) drawn as the section draws them (charts.ts): the atoms over the feature
 * directions (m = 2), the |cos| matrix, and recovery against density and against k/n.
 */
import { CosineMatrix } from '../../charts/CosineMatrix';
import { DirectionArrows2D } from '../../charts/DirectionArrows2D';
import { LineChart } from '../../charts/LineChart';
import { fmtCount } from '../../model/format';
import type { Preset } from '../../state/presets';
import { QUICK_GLANCE_STEPS } from '../at-a-glance/headless';
import { footnoteFigures, footnoteModel } from '../footnotes/headless';
import {
  headlessContext,
  presetValues,
  svgOf,
  type Figure,
  type FiguresModule,
  type RenderOptions,
} from '../shared/figures';
import {
  DICTIONARY_CHARTS,
  atomsChartProps,
  cosineMatrixProps,
  dictionaryMeta,
  recoveryByDensityProps,
  recoveryByRatioProps,
} from './charts';
import { DICTIONARY_PARAMS, curvesRequest, dictionaryRequest, dictionarySettings } from './params';
import { DICTIONARY_DEFAULTS, dictionaryCurves, learnFeatureDictionary, type DictionarySettings } from './run';

/** --quick: fewer sampled activations, alternations and FISTA iterations, for the run and every curve point alike. */
export const QUICK_DICTIONARY = Object.freeze({
  samples: 400,
  iterations: 10,
  codeIterations: 20,
}) satisfies Partial<DictionarySettings>;

async function render(p: Preset, { quick }: RenderOptions, log: (s: string) => void) {
  const state = presetValues(DICTIONARY_PARAMS, p);
  const trained = await footnoteModel(quick, log);
  const { model } = trained;
  const shorter = quick ? QUICK_DICTIONARY : {};
  const settings = dictionarySettings(model, state);
  const run = await learnFeatureDictionary(
    { ...dictionaryRequest(model, state), ...shorter },
    headlessContext('dictionary: ', log),
  );
  log(
    `  k = ${run.k}: recovered ${(100 * run.fraction).toFixed(0)}% of ${run.represented.length} represented features ` +
      `(the hidden axes: ${(100 * run.axisFraction).toFixed(0)}%) on ${run.path}`,
  );
  const curves = await dictionaryCurves(
    { ...curvesRequest(model, state, run), ...shorter },
    headlessContext('curves: ', log),
  );
  const meta = dictionaryMeta(model, settings);
  const figures: Figure[] = [];
  // The section draws the atoms in the plane only for m = 2.
  if (model.m === 2)
    figures.push({ name: 'atoms', svg: svgOf(DirectionArrows2D, atomsChartProps(run), meta(DICTIONARY_CHARTS.atoms)) });
  figures.push(
    { name: 'cosines', svg: svgOf(CosineMatrix, cosineMatrixProps(run), meta(DICTIONARY_CHARTS.cosines)) },
    {
      name: 'by-density',
      svg: svgOf(LineChart, recoveryByDensityProps(curves, settings.density), meta(DICTIONARY_CHARTS.byDensity)),
    },
    {
      name: 'by-k',
      svg: svgOf(LineChart, recoveryByRatioProps(curves, state.atomsPerFeature), meta(DICTIONARY_CHARTS.byRatio)),
    },
  );
  const solver = { ...shorter, k: settings.k, relativeLambda: settings.lambda, density: settings.density };
  return footnoteFigures(p, quick, state, trained, { solver, run, curves }, figures);
}

export const figures: FiguresModule = {
  render,
  quick:
    `the model at a glance trained ${QUICK_GLANCE_STEPS} steps per seed; per dictionary ${QUICK_DICTIONARY.samples} ` +
    `activations, ${QUICK_DICTIONARY.iterations} alternations of ${QUICK_DICTIONARY.codeIterations} FISTA steps (the ` +
    `section: ${fmtCount(DICTIONARY_DEFAULTS.samples)}, ${DICTIONARY_DEFAULTS.iterations} of ${DICTIONARY_DEFAULTS.codeIterations})`,
};
