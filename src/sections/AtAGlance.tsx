/**
 * "Superposition at a glance": one setting (n, m, sparsity, importance) trained live as a few
 * seeds in the worker; the panels show the lowest-loss seed, as the paper judges several fits.
 */
import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Tex } from '../app/Tex';
import { ChartFrame } from '../charts/ChartFrame';
import { buildModelJson } from '../model/io/model-json';
import { FeatureGeometry2D } from '../charts/FeatureGeometry2D';
import { FeatureNormBars } from '../charts/FeatureNormBars';
import { GramHeatmap } from '../charts/GramHeatmap';
import { LossCurve } from '../charts/LossCurve';
import { instanceMetrics, instanceWeights } from '../model/metrics';
import { GLANCE_PARAMS, densityFromSlider, glanceTrainConfig, sliderFromDensity, type GlanceState } from '../state/glance';
import type { PathChoice } from '../worker/protocol';
import type { FootnoteModel } from './footnote-model';
import { useTrainingRun } from './use-training';

const WEBGL_LOST = { path: 'webgl' as const, afterSteps: 200 };

export interface AtAGlanceProps {
  state: GlanceState;
  onChange(patch: Partial<GlanceState>): void;
  /** The section's paper-figure menu. */
  presets?: ReactNode;
  /** The model the panels show, for the footnote experiments (throttled while training). */
  onModel?(model: FootnoteModel | null): void;
}

/** While training, hand the shown model on at most this often (each hand-off restarts experiments). */
const MODEL_HANDOFF_MS = 3000;

