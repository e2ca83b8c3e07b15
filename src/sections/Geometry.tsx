/**
 * "The geometry of superposition" (paper §6.3): a sweep of uniform-superposition models, one per
 * sparsity, trains as one batched run. Live: dimensions per feature m/‖W‖_F² against 1/(1 − S)
 * with the sticky levels 1 and ½, and every feature's dimensionality D_i with the paper's
 * reference fractions. Click a model for its feature geometry graph (tegum factors, each named by
 * the polytope it forms), its WᵀW, and a gallery of the polytopes it contains.
 */
import { Suspense, lazy, memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ChartFrame } from '../charts/ChartFrame';
import { DimensionalityScatter as DimensionalityScatterPlain } from '../charts/DimensionalityScatter';
import { DimsPerFeatureChart as DimsPerFeatureChartPlain } from '../charts/DimsPerFeatureChart';
import { DynamicsChart, nearestStepIndex } from '../charts/DynamicsChart';
import { DEFAULT_VIEW, FeatureGeometry3D, type View3D } from '../charts/FeatureGeometry3D';
import { GeometryGraphChart, PolytopeGallery, featureColorsByPolytope, polytopeSummary } from '../charts/GeometryGraphChart';
import { formatDuration } from '../charts/theme';
import { GramHeatmap } from '../charts/GramHeatmap';
import { buildModelJson } from '../model/io/model-json';
import { geometryAnalysis, type FactorName } from '../model/geometry';
import { gram, instanceWeights } from '../model/metrics';
import { sweepSummary } from '../model/uniform-sweep';
import { GEOMETRY_3D_PRESETS, GEOMETRY_PARAMS, GEOMETRY_PRESETS, GPU_SIZE_NM, MAX_GRAM_FEATURES, estimatedCpuSeconds, geometryTrainConfig, type GeometryState } from '../state/geometry';
import { DynamicsRecorder } from './dynamics-recorder';
import { useTrainingRun } from './use-training';
import './geometry.css';
import { useVisible } from './use-visible';
import { RunNotice, TrainingPlaybar, useTrainWhileVisible } from './training-controls';

export interface GeometryProps {
  state: GeometryState;
  onChange(patch: Partial<GeometryState>): void;
}

const DimsPerFeatureChart = memo(DimsPerFeatureChartPlain);
/** The perturbed-pentagon sub-section loads as its own chunk (it sits at the end of the page). */
const PerturbedPentagon = lazy(() => import('./PerturbedPentagon').then((mod) => ({ default: mod.PerturbedPentagon })));
const DimensionalityScatter = memo(DimensionalityScatterPlain);
const CORES = Math.max(1, Math.min(4, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2));
/** WᵀW as SVG cells stays drawable up to this many features (n² rectangles). */

