/**
 * "What the footnotes claim": the seed passage's footnotes (19–27) as five small live experiments
 * on the model shown in "Superposition at a glance" (or on random problems where the claim is
 * about something else). The forward pass is computed here; everything heavier runs in the
 * footnotes worker (src/worker/footnotes-service.ts), only while its sub-section is on screen,
 * debounced, with a visible progress or error state.
 */
import * as Comlink from 'comlink';
import { useMemo, useState, type ReactNode } from 'react';
import { Tex } from '../app/Tex';
import { BarChart } from '../charts/BarChart';
import { HIGHLIGHT_COLOR, NEUTRAL_COLOR, seriesColor } from '../charts/chart-parts';
import { ChartFrame } from '../charts/ChartFrame';
import { CosineMatrix } from '../charts/CosineMatrix';
import { DirectionArrows2D } from '../charts/DirectionArrows2D';
import { HistogramChart } from '../charts/HistogramChart';
import { LineChart } from '../charts/LineChart';
import { QQPlot } from '../charts/QQPlot';
import { StackedBarChart } from '../charts/StackedBarChart';
import { LINE_COLOR, fmt, importanceColor } from '../charts/theme';
import { VectorSum2D } from '../charts/VectorSum2D';
import { compressedSensingScale } from '../model/footnotes/compressed-sensing';
import { decomposeForwardPass } from '../model/footnotes/forward-pass';
import { dimensionsPerFeature, featureNorms } from '../model/metrics';
import { Rng } from '../model/rng';
import {
  CS_NS,
  CS_SCALES,
  DICT_K_FACTORS,
  FORWARD_VALUE_MAX,
  FORWARD_VALUE_MIN,
  GAUSS_RANDOM_M,
  GAUSS_RATIOS,
  L1_MAX,
  L1_STEPS,
  dictionaryDensity,
  encodeForward,
  forwardInputs,
  nextDraw,
  type FootnoteState,
} from '../state/footnotes';
import { lambdaSweep } from '../train/l1-margin';
import type {
  CompressedSensingCurve,
  CompressedSensingResult,
  DictionaryCurvesResult,
  DictionaryResult,
  GaussianResult,
  L1MarginResult,
  ModelData,
  RemoveDirectionResult,
} from '../worker/footnotes-protocol';
import { meanDensity, type FootnoteModel } from './footnote-model';
import { modelFingerprint, useFootnoteTask, useOnScreen, type TaskState } from './use-footnote-task';
import './footnotes.css';

export type { FootnoteModel } from './footnote-model';

export interface FootnotesProps {
  /** The model shown in "Superposition at a glance"; null until it has trained a step. */
  model: FootnoteModel | null;
  /** Every control's setting (they live in the URL, see state/footnotes.ts). */
  state: FootnoteState;
  onChange(patch: Partial<FootnoteState>): void;
}

/** What each experiment gets: the model, and the section's URL state. */
interface PartProps {
  model: FootnoteModel | null;
  state: FootnoteState;
  onChange(patch: Partial<FootnoteState>): void;
}

export function Footnotes({ model, state, onChange }: FootnotesProps) {
  const props: PartProps = { model, state, onChange };
  return (
    <section id="footnotes" aria-labelledby="footnotes-title" className="section footnotes" data-testid="footnotes">
      <h2 id="footnotes-title">What the footnotes claim</h2>
      <p className="lede">
        Several of the paper&apos;s claims live in its footnotes, stated in a sentence and left at that. Each one below is turned into a
        small experiment you can run and poke at: most use the model trained in “Superposition at a glance” (change it there and these
        follow), the rest use random problems of their own. The heavy parts run in a background worker, only while a part is on screen.
      </p>
      <p className="fn-model" data-testid="fn-model">
        {model ? (
          <>
            Model: <strong>{model.label}</strong> · step {model.step.toLocaleString('en-US')} · {model.kind === 'relu' ? 'ReLU output' : 'linear output'}
          </>
        ) : (
          'Waiting for the model in “Superposition at a glance” to train its first steps…'
        )}
      </p>
      <ForwardPass {...props} />
      <DictionaryLearning {...props} />
      <L1Margin {...props} />
      <GaussianLatents {...props} />
      <CompressedSensing {...props} />
    </section>
  );
}

// ——— shared bits ———

/** The model as posted to the worker: compact copies (the page's arrays may be views into bigger buffers). */
function modelData(model: FootnoteModel): ModelData {
  const { W, b, n, m, kind, importance, density } = model;
  return { W: W.slice(), b: b.slice(), n, m, kind, importance: importance.slice(), density: density.slice() };
}

function Claim(props: {
  id: string;
  testId: string;
  title: string;
  footnotes: string;
  state: string;
  runs?: number;
  stale?: boolean;
  claimRef?: (el: HTMLElement | null) => void;
  children: ReactNode;
}) {
  return (
    <section
      id={props.id}
      className="fn-claim"
      aria-labelledby={`${props.id}-title`}
      data-testid={props.testId}
      data-state={props.state}
      data-runs={props.runs ?? 0}
      data-stale={props.stale ? 1 : 0}
      ref={props.claimRef}
    >
      <h3 id={`${props.id}-title`}>
        {props.title} <span className="fn-badge">{props.footnotes}</span>
      </h3>
      {props.children}
    </section>
  );
}

/** "computing… (progress)" / error with retry / nothing. */
function TaskStatusLine({ task, testId, idle }: { task: TaskState<unknown>; testId: string; idle?: string }) {
  if (task.status === 'error') {
    return (
      <div className="notice fn-error" role="alert" data-testid={`${testId}-error`}>
        Could not compute this: {task.error}{' '}
        <button type="button" data-action={`${testId}-retry`} onClick={task.retry}>
          Retry
        </button>
      </div>
    );
  }
  if (task.status === 'computing') {
    const p = task.progress;
    return (
      <p className="fn-status" aria-live="polite" data-testid={`${testId}-status`}>
        <span className="fn-spinner" aria-hidden="true" /> computing…
        {p && p.total > 0 ? (
          <>
            {' '}
            <progress value={p.done} max={p.total} /> {p.label} ({p.done.toLocaleString('en-US')} / {p.total.toLocaleString('en-US')})
          </>
        ) : null}
      </p>
    );
  }
  if (task.status === 'idle') {
    return (
      <p className="fn-status" data-testid={`${testId}-status`}>
        {idle ?? 'Computes when scrolled into view.'}
      </p>
    );
  }
  return null;
}

function NeedsModel() {
  return <p className="panel-note">This part needs the trained model from “Superposition at a glance”.</p>;
}

function taskState(task: TaskState<unknown>): string {
  return task.status;
}

