/**
 * What the footnote experiments' headless renderers (src/experiments/<id>/figures.ts) share: the model they run on —
 * the at-a-glance defaults trained and shown as the page opens (../at-a-glance/headless.ts) — and their JSON, one
 * format for the five: the preset's settings, the model, and the task's result. Node-side only.
 */
import { weightRows } from '../../model/io/model-json';
import type { Preset } from '../../state/presets';
import { trainDefaultFootnoteModel, type GlanceRun } from '../at-a-glance/headless';
import { plainJson, type Figure, type PresetFigures } from '../shared/figures';
import type { FootnoteModel } from '../shared/footnote-model';

export const FOOTNOTE_FIGURES_FORMAT = 'superposition-explorable/footnote-figures@1';

/** The model a footnote experiment ran on, and how it was trained. */
export interface FootnoteModelJson {
  /** As the page labels it ("n=5, m=2, 1−S=0.10, I=0.9^i, relu, seed 3"). */
  label: string;
  step: number;
  n: number;
  m: number;
  kind: FootnoteModel['kind'];
  /** W[i][k]: component k of feature i (the models@1 layout). */
  W: number[][];
  b: number[];
  importance: number[];
  density: number[];
  /** The at-a-glance run it is the shown seed of: its settings, path, seeds and their evaluation losses. */
  trainedAt: {
    settings: Record<string, unknown>;
    path: string;
    steps: number;
    seeds: number[];
    evalLoss: number[];
    shownSeed: number;
    seconds: number;
  };
}

export interface FootnoteFiguresJson {
  format: typeof FOOTNOTE_FIGURES_FORMAT;
  preset: string;
  experiment: string;
  title: string;
  quick: boolean;
  /** The preset's settings, by field. */
  settings: unknown;
  /** The model the task ran on (null: this setting runs on random problems of its own). */
  model: FootnoteModelJson | null;
  /** The task's result (typed arrays as plain arrays), and anything the section derives from it. */
  result: unknown;
}

type Trained = { run: GlanceRun; model: FootnoteModel };

/** The model per length (quick or full), trained once per process: every footnote preset runs on the same one. */
const trainedModels = new Map<boolean, Promise<Trained>>();

/**
 * The page's footnote model: the at-a-glance defaults, trained (shortened when quick), the seed the page shows. The
 * tasks never write to it (each request carries copies, as the page's do).
 */
export function footnoteModel(quick: boolean, log: (s: string) => void): Promise<Trained> {
  const trained = trainedModels.get(quick);
  if (trained) {
    log('  the model shown at a glance: as trained for an earlier preset');
    return trained;
  }
  log('  the model shown at a glance (its defaults):');
  const training = trainDefaultFootnoteModel(quick, log);
  training.catch(() => trainedModels.delete(quick));
  trainedModels.set(quick, training);
  return training;
}

export function footnoteModelJson(model: FootnoteModel, run: GlanceRun): FootnoteModelJson {
  const { pin: _pin, ...settings } = run.state;
  return {
    label: model.label,
    step: model.step,
    n: model.n,
    m: model.m,
    kind: model.kind,
    W: weightRows(model.W, model.n, model.m),
    b: Array.from(model.b),
    importance: Array.from(model.importance),
    density: Array.from(model.density),
    trainedAt: {
      settings,
      path: run.path,
      steps: run.final.step,
      seeds: run.config.instances.map((i) => i.seed),
      evalLoss: run.json.instances.map((i) => i.evalLoss),
      shownSeed: run.shownSeed,
      seconds: run.json.run.seconds,
    },
  };
}

/** A footnote preset's figures and JSON; `steps`: the at-a-glance model's (0 when the setting trains none). */
export function footnoteFigures(
  p: Preset,
  quick: boolean,
  settings: unknown,
  trained: Trained | null,
  result: unknown,
  figures: Figure[],
): PresetFigures {
  const json: FootnoteFiguresJson = {
    format: FOOTNOTE_FIGURES_FORMAT,
    preset: p.id,
    experiment: p.experiment,
    title: p.title,
    quick,
    settings,
    model: trained ? footnoteModelJson(trained.model, trained.run) : null,
    result: plainJson(result),
  };
  return { figures, json, steps: trained?.run.final.step ?? 0 };
}
