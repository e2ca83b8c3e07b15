/**
 * "The geometry of superposition" (the paper's "Uniform Superposition"): a sweep of uniform-superposition models, one
 * per sparsity, trains as one batched run. Live: dimensions per feature m/‖W‖_F² against 1/(1 − S) with the sticky
 * levels 1 and ½, and every feature's dimensionality D_i with the paper's reference fractions. Click a model for its
 * feature geometry graph (tegum factors, each named by the polytope it forms), its WᵀW, and a gallery of the polytopes
 * it contains.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ChartFrame } from '../../charts/ChartFrame';
import { DimensionalityScatter as DimensionalityScatterPlain } from '../../charts/DimensionalityScatter';
import { DimsPerFeatureChart as DimsPerFeatureChartPlain } from '../../charts/DimsPerFeatureChart';
import { nearestStepIndex } from '../../charts/DynamicsChart';
import { featureColorsByPolytope } from '../../charts/polytopes';
import { fmtCount, formatDuration } from '../../model/format';
import { geometryAnalysis } from '../../model/geometry';
import { instanceWeights } from '../../model/metrics';
import { sweepSummary } from '../../model/uniform-sweep';
import { ownValues } from '../../state/url-params';
import { RunNotice, useTrainWhileVisible } from '../../ui/training-controls';
import { useTrainingRun } from '../../ui/use-training';
import { useVisible } from '../../ui/use-visible';
import type { SectionProps } from '../experiment';
import { GeometryControls, ThreeDNote } from './Controls';
import { Drilldown, Timeline } from './Drilldown';
import { DynamicsRecorder } from './dynamics-recorder';
import './geometry.css';
import {
  GEOMETRY_3D_PRESETS,
  GEOMETRY_PARAMS,
  GEOMETRY_SIZES,
  GPU_SIZE_NM,
  estimatedCpuSeconds,
  geometryTrainConfig,
  type GeometryState,
} from './params';
import { matchesSetting, selectedModel, sizeLabel, sweepCounts, sweepModelsJson } from './run';
import { useSizeProbe, type SizeProbe } from './size-probe';

const DimsPerFeatureChart = memo(DimsPerFeatureChartPlain);
const DimensionalityScatter = memo(DimensionalityScatterPlain);
const CORES = Math.max(1, Math.min(4, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2));

export function Geometry({ state, onChange, children }: SectionProps<GeometryState>) {
  const { n, m, sparsities: count, maxInvDensity, steps, seed } = state;
  const config = useMemo(
    () => geometryTrainConfig({ n, m, sparsities: count, maxInvDensity, seed }),
    [n, m, count, maxInvDensity, seed],
  );
  const big = n * m >= GPU_SIZE_NM;
  // One worker per core: instances are independent, split by cost (train/shards.ts).
  const shards = Math.min(CORES, count);
  const visible = useVisible<HTMLElement>();
  // Sweeps train on the 'simd' path, the one the Node tests and `npm run figures` use, so a 3-D
  // preset forms exactly the polytope measured there (js where WebAssembly SIMD is missing); big
  // ones let a measured trial pick (WebGL where a real GPU is faster).
  const run = useTrainingRun(config, {
    maxSteps: steps,
    warmStart: false,
    path: big ? 'auto' : 'simd',
    convergence: null,
    autoStart: false,
    keepHistory: false,
    maxHz: big ? 2 : 5,
    shards,
  });
  const snap = run.snapshot && run.snapshot.W.length === count * n * m ? run.snapshot : null;

  // Defaults follow the speed: at the URL's default size, first time how fast this machine trains
  // the notebook's sweep, and open at the biggest size that finishes in a few minutes.
  const atDefault = matchesSetting(state, {
    ...GEOMETRY_SIZES[0].values,
    seed: GEOMETRY_PARAMS.seed.default,
    selected: -1,
  });
  const [probing, setProbing] = useState(atDefault);
  const probe = useSizeProbe(probing && visible.visible, CORES);
  useEffect(() => {
    if (!probing || !probe) return;
    setProbing(false);
    const size = GEOMETRY_SIZES.find((s) => s.id === probe.id);
    if (size && probe.id !== 'small') onChange({ ...size.values, selected: -1 });
  }, [probing, probe, onChange]);

  // Train only while the reader can see the section (and not after they paused it themselves).
  const userPaused = useTrainWhileVisible(run, snap, visible.visible && !probing);

  const trained = snap && snap.step > 0 ? snap : null;
  const summary = useMemo(() => (trained ? sweepSummary(trained.W, config) : null), [trained, config]);
  const xDomain = useMemo((): [number, number] => [1, maxInvDensity], [maxInvDensity]);
  const dimsPoints = useMemo(() => summary ?? [], [summary]);
  const onSelect = useCallback((j: number) => onChange({ selected: j }), [onChange]);
  const selected = selectedModel(state);
  const liveW = useMemo(
    () => (trained && selected !== null ? instanceWeights(trained.W, selected, n, m) : null),
    [trained, selected, n, m],
  );

  // Learning dynamics: snapshots as they arrive (idempotent per run and step, so safe in render).
  const recorder = useRef<DynamicsRecorder | null>(null);
  recorder.current ??= new DynamicsRecorder();
  if (snap) recorder.current.record(snap, count, n, m, selected);
  const history = useMemo(
    () => (selected !== null && snap ? recorder.current!.history(selected, n, m) : null),
    [snap, selected, n, m],
  );
  // The step the geometry panels show: null follows training live.
  const [scrubStep, setScrubStep] = useState<number | null>(null);
  const runId = snap?.runId ?? -1;
  useEffect(() => setScrubStep(null), [selected, runId]);
  const lastIndex = history ? history.steps.length - 1 : -1;
  const shownIndex = history ? (scrubStep === null ? lastIndex : nearestStepIndex(history.steps, scrubStep)) : -1;
  const scrubbed = history !== null && scrubStep !== null && shownIndex < lastIndex;
  const selectedW = scrubbed ? history.W[shownIndex] : liveW;
  const selectedB = scrubbed
    ? history.b[shownIndex]
    : trained && selected !== null
      ? trained.b.subarray(selected * n, (selected + 1) * n)
      : null;
  const shownStep = scrubbed ? history.steps[shownIndex] : (trained?.step ?? 0);
  // Dynamics lines: one categorical colour per feature when few, else by the polytope each feature forms now.
  const dynamicsColors = useMemo(
    () => (liveW && n > 10 ? featureColorsByPolytope(geometryAnalysis(liveW, n, m).polytopes, n) : undefined),
    [liveW, n, m],
  );

  const counts = summary ? sweepCounts(summary) : null;
  const eta =
    snap && snap.status === 'running' && snap.stepsPerSecond > 0 ? (steps - snap.step) / snap.stepsPerSecond : null;
  const size = sizeLabel(n, m);
  const exportMeta = {
    description: `Uniform superposition sweep, ${size}: ${count} sparsities, 1/(1−S) from 1 to ${maxInvDensity}, seed ${seed}, step ${snap?.step ?? 0}`,
    config: { ...ownValues(GEOMETRY_PARAMS, state), step: snap?.step ?? 0 },
  };
  const runInfo = trained ? { path: trained.path, seconds: trained.trainingMs / 1000 } : null;
  const exportSweepJson = () => (trained && runInfo ? sweepModelsJson(config, trained, runInfo) : null);
  const exportModelJson = () =>
    trained && runInfo && selected !== null ? sweepModelsJson(config, trained, runInfo, selected) : null;
  const preset3d = GEOMETRY_3D_PRESETS.find((p) => p.values && matchesSetting(state, p.values));

  return (
    <section id="geometry" aria-labelledby="geometry-title" className="section" ref={visible.ref}>
      <h2 id="geometry-title">The geometry of superposition</h2>
      <GeometryIntro />
      <GeometryControls state={state} onChange={onChange} run={run} snap={snap} userPaused={userPaused} />
      <SizeNotes
        probe={probe}
        probing={probing && visible.visible}
        atDefault={atDefault}
        big={big}
        state={state}
        size={size}
        path={run.report?.path ?? null}
      />
      <p className="status geometry-status" aria-live="polite">
        <span data-testid="geometry-status" data-run={snap?.runId ?? -1}>
          {snap ? snap.status : 'starting'}
        </span>{' '}
        · step <strong data-testid="geometry-step">{fmtCount(snap?.step ?? 0)}</strong> / {fmtCount(steps)} · {count}{' '}
        models of {size}
        {snap ? ` · ${(snap.trainingMs / 1000).toFixed(1)} s of training` : ''}
        {eta !== null ? ` · about ${formatDuration(eta)} left` : ''} · backend {snap?.path ?? '…'}
        <br />
        models at one dimension per feature (0.9–1.1):{' '}
        <strong data-testid="geometry-dedicated">{counts ? counts.dedicated : '—'}</strong> · on the ½ plateau
        (0.45–0.55): <strong data-testid="geometry-plateau">{counts ? counts.plateau : '—'}</strong>
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
          <DimsPerFeatureChart
            points={dimsPoints}
            selected={selected}
            onSelect={onSelect}
            xDomain={xDomain}
            title={`Dimensions per feature m/‖W‖²_F, ${size}`}
          />
        </ChartFrame>
        <ChartFrame
          title="Feature dimensionalities"
          exportName="geometry-dimensionality"
          exportMeta={exportMeta}
          exportJson={exportSweepJson}
          caption="Every feature of every model at its model's sparsity, jittered sideways. Dashed: the fractions of the paper's polytopes. Hover a point for its model and feature; click to inspect the model."
        >
          <DimensionalityScatter
            models={dimsPoints}
            selected={selected}
            onSelect={onSelect}
            xDomain={xDomain}
            title={`Feature dimensionality D_i, ${size}`}
          />
        </ChartFrame>
      </div>
      {selected !== null && selectedW && selectedB ? (
        <div className="geometry-drill" data-testid="geometry-drilldown">
          <Drilldown
            n={n}
            m={m}
            selected={selected}
            point={summary ? summary[selected] : null}
            W={selectedW}
            b={selectedB}
            shownStep={shownStep}
            scrubbed={scrubbed}
            exportMeta={exportMeta}
            exportJson={exportModelJson}
            onClose={() => onChange({ selected: -1 })}
          />
          <Timeline
            n={n}
            selected={selected}
            history={history}
            colors={dynamicsColors}
            shownIndex={shownIndex}
            shownStep={shownStep}
            scrubbed={scrubbed}
            onScrub={setScrubStep}
            recordsAll={recorder.current.recordsAll}
            done={snap?.status === 'done'}
            exportMeta={exportMeta}
            exportJson={exportModelJson}
          />
        </div>
      ) : (
        <p className="panel-note geometry-hint">
          {trained
            ? 'Click a model in either chart to see its feature geometry and how it got there.'
            : 'The charts fill in as the sweep trains.'}
          {m === 3 ? ' With m = 3 the inspected model is also drawn in 3-D.' : ''}
        </p>
      )}
      {preset3d || m === 3 ? <ThreeDNote /> : null}
      {children}
    </section>
  );
}

/**
 * What the size probe is doing or found, and for big sweeps how long they take here: the probe's
 * measured time where it opened the section big, else the kernel's estimate.
 */
