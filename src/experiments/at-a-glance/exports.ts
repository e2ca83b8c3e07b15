/**
 * What the at-a-glance exports record: the SVG's description and settings, and the JSON (the CLI's
 * models@1 file) of exactly the state shown — the live run, a rewound step, or a hand-placed
 * arrangement — with the per-feature importances and densities and the pinned result, if any.
 */
import type { ExportMeta } from '../../charts/export';
import type { TrainConfig } from '../../model/config';
import { buildModelJson, weightRows, type ModelsJson } from '../../model/io/model-json';
import type { LossHistory } from '../../ui/use-training';
import type { Snapshot } from '../../worker/protocol';
import { densitiesOf, importancesOf } from './features';
import type { GlanceState } from './params';
import type { PinnedModel } from './pin';
import { describeSetting } from './run';
import type { GlanceView } from './use-hands-on';

const viewWords = { live: '', rewound: ' (rewound)', 'hand-placed': ' (hand-placed W, best-response bias)' } as const;

export const BEST_RESPONSE_NOTE =
  'b is the best response to the hand-set W: per feature the exact minimiser of the expected loss with W fixed ' +
  '(stratified samples)';

export function glanceExportMeta(
  state: GlanceState,
  view: GlanceView | null,
  shownSeed: number,
  pin: PinnedModel | null,
): ExportMeta {
  const step = view?.step ?? 0;
  return {
    description: `Superposition at a glance: ${describeSetting(state, shownSeed)}, step ${step}${view ? viewWords[view.source] : ''}${pin ? `; pinned: step ${pin.step}${pin.handPlaced ? ' (hand-placed)' : ''}, dashed` : ''}`,
    config: {
      n: state.n,
      m: state.m,
      kind: state.kind,
      importances: importancesOf(state),
      densities: densitiesOf(state),
      seed: state.seed,
      seeds: state.seeds,
      steps: state.steps,
      path: state.path,
      shownSeed,
      step,
      view: view?.source ?? 'live',
      ...(pin ? { pin: state.pin } : {}),
    },
  };
}

export interface GlanceJsonInput {
  /** The settings of the run shown (not those asked for since: a newer run may be starting). */
  config: TrainConfig;
  /** Their run key (state/run-key.ts). */
  runKey: string;
  view: GlanceView;
  /** The batched snapshot behind a live or rewound view. */
  snapshot: Snapshot | null;
  history: LossHistory;
  shown: number;
  expectedLoss: number | null;
  pin: PinnedModel | null;
  pinnedLoss: number | null;
}

/** The models@1 file of the state shown, plus `view`, `features` and `pinned`. */
export function glanceExportJson({
  config,
  runKey,
  view,
  snapshot,
  history,
  shown,
  expectedLoss,
  pin,
  pinnedLoss,
}: GlanceJsonInput): (ModelsJson & Record<string, unknown>) | null {
  const hist = history.step
    .map((step, t) => ({ step, loss: history.loss.map((l) => l[t]) }))
    .filter((h) => h.step <= view.step);
  const run = { path: snapshot?.path ?? 'js', seconds: (snapshot?.trainingMs ?? 0) / 1000 };
  let models: ModelsJson;
  if (view.source === 'hand-placed') {
    // One model: the shown seed's setting with the hand-set weights.
    const one = { ...config, instances: [config.instances[shown]] };
    models = buildModelJson(one, { W: view.W, b: view.b, loss: Float32Array.of(NaN), step: view.step }, [], run);
  } else {
    if (!snapshot) return null;
    models = buildModelJson(config, snapshot, hist, run);
  }
  const inst = config.instances[shown];
  return {
    ...models,
    view: {
      source: view.source,
      step: view.step,
      shownSeed: inst.seed,
      runKey,
      expectedLoss,
      ...(view.source === 'hand-placed' ? { bias: BEST_RESPONSE_NOTE } : {}),
    },
    features: { importance: Array.from(inst.importance), density: Array.from(inst.density) },
    pinned: pin
      ? {
          n: pin.n,
          m: pin.m,
          kind: pin.kind,
          step: pin.step,
          handPlaced: pin.handPlaced,
          W: weightRows(pin.W, pin.n, pin.m),
          b: Array.from(pin.b),
          importance: Array.from(pin.importance),
          density: Array.from(pin.density),
          expectedLoss: pinnedLoss,
        }
      : null,
  };
}