const pct = (v: number, digits = 1) => (Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${(100 * v).toFixed(digits)}%` : '—');
const fmtDensity = (d: number) => (d >= 0.1 ? d.toFixed(2) : d.toPrecision(2));
/** Log slider position t ∈ [0, 3] ↔ density 10^(−t). */
const densityFromSlider = (t: number) => Number(Math.pow(10, -t).toPrecision(3));
const sliderFromDensity = (d: number) => -Math.log10(Math.min(1, Math.max(1e-3, d)));

// ——— 1. Inside one forward pass (footnotes 25, 27, 19) ———

function ForwardPass({ model, state, onChange }: PartProps) {
  const screen = useOnScreen<HTMLElement>();
  const removed = state.fremove;
  const fingerprint = modelFingerprint(model);
  const task = useFootnoteTask<RemoveDirectionResult>({
    enabled: screen.visible && !!model,
    controlsKey: 'remove',
    modelKey: fingerprint,
    run: (api) => api.removeDirection({ model: modelData(model!) }),
  });
  const n = model?.n ?? 0;
  const f = Math.min(removed, Math.max(0, n - 1));
  const result = task.result && task.result.n === n ? task.result : null;

  return (
    <Claim id="fn-forward" testId="fn-forward" title="Inside one forward pass" footnotes="footnotes 25, 27, 19" state={model ? taskState(task) : 'idle'} runs={task.runs} stale={task.stale} claimRef={screen.ref}>
      <p>
        Read linearly, a hidden vector is just a weighted sum of feature directions: every active feature contributes its own vector{' '}
        <Tex>{'W_i'}</Tex>, scaled by its value, <Tex>{'h = Wx = \\sum_i x_i W_i'}</Tex> (footnote 25). Several features being on at once
        is simply several terms in that sum — nothing has to tie “which value belongs to which feature” together (footnote 27). Reading
        feature <Tex>i</Tex> back with <Tex>{'W^\\top'}</Tex> returns its own term plus its overlap with every other active feature,
      </p>
      <Tex display>{"(W^\\top W x)_i = x_i \\lVert W_i \\rVert^2 + \\sum_{j \\neq i} x_j \\, W_i \\cdot W_j,"}</Tex>
      <p>
        and that second part, the interference, is what the bias and ReLU have to filter. Turn features on and off and drag their values
        to build <Tex>h</Tex> term by term; where the filtering fails, features you switched off appear in the output (red).
      </p>
      {model ? <ForwardPassExplorer model={model} state={state} onChange={onChange} /> : <NeedsModel />}
      <h4>Removing a direction</h4>
      <p>
        If every feature had a direction of its own, deleting one would be surgical. Project feature <Tex>i</Tex>&apos;s direction out of
        the hidden space, <Tex>{'h \\leftarrow h - (h \\cdot \\hat W_i)\\, \\hat W_i'}</Tex>, and in a model with superposition every
        feature whose direction leans on <Tex>{'\\hat W_i'}</Tex> is damaged too (footnote 19). The bars show each feature&apos;s change in
        expected loss <Tex>{"\\mathbb{E}[I_j (x_j - x'_j)^2]"}</Tex> on one fixed set of 20,000 inputs.
      </p>
      {model ? (
        <>
          <div className="fn-controls" role="group" aria-label="Remove a direction">
            <label className="control">
              <span>remove the direction of feature</span>
              <select name="fn-remove" data-action="fn-remove-feature" value={f} onChange={(e) => onChange({ fremove: Number(e.target.value) })}>
                {Array.from({ length: n }, (_, i) => (
                  <option key={i} value={i}>
                    {i}
                    {result ? ` (‖W‖ = ${fmt(result.norms[i])})` : ''}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <TaskStatusLine task={task} testId="fn-remove" />
          {result ? <RemovalView model={model} result={result} f={f} /> : null}
        </>
      ) : null}
    </Claim>
  );
}

/** An output below this counts as zero (a feature that is off reads back "nothing"). */
const LEAK_THRESHOLD = 0.01;

function ForwardPassExplorer({ model, state, onChange }: { model: FootnoteModel } & Omit<PartProps, 'model'>) {
  const { n, m, W, b, kind } = model;
  // The URL's inputs resized to this model's n (a link or a change at a glance may differ).
  const { fon, fx } = state;
  const { active, values } = useMemo(() => forwardInputs({ fon, fx }, n), [fon, fx, n]);
  const setInput = (nextActive: readonly boolean[], nextValues: readonly number[], patch: Partial<FootnoteState> = {}) =>
    onChange({ ...encodeForward(nextActive, nextValues), ...patch });
  const x = useMemo(() => values.map((v, i) => (active[i] ? v : 0)), [values, active]);
  const d = useMemo(() => decomposeForwardPass(W, b, x, n, m, kind), [W, b, x, n, m, kind]);
  const inactiveHit = Array.from({ length: n }, (_, i) => !active[i] && Math.abs(d.output[i]) > LEAK_THRESHOLD);
  const filtered = Array.from({ length: n }, (_, i) => !active[i] && Math.abs(d.interference[i]) > LEAK_THRESHOLD && Math.abs(d.output[i]) <= LEAK_THRESHOLD).filter(Boolean).length;
  const leaked = inactiveHit.filter(Boolean).length;
  const categories = Array.from({ length: n }, (_, i) => String(i));
  const meta = {
    description: `Forward pass of ${model.label} (step ${model.step}) for x = [${x.map((v) => fmt(v)).join(', ')}]`,
    config: { model: model.label, step: model.step, x },
  };
  const sample = () => {
    const rng = new Rng(state.fdraw * 7919 + n);
    // Inputs as in training: each feature on with its density, value uniform on (0, 1]; at least one on.
    let on = Array.from({ length: n }, (_, i) => rng.uniform() < model.density[i]);
    if (!on.some(Boolean)) on = on.map((_, i) => i === rng.int(n));
    setInput(
      on,
      values.map((v, i) => (on[i] ? Number((1 - rng.uniform()).toFixed(2)) : v)),
      { fdraw: nextDraw(state.fdraw) },
    );
  };

  return (
    <div className="fn-forward">
      <div className="fn-features" role="group" aria-label="Input features">
        {Array.from({ length: n }, (_, i) => (
          <div className={`fn-feature${active[i] ? ' on' : ''}`} key={i}>
            <label className="fn-toggle">
              <input
                type="checkbox"
                data-action="fn-toggle"
                data-feature={i}
                checked={active[i]}
                onChange={(e) => setInput(active.map((v, j) => (j === i ? e.target.checked : v)), values)}
              />
              <span>x{sub(i)}</span>
            </label>
            <input
              type="range"
              aria-label={`value of feature ${i}`}
              data-action="fn-value"
              data-feature={i}
              min={FORWARD_VALUE_MIN}
              max={FORWARD_VALUE_MAX}
              step={0.01}
              value={values[i]}
              disabled={!active[i]}
              onChange={(e) => setInput(active, values.map((v, j) => (j === i ? Number(e.target.value) : v)))}
            />
            <output>{active[i] ? values[i].toFixed(2) : '0'}</output>
          </div>
        ))}
        <div className="fn-feature-buttons">
          <button type="button" data-action="fn-sample" onClick={sample} title="Draw an input from the model's training distribution">
            Sample an input
          </button>
          <button type="button" data-action="fn-clear" onClick={() => setInput(active.map(() => false), values)}>
            All off
          </button>
        </div>
      </div>
      <p className="fn-readout" data-testid="fn-forward-readout" data-leaked={leaked} data-filtered={filtered}>
        {d.contributions.length} active feature{d.contributions.length === 1 ? '' : 's'} · ‖h‖ = {fmt(Math.hypot(...d.h))} ·{' '}
        {leaked > 0 ? (
          <strong className="fn-warn">
            {leaked} feature{leaked === 1 ? '' : 's'} that {leaked === 1 ? 'is' : 'are'} off read{leaked === 1 ? 's' : ''} back more than {LEAK_THRESHOLD}
          </strong>
        ) : (
          `no feature that is off reads back more than ${LEAK_THRESHOLD}`
        )}
        {filtered > 0 ? ` · ${filtered} more receive interference that the ${kind === 'relu' ? 'ReLU and bias filter out' : 'bias cancels'}` : ''}
      </p>
      <div className="fn-panels">
        <ChartFrame
          title={m === 2 ? 'h = Σ xᵢWᵢ, tip to tail' : 'h = Σ xᵢWᵢ over the hidden dimensions'}
          exportName="footnote-forward-hidden"
          exportMeta={meta}
          caption={
            m === 2
              ? 'Each active feature adds its vector xᵢWᵢ where the previous one ended; the dashed arrow is h. Grey: every feature’s direction Wᵢ.'
              : 'Each bar stacks the active features’ contributions xᵢWᵢₖ to hidden dimension k; the black tick is hₖ.'
          }
        >
          {m === 2 ? (
            <VectorSum2D
              terms={d.contributions.map((c) => ({ label: `x${sub(c.feature)}W${sub(c.feature)}`, vector: [c.vector[0], c.vector[1]] as const, color: seriesColor(c.feature) }))}
              reference={W}
              referenceLabels={categories}
              sumLabel="h"
              title="The hidden vector as a sum of active feature vectors"
            />
          ) : (
            <StackedBarChart
              categories={Array.from({ length: m }, (_, k) => `h${sub(k)}`)}
              segments={d.contributions.map((c) => ({ name: `x${sub(c.feature)}W${sub(c.feature)}`, values: c.vector, color: seriesColor(c.feature) }))}
              totals={d.h}
              totalLabel="h"
              yLabel="value"
              xLabel="hidden dimension"
              title="The hidden vector as a sum of active feature vectors"
              chart="hidden-contributions"
            />
          )}
        </ChartFrame>
        <ChartFrame
          title="Input x and output x′"
          exportName="footnote-forward-output"
          exportMeta={meta}
          caption={`Grey: the input. Blue: the output ${kind === 'relu' ? 'ReLU(WᵀWx + b)' : 'WᵀWx + b'}; red where a feature that is off comes out above ${LEAK_THRESHOLD}. Dashed: the output before the ReLU, Wᵢ·h + bᵢ.`}
        >
          <BarChart
            categories={categories}
            series={[
              { name: 'input x', values: x, color: NEUTRAL_COLOR },
              { name: 'output x′', values: d.output, color: LINE_COLOR, highlight: inactiveHit },
              { name: 'Wᵢ·h + bᵢ', values: d.preActivation, color: '#555555', style: 'outline' },
            ]}
            highlightLabel="output of a feature that is off"
            yLabel="value"
            xLabel="feature"
            title="Input and output of one forward pass"
            chart="forward-output"
          />
        </ChartFrame>
      </div>
    </div>
  );
}

function RemovalView({ model, result, f }: { model: FootnoteModel; result: RemoveDirectionResult; f: number }) {
  const n = result.n;
  const change = result.change.subarray(f * n, (f + 1) * n);
  const after = result.after.subarray(f * n, (f + 1) * n);
  let worst = -1;
  for (let i = 0; i < n; i++) if (i !== f && (worst < 0 || change[i] > change[worst])) worst = i;
  const ratio = (i: number) => (result.before[i] > 0 ? after[i] / result.before[i] : NaN);
  const noDirection = result.norms[f] < 0.05;
  return (
    <>
      <p className="fn-readout" data-testid="fn-remove-readout" data-feature={f} data-doubled={result.doubledOthers[f]}>
        {noDirection ? (
          <>Feature {f} is not represented (‖W‖ ≈ 0): there is no direction to remove, and nothing changes.</>
        ) : (
          <>
            Removing feature {f}&apos;s direction raises its own loss from {fmt(result.before[f])} to {fmt(after[f])}.{' '}
            <strong>{result.doubledOthers[f]}</strong> other feature{result.doubledOthers[f] === 1 ? '' : 's'} at least double{result.doubledOthers[f] === 1 ? 's' : ''} its
            loss
            {worst >= 0 ? `; the most damaged is feature ${worst} (${fmt(result.before[worst])} → ${fmt(after[worst])}${Number.isFinite(ratio(worst)) ? `, ×${fmt(ratio(worst))}` : ''})` : ''}.
          </>
        )}
      </p>
      <ChartFrame
        title={`Change in each feature's expected loss after removing feature ${f}'s direction`}
        exportName={`footnote-remove-direction-${f}`}
        exportMeta={{
          description: `Loss change per feature after projecting out feature ${f}'s direction, ${model.label} (step ${model.step}), ${result.samples} evaluation inputs`,
          config: { model: model.label, step: model.step, feature: f, samples: result.samples, before: Array.from(result.before), after: Array.from(after) },
        }}
        caption="Red: the removed feature itself. Every other non-zero bar is collateral damage from sharing directions."
      >
        <BarChart
          categories={Array.from({ length: n }, (_, i) => String(i))}
          series={[{ name: 'after − before', values: change, color: LINE_COLOR, highlight: Array.from({ length: n }, (_, i) => i === f) }]}
          highlightLabel="the removed feature"
          yLabel="Δ expected loss"
          xLabel="feature"
          title={`Change in expected loss per feature after removing feature ${f}'s direction`}
          chart="remove-direction"
        />
      </ChartFrame>
    </>
  );
}