function SizeNotes({
  probe,
  probing,
  atDefault,
  big,
  state,
  size,
  path,
}: {
  probe: SizeProbe | null;
  probing: boolean;
  atDefault: boolean;
  big: boolean;
  state: GeometryState;
  size: string;
  path: string | null;
}) {
  const openedBig = probe !== null && probe.id !== 'small' && !probing;
  return (
    <>
      {probing ? (
        <p className="panel-note" data-testid="geometry-size-probe">
          Timing a few steps of the notebook&apos;s sweep on this machine, to open at the biggest size that trains in a
          few minutes…
        </p>
      ) : null}
      {probe && probe.id === 'small' && Number.isFinite(probe.seconds) && atDefault ? (
        <p className="panel-note" data-testid="geometry-size-note">
          Timed just now: the notebook&apos;s sweep (n = 200, m = 20) would take about {formatDuration(probe.seconds)}{' '}
          on this machine, so the section opened at the small size; the size menu has the bigger ones.
        </p>
      ) : null}
      {openedBig ? (
        <div className="notice" role="note" data-testid="geometry-size-note">
          Opened at the {probe.id === 'paper' ? "paper's" : "notebook's"} size: this machine trains it in about{' '}
          {formatDuration(probe.seconds)} (timed just now on the {probe.path} path). The small size (n = 40, m = 4) is
          in the size menu.
        </div>
      ) : null}
      {big && !openedBig ? (
        <div className="notice" role="note" data-testid="geometry-gpu-note">
          {size} × {state.sparsities} models: about {formatDuration(estimatedCpuSeconds(state, CORES))} on {CORES} CPU
          cores of the simd path
          {path
            ? path === 'webgl'
              ? '; this page is training on WebGL.'
              : ` (this page trains on the ${path} path)`
            : ''}
          . The status line below shows the time left as it trains.
        </div>
      ) : null}
    </>
  );
}

