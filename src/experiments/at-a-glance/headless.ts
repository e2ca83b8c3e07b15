/**
 * The at-a-glance model trained headless as the page trains it: glanceTrainConfig's seeds side by side on the page's
 * path (simd where it runs, else js), and the seed the page shows. The at-a-glance figures draw it; the footnote
 * figures run their experiments on it, as the page hands its shown model to the footnotes section. Node-side only.
 */
import type { TrainConfig } from '../../model/config';
import { buildModelJson, type ModelsJson } from '../../model/io/model-json';
import { createTrainer, defaultHeadlessPath } from '../../train/basic/paths';
import { trainWithHistory, type LossHistoryEntry, type TrainPath, type TrainerState } from '../../train/trainer';
import type { FootnoteModel } from '../shared/footnote-model';
import { defaults } from '../../state/url-params';
import { runKey } from '../../state/run-key';
import { GLANCE_PARAMS, GLANCE_RUN_KEYS, glanceTrainConfig, type GlanceState } from './params';
import { footnoteModelOf, shownModel, type ShownModel } from './run';

/** --quick: steps per model. */
export const QUICK_GLANCE_STEPS = 1000;

/** Progress lines at most this often. */
const LOG_EVERY_MS = 5000;

/** A trained at-a-glance setting and the seed shown of it. */
export interface GlanceRun {
  state: GlanceState;
  config: TrainConfig;
  path: TrainPath;
  final: TrainerState;
  history: LossHistoryEntry[];
  /** The run in the CLI's models@1 format (every seed, the loss history). */
  json: ModelsJson;
  /** Index of the shown instance, its weights and metrics, and its seed. */
  best: number;
  shown: ShownModel;
  shownSeed: number;
}

/**
 * Train a setting as the section does (`state.steps` steps, QUICK_GLANCE_STEPS when quick) and pick the seed to show.
 * The page shows the seed with the lowest smoothed loss, read off snapshots that arrive as fast as the worker sends
 * them; headless, the lowest evaluation loss is that choice without the timing (the same seed on the defaults).
 */
export async function trainGlance(state: GlanceState, quick: boolean, log: (s: string) => void): Promise<GlanceRun> {
  const config = glanceTrainConfig(state);
  const { n, m } = config;
  const steps = quick ? Math.min(state.steps, QUICK_GLANCE_STEPS) : state.steps;
  const every = Math.max(1, Math.ceil(steps / 200));
  const path = await defaultHeadlessPath(config);
  const trainer = await createTrainer(config, path);
  let lastLog = performance.now();
  try {
    const { final, history, seconds } = await trainWithHistory(trainer, steps, every, (st) => {
      if (performance.now() - lastLog > LOG_EVERY_MS) {
        lastLog = performance.now();
        log(`  step ${st.step}/${steps}`);
      }
    });
    const json = buildModelJson(config, final, history, { path, seconds });
    const best = json.best;
    const shownSeed = config.instances[best].seed;
    const inst = json.instances[best];
    log(
      `  seed ${shownSeed}: eval loss ${inst.evalLoss.toExponential(3)}, ` +
        `${inst.metrics.norms.filter((v) => v > 0.5).length}/${n} features with ‖W_i‖ > 0.5, ` +
        `m/‖W‖_F² ${inst.metrics.dimensionsPerFeature.toFixed(3)}`,
    );
    return {
      state,
      config,
      path,
      final,
      history,
      json,
      best,
      shown: shownModel(final.W, final.b, best, n, m),
      shownSeed,
    };
  } finally {
    trainer.dispose();
  }
}

/** The shown model as the page hands it to the footnote experiments. */
export function glanceFootnoteModel(run: GlanceRun): FootnoteModel {
  const at = { step: run.final.step, runKey: runKey(GLANCE_PARAMS, GLANCE_RUN_KEYS, run.state) };
  return footnoteModelOf(run.shown, run.config, run.best, at, run.state);
}

/** The model the footnotes section runs on when the page opens: the at-a-glance defaults, trained and shown. */
export async function trainDefaultFootnoteModel(
  quick: boolean,
  log: (s: string) => void,
): Promise<{ run: GlanceRun; model: FootnoteModel }> {
  const run = await trainGlance(defaults(GLANCE_PARAMS), quick, log);
  return { run, model: glanceFootnoteModel(run) };
}
