/**
 * "Superposition as a phase change": a whole grid of tiny models — every (relative importance r,
 * density 1 − S) cell, several seeds each — trains as one batched run in its own worker. The
 * trained diagram fills in live with the analytic boundaries drawn over it; the theory's own
 * diagram sits beside it; a disagreement view marks where training and theory differ.
 */
import { memo, useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { Tex } from '../app/Tex';
import { ChartFrame } from '../charts/ChartFrame';
import { buildModelJson } from '../model/io/model-json';
import { FeatureNormBars } from '../charts/FeatureNormBars';
import { GramHeatmap } from '../charts/GramHeatmap';
import { PhaseDiagramChart as PhaseDiagramChartPlain } from '../charts/PhaseDiagramChart';
import { PHASE_LABELS } from '../charts/theme';
import { WeightGlyph } from '../charts/WeightGlyph';
import type { TrainConfig } from '../model/config';
import { stratifiedExpectedLoss } from '../model/evaluate';
import { instanceMetrics, instanceWeights } from '../model/metrics';
import type { Snapshot } from '../worker/protocol';
import { cellAt, cellCount, classifyExtraFeature, phaseGrid, phaseTrainConfig } from '../model/phase';
import { boundaryCurves, experimentImportance, experimentShape, theoryPhase, type Phase, type PhaseExperiment } from '../model/theory';
import { PHASE_PARAMS, type PhaseState } from '../state/phase';
import { DEFAULT_CONVERGENCE } from '../train/convergence';
import { useTrainingRun } from './use-training';
import { useVisible } from './use-visible';
import { RunNotice, TrainingPlaybar, statusText, useTrainWhileVisible } from './training-controls';

export interface PhaseChangeProps {
  state: PhaseState;
  onChange(patch: Partial<PhaseState>): void;
  /** The section's paper-figure menu. */
  presets?: ReactNode;
}

const CONVERGENCE = { ...DEFAULT_CONVERGENCE };
/** Hundreds of cells: redraw a diagram only when its own props change. */
const PhaseDiagramChart = memo(PhaseDiagramChartPlain);
/** One worker per core (at most 4) for a big grid: its instances are independent. */
const GRID_SHARDS = Math.max(1, Math.min(4, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2));

export function PhaseChange({ state, onChange, presets }: PhaseChangeProps) {
  const experiment = state.pexp as PhaseExperiment;
  const grid = useMemo(() => phaseGrid(experiment, state.pgrid, state.pseeds), [experiment, state.pgrid, state.pseeds]);
  const config = useMemo(() => phaseTrainConfig(grid), [grid]);
  const { n, m } = experimentShape(experiment);
  const cells = cellCount(grid);
  const visible = useVisible<HTMLElement>();
  const run = useTrainingRun(config, { maxSteps: state.psteps, warmStart: false, path: 'auto', convergence: CONVERGENCE, autoStart: false, keepHistory: false, maxHz: 6, shards: config.instances.length >= 64 ? GRID_SHARDS : 1 });
  const snap = run.snapshot && run.snapshot.W.length === config.instances.length * n * m ? run.snapshot : null;

  // Train only while the reader can see the section (and not after they paused it themselves).
  const userPaused = useTrainWhileVisible(run, snap, visible.seen);
  const seedChoiceCache = useRef<SeedChoiceCache>({ runId: -1, at: 0, chosen: new Map() });

  const emaBest = useBestSeedPerCell(snap?.loss ?? null, snap?.runId ?? -1, cells, grid.seeds);
  const { bestSeeds, trained } = useMemo(() => {
    const phases: (Phase | null)[] = new Array(cells).fill(null);
    if (!snap || snap.step === 0) return { bestSeeds: emaBest, trained: phases };
    return chooseSeeds(snap, config, grid.seeds, emaBest, seedChoiceCache.current);
  }, [snap, emaBest, config, grid.seeds, cells]);
  const theory = useMemo(() => Array.from({ length: cells }, (_, c) => theoryPhase(experiment, cellAt(grid, c).r, cellAt(grid, c).density).phase), [grid, cells, experiment]);
  const boundaries = useMemo(() => boundaryCurves(experiment, { rMin: 0.1, rMax: 10, dMin: 0.01, dMax: 1 }), [experiment]);

  const agree = snap && snap.step > 0 ? trained.filter((p, c) => p === theory[c]).length : 0;
  const convergedCount = snap?.converged ? snap.converged.reduce((a, v) => a + v, 0) : 0;
  const [hover, setHover] = useState<number | null>(null);
  const onSelectCell = useCallback((c: number) => onChange({ pcell: c }), [onChange]);
  const selected = state.pcell >= 0 && state.pcell < cells ? state.pcell : null;
  const focus = hover ?? selected;

  const cellModel = (c: number) => {
    if (!snap) return null;
    const j = c * grid.seeds + bestSeeds[c];
    const W = instanceWeights(snap.W, j, n, m);
    return { j, W, b: snap.b.subarray(j * n, (j + 1) * n), loss: snap.loss[j], converged: snap.converged?.[j] === 1 };
  };
  const focusModel = focus !== null ? cellModel(focus) : null;
  const selectedModel = selected !== null ? cellModel(selected) : null;
  const selectedMetrics = selectedModel ? instanceMetrics(selectedModel.W, n, m) : null;
  const expLabel = experiment === 'phase-2-1' ? 'n = 2 features, m = 1 dimension' : 'n = 3 features, m = 2 dimensions';
  const exportMeta = {
    description: `Phase diagram, ${expLabel}: ${state.pgrid}×${state.pgrid} cells, best of ${state.pseeds} seeds, step ${snap?.step ?? 0}`,
    config: { ...state, step: snap?.step ?? 0 },
  };
  /** Every cell's kept model with its phase and the theory's (the grid chart's data). */
  const exportGridJson = () =>
    snap
      ? {
          format: 'superposition-explorable/phase-grid@1',
          experiment,
          step: snap.step,
          grid: { resolution: state.pgrid, seeds: state.pseeds, rValues: Array.from(grid.rValues), densityValues: Array.from(grid.densityValues) },
          layout: 'cells[row * resolution + col]; row = density (descending), col = r (ascending); W[i][k] = component k of feature i',
          cells: trained.map((phase, c) => {
            const model = cellModel(c)!;
            const { r, density } = cellAt(grid, c);
            return { r, density, phase, theory: theory[c], seed: bestSeeds[c], loss: model.loss, W: Array.from({ length: n }, (_, i) => Array.from(model.W.subarray(i * m, (i + 1) * m))), b: Array.from(model.b) };
          }),
        }
      : null;
  /** The selected cell's seeds as a models@1 file, as the CLI writes it. */
  const exportCellJson = () => {
    if (!snap || selected === null) return null;
    const first = selected * grid.seeds;
    const sub = { ...config, instances: config.instances.slice(first, first + grid.seeds) };
    const cellState = {
      W: snap.W.slice(first * n * m, (first + grid.seeds) * n * m),
      b: snap.b.slice(first * n, (first + grid.seeds) * n),
      loss: snap.loss.slice(first, first + grid.seeds),
      step: snap.step,
    };
    return buildModelJson(sub, cellState, [], { path: snap.path, seconds: snap.trainingMs / 1000 });
  };
  const eta = snap && snap.status === 'running' && snap.stepsPerSecond > 0 ? (state.psteps - snap.step) / snap.stepsPerSecond : null;

  return (
    <section id="phase-change" aria-labelledby="phase-change-title" className="section" ref={visible.ref}>
      <h2 id="phase-change-title">Superposition as a phase change</h2>
      {presets}
      <p className="lede">
        Give a model one feature more than it can store cleanly and vary two things: how important the extra feature is (<Tex>r</Tex>,
        relative to the others) and how often features are active (density <Tex>1 - S</Tex>). Whether the extra feature is dropped, gets a
        dimension of its own, or shares one in superposition changes abruptly across lines the paper derives in closed form — a phase
        change. Below, every cell is a real model ({expLabel}), all {config.instances.length.toLocaleString('en-US')} of them
        training together; the lines are the theory. With <Tex>d = 1 - S</Tex>, dropping the extra feature costs{' '}
        <Tex>{'r\\,(d/3 - d^2/4)'}</Tex>, giving it the dimension instead costs <Tex>{'d/3 - d^2/4'}</Tex>, and storing both as an
        antipodal pair costs <Tex>{'(1 + r)\\,d^2/6'}</Tex>: the cheapest wins, and the lines are where two of them tie — the
        superposition region opens below the triple point <Tex>{'r = 1,\\ d = 4/7'}</Tex>.
      </p>
      <div className="phase-controls" role="group" aria-label="Phase diagram settings">
        <label className="control">
          <span>model</span>
          <select name="pexp" value={state.pexp} onChange={(e) => onChange({ pexp: e.target.value, pcell: -1 })}>
            <option value="phase-2-1">n = 2, m = 1</option>
            <option value="phase-3-2">n = 3, m = 2</option>
          </select>
        </label>
        <label className="control">
          <span>
            grid <output>{state.pgrid}×{state.pgrid}</output>
          </span>
          <input type="range" name="pgrid" min={PHASE_PARAMS.pgrid.min} max={PHASE_PARAMS.pgrid.max} step={1} value={state.pgrid} onChange={(e) => onChange({ pgrid: Number(e.target.value), pcell: -1 })} />
        </label>
        <label className="control">
          <span>
            seeds per cell <output>{state.pseeds}</output>
          </span>
          <input type="range" name="pseeds" min={PHASE_PARAMS.pseeds.min} max={PHASE_PARAMS.pseeds.max} step={1} value={state.pseeds} onChange={(e) => onChange({ pseeds: Number(e.target.value) })} />
        </label>
        <label className="control">
          <span>
            step limit <output>{state.psteps.toLocaleString('en-US')}</output>
          </span>
          <input type="range" name="psteps" min={1000} max={20_000} step={1000} value={Math.min(20_000, Math.max(1000, state.psteps))} onChange={(e) => onChange({ psteps: Number(e.target.value) })} />
        </label>
        <label className="control checkbox">
          <input type="checkbox" name="ptheory" checked={state.ptheory} onChange={(e) => onChange({ ptheory: e.target.checked })} />
          <span>analytic diagram beside</span>
        </label>
        <label className="control checkbox">
          <input type="checkbox" name="pdiff" checked={state.pdiff} onChange={(e) => onChange({ pdiff: e.target.checked })} />
          <span>show disagreement with theory</span>
        </label>
        <TrainingPlaybar run={run} snap={snap} userPaused={userPaused} prefix="phase" />
      </div>
      <p className="status phase-status" aria-live="polite">
        <span data-testid="phase-status" data-run={snap?.runId ?? -1}>
          {statusText(snap, userPaused)}
        </span>{' '}
        · step <strong data-testid="phase-step">{(snap?.step ?? 0).toLocaleString('en-US')}</strong> / {state.psteps.toLocaleString('en-US')} · converged{' '}
        <strong data-testid="phase-converged">{convergedCount}</strong> / {config.instances.length} models
        {snap ? ` · ${(snap.trainingMs / 1000).toFixed(1)} s of training` : ''}
        {eta !== null ? ` · at most ${formatSeconds(eta)} left` : ''}
        {snap?.status === 'done' ? ` · finished in ${(snap.trainingMs / 1000).toFixed(1)} s` : ''} · backend {snap?.path ?? '…'}
        <br />
        agreement with theory: <strong data-testid="phase-agreement">{snap && snap.step > 0 ? `${agree} / ${cells}` : '—'}</strong> cells
        {snap && snap.step > 0 ? ` (${((100 * agree) / cells).toFixed(0)}%)` : ''}
      </p>
      <RunNotice run={run} />
      <div className="phase-panels">
        <ChartFrame
          title={state.pdiff ? 'Trained vs theory: disagreements' : 'Trained models'}
          exportName={`phase-${experiment}-trained`}
          exportMeta={exportMeta}
          exportJson={exportGridJson}
          caption="Each cell: the lowest-loss seed's extra feature. Lines: the analytic phase boundaries. Hover for details, click to inspect (arrow keys move the selection)."
        >
          <PhaseDiagramChart
            rValues={grid.rValues}
            densityValues={grid.densityValues}
            phases={trained}
            mode={state.pdiff ? 'disagreement' : 'phases'}
            reference={theory}
            boundaries={boundaries}
            selected={selected}
            onHover={setHover}
            onSelect={onSelectCell}
            title={`Trained phase diagram, ${expLabel}`}
          />
        </ChartFrame>
        {state.ptheory ? (
          <ChartFrame title="Analytic theory" exportName={`phase-${experiment}-theory`} exportMeta={exportMeta} caption="The lowest-loss hand-built solution at each cell (paper §5.4–5.5), same grid.">
            <PhaseDiagramChart rValues={grid.rValues} densityValues={grid.densityValues} phases={theory} boundaries={boundaries} selected={selected} title={`Analytic phase diagram, ${expLabel}`} />
          </ChartFrame>
        ) : null}
        <aside className="cell-card" aria-live="polite" data-testid="cell-card">
          {focus !== null && focusModel ? (
            <>
              <p className="cell-title">
                {hover !== null ? 'Hovered' : 'Selected'} cell: r = <strong>{fmt3(cellAt(grid, focus).r)}</strong>, 1 − S ={' '}
                <strong>{fmt3(cellAt(grid, focus).density)}</strong>
              </p>
              <p>
                trained: <strong data-testid="cell-phase">{trained[focus] ? PHASE_LABELS[trained[focus]!] : 'not trained yet'}</strong>
                <br />
                theory: {PHASE_LABELS[theory[focus]]}
                <br />
                loss {Number.isFinite(focusModel.loss) ? focusModel.loss.toExponential(2) : '—'} · seed {bestSeeds[focus] + 1} of {grid.seeds}
                {focusModel.converged ? ' · converged' : ''}
              </p>
              <WeightGlyph W={focusModel.W} n={n} m={m} importance={experimentImportance(experiment, cellAt(grid, focus).r)} size={110} title="Weights of this cell's model" />
            </>
          ) : (
            <p className="panel-note">Hover over a cell to see its model; click to inspect it below.</p>
          )}
        </aside>
      </div>
      {selected !== null && selectedModel && selectedMetrics ? (
        <div className="panels drill-down" data-testid="phase-drilldown">
          <ChartFrame title={`Cell r = ${fmt3(cellAt(grid, selected).r)}, 1−S = ${fmt3(cellAt(grid, selected).density)}: WᵀW and bias`} exportName="phase-cell-wtw" exportMeta={exportMeta} exportJson={exportCellJson}>
            <GramHeatmap gram={selectedMetrics.gram} bias={selectedModel.b} n={n} size={180} />
          </ChartFrame>
          <ChartFrame title="Its feature norms" exportName="phase-cell-norms" exportMeta={exportMeta} exportJson={exportCellJson}>
            <FeatureNormBars norms={selectedMetrics.norms} superposition={selectedMetrics.superposition} n={n} m={m} />
          </ChartFrame>
          <ChartFrame title="Its weights" exportName="phase-cell-weights" exportMeta={exportMeta} exportJson={exportCellJson} caption="The last feature is the extra one.">
            <WeightGlyph W={selectedModel.W} n={n} m={m} importance={experimentImportance(experiment, cellAt(grid, selected).r)} size={200} title="Weights of the selected cell's model" />
          </ChartFrame>
        </div>
      ) : null}
    </section>
  );
}

interface SeedChoiceCache {
  runId: number;
  at: number;
  /** cell → seed chosen by expected loss (only cells whose seeds disagree on the phase) */
  chosen: Map<number, number>;
}

/** Re-decide contested cells at most this often: each decision costs a few thousand forward passes. */
const SEED_CHOICE_MS = 1500;

/**
 * Phase per cell from its best seed. Where all seeds agree on the phase any seed will do (the
 * EMA choice is kept for the hover card). Where they disagree, the seed with the lowest
 * *expected* loss wins — stratified over which features are on, since at low density a
 * minibatch almost never has two features on at once, so its loss cannot tell the phases apart.
 */
function chooseSeeds(snap: Snapshot, config: TrainConfig, seeds: number, emaBest: Int32Array, cache: SeedChoiceCache): { bestSeeds: Int32Array; trained: (Phase | null)[] } {
  const { n, m } = config;
  const cells = config.instances.length / seeds;
  const now = performance.now();
  const refresh = cache.runId !== snap.runId || now - cache.at > SEED_CHOICE_MS || snap.status !== 'running';
  if (refresh) {
    cache.runId = snap.runId;
    cache.at = now;
    cache.chosen.clear();
  }
  const bestSeeds = Int32Array.from(emaBest);
  const trained: (Phase | null)[] = new Array(cells);
  const W = (j: number) => snap.W.subarray(j * n * m, (j + 1) * n * m);
  for (let c = 0; c < cells; c++) {
    const phases = Array.from({ length: seeds }, (_, k) => classifyExtraFeature(W(c * seeds + k), n, m));
    if (phases.every((p) => p === phases[0])) {
      trained[c] = phases[0];
      continue;
    }
    let k = cache.chosen.get(c);
    if (k === undefined || refresh) {
      const losses = phases.map((_, q) => {
        const j = c * seeds + q;
        const inst = config.instances[j];
        return stratifiedExpectedLoss({ W: W(j), b: snap.b.subarray(j * n, (j + 1) * n), density: inst.density, importance: inst.importance }, m, config.kind, 96);
      });
      k = losses.indexOf(Math.min(...losses.filter(Number.isFinite)));
      if (k < 0) k = emaBest[c];
      cache.chosen.set(c, k);
    }
    bestSeeds[c] = k;
    trained[c] = phases[k];
  }
  return { bestSeeds, trained };
}

/** Lowest smoothed loss per cell (an EMA per instance: one minibatch is too noisy at low density). */
function useBestSeedPerCell(loss: Float32Array | null, runId: number, cells: number, seeds: number): Int32Array {
  const ref = useRef<{ runId: number; ema: Float64Array; best: Int32Array }>({ runId: -1, ema: new Float64Array(0), best: new Int32Array(cells) });
  return useMemo(() => {
    let s = ref.current;
    if (!loss || loss.length !== cells * seeds) return new Int32Array(cells);
    if (s.runId !== runId || s.ema.length !== loss.length) {
      s = ref.current = { runId, ema: Float64Array.from(loss), best: new Int32Array(cells) };
    } else {
      for (let j = 0; j < loss.length; j++) {
        const v = loss[j];
        if (Number.isFinite(v)) s.ema[j] = Number.isFinite(s.ema[j]) ? 0.7 * s.ema[j] + 0.3 * v : v;
      }
    }
    const best = new Int32Array(cells);
    for (let c = 0; c < cells; c++) {
      let k = 0;
      for (let q = 1; q < seeds; q++) if (s.ema[c * seeds + q] < s.ema[c * seeds + k] || !Number.isFinite(s.ema[c * seeds + k])) k = q;
      best[c] = k;
    }
    s.best = best;
    return best;
  }, [loss, runId, cells, seeds]);
}

const fmt3 = (v: number) => (v >= 0.1 ? v.toFixed(2) : v.toPrecision(2));

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return '—';
  if (s < 90) return `${Math.ceil(s)} s`;
  return `${Math.ceil(s / 60)} min`;
}
