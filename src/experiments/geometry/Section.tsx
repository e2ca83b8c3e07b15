/**
 * "The geometry of superposition" (the paper's "Uniform Superposition"): a sweep of uniform-superposition
 * models, one per sparsity, trains as one batched run. Live: dimensions per feature m/‖W‖_F² against 1/(1 −
 * S) with the sticky levels 1 and ½, and every feature's dimensionality D_i with the paper's reference
 * fractions. Click a model for its feature geometry graph (tegum factors, each named by the polytope it
 * forms), its WᵀW, and a gallery of the polytopes it contains.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ChartFigure } from '../../charts/ChartFigure';
import { dimensionalityTable, dimsPerFeatureTable } from '../../charts/model-tables';
import type { ExportMeta } from '../../charts/export';
import { DimensionalityScatter as DimensionalityScatterPlain } from '../../charts/DimensionalityScatter';
import { DimsPerFeatureChart as DimsPerFeatureChartPlain } from '../../charts/DimsPerFeatureChart';
import { nearestStepIndex } from '../../charts/DynamicsChart';
import { featureColorsByPolytope } from '../../charts/polytopes';
import { geometryAnalysis } from '../../model/geometry';
import { instanceWeights } from '../../model/metrics';
import { sweepSummary, type SweepPoint } from '../../model/uniform-sweep';
import { runKey } from '../../state/run-key';
import { ownValues } from '../../state/url-params';
import { RunNotice, useTrainWhileVisible } from '../../ui/training-controls';
import { useTrainingRun } from '../../ui/use-training';
import { useVisible } from '../../ui/use-visible';
import type { Snapshot } from '../../worker/protocol';
import { isShippedRun, shippedSizeOf, useShippedSnapshot, useShippedSweep } from './shipped';
import type { SectionProps } from '../experiment';
import { useDrawnSettings } from '../shared/drawn-settings';
import { GeometryControls, ThreeDNote } from './Controls';
import { GeometryIntro, ShippedDynamicsNote, SizeNotes } from './Notes';
import { FormingNote, GeometryStatus } from './Status';
import { dynamicsMovie } from './movie';
import { Drilldown, Timeline } from './Drilldown';
import { DynamicsRecorder } from './dynamics-recorder';
import './geometry.css';
import {
  GEOMETRY_3D_PRESETS,
  GEOMETRY_PARAMS,
  GEOMETRY_RUN_KEYS,
  GPU_SIZE_NM,
  geometryTrainConfig,
  type GeometryState,
} from './params';
import { matchesSetting, selectedModel, shownModelJson, sizeLabel } from './run';
import { exportTasks } from '../task-clients';
import { useOpening } from './size-probe';
import { pageWorkers } from '../../worker/cores';

const DimsPerFeatureChart = memo(DimsPerFeatureChartPlain);
const DimensionalityScatter = memo(DimensionalityScatterPlain);

export function Geometry({ state, onChange, children }: SectionProps<GeometryState>) {
  const big = state.n * state.m >= GPU_SIZE_NM;
  // Every core but the page's: instances are independent, split by cost (train/shards.ts).
  const shards = pageWorkers(state.sparsities);
  const visible = useVisible<HTMLElement>();
  const key = runKey(GEOMETRY_PARAMS, GEOMETRY_RUN_KEYS, state);
  // The paper's and the notebook's sweeps ship trained: shown at once, unless the reader trains them here.
  const shippedSize = shippedSizeOf(state);
  const shipped = useShippedSweep(shippedSize, visible.visible);
  const shippedSnap = useShippedSnapshot(shipped, key);
  const run = useSweepRun(state, key, shippedSize !== null, shards);
  // What is drawn and exported: the snapshot with the settings it was trained with (while a change
  // restarts the sweep, the charts go on showing the previous one, whole).
  const source = shippedSnap ?? run.snapshot;
  const drawn = useDrawnSettings(GEOMETRY_PARAMS, GEOMETRY_RUN_KEYS, source, state);
  const { n, m, sparsities: count, maxInvDensity: gmax, steps: gsteps, seed: gseed } = drawn;
  const config = useMemo(
    () => geometryTrainConfig({ n, m, sparsities: count, maxInvDensity: gmax, seed: gseed }),
    [n, m, count, gmax, gseed],
  );
  const snap = source && source.W.length === count * n * m ? source : null;
  const showsShipped = snap !== null && isShippedRun(snap.runId);

  // An untouched section opens on the paper's shipped sweep (live where this machine is fast enough).
  const { probe, opening, openedLive } = useOpening(state, onChange, visible.visible, shippedSize !== null);

  // Train only while the reader can see the section (and not after they paused it themselves), and
  // never while a shipped sweep stands in for the run.
  const userPaused = useTrainWhileVisible(run, run.snapshot, visible.visible && !opening && shippedSize === null);

  const trained = snap && snap.step > 0 ? snap : null;
  const summary = useMemo(() => (trained ? sweepSummary(trained.W, config) : null), [trained, config]);
  const xDomain = useMemo((): [number, number] => [1, gmax], [gmax]);
  const dimsPoints = useMemo(() => summary ?? [], [summary]);
  const onSelect = useCallback((j: number) => onChange({ selected: j }), [onChange]);
  const selected = selectedModel(drawn);
  const shown = useShownModel(snap, selected, { n, m, count });
  const { selectedW, selectedB, scrubbed, shownStep } = shown;

  const size = sizeLabel(n, m);
  const exportMeta = {
    description: `Uniform superposition sweep, ${size}: ${count} sparsities, 1/(1−S) from 1 to ${gmax}, seed ${gseed}, step ${snap?.step ?? 0}`,
    config: { ...ownValues(GEOMETRY_PARAMS, drawn), step: snap?.step ?? 0 },
  };
  // The JSON of what the charts draw; none before the sweep has trained a step (the buttons say so).
  const runInfo = trained ? { path: trained.path, seconds: trained.trainingMs / 1000 } : null;
  const exportSweepJson =
    trained && runInfo
      ? () => exportTasks().run('sweep-json', { config, state: trainedState(trained), run: runInfo })
      : null;
  const exportModelJson =
    runInfo && selected !== null && selectedW && selectedB
      ? () => {
          const loss = scrubbed || !trained ? NaN : trained.loss[selected];
          return shownModelJson(config, selected, { W: selectedW, b: selectedB, step: shownStep, loss }, runInfo);
        }
      : null;
  const preset3d = GEOMETRY_3D_PRESETS.find((p) => p.values && matchesSetting(state, p.values));

  return (
    <section id="geometry" aria-labelledby="geometry-title" className="section" ref={visible.ref}>
      <h2 id="geometry-title">The geometry of superposition</h2>
      <GeometryIntro />
      <GeometryControls
        state={state}
        onChange={onChange}
        run={run}
        snap={run.snapshot}
        userPaused={userPaused}
        shipped={shippedSize !== null}
      />
      <SizeNotes
        probe={probe}
        openedLive={openedLive && state.live}
        shipped={shipped}
        shippedShown={showsShipped}
        trainsShipped={state.live && shippedSizeOf({ ...state, live: false }) !== null}
        onChange={onChange}
        big={big}
        state={state}
        size={size}
        path={run.report?.path ?? null}
        cores={shards}
      />
      <GeometryStatus snap={snap} steps={gsteps} count={count} size={size} summary={summary} shipped={showsShipped} />
      <RunNotice run={run} />
      <FormingNote snap={snap} steps={gsteps} />
      <SweepCharts
        points={dimsPoints}
        selected={selected}
        onSelect={onSelect}
        xDomain={xDomain}
        size={size}
        exportMeta={exportMeta}
        exportJson={exportSweepJson}
      />
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
          {showsShipped ? (
            <ShippedDynamicsNote onTrainLive={() => onChange({ live: true })} />
          ) : (
            <Timeline
              n={n}
              selected={selected}
              history={shown.history}
              colors={shown.dynamicsColors}
              shownIndex={shown.shownIndex}
              shownStep={shownStep}
              scrubbed={scrubbed}
              onScrub={shown.setScrubStep}
              recordsAll={shown.recordsAll}
              done={snap?.status === 'done'}
              exportMeta={exportMeta}
              exportJson={exportModelJson}
              movie={dynamicsMovie(trained, { config, selected, steps: gsteps, settings: exportMeta.config })}
            />
          )}
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
 * The sweep's live run. Sweeps train on the 'simd' path, the one the Node tests and `npm run figures` use, so a 3-D
 * preset forms exactly the polytope measured there (js where WebAssembly SIMD is missing); big ones let a measured
 * trial pick (WebGL where a real GPU is faster), but not while a shipped sweep stands in for the run (no trial to pay
 * for a run nobody asked to train).
 */