// ——— 2. Dictionary learning (footnote 20) ———

function DictionaryLearning({ model, state, onChange }: PartProps) {
  const screen = useOnScreen<HTMLElement>();
  const kFactor = Number(state.fdk);
  const lambda = state.fdlambda;
  const densityChoice = dictionaryDensity(state);
  const fingerprint = modelFingerprint(model);
  const own = model ? meanDensity(model) : 0.1;
  const density = densityChoice ?? own;
  const n = model?.n ?? 0;
  const m = model?.m ?? 0;
  const k = Math.max(1, kFactor * n);
  const controls = JSON.stringify({ kFactor, lambda, density: densityChoice });
  const main = useFootnoteTask<DictionaryResult>({
    enabled: screen.visible && !!model,
    controlsKey: controls,
    modelKey: fingerprint,
    run: (api) =>
      api.dictionary({
        model: modelData(model!),
        k,
        relativeLambda: lambda,
        density: densityChoice ?? undefined,
      }),
  });
  const curves = useFootnoteTask<DictionaryCurvesResult>({
    enabled: screen.visible && !!model && main.status === 'ready' && !main.stale,
    controlsKey: controls,
    modelKey: fingerprint,
    run: (api, onProgress) => {
      // The single run is one point of each curve (same settings and seed): reuse it.
      const done = main.result;
      const uniform = !!model && Array.from(model.density).every((v) => v === model.density[0]);
      const known = done && done.k === k && (densityChoice !== null || uniform) ? [{ density: Number(density.toPrecision(6)), k, fraction: done.fraction }] : [];
      return api.dictionaryCurves({ model: modelData(model!), kPerFeature: kFactor, relativeLambda: lambda, density, known }, onProgress);
    },
  });
  const r = main.result && model && main.result.n === n && main.result.m === m ? main.result : null;
  const meta = (what: string) => ({
    description: `${what}: dictionary learning on ${model?.label ?? 'no model'} (step ${model?.step ?? 0}), k = ${k}, λ = ${lambda}·RMS‖h‖, 1−S = ${fmtDensity(density)}`,
    config: { model: model?.label, step: model?.step, k, relativeLambda: lambda, density },
  });
  const p = r ? r.represented.length : 0;
  const hits = r ? Array.from(r.best).filter((v) => v >= r.threshold).length : 0;

  return (
    <Claim id="fn-dictionary" testId="fn-dictionary" title="Dictionary learning finds the features again" footnotes="footnote 20" state={model ? taskState(main) : 'idle'} runs={main.runs} stale={main.stale} claimRef={screen.ref}>
      <p>
        If hidden vectors really are sparse, non-negative mixtures of <Tex>n</Tex> directions, those directions can be dug back out of the
        activations alone — even with more features than dimensions, where no choice of basis for the hidden space lines up with them.
        Sample hidden vectors <Tex>{'H \\in \\mathbb{R}^{d \\times m}'}</Tex> from the model (inputs with at least one active feature) and
        factor
      </p>
      <Tex display>{'H \\approx A B, \\qquad \\min_{A \\ge 0,\\ \\lVert B_j \\rVert = 1} \\tfrac12 \\lVert H - AB \\rVert^2 + \\lambda \\textstyle\\sum A,'}</Tex>
      <p>
        with a sparse code <Tex>{'A \\in \\mathbb{R}^{d \\times k}'}</Tex> and <Tex>k</Tex> unit-length atoms <Tex>B</Tex>, alternating a
        batched sparse-coding step (FISTA) with a least-squares update of the atoms. A feature counts as recovered when some atom points
        within <Tex>{'|\\cos| \\ge 0.9'}</Tex> of it.
      </p>
      {model ? (
        <>
          <div className="fn-controls" role="group" aria-label="Dictionary learning settings">
            <label className="control">
              <span>atoms k</span>
              <select name="dict-k" data-action="dict-k" value={kFactor} onChange={(e) => onChange({ fdk: e.target.value })}>
                {DICT_K_FACTORS.map((kf) => (
                  <option key={kf} value={kf}>
                    {kf === 1 ? 'n' : `${kf}n`} = {kf * n}
                  </option>
                ))}
              </select>
            </label>
            <label className="control">
              <span>
                L1 strength <output>{lambda.toPrecision(2)}</output> <small>× RMS ‖h‖</small>
              </span>
              <input
                type="range"
                name="dict-lambda"
                data-action="dict-lambda"
                aria-label="L1 strength, logarithmic"
                min={-2.5}
                max={-0.5}
                step={0.05}
                value={Math.log10(lambda)}
                onChange={(e) => onChange({ fdlambda: Number(Math.pow(10, Number(e.target.value)).toPrecision(2)) })}
              />
            </label>
            <label className="control">
              <span>
                data density 1−S <output>{fmtDensity(density)}</output> {densityChoice === null ? <small>(the model&apos;s)</small> : null}
              </span>
              <input
                type="range"
                name="dict-density"
                data-action="dict-density"
                aria-label="density of the sampled inputs, logarithmic"
                min={0}
                max={3}
                step={0.05}
                value={sliderFromDensity(density)}
                onChange={(e) => onChange({ fddensity: densityFromSlider(Number(e.target.value)) })}
              />
            </label>
            {densityChoice !== null ? (
              <button type="button" data-action="dict-density-reset" onClick={() => onChange({ fddensity: 0 })}>
                Use the model&apos;s density
              </button>
            ) : null}
          </div>
          <TaskStatusLine task={main} testId="fn-dictionary" />
          {r ? (
            <p className="fn-readout" data-testid="dict-fraction" data-value={r.fraction.toFixed(4)}>
              {p === 0 ? (
                'The model represents no feature yet (every ‖Wᵢ‖ < 0.5): nothing to recover.'
              ) : (
                <>
                  Recovered <strong>{hits}</strong> of the {p} represented features (<strong>{(100 * r.fraction).toFixed(0)}%</strong>) at |cos| ≥{' '}
                  {r.threshold}; the hidden axes alone would give {(100 * r.axisFraction).toFixed(0)}%. Reconstruction error{' '}
                  {(100 * r.relativeError).toFixed(2)}%, {r.meanActive.toFixed(2)} atoms active per sample · {r.samples.toLocaleString('en-US')} samples,{' '}
                  {(r.ms / 1000).toFixed(1)} s on {r.backend}
                </>
              )}
            </p>
          ) : null}
          {r ? (
            <div className="fn-panels">
              {m === 2 ? (
                <ChartFrame title="Learned atoms over the true feature directions" exportName="footnote-dictionary-atoms" exportMeta={meta('Atoms over features')} caption="Solid: each represented feature's direction Ŵᵢ. Dashed: the learned atoms.">
                  <DirectionArrows2D
                    sets={[
                      {
                        name: 'feature directions Ŵᵢ',
                        vectors: r.directions,
                        color: importanceColor(0.6),
                        labels: r.represented.map(String),
                        strokeWidth: 2.5,
                      },
                      { name: 'learned atoms', vectors: r.atoms, color: HIGHLIGHT_COLOR, dashed: true, strokeWidth: 1.5 },
                    ]}
                    title="Learned atoms over the true feature directions"
                  />
                </ChartFrame>
              ) : null}
              <ChartFrame
                title="|cos| between features and atoms"
                exportName="footnote-dictionary-cosines"
                exportMeta={meta('|cos| matrix')}
                caption="Rows: represented features. Columns: atoms, matched one-to-one first so recovered features sit on the diagonal. Outlined: |cos| ≥ 0.9."
              >
                <CosineMatrix
                  values={r.cos}
                  rows={p}
                  cols={r.k}
                  colOrder={r.atomOrder}
                  rowLabels={r.represented.map(String)}
                  colLabels={Array.from({ length: r.k }, (_, j) => `a${j}`)}
                  rowTitle="features"
                  colTitle="atoms (matched order)"
                  threshold={r.threshold}
                  size={Math.min(560, 22 * r.k)}
                  title="|cos| between true feature directions and learned atoms"
                />
              </ChartFrame>
            </div>
          ) : null}
          <h4>How recovery depends on sparsity and on the number of atoms</h4>
          <TaskStatusLine task={curves} testId="fn-dictionary-curves" idle="Computed after the result above." />
          {curves.result ? (
            <div className="fn-panels" data-testid="dict-curves" data-state={curves.status}>
              <ChartFrame title="Recovery against data density" exportName="footnote-dictionary-by-density" exportMeta={meta('Recovery against density')} caption="The same model, activations sampled at other densities (k as chosen). Denser data mixes more features into every sample. Ringed: the run above.">
                <LineChart
                  series={[
                    {
                      name: 'recovered fraction',
                      color: LINE_COLOR,
                      points: curves.result.byDensity.map((q) => ({ x: q.density, y: q.fraction, highlight: Math.abs(q.density - density) <= 1e-6 * density })),
                    },
                  ]}
                  xScale="log"
                  xLabel="density 1 − S of the sampled inputs"
                  yLabel="recovered (|cos| ≥ 0.9)"
                  yDomain={[0, 1]}
                  title="Recovered fraction against data density"
                  chart="dictionary-by-density"
                />
              </ChartFrame>
              <ChartFrame title="Recovery against atoms per feature" exportName="footnote-dictionary-by-k" exportMeta={meta('Recovery against k/n')} caption="k/n atoms per feature, at the density above. Fewer atoms than features cannot recover them all. Ringed: the run above.">
                <LineChart
                  series={[
                    {
                      name: 'recovered fraction',
                      color: LINE_COLOR,
                      points: curves.result.byRatio.map((q) => ({ x: q.ratio, y: q.fraction, highlight: q.ratio === kFactor })),
                    },
                  ]}
                  xScale="log"
                  xTicks={curves.result.byRatio.map((q) => q.ratio)}
                  xLabel="atoms per feature k/n"
                  yLabel="recovered (|cos| ≥ 0.9)"
                  yDomain={[0, 1]}
                  title="Recovered fraction against atoms per feature"
                  chart="dictionary-by-k"
                />
              </ChartFrame>
            </div>
          ) : null}
        </>
      ) : (
        <NeedsModel />
      )}
    </Claim>
  );
}

