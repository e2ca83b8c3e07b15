/**
 * What "Superposition at a glance" computes from a run, without React: which seed to show, that
 * seed's weights and metrics, how the run is described in exports, and the model it hands to the
 * footnote experiments. The page (Section.tsx) and the figures CLI (figures.ts) share it.
 */
import type { TrainConfig } from '../../model/config';
import { fmtDensity } from '../../model/format';
import { instanceMetrics, instanceWeights, type InstanceMetrics } from '../../model/metrics';
import type { FootnoteModel } from '../shared/footnote-model';
import { describeImportance, resizeList, type FeatureSettings } from './features';
import type { GlanceState } from './params';

/** One instance of a batched run, as the panels draw it. */
export interface ShownModel {
  W: Float32Array;
  b: Float32Array;
  metrics: InstanceMetrics;
}

/** Instance j of batched weights ([I, n, m] and [I, n]). */
export function shownModel(W: Float32Array, b: Float32Array, j: number, n: number, m: number): ShownModel {
  const Wj = instanceWeights(W, j, n, m);
  return { W: Wj, b: b.subarray(j * n, (j + 1) * n), metrics: instanceMetrics(Wj, n, m) };
}

/**
 * "n=5, m=2, 1−S=0.10, I=0.9^i, relu, seed 2": the setting and the shown seed, for captions and exports (per-feature
 * lists in full).
 */
export function describeSetting(s: FeatureSettings & Pick<GlanceState, 'm' | 'kind'>, seed: number): string {
  const density = s.densities.length
    ? `1−S=(${resizeList(s.densities, s.n).join(', ')})`
    : `1−S=${fmtDensity(s.density)}`;
  return `n=${s.n}, m=${s.m}, ${density}, ${describeImportance(s)}, ${s.kind}, seed ${seed}`;
}

/**
 * Which seed to show: the lowest smoothed (EMA) minibatch loss, switching only on a clear (3%)
 * lead so the panels do not flicker between seeds with nearly equal loss. One per run.
 */
export class SmoothedBest {
  private runId = -1;
  private ema: number[] = [];
  private shown = 0;

  /** Feed the latest losses of run `runId`; returns the instance to show. */
  update(loss: Float32Array | null, runId: number): number {
    if (!loss) return this.shown;
    if (runId !== this.runId || this.ema.length !== loss.length) {
      this.runId = runId;
      this.ema = Array.from(loss);
      this.shown = 0;
      return 0;
    }
    const ema = this.ema;
    loss.forEach((v, j) => {
      if (Number.isFinite(v)) ema[j] = Number.isFinite(ema[j]) ? 0.8 * ema[j] + 0.2 * v : v;
    });
    let best = this.shown;
    ema.forEach((v, j) => {
      if (v < ema[best]) best = j;
    });
    if (best !== this.shown && !(ema[best] < 0.97 * ema[this.shown]) && Number.isFinite(ema[this.shown]))
      best = this.shown;
    this.shown = best;
    return best;
  }
}

/**
 * The shown model as the footnote experiments take it: compact copies, with its data distribution,
 * from the snapshot `at` of the run trained with `state` and `config` (the drawn ones).
 */
export function footnoteModelOf(
  shown: ShownModel,
  config: TrainConfig,
  j: number,
  at: { step: number; runKey: string },
  state: GlanceState,
): FootnoteModel {
  return {
    W: shown.W.slice(),
    b: shown.b.slice(),
    n: config.n,
    m: config.m,
    kind: state.kind,
    importance: Float32Array.from(config.instances[j].importance),
    density: Float32Array.from(config.instances[j].density),
    step: at.step,
    runKey: at.runKey,
    label: describeSetting(state, state.seed + j),
  };
}
