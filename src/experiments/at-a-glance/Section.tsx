/**
 * "Superposition at a glance": one setting (n, m, sparsity, importance) trained live as a few
 * seeds in the worker; the panels show the lowest-loss seed, as the paper judges several fits.
 */
import { useEffect, useMemo, useRef } from 'react';
import { ChartFrame } from '../../charts/ChartFrame';
import { FeatureGeometry2D } from '../../charts/FeatureGeometry2D';
import { FeatureNormBars } from '../../charts/FeatureNormBars';
import { GramHeatmap } from '../../charts/GramHeatmap';
import { LossCurve } from '../../charts/LossCurve';
import { buildModelJson } from '../../model/io/model-json';
import { ownValues } from '../../state/url-params';
import { Tex } from '../../ui/Tex';
import { RunNotice } from '../../ui/training-controls';
import { useTrainingRun } from '../../ui/use-training';
import type { SectionProps } from '../experiment';
import { GlanceControls } from './Controls';
import { GLANCE_PARAMS, glanceTrainConfig, type GlanceState } from './params';
import { SmoothedBest, describeSetting, footnoteModelOf, shownModel } from './run';

const WEBGL_LOST = { path: 'webgl' as const, afterSteps: 200 };

/** While training, hand the shown model on at most this often (each hand-off restarts experiments). */
const MODEL_HANDOFF_MS = 3000;

export function AtAGlance({ state, onChange, presets, onModel }: SectionProps<GlanceState>) {
  const config = useMemo(() => glanceTrainConfig(state), [state]);
  const run = useTrainingRun(config, {
    maxSteps: state.steps,
    warmStart: state.warm,
    path: state.backend,
    simulateFailure: state.fault === 'webgl-lost' ? WEBGL_LOST : null,
  });
  const snap = run.snapshot;
  const shape = snap && snap.W.length === config.n * config.m * config.instances.length ? snap : null;
  const best = useRef(new SmoothedBest());
  const shown = useMemo(() => best.current.update(shape?.loss ?? null, shape?.runId ?? -1), [shape]);
  const { n, m } = config;
  const view = useMemo(() => (shape ? shownModel(shape.W, shape.b, shown, n, m) : null), [shape, shown, n, m]);

  const lastHandoff = useRef(0);
  useEffect(() => {
    if (!onModel) return;
    if (!view || !shape) return onModel(null);
    const now = performance.now();
    if (shape.status === 'running' && now - lastHandoff.current < MODEL_HANDOFF_MS) return;
    lastHandoff.current = now;
    onModel(footnoteModelOf(view, config, shown, shape.step, state));
  }, [view, shape, onModel, config, shown, state]);

  const exportMeta = {
    description: `Superposition at a glance: ${describeSetting(state, state.seed + shown)}, step ${snap?.step ?? 0}`,
    config: { ...ownValues(GLANCE_PARAMS, state), shownSeed: state.seed + shown, step: snap?.step ?? 0 },
  };
  // The trained models behind every panel, in the CLI's models@1 format (parseModelJson reads it).
  const exportJson = () =>
    shape
      ? buildModelJson(
          config,
          shape,
          run.history.step.map((step, t) => ({ step, loss: run.history.loss.map((l) => l[t]) })),
          { path: shape.path, seconds: shape.trainingMs / 1000 },
        )
      : null;

  return (
    <section id="at-a-glance" aria-labelledby="at-a-glance-title" className="section">
      <h2 id="at-a-glance-title">Superposition at a glance</h2>
      {presets}
      <p className="lede">
        A toy model squeezes <Tex>n</Tex> features through <Tex>{'m < n'}</Tex> hidden dimensions, <Tex>{'h = Wx'}</Tex>, and tries to
        read them back out with the same matrix:
      </p>
      <Tex display>{"x' = \\operatorname{ReLU}(W^\\top W x + b), \\qquad L = \\sum_x \\sum_i I_i \\,(x_i - x'_i)^2"}</Tex>
      <p className="lede">
        Each feature is zero with probability <Tex>S</Tex> (the sparsity) and otherwise uniform on [0, 1]; feature <Tex>i</Tex> matters
        with importance <Tex>{'I_i'}</Tex>. When features are dense the model keeps only the <Tex>m</Tex> most important ones, each in a
        direction of its own. Make them sparse and it starts storing more features than it has dimensions — in superposition —
        accepting a little interference, because two rare features are seldom active together. Drag the density slider and watch a
        real model retrain.
      </p>
      <div className="glance">
        <GlanceControls
          state={state}
          onChange={onChange}
          run={run}
          snap={snap}
          loss={view && shape ? shape.loss[shown] : null}
          shownSeed={state.seed + shown}
          instances={config.instances.length}
          report={run.report}
        />
        <RunNotice run={run} onReset={snap?.status === 'error' ? run.reset : undefined} />
        <div className="panels">
          <ChartFrame title="WᵀW and bias" exportName="wtw-bias" exportMeta={exportMeta} exportJson={exportJson} caption="Blue negative, red positive. Off-diagonal entries are interference between features.">
            {view ? <GramHeatmap gram={view.metrics.gram} bias={view.b} n={n} /> : <Waiting />}
          </ChartFrame>
          <ChartFrame title="Feature norms ‖Wᵢ‖" exportName="feature-norms" exportMeta={exportMeta} exportJson={exportJson} caption="Bar length: how strongly a feature is represented. Colour: its superposition with the others (dark = its own dimension).">
            {view ? <FeatureNormBars norms={view.metrics.norms} superposition={view.metrics.superposition} n={n} m={m} /> : <Waiting />}
          </ChartFrame>
          <ChartFrame title="Feature geometry" exportName="feature-geometry" exportMeta={exportMeta} exportJson={exportJson} caption="Each feature's column Wᵢ as a vector in the hidden plane; colour = importance.">
            {m !== 2 ? (
              <p className="panel-note">
                The geometry view draws the hidden plane, so it needs m = 2 (now m = {m}).{' '}
                <button type="button" onClick={() => onChange({ m: 2 })}>
                  Set m = 2
                </button>
              </p>
            ) : view ? (
              <FeatureGeometry2D W={view.W} n={n} importance={config.instances[0].importance} />
            ) : (
              <Waiting />
            )}
          </ChartFrame>
          <ChartFrame title="Loss" exportName="loss-curve" exportMeta={exportMeta} exportJson={exportJson} caption="Importance-weighted squared error of the shown seed (mean over batch and features).">
            <LossCurve steps={run.history.step} losses={run.history.loss[shown] ?? []} />
          </ChartFrame>
        </div>
      </div>
    </section>
  );
}

function Waiting() {
  return <p className="panel-note">Starting the trainer…</p>;
}