// ——— 3. The L1 margin (footnote 21) ———

function L1Margin({ model, state, onChange }: PartProps) {
  const screen = useOnScreen<HTMLElement>();
  const steps = Number(state.fl1steps);
  const lambdaMax = Number(state.fl1max);
  const lambdas = useMemo(() => lambdaSweep(lambdaMax / 100, lambdaMax, 5), [lambdaMax]);
  const task = useFootnoteTask<L1MarginResult>({
    enabled: screen.visible && !!model,
    controlsKey: JSON.stringify({ steps, lambdaMax }),
    modelKey: modelFingerprint(model),
    run: (api, onProgress) => api.l1Margin({ model: modelData(model!), lambdas, steps }, onProgress),
    maxWaitMs: 10_000,
  });
  const r = task.result;
  const margin = r?.marginLambda != null ? r.rows.find((row) => row.lambda === r.marginLambda) : undefined;
  const meta = {
    description: `L1 margin: ${model?.label ?? 'no model'} (step ${model?.step ?? 0}) continued ${steps} steps per λ, evaluated on ${r?.evalSamples ?? 0} inputs`,
    config: { model: model?.label, step: model?.step, steps, lambdas, rows: r?.rows },
  };

  return (
    <Claim id="fn-l1" testId="fn-l1" title="A free margin of superposition" footnotes="footnote 21" state={model ? taskState(task) : 'idle'} runs={task.runs} stale={task.stale} claimRef={screen.ref}>
      <p>
        A trained model sits where a small change in how much superposition it uses does not change its loss, to first order — if it did,
        training would already have made that change. So a gentle push against superposition should at first cost almost nothing. Here the
        push is an L1 penalty on the hidden activations, added while training continues from the model above, once per strength{' '}
        <Tex>{'\\lambda'}</Tex> (all strengths train side by side on the same batches; <Tex>{'\\lambda = 0'}</Tex> is the control):
      </p>
      <Tex display>{'L_\\lambda = L + \\lambda \\, \\mathbb{E}_x \\textstyle\\sum_j |h_j|, \\qquad \\text{superposition} = \\sum_i \\sum_{j \\neq i} (\\hat W_i \\cdot W_j)^2.'}</Tex>
      <p>
        Each λ is then scored by its reconstruction loss without the penalty (on a fixed set of 100,000 inputs) and its total superposition,
        both relative to the control. A flat start — superposition falling while the loss stays put — is the margin.
      </p>
      {model ? (
        <>
          <div className="fn-controls" role="group" aria-label="L1 margin settings">
            <label className="control">
              <span>continued training</span>
              <select name="l1-steps" data-action="l1-steps" value={steps} onChange={(e) => onChange({ fl1steps: e.target.value })}>
                {L1_STEPS.map((s) => (
                  <option key={s} value={s}>
                    {s.toLocaleString('en-US')} steps
                  </option>
                ))}
              </select>
            </label>
            <label className="control">
              <span>strongest λ</span>
              <select name="l1-lambda-max" data-action="l1-lambda-max" value={lambdaMax} onChange={(e) => onChange({ fl1max: e.target.value })}>
                {L1_MAX.map((l) => (
                  <option key={l} value={l}>
                    {l.toExponential(0)} (sweep {(l / 100).toExponential(0)} … {l.toExponential(0)})
                  </option>
                ))}
              </select>
            </label>
          </div>
          <TaskStatusLine task={task} testId="fn-l1" />
          {r ? (
            <>
              <p className="fn-readout" data-testid="l1-margin" data-lambda={r.marginLambda ?? ''}>
                {margin ? (
                  <>
                    At <strong>λ = {margin.lambda.toExponential(1)}</strong> total superposition falls by <strong>{(-100 * margin.relativeSuperposition).toFixed(1)}%</strong>{' '}
                    while the loss changes by only <strong>{pct(margin.relativeLoss, 2)}</strong>.
                  </>
                ) : (
                  'No λ in this sweep lowered superposition for at most 1% more loss; try a weaker sweep or more steps.'
                )}{' '}
                ({r.steps.toLocaleString('en-US')} steps per λ, {(r.ms / 1000).toFixed(1)} s)
              </p>
              <div className="fn-panels">
                <ChartFrame title="Loss against superposition, relative to λ = 0" exportName="footnote-l1-margin" exportMeta={meta} caption="One point per λ, in order of strength (labels). Dashed: +1% loss.">
                  <LineChart
                    series={[
                      {
                        name: 'continuations',
                        color: LINE_COLOR,
                        points: r.rows.map((row) => ({
                          x: 100 * row.relativeSuperposition,
                          y: 100 * row.relativeLoss,
                          label: row.lambda === 0 ? 'λ=0' : row.lambda.toExponential(0),
                          highlight: row.lambda === r.marginLambda,
                        })),
                      },
                    ]}
                    references={[{ axis: 'y', value: 1, label: '+1% loss' }]}
                    xLabel="change in total superposition (%)"
                    yLabel="change in loss (%)"
                    title="Relative loss against relative superposition across L1 strengths"
                    chart="l1-margin"
                  />
                </ChartFrame>
                <div className="fn-table-wrap">
                  <table className="fn-table" data-testid="l1-table">
                    <thead>
                      <tr>
                        <th>λ</th>
                        <th>loss</th>
                        <th>Δ loss</th>
                        <th>superposition</th>
                        <th>Δ superposition</th>
                        <th>mean Σ|h|</th>
                      </tr>
                    </thead>
                    <tbody>
                      {r.rows.map((row) => (
                        <tr key={row.lambda} className={row.lambda === r.marginLambda ? 'fn-row-mark' : undefined}>
                          <td>{row.lambda === 0 ? '0 (control)' : row.lambda.toExponential(1)}</td>
                          <td>{row.loss.toExponential(3)}</td>
                          <td>{pct(row.relativeLoss, 2)}</td>
                          <td>{fmt(row.superposition)}</td>
                          <td>{pct(row.relativeSuperposition)}</td>
                          <td>{fmt(row.meanAbsHidden)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            </>
          ) : null}
        </>
      ) : (
        <NeedsModel />
      )}
    </Claim>
  );
}

// ——— 4. Gaussian latents (footnote 22) ———

function GaussianLatents({ model, state, onChange }: PartProps) {
  const screen = useOnScreen<HTMLElement>();
  const source = state.fgsource;
  const ratio = Number(state.fgratio);
  const density = state.fgdensity;
  const logY = state.fglog;
  // Until the model has trained (or with a link asking for it before it has), the random directions stand in.
  const useModel = source === 'model' && !!model;
  const m = useModel ? model!.m : GAUSS_RANDOM_M;
  const dim = Math.min(state.fgdim, m - 1);
  const task = useFootnoteTask<GaussianResult>({
    enabled: screen.visible,
    controlsKey: JSON.stringify({ source: useModel ? 'model' : 'random', ratio, density, dim }),
    modelKey: useModel ? modelFingerprint(model) : '',
    run: (api) =>
      api.gaussian(
        useModel
          ? { source: 'model', model: modelData(model!), density, dimension: dim }
          : { source: 'random', m: GAUSS_RANDOM_M, featuresPerDimension: ratio, density, dimension: dim },
      ),
  });
  const r = task.result;
  const meta = (what: string) => ({
    description: `${what}: hidden dimension ${r?.dimension ?? dim} of ${useModel ? model!.label : `${r?.n ?? ratio * 8} random unit directions in R^8`}, 1−S = ${fmtDensity(density)}, ${r?.samples ?? 0} samples`,
    config: { source: useModel ? 'model' : 'random', model: useModel ? model!.label : undefined, featuresPerDimension: r?.featuresPerDimension, density, dimension: r?.dimension, excessKurtosis: r?.excessKurtosis },
  });
  const meanKurtosis = r ? Array.from(r.perDimension).reduce((s, v) => s + v, 0) / r.perDimension.length : NaN;

  return (
    <Claim id="fn-gaussian" testId="fn-gaussian" title="Many sparse features add up to something Gaussian" footnotes="footnote 22" state={taskState(task)} runs={task.runs} stale={task.stale} claimRef={screen.ref}>
      <p>
        One sparse feature looks nothing like a bell curve: it is exactly zero most of the time and occasionally large. A hidden dimension,
        though, adds many of them up, <Tex>{'h_k = \\sum_i x_i W_{ik}'}</Tex>, and sums of many independent terms drift towards a normal
        distribution. The more features share each dimension, the closer the fit — measured by the excess kurtosis{' '}
        <Tex>{'\\kappa = \\mathbb{E}[(h-\\mu)^4]/\\sigma^4 - 3'}</Tex>, which is 0 for a Gaussian and large for a spiky variable. Turned
        around: a generative model that insists on Gaussian latents may be pushing them into superposition.
      </p>
      <div className="fn-controls" role="group" aria-label="Gaussian latents settings">
        <label className="control">
          <span>features</span>
          <select name="gauss-source" data-action="gauss-source" value={source} onChange={(e) => onChange({ fgsource: e.target.value })}>
            <option value="random">random unit directions in 8 dimensions</option>
            <option value="model" disabled={!model}>
              the trained model{model ? ` (${model.n} features in ${model.m} dims)` : ''}
            </option>
          </select>
        </label>
        <label className="control">
          <span>features per dimension</span>
          <select name="gauss-ratio" data-action="gauss-ratio" value={ratio} disabled={useModel} onChange={(e) => onChange({ fgratio: e.target.value })}>
            {GAUSS_RATIOS.map((v) => (
              <option key={v} value={v}>
                {v} (n = {v * GAUSS_RANDOM_M})
              </option>
            ))}
          </select>
        </label>
        <label className="control">
          <span>
            density 1−S <output>{fmtDensity(density)}</output>
          </span>
          <input
            type="range"
            name="gauss-density"
            data-action="gauss-density"
            aria-label="feature density, logarithmic"
            min={0}
            max={3}
            step={0.05}
            value={sliderFromDensity(density)}
            onChange={(e) => onChange({ fgdensity: densityFromSlider(Number(e.target.value)) })}
          />
        </label>
        <label className="control">
          <span>hidden dimension</span>
          <select name="gauss-dim" data-action="gauss-dim" value={dim} onChange={(e) => onChange({ fgdim: Number(e.target.value) })}>
            {Array.from({ length: m }, (_, k) => (
              <option key={k} value={k}>
                h{sub(k)}
              </option>
            ))}
          </select>
        </label>
        <label className="control checkbox">
          <input type="checkbox" name="gauss-logy" data-action="gauss-logy" checked={logY} onChange={(e) => onChange({ fglog: e.target.checked })} />
          <span>log density axis</span>
        </label>
      </div>
      <TaskStatusLine task={task} testId="fn-gaussian" />
      {r ? (
        <>
          <p className="fn-readout" data-testid="gauss-kurtosis" data-value={Number.isFinite(r.excessKurtosis) ? r.excessKurtosis.toFixed(4) : ''}>
            {r.n} features in {r.m} dimensions ({fmt(r.featuresPerDimension)} per dimension): excess kurtosis of h{sub(r.dimension)} ={' '}
            <strong>{fmt(r.excessKurtosis)}</strong> (mean over dimensions {fmt(meanKurtosis)}; one feature alone at this density:{' '}
            {fmt(singleFeatureKurtosis(density))}) · {r.samples.toLocaleString('en-US')} samples
          </p>
          <div className="fn-panels fn-panels-3">
            <ChartFrame title={`Distribution of h${sub(r.dimension)}`} exportName="footnote-gaussian-histogram" exportMeta={meta('Histogram with fitted normal')} caption="Bars: the samples (as a density). Red: the normal with the same mean and variance. Values beyond ±4σ are gathered in the end bins.">
              <HistogramChart
                edges={r.edges}
                density={r.density}
                curve={r.normalDensity}
                barLabel={`h${sub(r.dimension)} samples`}
                curveLabel="fitted normal"
                xLabel={`h${sub(r.dimension)}`}
                logY={logY}
                title={`Histogram of hidden activation h${sub(r.dimension)} with the fitted normal`}
              />
            </ChartFrame>
            <ChartFrame title="Normal Q–Q plot" exportName="footnote-gaussian-qq" exportMeta={meta('Q–Q plot')} caption="A Gaussian lies on the dashed diagonal; a flat run means many identical values (the zeros), steep ends mean heavy tails.">
              <QQPlot theoretical={r.qqTheoretical} sample={r.qqSample} title={`Normal Q–Q plot of h${sub(r.dimension)}`} />
            </ChartFrame>
            <ChartFrame title="Excess kurtosis against features per dimension" exportName="footnote-gaussian-kurtosis" exportMeta={meta('Kurtosis curve')} caption={`Random unit directions in ${r.curveM} dimensions at this density. Dashed: a Gaussian (0). Ringed: the setting above.`}>
              <LineChart
                series={[
                  { name: 'mean over dimensions', color: LINE_COLOR, points: r.curve.map((c) => ({ x: c.ratio, y: c.mean, highlight: !useModel && c.ratio === ratio })) },
                  { name: 'dimension 0', color: seriesColor(1), dashed: true, markers: false, points: r.curve.map((c) => ({ x: c.ratio, y: c.dimension0 })) },
                  ...(useModel ? [{ name: 'the trained model', color: HIGHLIGHT_COLOR, line: false, points: [{ x: r.featuresPerDimension, y: meanKurtosis, highlight: true }] }] : []),
                ]}
                xScale="log"
                xTicks={[...GAUSS_RATIOS]}
                references={[{ axis: 'y', value: 0, label: 'Gaussian', labelAt: 'start' }]}
                xLabel="features per hidden dimension"
                yLabel="excess kurtosis"
                title="Excess kurtosis of a hidden activation against features per dimension"
                chart="kurtosis-curve"
              />
            </ChartFrame>
          </div>
        </>
      ) : null}
    </Claim>
  );
}

/** Excess kurtosis of one feature: 0 with probability S, else uniform on (0, 1]. */
function singleFeatureKurtosis(p: number): number {
  // Raw moments of x: E[x^k] = p/(k+1).
  const m1 = p / 2;
  const m2 = p / 3;
  const m3 = p / 4;
  const m4 = p / 5;
  const v = m2 - m1 * m1;
  const c4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4;
  return v > 0 ? c4 / (v * v) - 3 : NaN;
}

// ——— 5. Compressed sensing (footnotes 23–24) ———

function CompressedSensing({ model, state, onChange }: PartProps) {
  const screen = useOnScreen<HTMLElement>();
  const ns = state.fcsn;
  const scale = Number(state.fcstrials);
  const [partial, setPartial] = useState<{ key: string; curves: CompressedSensingCurve[] }>({ key: '', curves: [] });
  const controlsKey = JSON.stringify({ ns, scale });
  const task = useFootnoteTask<CompressedSensingResult>({
    enabled: screen.visible && ns.length > 0,
    controlsKey,
    modelKey: '',
    debounceMs: 400,
    run: (api, onProgress) => {
      setPartial({ key: controlsKey, curves: [] });
      const onPartial = Comlink.proxy((c: CompressedSensingCurve) => setPartial((s) => (s.key === controlsKey ? { key: s.key, curves: [...s.curves, c] } : s)));
      return api.compressedSensing({ ns: [...ns], trialsScale: scale }, onProgress, onPartial);
    },
  });
  const curves = task.result && !task.stale ? task.result.curves : partial.key === controlsKey ? partial.curves : (task.result?.curves ?? []);
  const meta = {
    description: `Exact recovery of k-sparse non-negative vectors from m = n/2 Gaussian measurements by L1 minimisation: n = ${curves.map((c) => c.n).join(', ')}`,
    config: { ns, trialsScale: scale, curves: curves.map((c) => ({ n: c.n, m: c.m, trials: c.trials, ratios: c.ratios, success: Array.from(c.success), width: c.width })) },
  };

  // (a) the compressed-sensing scale per feature, against 1/(1 − S).
  const scaleCurve = useMemo(
    () =>
      Array.from({ length: 61 }, (_, i) => {
        const inv = Math.pow(10, (3 * i) / 60);
        return { x: inv, y: compressedSensingScale(1, 1 / inv) };
      }),
    [],
  );
  const modelPoint = useMemo(() => {
    if (!model) return null;
    const d = meanDensity(model);
    const dpf = dimensionsPerFeature(model.W, model.m);
    const represented = Array.from(featureNorms(model.W, model.n, model.m)).filter((v) => v > 0.5).length;
    return represented > 0 && d > 0 && d < 1 && Number.isFinite(dpf) ? { x: 1 / d, y: dpf } : null;
  }, [model]);

  return (
    <Claim id="fn-cs" testId="fn-cs" title="The compressed-sensing view" footnotes="footnotes 23, 24" state={taskState(task)} runs={task.runs} stale={task.stale} claimRef={screen.ref}>
      <p>
        Compressed sensing asks how few linear measurements suffice to recover a sparse vector. The answer scales like the number of
        non-zeros times the information it takes to say where they are. For features that are each active with probability{' '}
        <Tex>{'1 - S'}</Tex>, that is
      </p>
      <Tex display>{'m \\;\\propto\\; n\\,(1 - S)\\,\\log\\frac{1}{1 - S}:'}</Tex>
      <p>
        the expected number of active features, <Tex>{'n(1-S)'}</Tex>, times the surprisal <Tex>{'\\log\\frac{1}{1-S}'}</Tex> of learning
        that any one of them is active (footnote 23). Per feature, it gives the curve below — with an unknown constant, so only its shape
        is the claim; the dot is the trained model&apos;s own dimensions per feature, <Tex>{'m / \\lVert W \\rVert_F^2'}</Tex>.
      </p>
      <div className="fn-panels">
        <ChartFrame
          title="Dimensions per feature: the compressed-sensing scale"
          exportName="footnote-cs-scale"
          exportMeta={{ description: 'Compressed-sensing scale (1−S)·log(1/(1−S)) per feature against 1/(1−S)', config: { model: model?.label, step: model?.step, modelPoint } }}
          caption="Line: (1 − S)·ln(1/(1 − S)) (constant set to 1). Dot: the model above."
        >
          <LineChart
            series={[
              { name: '(1 − S)·ln 1/(1 − S)', color: LINE_COLOR, markers: false, points: scaleCurve },
              ...(modelPoint ? [{ name: 'trained model: m/‖W‖²_F', color: HIGHLIGHT_COLOR, line: false, points: [{ ...modelPoint, highlight: true }] }] : []),
            ]}
            legend
            xScale="log"
            xLabel="1 / (1 − S)"
            yLabel="dimensions per feature"
            yDomain={[0, 1.05]}
            title="Compressed-sensing scale of dimensions per feature against sparsity"
            chart="cs-scale"
          />
        </ChartFrame>
      </div>
      <h4>A transition that sharpens with size</h4>
      <p>
        Recovery by L1 minimisation flips from almost always working to almost never as the number of non-zeros <Tex>k</Tex> passes a
        threshold. Only for infinitely large problems is that a true phase transition; at finite size it is a steep but smooth slope, and
        it steepens as <Tex>n</Tex> grows (footnote 24). Below, random non-negative vectors with <Tex>k</Tex> non-zeros out of{' '}
        <Tex>n</Tex> are measured by <Tex>{'m = n/2'}</Tex> random Gaussian projections and recovered by non-negative basis pursuit,{' '}
        <Tex>{'\\min \\textstyle\\sum x \\text{ s.t. } Ax = y,\\ x \\ge 0'}</Tex> — every problem of a size solved at once by batched
        FISTA with Bregman updates.
      </p>
      <div className="fn-controls" role="group" aria-label="Compressed sensing settings">
        <fieldset className="control fn-checks">
          <legend>signal sizes n</legend>
          {CS_NS.map((v) => (
            <label key={v} className="fn-check">
              <input
                type="checkbox"
                data-action="cs-n"
                data-n={v}
                checked={ns.includes(v)}
                onChange={(e) => onChange({ fcsn: e.target.checked ? [...ns.filter((x) => x !== v), v].sort((a, b) => a - b) : ns.filter((x) => x !== v) })}
              />
              {v}
            </label>
          ))}
        </fieldset>
        <label className="control">
          <span>random problems</span>
          <select name="cs-trials" data-action="cs-trials" value={scale} onChange={(e) => onChange({ fcstrials: e.target.value })}>
            {CS_SCALES.map((s) => (
              <option key={s} value={s}>
                {s === 1 ? 'quick' : `×${s} (smoother, slower)`}
              </option>
            ))}
          </select>
        </label>
      </div>
      {ns.length === 0 ? <p className="panel-note">Pick at least one size.</p> : <TaskStatusLine task={task} testId="fn-cs" />}
      {curves.length > 0 ? (
        <div className="fn-panels">
          <ChartFrame title="Probability of exact recovery against k/m" exportName="footnote-cs-transition" exportMeta={meta} caption="Each point: the fraction of random problems recovered exactly. Dashed: 90% and 10%, between which the transition width is measured.">
            <LineChart
              series={curves.map((c) => ({
                name: `n = ${c.n} (m = ${c.m})`,
                color: seriesColor(CS_NS.indexOf(c.n as (typeof CS_NS)[number]) >= 0 ? CS_NS.indexOf(c.n as (typeof CS_NS)[number]) : 6),
                points: c.ratios.map((x, j) => ({ x, y: c.success[j] })),
              }))}
              references={[
                { axis: 'y', value: 0.9, label: '90%' },
                { axis: 'y', value: 0.1, label: '10%' },
              ]}
              legend
              xDomain={[0, 1]}
              yDomain={[0, 1]}
              xLabel="non-zeros per measurement k/m"
              yLabel="P(exact recovery)"
              title="Probability of exact L1 recovery against k/m for several n"
              chart="cs-transition"
            />
          </ChartFrame>
          <div className="fn-table-wrap">
            <table className="fn-table" data-testid="cs-widths">
              <thead>
                <tr>
                  <th>n</th>
                  <th>m</th>
                  <th>problems per k</th>
                  <th>90% at k/m</th>
                  <th>10% at k/m</th>
                  <th>width</th>
                </tr>
              </thead>
              <tbody>
                {curves.map((c) => (
                  <tr key={c.n} data-n={c.n} data-width={Number.isFinite(c.width) ? c.width.toFixed(4) : ''}>
                    <td>{c.n}</td>
                    <td>{c.m}</td>
                    <td>{c.trials}</td>
                    <td>{fmtRatio(c.start)}</td>
                    <td>{fmtRatio(c.end)}</td>
                    <td>
                      <strong>{fmtRatio(c.width)}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="fine">
              Widths from a monotone fit of each curve; with few problems per point they are noisy — pick more problems for steadier numbers.
              {task.result ? ` ${(task.result.ms / 1000).toFixed(1)} s on ${task.result.backend}.` : ''}
            </p>
          </div>
        </div>
      ) : null}
    </Claim>
  );
}

const fmtRatio = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '—');

/** Subscript digits for labels like x₁₂. */
function sub(i: number): string {
  return String(i).replace(/\d/g, (c) => '₀₁₂₃₄₅₆₇₈₉'[Number(c)]);
}