export function AtAGlance({ state, onChange, presets, onModel }: AtAGlanceProps) {
  const config = useMemo(() => glanceTrainConfig(state), [state]);
  const run = useTrainingRun(config, {
    maxSteps: state.steps,
    warmStart: state.warm,
    path: state.backend as PathChoice,
    simulateFailure: state.fault === 'webgl-lost' ? WEBGL_LOST : null,
  });
  const snap = run.snapshot;
  const shape = snap && snap.W.length === config.n * config.m * config.instances.length ? snap : null;
  const shown = useBestInstance(shape?.loss ?? null, shape?.runId ?? -1);
  const { n, m } = config;
  const view = useMemo(() => {
    if (!shape) return null;
    const W = instanceWeights(shape.W, shown, n, m);
    return { W, b: shape.b.subarray(shown * n, (shown + 1) * n), metrics: instanceMetrics(W, n, m) };
  }, [shape, shown, n, m]);

  const importance = config.instances[0].importance;

  const lastHandoff = useRef(0);
  useEffect(() => {
    if (!onModel) return;
    if (!view || !shape) return onModel(null);
    const now = performance.now();
    if (shape.status === 'running' && now - lastHandoff.current < MODEL_HANDOFF_MS) return;
    lastHandoff.current = now;
    onModel({
      W: view.W.slice(),
      b: view.b.slice(),
      n,
      m,
      kind: state.kind === 'linear' ? 'linear' : 'relu',
      importance: Float32Array.from(config.instances[shown].importance),
      density: Float32Array.from(config.instances[shown].density),
      step: shape.step,
      label: `n=${n}, m=${m}, 1−S=${state.density}, I=${state.decay}^i, ${state.kind}, seed ${state.seed + shown}`,
    });
  }, [view, shape, onModel, n, m, config, shown, state.density, state.decay, state.kind, state.seed]);
  const running = snap?.status === 'running';
  const described = `n=${n}, m=${m}, 1−S=${fmtDensity(state.density)}, I=${state.decay}^i, ${state.kind}, seed ${state.seed + shown}`;
  const exportMeta = { description: `Superposition at a glance: ${described}, step ${snap?.step ?? 0}`, config: { ...state, shownSeed: state.seed + shown, step: snap?.step ?? 0 } };

  // The trained models behind every panel, in the CLI's models@1 format (parseModelJson reads it).
  const exportJson = () =>
    shape
      ? buildModelJson(
          config,
          { W: shape.W, b: shape.b, loss: shape.loss, step: shape.step },
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
        <form className="controls" aria-label="Model settings" onSubmit={(e) => e.preventDefault()}>
          <NumberSlider label="features n" name="n" value={state.n} min={GLANCE_PARAMS.n.min} max={GLANCE_PARAMS.n.max} onChange={(n) => onChange({ n })} />
          <NumberSlider label="hidden dims m" name="m" value={state.m} min={GLANCE_PARAMS.m.min} max={GLANCE_PARAMS.m.max} onChange={(m) => onChange({ m })} />
          <label className="control">
            <span>
              feature density 1−S <output data-testid="density-value">{fmtDensity(state.density)}</output>
              <small> (sparsity S = {fmtDensity(1 - state.density)})</small>
            </span>
            <input
              type="range"
              name="density"
              aria-label="feature density 1 minus S, logarithmic"
              min={0}
              max={3}
              step={0.05}
              value={sliderFromDensity(state.density)}
              onChange={(e) => onChange({ density: round3(densityFromSlider(Number(e.target.value))) })}
            />
          </label>
          <label className="control">
            <span>
              importance decay <output>{state.decay.toFixed(2)}</output> <small>(I<sub>i</sub> = decay<sup>i</sup>)</small>
            </span>
            <input type="range" name="decay" aria-label="importance decay" min={0.5} max={1} step={0.01} value={state.decay} onChange={(e) => onChange({ decay: Number(e.target.value) })} />
          </label>
          <label className="control">
            <span>model</span>
            <select name="kind" value={state.kind} onChange={(e) => onChange({ kind: e.target.value })}>
              <option value="relu">ReLU output: ReLU(WᵀWx + b)</option>
              <option value="linear">linear: WᵀWx + b</option>
            </select>
          </label>
          <div className="control-row">
            <label className="control">
              <span>seed</span>
              <input type="number" name="seed" min={1} max={GLANCE_PARAMS.seed.max} value={state.seed} onChange={(e) => validInt(e.target.value, 1, GLANCE_PARAMS.seed.max, (seed) => onChange({ seed }))} />
            </label>
            <label className="control">
              <span>seeds (best shown)</span>
              <input type="number" name="seeds" min={1} max={8} value={state.seeds} onChange={(e) => validInt(e.target.value, 1, 8, (seeds) => onChange({ seeds }))} />
            </label>
          </div>
          <label className="control checkbox">
            <input type="checkbox" name="warm" checked={state.warm} onChange={(e) => onChange({ warm: e.target.checked })} />
            <span>warm start from the current weights when a slider moves</span>
          </label>
          <label className="control">
            <span>backend</span>
            <select name="backend" value={state.backend} onChange={(e) => onChange({ backend: e.target.value })}>
              <option value="auto">auto (fastest measured)</option>
              <option value="js">JavaScript (fused step)</option>
              <option value="wasm">tfjs WASM</option>
              <option value="webgl">tfjs WebGL</option>
              <option value="cpu">tfjs CPU</option>
            </select>
          </label>
          <div className="playbar" role="group" aria-label="Training">
            {running ? (
              <button type="button" onClick={run.pause} data-action="pause">
                ❚❚ Pause
              </button>
            ) : (
              <button type="button" onClick={run.play} data-action="play" disabled={snap?.status === 'done' || snap?.status === 'error'}>
                ▶ Play
              </button>
            )}
            <button type="button" onClick={() => run.stepBy(100)} data-action="step" title="Run 100 steps">
              +100 steps
            </button>
            <button type="button" onClick={run.reset} data-action="reset">
              ↺ Reset
            </button>
          </div>
          <p className="status" aria-live="polite">
            step <strong data-testid="step">{snap?.step ?? 0}</strong> / {state.steps.toLocaleString('en-US')} ·{' '}
            <span data-testid="status" data-run={snap?.runId ?? -1}>{snap?.status ?? 'starting'}</span>
            <br />
            loss <strong data-testid="loss">{view && shape ? fmtLoss(shape.loss[shown]) : '—'}</strong> · backend{' '}
            <strong data-testid="backend">{snap?.path ?? '…'}</strong>
            {snap && snap.stepsPerSecond > 0 ? ` · ${Math.round(snap.stepsPerSecond).toLocaleString('en-US')} steps/s` : ''}
            {config.instances.length > 1 ? ` · showing seed ${state.seed + shown} of ${config.instances.length}` : ''}
          </p>
          {run.report?.timings.length ? (
            <p className="fine">
              measured: {run.report.timings.map((t) => `${t.path} ${Math.round(t.stepsPerSecond)}/s`).join(', ')}
              {run.report.softwareRenderer ? ' · WebGL is software-rendered here, so it is not tried' : ''}
            </p>
          ) : null}
        </form>
        {run.notice ? (
          <div className="notice" role="alert">
            {run.notice}{' '}
            {snap?.status === 'error' ? (
              <button type="button" onClick={run.reset}>
                Reset
              </button>
            ) : null}
            <button type="button" aria-label="Dismiss" onClick={run.dismissNotice}>
              ×
            </button>
          </div>
        ) : null}
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
              <FeatureGeometry2D W={view.W} n={n} importance={importance} />
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

/**
 * Which seed to show: the lowest smoothed loss, switching only on a clear (3%) lead so the
 * panels do not flicker between seeds with nearly equal loss.
 */
function useBestInstance(loss: Float32Array | null, runId: number): number {
  const ref = useRef<{ runId: number; ema: number[]; shown: number }>({ runId: -1, ema: [], shown: 0 });
  const s = ref.current;
  if (!loss) return s.shown;
  if (runId !== s.runId || s.ema.length !== loss.length) {
    ref.current = { runId, ema: Array.from(loss), shown: 0 };
    return 0;
  }
  loss.forEach((v, j) => {
    if (Number.isFinite(v)) s.ema[j] = Number.isFinite(s.ema[j]) ? 0.8 * s.ema[j] + 0.2 * v : v;
  });
  let best = s.shown;
  s.ema.forEach((v, j) => {
    if (v < s.ema[best]) best = j;
  });
  if (best !== s.shown && !(s.ema[best] < 0.97 * s.ema[s.shown]) && Number.isFinite(s.ema[s.shown])) best = s.shown;
  s.shown = best;
  return best;
}

function NumberSlider(props: { label: string; name: string; value: number; min: number; max: number; onChange(v: number): void }) {
  return (
    <label className="control">
      <span>
        {props.label} <output>{props.value}</output>
      </span>
      <input type="range" name={props.name} aria-label={props.label} min={props.min} max={props.max} step={1} value={props.value} onChange={(e) => props.onChange(Number(e.target.value))} />
    </label>
  );
}

function Waiting() {
  return <p className="panel-note">Starting the trainer…</p>;
}

function validInt(raw: string, lo: number, hi: number, set: (v: number) => void) {
  const v = Number(raw);
  if (Number.isInteger(v) && v >= lo && v <= hi) set(v);
}

const round3 = (v: number) => Number(v.toPrecision(3));
const fmtDensity = (d: number) => (d >= 0.1 ? d.toFixed(2) : d.toPrecision(2));
const fmtLoss = (v: number) => (Number.isFinite(v) ? v.toExponential(3) : '—');
