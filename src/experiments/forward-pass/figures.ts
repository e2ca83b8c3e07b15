/**
 * "Inside one forward pass" presets, headless: on the model the page shows (the at-a-glance defaults), the section's
 * forward pass of the preset's input and the removal of every direction in turn (run.ts, as the task worker runs it),
 * drawn as the section draws them (charts.ts): h as a sum of feature vectors, input against output, and the loss change
 * after removing the preset's feature.
 */
import { BarChart } from '../../charts/BarChart';
import { StackedBarChart } from '../../charts/StackedBarChart';
import { VectorSum2D } from '../../charts/VectorSum2D';
import { fmt } from '../../model/format';
import type { Preset } from '../../state/presets';
import { QUICK_GLANCE_STEPS } from '../at-a-glance/headless';
import { footnoteFigures, footnoteModel } from '../footnotes/headless';
import { headlessContext, presetValues, svgOf, type FiguresModule, type RenderOptions } from '../shared/figures';
import {
  forwardMeta,
  forwardOutputProps,
  forwardView,
  hiddenChart,
  removal,
  removalChartProps,
  removalMeta,
  removedFeature,
} from './charts';
import { FORWARD_PARAMS, removeDirectionRequest } from './params';
import { removeDirection } from './run';

async function render(p: Preset, { quick }: RenderOptions, log: (s: string) => void) {
  const state = presetValues(FORWARD_PARAMS, p);
  const trained = await footnoteModel(quick, log);
  const { model } = trained;
  const view = forwardView(model, state);
  const result = await removeDirection(removeDirectionRequest(model), headlessContext('remove a direction: ', log));
  const f = removedFeature(state, model.n);
  const { after, worst } = removal(result, f);
  log(
    `  removing feature ${f}: its loss ${fmt(result.before[f])} → ${fmt(after[f])}, ` +
      `${result.doubledOthers[f]} other(s) at least double` +
      (worst >= 0 ? `, most damaged feature ${worst}` : ''),
  );
  const meta = forwardMeta(model, view.x);
  const hidden = hiddenChart(model, view);
  const figures = [
    {
      name: 'hidden',
      svg:
        hidden.chart === 'vector-sum'
          ? svgOf(VectorSum2D, hidden.props, meta)
          : svgOf(StackedBarChart, hidden.props, meta),
    },
    { name: 'output', svg: svgOf(BarChart, forwardOutputProps(view), meta) },
    {
      name: `remove-direction-${f}`,
      svg: svgOf(BarChart, removalChartProps(result, f), removalMeta(model, result, f)),
    },
  ];
  const { d, leaked, filtered } = view;
  const forward = { x: view.x, h: d.h, output: d.output, preActivation: d.preActivation, leaked, filtered };
  return footnoteFigures(p, quick, state, trained, { forward, removedFeature: f, removal: result }, figures);
}

export const figures: FiguresModule = {
  render,
  quick: `the model at a glance trained ${QUICK_GLANCE_STEPS} steps per seed (the removal is cheap: left as it is)`,
};