export function Geometry({ state, onChange }: GeometryProps) {
  const { gn: n, gm: m, gcount: count, gmax, gsteps, gseed } = state;
  const config = useMemo(() => geometryTrainConfig({ gn: n, gm: m, gcount: count, gmax, gseed }), [n, m, count, gmax, gseed]);
  const big = n * m >= GPU_SIZE_NM;
  // Small models: one worker per core (instances are independent). GPU-sized ones: one fused
  // batched program in one worker, so WebGL runs the whole sweep at once.
  const shards = big ? 1 : Math.min(CORES, count);
  const visible = useVisible<HTMLElement>();
  // Small sweeps train on the 'js' path, the fastest CPU path at this size and the one the Node
  // tests and `npm run figures` use, so a 3-D preset forms exactly the polytope measured there;
  // GPU-sized ones let the worker pick (WebGL where it is faster).
  const run = useTrainingRun(config, { maxSteps: gsteps, warmStart: false, path: big ? 'auto' : 'js', convergence: null, autoStart: false, keepHistory: false, maxHz: big ? 2 : 5, shards });
  const snap = run.snapshot && run.snapshot.W.length === count * n * m ? run.snapshot : null;

  // Train only while the reader can see the section (and not after they paused it themselves).
  const userPaused = useTrainWhileVisible(run, snap, visible.seen);

  const trained = snap && snap.step > 0 ? snap : null;
  const summary = useMemo(() => (trained ? sweepSummary(trained.W, config) : null), [trained, config]);
  const xDomain = useMemo((): [number, number] => [1, gmax], [gmax]);
  const dimsPoints = useMemo(() => summary ?? [], [summary]);
  const onSelect = useCallback((j: number) => onChange({ gmodel: j }), [onChange]);
  const selected = state.gmodel >= 0 && state.gmodel < count ? state.gmodel : null;

  const liveW = useMemo(() => (trained && selected !== null ? instanceWeights(trained.W, selected, n, m) : null), [trained, selected, n, m]);

  // Learning dynamics: snapshots as they arrive (idempotent per run and step, so safe in render).
  const recorder = useRef<DynamicsRecorder | null>(null);
  recorder.current ??= new DynamicsRecorder();
  if (snap) recorder.current.record(snap, count, n, m, selected);
  const history = useMemo(() => (selected !== null && snap ? recorder.current!.history(selected, n, m) : null), [snap, selected, n, m]);
  // The step the geometry panels show: null follows training live.
  const [scrubStep, setScrubStep] = useState<number | null>(null);
  const runId = snap?.runId ?? -1;
  useEffect(() => setScrubStep(null), [selected, runId]);
  const lastIndex = history ? history.steps.length - 1 : -1;
  const shownIndex = history ? (scrubStep === null ? lastIndex : nearestStepIndex(history.steps, scrubStep)) : -1;
  const scrubbed = history !== null && scrubStep !== null && shownIndex < lastIndex;
  const selectedW = scrubbed ? history.W[shownIndex] : liveW;
  const selectedB = scrubbed ? history.b[shownIndex] : trained && selected !== null ? trained.b.subarray(selected * n, (selected + 1) * n) : null;
  const shownStep = scrubbed ? history.steps[shownIndex] : (trained?.step ?? 0);
  const [view, setView] = useState<View3D>(DEFAULT_VIEW);

  const analysis = useMemo(() => (selectedW ? geometryAnalysis(selectedW, n, m) : null), [selectedW, n, m]);
  const selectedGram = useMemo(() => (selectedW && n <= MAX_GRAM_FEATURES ? gram(selectedW, n, m) : null), [selectedW, n, m]);
  const featureColors = useMemo(() => (analysis ? featureColorsByPolytope(analysis.polytopes, n) : undefined), [analysis, n]);
  // Dynamics lines: one categorical colour per feature when few, else by the polytope each feature forms now.
  const liveAnalysis = useMemo(() => (liveW && n > 10 ? geometryAnalysis(liveW, n, m) : null), [liveW, n, m]);
  const dynamicsColors = useMemo(() => (liveAnalysis ? featureColorsByPolytope(liveAnalysis.polytopes, n) : undefined), [liveAnalysis, n]);
  const featuresByName = useMemo(() => {
    const out: Partial<Record<FactorName, number[]>> = {};
    analysis?.polytopes.factors.forEach((f) => (out[f.name] ??= []).push(...f.features));
    return out;
  }, [analysis]);

  const onPlateau = summary ? summary.filter((p) => p.dimensionsPerFeature >= 0.45 && p.dimensionsPerFeature <= 0.55).length : 0;
  const dedicated = summary ? summary.filter((p) => p.dimensionsPerFeature >= 0.9 && p.dimensionsPerFeature <= 1.1).length : 0;
  const eta = snap && snap.status === 'running' && snap.stepsPerSecond > 0 ? (gsteps - snap.step) / snap.stepsPerSecond : null;
  const cpuEstimate = estimatedCpuSeconds(state, big ? 1 : CORES);
  const sizeLabel = `n = ${n} features, m = ${m} dimensions`;
  const exportMeta = {
    description: `Uniform superposition sweep, ${sizeLabel}: ${count} sparsities, 1/(1−S) from 1 to ${gmax}, seed ${gseed}, step ${snap?.step ?? 0}`,
    config: { ...state, step: snap?.step ?? 0 },
  };
  const exportSweepJson = () =>
    trained ? buildModelJson(config, { W: trained.W, b: trained.b, loss: trained.loss, step: trained.step }, [], { path: trained.path, seconds: trained.trainingMs / 1000 }) : null;
  const exportModelJson = () => {
    if (!trained || selected === null) return null;
    const sub = { ...config, instances: config.instances.slice(selected, selected + 1) };
    const one = {
      W: trained.W.slice(selected * n * m, (selected + 1) * n * m),
      b: trained.b.slice(selected * n, (selected + 1) * n),
      loss: trained.loss.slice(selected, selected + 1),
      step: trained.step,
    };
    return buildModelJson(sub, one, [], { path: trained.path, seconds: trained.trainingMs / 1000 });
  };
  const point = summary && selected !== null ? summary[selected] : null;
  const presetId = GEOMETRY_PRESETS.find((p) => Object.entries(p.values).every(([k, v]) => state[k as keyof GeometryState] === v))?.id ?? '';
  const preset3d = GEOMETRY_3D_PRESETS.find((p) => p.values && Object.entries(p.values).every(([k, v]) => state[k as keyof GeometryState] === v));

  return (
    <section id="geometry" aria-labelledby="geometry-title" className="section" ref={visible.ref}>
      <h2 id="geometry-title">The geometry of superposition</h2>
      <p className="lede">
        Now give every feature the same importance and the same sparsity <i>S</i>, and train one model per sparsity. How many dimensions does
        each feature get? Two measures answer it. <i>m</i>/‖<i>W</i>‖²<sub>F</sub> is the number of hidden dimensions per represented
        feature (‖<i>W</i>‖²<sub>F</sub> roughly counts the features a model keeps). And each feature&apos;s <b>dimensionality</b>{' '}
        <i>D</i>
        <sub>i</sub> = ‖<i>W</i>
        <sub>i</sub>‖² / Σ<sub>j</sub> (<i>Ŵ</i>
        <sub>i</sub>·<i>W</i>
        <sub>j</sub>)² is the fraction of a dimension it gets: 1 for a dimension of its own, ½ for one half of an antipodal pair. The paper
        found that <i>m</i>/‖<i>W</i>‖²<sub>F</sub> &ldquo;sticks&rdquo; at 1 and at ½ as sparsity grows, and that the <i>D</i>
        <sub>i</sub> cluster at the fractions of uniform polytopes — ¾ tetrahedra, ⅔ triangles, ½ digons, ⅖ pentagons, ⅜ square
        antiprisms — with the features split into orthogonal groups (tegum factors).
      </p>
      <p className="lede geometry-scale-note" data-testid="geometry-scale-note">
        <b>About the size.</b> The paper uses <i>n</i> = 400 features in <i>m</i> = 30 dimensions (its notebook: 200 in 20). On a CPU one
        training step of one such model takes 40–50 ms, so a sweep of 20 models × 10,000 steps would take hours; it needs a GPU (WebGL).
        The default here, <i>n</i> = 40 in <i>m</i> = 4, trains in well under a minute on two cores — and is honest about less: with only 4
        dimensions the ½ plateau is short and mostly approached from above (around 1/(1 − S) ≈ 2–3 the model keeps three digons and
        shares its fourth dimension among many weak features, <i>m</i>/‖<i>W</i>‖²<sub>F</sub> ≈ 0.55–0.58; only one or two sparsities near
        4–5 sit at 0.49 with four digons), and pentagons or antiprisms show up only for some seeds. Sparser still, most features crowd
        into one large factor (&ldquo;other&rdquo;). With a GPU, try the notebook or paper size.
      </p>
      <div className="geometry-controls" role="group" aria-label="Sweep settings">
        <label className="control">
          <span>size</span>
          <select
            name="gpreset"
            value={presetId}
            onChange={(e) => {
              const p = GEOMETRY_PRESETS.find((q) => q.id === e.target.value);
              if (p) onChange({ ...p.values, gmodel: -1 });
            }}
          >
            {presetId === '' ? <option value="">custom</option> : null}
            {GEOMETRY_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
                {p.gpu ? ' (GPU)' : ''}
              </option>
            ))}
          </select>
        </label>
        <NumberField label="features n" name="gn" spec={GEOMETRY_PARAMS.gn} value={n} onCommit={(v) => onChange({ gn: v, gmodel: -1 })} />
        <NumberField label="dimensions m" name="gm" spec={GEOMETRY_PARAMS.gm} value={m} onCommit={(v) => onChange({ gm: v, gmodel: -1 })} />
        <label className="control">
          <span>
            sparsities <output>{count}</output>
          </span>
          <input type="range" name="gcount" min={GEOMETRY_PARAMS.gcount.min} max={GEOMETRY_PARAMS.gcount.max} step={1} value={count} onChange={(e) => onChange({ gcount: Number(e.target.value), gmodel: -1 })} />
        </label>
        <label className="control">
          <span>
            up to 1/(1 − S) = <output>{gmax}</output>
          </span>
          <input type="range" name="gmax" min={GEOMETRY_PARAMS.gmax.min} max={GEOMETRY_PARAMS.gmax.max} step={1} value={Math.round(gmax)} onChange={(e) => onChange({ gmax: Number(e.target.value) })} />
        </label>
        <label className="control">
          <span>
            steps <output>{gsteps.toLocaleString('en-US')}</output>
          </span>
          <input type="range" name="gsteps" min={GEOMETRY_PARAMS.gsteps.min} max={GEOMETRY_PARAMS.gsteps.max} step={500} value={gsteps} onChange={(e) => onChange({ gsteps: Number(e.target.value) })} />
        </label>
        <NumberField label="seed" name="gseed" spec={GEOMETRY_PARAMS.gseed} value={gseed} onCommit={(v) => onChange({ gseed: v })} />
        <label className="control">
          <span>3-D presets (m = 3)</span>
          <select
            name="g3d"
            data-testid="geometry-3d-preset"
            value={preset3d?.id ?? ''}
            onChange={(e) => {
              const p = GEOMETRY_3D_PRESETS.find((q) => q.id === e.target.value);
              if (p?.values) onChange(p.values);
            }}
          >
            <option value="">{preset3d ? '—' : 'choose a polytope…'}</option>
            {GEOMETRY_3D_PRESETS.map((p) => (
              <option key={p.id} value={p.id} disabled={!p.values}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <TrainingPlaybar run={run} snap={snap} userPaused={userPaused} prefix="geometry" />
      </div>
      {big ? (
        <div className="notice" role="note" data-testid="geometry-gpu-note">
          <strong>This size needs a GPU.</strong> {sizeLabel} × {count} models is meant for WebGL; on a CPU it would take roughly{' '}
          {formatDuration(cpuEstimate)}
          {run.report ? (run.report.path === 'webgl' ? ' — this page is training on WebGL.' : ` — this page is training on the CPU (${run.report.path} path), so expect that.`) : '.'}{' '}
          The CPU-sized preset shows the same effects more weakly.
        </div>
      ) : null}
      <p className="status geometry-status" aria-live="polite">
        <span data-testid="geometry-status" data-run={snap?.runId ?? -1}>
          {snap ? snap.status : 'starting'}
        </span>{' '}
        · step <strong data-testid="geometry-step">{(snap?.step ?? 0).toLocaleString('en-US')}</strong> / {gsteps.toLocaleString('en-US')} · {count} models of {sizeLabel}
        {snap ? ` · ${(snap.trainingMs / 1000).toFixed(1)} s of training` : ''}
        {eta !== null ? ` · about ${formatDuration(eta)} left` : ''} · backend {snap?.path ?? '…'}
        <br />
        models at one dimension per feature (0.9–1.1): <strong data-testid="geometry-dedicated">{summary ? dedicated : '—'}</strong> · on the ½ plateau (0.45–0.55):{' '}
        <strong data-testid="geometry-plateau">{summary ? onPlateau : '—'}</strong>
      </p>
      <RunNotice run={run} />
      <div className="geometry-panels">
        <ChartFrame
          title="Dimensions per feature"
          exportName="geometry-dims-per-feature"
          exportMeta={exportMeta}
          exportJson={exportSweepJson}
          caption="One point per model. Dashed: the sticky levels 1 and ½. Click a point (or focus the chart and use ←/→) to inspect that model below."
        >
          <DimsPerFeatureChart points={dimsPoints} selected={selected} onSelect={onSelect} xDomain={xDomain} title={`Dimensions per feature m/‖W‖²_F, ${sizeLabel}`} />
        </ChartFrame>
        <ChartFrame
          title="Feature dimensionalities"
          exportName="geometry-dimensionality"
          exportMeta={exportMeta}
          exportJson={exportSweepJson}
          caption="Every feature of every model at its model's sparsity, jittered sideways. Dashed: the fractions of the paper's polytopes. Hover a point for its model and feature; click to inspect the model."
        >
          <DimensionalityScatter models={dimsPoints} selected={selected} onSelect={onSelect} xDomain={xDomain} title={`Feature dimensionality D_i, ${sizeLabel}`} />
        </ChartFrame>
      </div>
      {selected !== null && selectedW && analysis ? (
        <div className="geometry-drill" data-testid="geometry-drilldown">
          <p className="geometry-drill-title">
            Model {selected}: 1/(1 − S) = <strong>{point ? point.invDensity.toFixed(2) : '—'}</strong> · <i>m</i>/‖<i>W</i>‖²<sub>F</sub> ={' '}
            <strong>{point ? point.dimensionsPerFeature.toFixed(3) : '—'}</strong> · Σ <i>D</i>
            <sub>i</sub> = {point ? point.sumDimensionality.toFixed(2) : '—'} of {m} · {analysis.polytopes.factors.length} tegum factor
            {analysis.polytopes.factors.length === 1 ? '' : 's'}: <span data-testid="geometry-polytopes">{polytopeSummary(analysis.polytopes.counts)}</span>
            {scrubbed ? (
              <>
                {' '}
                · <strong data-testid="geometry-shown-step">at step {shownStep.toLocaleString('en-US')}</strong> (timeline)
              </>
            ) : null}{' '}
            <button type="button" data-action="geometry-close" onClick={() => onChange({ gmodel: -1 })}>
              Close
            </button>
          </p>
          <div className="panels">
            <ChartFrame
              title="Feature geometry graph"
              exportName={`geometry-model-${selected}-graph`}
              exportMeta={exportMeta}
              exportJson={exportModelJson}
              caption="Nodes: learned features, coloured by the polytope their factor forms. Edges: |W_i·W_j|, thicker and darker when larger. Each connected component (tegum factor) has its own circle."
            >
              <GeometryGraphChart W={selectedW} n={n} m={m} analysis={analysis} title={`Feature geometry graph of model ${selected}, step ${shownStep}`} />
            </ChartFrame>
            <ChartFrame title="Its WᵀW and bias" exportName={`geometry-model-${selected}-wtw`} exportMeta={exportMeta} exportJson={exportModelJson}>
              {selectedGram ? (
                <GramHeatmap gram={selectedGram} bias={selectedB!} n={n} size={n <= 40 ? 220 : 300} />
              ) : (
                <p className="panel-note">
                  With n = {n} features WᵀW has {(n * n).toLocaleString('en-US')} entries, too many to draw as SVG here; export the model as JSON
                  instead.
                </p>
              )}
            </ChartFrame>
            <ChartFrame title="Polytope gallery" exportName={`geometry-model-${selected}-polytopes`} exportMeta={exportMeta} exportJson={exportModelJson} caption="How many of the model's tegum factors form each polytope (a factor matches when its size, span and every D_i fit the reference).">
              <PolytopeGallery counts={analysis.polytopes.counts} features={featuresByName} title={`Polytopes in model ${selected}`} />
            </ChartFrame>
            {m === 3 ? (
              <ChartFrame
                title="Its features in 3-D"
                exportName={`geometry-model-${selected}-3d`}
                exportMeta={{ ...exportMeta, config: { ...exportMeta.config, shownStep, yaw: view.yaw, pitch: view.pitch } }}
                exportJson={exportModelJson}
                caption="Drag to rotate, or focus the picture and use the arrow keys (Home resets). Farther vectors are lighter and thinner; dashed lines join neighbouring tips to show the solid. Colours as in the graph. Export SVG saves this view."
              >
                <div className="geometry-3d-view" data-testid="geometry-3d">
                  <FeatureGeometry3D W={selectedW} n={n} view={view} onViewChange={setView} colors={featureColors} title={`Features of model ${selected} in its 3 hidden dimensions, step ${shownStep}`} />
                </div>
              </ChartFrame>
            ) : null}
          </div>
          <div className="geometry-timeline">
            <ChartFrame
              title="Learning dynamics"
              exportName={`geometry-model-${selected}-dynamics`}
              exportMeta={exportMeta}
              exportJson={exportModelJson}
              caption={
                <>
                  Each feature&apos;s <i>D</i>
                  <sub>i</sub> over training (top; dashed: the paper&apos;s fractions), above the model&apos;s minibatch loss on the same steps. Look for
                  features hopping from one level to another: in the paper each such jump comes with a drop in the loss. {n > 10 ? 'Lines are coloured by the polytope each feature forms at the latest step. ' : ''}
                  Drag the timeline (or click the chart) to show that step in the panels above.
                </>
              }
            >
              {history ? (
                <DynamicsChart steps={history.steps} dimensionalities={history.D} losses={history.loss} n={n} width={880} height={360} cursor={scrubbed ? shownStep : null} colors={dynamicsColors} onSeek={(s) => setScrubStep(s)} title={`D_i and loss of model ${selected} during training`} />
              ) : (
                <p className="panel-note" data-testid="geometry-dynamics-note">
                  {recorder.current!.recordsAll
                    ? 'The timeline fills in as the sweep trains.'
                    : `This sweep is too big to keep every model's history, so only the selected model's is recorded, from the moment it is selected. ${snap?.status === 'done' ? 'Press Reset to train again and record this model from step 0.' : 'It starts with the next snapshot.'}`}
                </p>
              )}
              {history && history.steps.length > 1 ? (
                <div className="geometry-scrubber">
                  <label htmlFor="geometry-timeline-input">
                    step shown: <output data-testid="geometry-timeline-step">{shownStep.toLocaleString('en-US')}</output>
                  </label>
                  <input
                    id="geometry-timeline-input"
                    type="range"
                    name="gtimeline"
                    data-testid="geometry-scrubber"
                    min={0}
                    max={lastIndex}
                    step={1}
                    value={shownIndex}
                    aria-valuetext={`step ${shownStep}`}
                    onChange={(e) => {
                      const k = Number(e.target.value);
                      setScrubStep(k >= lastIndex ? null : history.steps[k]);
                    }}
                  />
                  {scrubbed ? (
                    <button type="button" data-action="geometry-live" onClick={() => setScrubStep(null)}>
                      Back to live
                    </button>
                  ) : (
                    <span className="geometry-3d-note">live</span>
                  )}
                  <span className="geometry-3d-note">
                    {history.steps.length} snapshots{recorder.current!.recordsAll ? '' : ` of model ${selected} (recorded from step ${history.steps[0].toLocaleString('en-US')})`}
                  </span>
                </div>
              ) : null}
            </ChartFrame>
          </div>
        </div>
      ) : (
        <p className="panel-note geometry-hint">
          {trained ? 'Click a model in either chart to see its feature geometry and how it got there.' : 'The charts fill in as the sweep trains.'}
          {m === 3 ? ' With m = 3 the inspected model is also drawn in 3-D.' : ''}
        </p>
      )}
      {preset3d || m === 3 ? <ThreeDNote /> : null}
      <Suspense fallback={<p className="panel-note">Loading “Perturbing one feature”…</p>}>
        <PerturbedPentagon state={state} onChange={onChange} />
      </Suspense>
    </section>
  );
}

/** What the 3-D presets are and how reliably each polytope arose when we measured them. */
function ThreeDNote() {
  return (
    <div className="geometry-3d-note" data-testid="geometry-3d-note">
      <p>
        <b>3-D presets.</b> With <i>m</i> = 3 hidden dimensions the solids can be seen directly. Each preset trains a small <i>m</i> = 3 sweep
        and opens the model that formed the polytope when we trained these settings in Node (the page trains them the same way):
      </p>
      <ul>
        {GEOMETRY_3D_PRESETS.map((p) => (
          <li key={p.id} data-preset={p.id}>
            <b>{p.label}</b>: {p.note}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A whole-number input that commits on Enter or blur (typing "200" over "40" must not restart the
 * sweep at n = 2 and n = 20 on the way); out-of-range or malformed text snaps back.
 */
function NumberField({ label, name, spec, value, onCommit }: { label: string; name: string; spec: { min: number; max: number }; value: number; onCommit(v: number): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const v = Number(draft.trim());
    setDraft(null);
    if (draft.trim() !== '' && Number.isInteger(v) && v >= spec.min && v <= spec.max && v !== value) onCommit(v);
  };
  return (
    <label className="control geometry-number">
      <span>{label}</span>
      <input
        type="number"
        name={name}
        min={spec.min}
        max={spec.max}
        step={1}
        value={draft ?? String(value)}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(null);
        }}
      />
      <small>
        {spec.min}–{spec.max.toLocaleString('en-US')}
      </small>
    </label>
  );
}