function useSweepRun(state: GeometryState, key: string, shipped: boolean, shards: number) {
  const requested = useMemo(
    () => geometryTrainConfig(state),
    // the config reads these keys only
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state.n, state.m, state.sparsities, state.maxInvDensity, state.seed],
  );
  const big = state.n * state.m >= GPU_SIZE_NM;
  return useTrainingRun(requested, {
    runKey: key,
    maxSteps: state.steps,
    warmStart: false,
    path: big && !shipped ? 'auto' : 'simd',
    convergence: null,
    autoStart: false,
    keepHistory: false,
    maxHz: big ? 2 : 5,
    shards,
  });
}

/**
 * The model inspected below the charts: its learning dynamics as snapshots arrive, and the step
 * shown (the live one, or one scrubbed back to on the timeline).
 */
function useShownModel(
  snap: Snapshot | null,
  selected: number | null,
  { n, m, count }: Record<'n' | 'm' | 'count', number>,
) {
  const trained = snap && snap.step > 0 ? snap : null;
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

  return {
    history,
    liveW,
    selectedW,
    selectedB,
    scrubbed,
    shownStep,
    shownIndex,
    setScrubStep,
    dynamicsColors,
    recordsAll: recorder.current.recordsAll,
  };
}

/** The sweep's two charts: dimensions per feature, and every feature's dimensionality. */
function SweepCharts({
  points,
  selected,
  onSelect,
  xDomain,
  size,
  exportMeta,
  exportJson,
}: {
  points: SweepPoint[];
  selected: number | null;
  onSelect(j: number): void;
  xDomain: [number, number];
  size: string;
  exportMeta: ExportMeta;
  exportJson: (() => unknown) | null;
}) {
  return (
    <div className="geometry-panels">
      <ChartFigure
        title="Dimensions per feature"
        exportName="geometry-dims-per-feature"
        exportMeta={exportMeta}
        exportJson={exportJson}
        table={() => dimsPerFeatureTable({ points })}
        caption={
          'One point per model. Dashed: the sticky levels 1 and ½. Click a point (or focus the chart and use ' +
          '←/→) to inspect that model below.'
        }
      >
        <DimsPerFeatureChart
          points={points}
          selected={selected}
          onSelect={onSelect}
          xDomain={xDomain}
          title={`Dimensions per feature m/‖W‖²_F, ${size}`}
        />
      </ChartFigure>
      <ChartFigure
        title="Feature dimensionalities"
        exportName="geometry-dimensionality"
        exportMeta={exportMeta}
        exportJson={exportJson}
        table={() => dimensionalityTable({ models: points })}
        caption={
          "Every feature of every model at its model's sparsity, jittered sideways. Dashed: the fractions of the " +
          "paper's polytopes. Hover a point for its model and feature; click to inspect the model."
        }
      >
        <DimensionalityScatter
          models={points}
          selected={selected}
          onSelect={onSelect}
          xDomain={xDomain}
          title={`Feature dimensionality D_i, ${size}`}
        />
      </ChartFigure>
    </div>
  );
}

/** A snapshot's weights as the sweep's JSON task takes them (plain arrays: the worker gets copies). */
const trainedState = (s: Snapshot) => ({ W: s.W, b: s.b, loss: s.loss, step: s.step });