/** The section's opening: the two measures, and what the default size can and cannot show. */
function GeometryIntro() {
  return (
    <>
      <p className="lede">
        Now give every feature the same importance and the same sparsity <i>S</i>, and train one model per sparsity. How
        many dimensions does each feature get? Two measures answer it. <i>m</i>/‖<i>W</i>‖²<sub>F</sub> is the number of
        hidden dimensions per represented feature (‖<i>W</i>‖²<sub>F</sub> roughly counts the features a model keeps).
        And each feature&apos;s <b>dimensionality</b> <i>D</i>
        <sub>i</sub> = ‖<i>W</i>
        <sub>i</sub>‖² / Σ<sub>j</sub> (<i>Ŵ</i>
        <sub>i</sub>·<i>W</i>
        <sub>j</sub>)² is the fraction of a dimension it gets: 1 for a dimension of its own, ½ for one half of an
        antipodal pair. The paper found that <i>m</i>/‖<i>W</i>‖²<sub>F</sub> &ldquo;sticks&rdquo; at 1 and at ½ as
        sparsity grows, and that the <i>D</i>
        <sub>i</sub> cluster at the fractions of uniform polytopes — ¾ tetrahedra, ⅔ triangles, ½ digons, ⅖ pentagons, ⅜
        square antiprisms — with the features split into orthogonal groups (tegum factors).
      </p>
      <p className="lede geometry-scale-note" data-testid="geometry-scale-note">
        <b>About the size.</b> The paper uses <i>n</i> = 400 features in <i>m</i> = 30 dimensions (its notebook: 200 in
        20). Trained by this page&apos;s SIMD WebAssembly kernel, a sweep of 20 such models × 10,000 steps takes about
        16 minutes on two laptop-class cores (the notebook&apos;s about 5); where this machine trains the
        notebook&apos;s or the paper&apos;s sweep in under three minutes, the section opens at that size. Otherwise it
        opens at <i>n</i> = 40 in <i>m</i> = 4, which trains in seconds — and is honest about less: with only 4
        dimensions the ½ plateau is short and mostly approached from above (around 1/(1 − S) ≈ 2–3 the model keeps three
        digons and shares its fourth dimension among many weak features, <i>m</i>/‖<i>W</i>‖²<sub>F</sub> ≈ 0.55–0.58;
        only one or two sparsities near 4–5 sit at 0.49 with four digons), and pentagons or antiprisms show up only for
        some seeds. Sparser still, most features crowd into one large factor (&ldquo;other&rdquo;). The size menu has
        the notebook and paper sizes.
      </p>
    </>
  );
}
