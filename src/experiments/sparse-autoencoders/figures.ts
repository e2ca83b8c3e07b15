/**
 * The lab's presets, headless (`npm run figures`, `npm run sae`): the toy model and the SAEs trained
 * exactly as the section trains them (runLab), FISTA + MOD beside the best SAE (full runs only), and
 * the section's charts of the best SAE and of the whole run as standalone SVGs; the JSON is the
 * section's export.
 */
import { CosineMatrix } from '../../charts/CosineMatrix';
import { DirectionArrows2D } from '../../charts/DirectionArrows2D';
import type { ExportMeta } from '../../charts/export';
import { HistogramChart } from '../../charts/HistogramChart';
import { LineChart } from '../../charts/LineChart';
import { evaluationSet } from '../../model/sae/metrics';
import { scoreDictionary } from '../../model/sae/dictionary-score';
import type { Preset } from '../../state/presets';
import { learnDictionary } from '../../train/solvers/fista';
import { solverPath } from '../../train/solvers/tensor-path';
import {
  presetValues,
  svgOf,
  type Figure,
  type FiguresModule,
  type PresetFigures,
  type RenderOptions,
} from '../shared/figures';
import {
  NO_HOVER,
  cosProps,
  dictionaryCard,
  firingHistoryProps,
  firingProps,
  frontierProps,
  geometryProps,
} from './chart-props';
import { labJson } from './exports';
import { toyLabModel } from './models';
import { SAE_PARAMS, isToyModel, labSettings } from './params';
import { EVAL_SAMPLES, EVAL_SEED, runLab, type LabResult } from './run';

/** --quick: steps and seeds per setting. */
export const QUICK_SAE = Object.freeze({ steps: 300, seeds: 2 });

async function render(p: Preset, { quick }: RenderOptions, log: (s: string) => void): Promise<PresetFigures> {
  const state = presetValues(SAE_PARAMS, p);
  if (!isToyModel(state.model)) throw new Error(`preset ${p.id}: the figures train the lab's own models only`);
  const model = await toyLabModel(state.model);
  const full = labSettings(state, model.source.n);
  const settings = quick
    ? { ...full, steps: Math.min(full.steps, QUICK_SAE.steps), seeds: Math.min(full.seeds, QUICK_SAE.seeds) }
    : full;
  log(`  ${p.id}: ${settings.seeds} seed(s) × ${settings.sweep}, ${settings.steps} steps`);
  const run = await runLab(model, settings, {
    onProgress: (done, total) => {
      if (done % 2000 === 0) log(`  ${p.id}: step ${done}/${total}`);
    },
  });
  const fista = quick ? null : await fistaBeside(run, model);
  const best = run.final.instances[run.best];
  const meta: ExportMeta = {
    description: `${p.title}: ${model.label}, step ${run.final.step}`,
    config: { preset: p.id, settings, best: run.best },
  };
  const figures: Figure[] = [];
  if (model.source.m === 2)
    figures.push({
      name: 'geometry',
      svg: svgOf(DirectionArrows2D, geometryProps(model.source, best, NO_HOVER), meta),
    });
  figures.push({ name: 'cos', svg: svgOf(CosineMatrix, cosProps(best.card, NO_HOVER), meta) });
  figures.push({
    name: 'firing',
    svg: svgOf(HistogramChart, firingProps(best.trainFrequency, 'Firing frequency of the latents'), meta),
  });
  const history = run.snapshots.slice(1).map((s) => ({ step: s.step, freq: s.instances[run.best].trainFrequency }));
  figures.push({ name: 'firing-history', svg: svgOf(LineChart, firingHistoryProps(history, -1), meta) });
  figures.push({
    name: 'frontier',
    svg: svgOf(LineChart, frontierProps(run.instances, run.final.instances, run.best), meta),
  });
  if (fista) {
    const inst = {
      ...best,
      card: dictionaryCard(fista.score),
      params: { ...best.params, latents: fista.score.k, wDec: fista.atoms },
    };
    figures.push({
      name: 'fista',
      svg:
        model.source.m === 2
          ? svgOf(DirectionArrows2D, geometryProps(model.source, inst, NO_HOVER, 'FISTA + MOD atoms'), meta)
          : svgOf(CosineMatrix, cosProps(inst.card, NO_HOVER, 'atoms'), meta),
    });
  }
  const json = labJson({
    label: model.label,
    source: model.source,
    settings,
    step: run.final.step,
    instances: run.instances,
    states: run.final.instances,
    groups: run.groups,
    fista,
  });
  return { figures, json: { ...json, preset: p.id, best: run.best }, steps: run.final.step };
}

/** FISTA + MOD with as many atoms as the best SAE has latents, on the first 1,000 evaluation activations. */
async function fistaBeside(run: LabResult, model: Awaited<ReturnType<typeof toyLabModel>>) {
  await solverPath();
  const ev = evaluationSet(model.source, EVAL_SAMPLES, EVAL_SEED);
  const k = run.instances[run.best].spec.latents;
  const d = 1000;
  const dict = await learnDictionary(ev.H.subarray(0, d * model.source.m), d, model.source.m, {
    k,
    relativeLambda: 0.05,
    seed: 1,
  });
  return { atoms: dict.B, score: scoreDictionary(dict.B, dict.A, k, d, model.source, ev) };
}

export const figures: FiguresModule = {
  render,
  quick: `${QUICK_SAE.steps} steps, at most ${QUICK_SAE.seeds} seeds per setting, no FISTA + MOD`,
};
