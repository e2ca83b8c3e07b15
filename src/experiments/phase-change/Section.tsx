/**
 * "Superposition as a phase change": a whole grid of tiny models — every (relative importance r,
 * density 1 − S) cell, several seeds each — trains as one batched run in its own worker. The
 * trained diagram fills in live with the analytic boundaries drawn over it; the theory's own
 * diagram sits beside it; a disagreement view marks where training and theory differ.
 */
import { fmtCount, formatDuration } from '../../model/format';
import { memo, useCallback, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { ChartFigure } from '../../charts/ChartFigure';
import { phaseDiagramTable } from '../../charts/model-tables';
import { PhaseDiagramChart as PhaseDiagramChartPlain } from '../../charts/PhaseDiagramChart';
import { cellAt, cellCount, phaseGrid, phaseTrainConfig, type PhaseGrid } from '../../model/phase';
import { experimentShape, theoryPhase, type Phase } from '../../model/theory';
import { DEFAULT_CONVERGENCE } from '../../train/convergence';
import { runKey } from '../../state/run-key';
import { ownValues } from '../../state/url-params';
import { Tex } from '../../ui/Tex';
import { RunAnnouncement, RunNotice, statusText, useTrainWhileVisible } from '../../ui/training-controls';
import { useTrainingRun } from '../../ui/use-training';
import { useVisible } from '../../ui/use-visible';
import type { Snapshot } from '../../worker/protocol';
import type { SectionProps } from '../experiment';
import { useDrawnSettings } from '../shared/drawn-settings';
import { pageWorkers } from '../../worker/cores';
import { CellCard, CellDrilldown } from './CellCard';
import { PhaseControls } from './Controls';
import { phaseMovie } from './movie';
import { PHASE_PARAMS, PHASE_RUN_KEYS, type PhaseState } from './params';
import {
  CellEma,
  cellJson,
  cellModel,
  chooseSeeds,
  experimentLabel,
  gridJson,
  newSeedChoiceCache,
  phaseBoundaries,
  type SeedChoiceCache,
} from './run';
import { EmbedControls } from '../../ui/embed';

const CONVERGENCE = { ...DEFAULT_CONVERGENCE };
/** Hundreds of cells: redraw a diagram only when its own props change. */
const PhaseDiagramChart = memo(PhaseDiagramChartPlain);
/** One worker per core (at most 4) for a big grid: its instances are independent. */

const DIAGRAM_CAPTION =
  "Each cell: the lowest-loss seed's extra feature. Lines: the analytic phase boundaries. Hover for details, " +
  'click to inspect (arrow keys move the selection).';
const THEORY_CAPTION =
  'The lowest-loss hand-built solution at each cell (the paper’s “Superposition as a Phase Change”), same grid.';

export function PhaseChange({ state, onChange, presets }: SectionProps<PhaseState>) {
  const requested = useMemo(
    () => phaseTrainConfig(phaseGrid(state.diagram, state.grid, state.seeds)),
    [state.diagram, state.grid, state.seeds],
  );
  const visible = useVisible<HTMLElement>();
  // The SIMD kernel (js where WebAssembly SIMD is missing): tiny models, where WebGL's per-step
  // overhead never pays, and a fixed path keeps the diagram the same as the CLI's and the tests'.
  const run = useTrainingRun(requested, {
    runKey: runKey(PHASE_PARAMS, PHASE_RUN_KEYS, state),
    maxSteps: state.steps,
    warmStart: false,
    path: 'simd',
    convergence: CONVERGENCE,
    autoStart: false,
    keepHistory: false,
    maxHz: 6,
    shards: requested.instances.length >= 64 ? pageWorkers(requested.instances.length) : 1,
  });
  // What is drawn and exported: the snapshot with the settings it was trained with (while a change
  // restarts the grid, the diagram goes on showing the previous one, whole).
  const drawn = useDrawnSettings(PHASE_PARAMS, PHASE_RUN_KEYS, run.snapshot, state);
  const experiment = drawn.diagram;
  const grid = useMemo(() => phaseGrid(experiment, drawn.grid, drawn.seeds), [experiment, drawn.grid, drawn.seeds]);
  const config = useMemo(() => phaseTrainConfig(grid), [grid]);
  const { n, m } = experimentShape(experiment);
  const cells = cellCount(grid);
  const snap = run.snapshot && run.snapshot.W.length === config.instances.length * n * m ? run.snapshot : null;

  // Train only while the reader can see the section (and not after they paused it themselves).
  const userPaused = useTrainWhileVisible(run, snap, visible.visible);
  const seedChoiceCache = useRef<SeedChoiceCache>(newSeedChoiceCache());
  const cellEma = useRef(new CellEma());
  const emaBest = useMemo(
    () => cellEma.current.update(snap?.loss ?? null, snap?.runId ?? -1, cells, grid.seeds),
    [snap, cells, grid.seeds],
  );
  const { bestSeeds, trained } = useMemo(() => {
    const phases: (Phase | null)[] = new Array(cells).fill(null);
    if (!snap || snap.step === 0) return { bestSeeds: emaBest, trained: phases };
    return chooseSeeds(snap, config, grid.seeds, emaBest, seedChoiceCache.current);
  }, [snap, emaBest, config, grid.seeds, cells]);
  const theory = useMemo(() => theoryPhases(grid), [grid]);
  const boundaries = useMemo(() => phaseBoundaries(experiment), [experiment]);

  const agree = snap && snap.step > 0 ? trained.filter((p, c) => p === theory[c]).length : 0;
  const [hover, setHover] = useState<number | null>(null);
  const onSelectCell = useCallback((c: number) => onChange({ cell: c }), [onChange]);
  const selected = state.cell >= 0 && state.cell < cells ? state.cell : null;
  const focus = hover ?? selected;
  const modelOf = (c: number | null) => (snap && c !== null ? cellModel(snap, grid.seeds, bestSeeds, c, n, m) : null);
  const selectedModel = modelOf(selected);
  const expLabel = experimentLabel(experiment);
  const exportMeta = {
    description: `Phase diagram, ${expLabel}: ${drawn.grid}×${drawn.grid} cells, best of ${drawn.seeds} seeds, step ${snap?.step ?? 0}`,
    config: { ...ownValues(PHASE_PARAMS, drawn), step: snap?.step ?? 0 },
  };
  // The JSON of what the charts draw; none before the grid's first snapshot (the buttons say so).
  const exportGridJson = snap ? () => gridJson(grid, snap, bestSeeds, trained, theory, n, m) : null;
  const exportCellJson = snap && selected !== null ? () => cellJson(config, grid.seeds, snap, selected) : null;

  return (
    <section id="phase-change" aria-labelledby="phase-change-title" className="section" ref={visible.ref}>
      <h2 id="phase-change-title">Superposition as a phase change</h2>
      {presets}
      <PhaseIntro label={expLabel} models={config.instances.length} />
      <EmbedControls>
        <PhaseControls state={state} onChange={onChange} run={run} snap={snap} userPaused={userPaused} />
      </EmbedControls>
      <PhaseStatus
        snap={snap}
        userPaused={userPaused}
        steps={drawn.steps}
        models={config.instances.length}
        agree={agree}
        cells={cells}
      />
      <RunNotice run={run} />
      <div className="phase-panels">
        <ChartFigure
          title={state.showDisagreement ? 'Trained vs theory: disagreements' : 'Trained models'}
          exportName={`phase-${experiment}-trained`}
          exportMeta={exportMeta}
          exportJson={exportGridJson}
          movie={phaseMovie({ snap, grid, trained, theory, boundaries, expLabel, drawn })}
          table={snap ? diagramTable(grid, trained, theory) : null}
          caption={DIAGRAM_CAPTION}
        >
          <PhaseDiagramChart
            rValues={grid.rValues}
            densityValues={grid.densityValues}
            phases={trained}
            mode={state.showDisagreement ? 'disagreement' : 'phases'}
            reference={theory}
            boundaries={boundaries}
            selected={selected}
            onHover={setHover}
            onSelect={onSelectCell}
            title={`Trained phase diagram, ${expLabel}`}
          />
        </ChartFigure>
        {state.showTheory ? (
          <ChartFigure
            title="Analytic theory"
            exportName={`phase-${experiment}-theory`}
            exportMeta={exportMeta}
            table={diagramTable(grid, theory)}
            caption={THEORY_CAPTION}
          >
            <PhaseDiagramChart
              rValues={grid.rValues}
              densityValues={grid.densityValues}
              phases={theory}
              boundaries={boundaries}
              selected={selected}
              title={`Analytic phase diagram, ${expLabel}`}
            />
          </ChartFigure>
        ) : null}
        <CellCard
          grid={grid}
          n={n}
          m={m}
          focus={focus}
          hovered={hover !== null}
          model={modelOf(focus)}
          trained={focus !== null ? trained[focus] : null}
          theory={focus !== null ? theory[focus] : null}
          seed={focus !== null ? bestSeeds[focus] : 0}
        />
      </div>
      {selected !== null && selectedModel ? (
        <CellDrilldown
          grid={grid}
          n={n}
          m={m}
          cell={selected}
          model={selectedModel}
          exportMeta={exportMeta}
          exportJson={exportCellJson}
        />
      ) : null}
    </section>
  );
}

/** The analytic theory's phase at every cell of the grid. */
function theoryPhases(grid: PhaseGrid): Phase[] {
  return Array.from({ length: cellCount(grid) }, (_, c) => {
    const { r, density } = cellAt(grid, c);
    return theoryPhase(grid.experiment, r, density).phase;
  });
}

/** A diagram's table (its cells' parameters and phases, and the reference's where given), built when opened. */
const diagramTable =
  (grid: PhaseGrid, phases: readonly (Phase | null)[], reference?: readonly (Phase | null)[]) => () =>
    phaseDiagramTable({ rValues: grid.rValues, densityValues: grid.densityValues, phases, reference });

/** The section's opening: the experiment, and the three costs whose ties are the theory's lines. */
function PhaseIntro({ label: expLabel, models }: { label: string; models: number }) {
  return (
    <p className="lede">
      Give a model one feature more than it can store cleanly and vary two things: how important the extra feature is (
      <Tex>r</Tex>, relative to the others) and how often features are active (density <Tex>1 - S</Tex>). Whether the
      extra feature is dropped, gets a dimension of its own, or shares one in superposition changes abruptly across
      lines the paper derives in closed form — a phase change. Below, every cell is a real model ({expLabel}), all{' '}
      {fmtCount(models)} of them training together; the lines are the theory. With <Tex>d = 1 - S</Tex>, dropping the
      extra feature costs <Tex>{'r\\,(d/3 - d^2/4)'}</Tex>, giving it the dimension instead costs{' '}
      <Tex>{'d/3 - d^2/4'}</Tex>, and storing both as an antipodal pair costs <Tex>{'(1 + r)\\,d^2/6'}</Tex>: the
      cheapest wins, and the lines are where two of them tie — the superposition region opens below the triple point{' '}
      <Tex>{'r = 1,\\ d = 4/7'}</Tex>.
    </p>
  );
}

/** The grid's status line: its run, how many models have converged, and how many cells agree with the theory. */
function PhaseStatus({
  snap,
  userPaused,
  steps,
  models,
  agree,
  cells,
}: {
  snap: Snapshot | null;
  userPaused: MutableRefObject<boolean>;
  steps: number;
  models: number;
  agree: number;
  cells: number;
}) {
  const convergedCount = snap?.converged ? snap.converged.reduce((a, v) => a + v, 0) : 0;
  const eta =
    snap && snap.status === 'running' && snap.stepsPerSecond > 0 ? (steps - snap.step) / snap.stepsPerSecond : null;
  return (
    <>
      <RunAnnouncement
        snap={snap}
        what="The phase diagram"
        done={`The phase diagram has trained: ${agree} of ${cells} cells agree with the theory.`}
      />
      <p className="status phase-status">
        <span data-testid="phase-status" data-run={snap?.runId ?? -1} data-run-key={snap?.runKey}>
          {statusText(snap, userPaused)}
        </span>{' '}
        · step <strong data-testid="phase-step">{fmtCount(snap?.step ?? 0)}</strong> / {fmtCount(steps)} · converged{' '}
        <strong data-testid="phase-converged">{convergedCount}</strong> / {models} models
        {snap ? ` · ${(snap.trainingMs / 1000).toFixed(1)} s of training` : ''}
        {eta !== null ? ` · at most ${formatDuration(eta)} left` : ''}
        {snap?.status === 'done' ? ` · finished in ${(snap.trainingMs / 1000).toFixed(1)} s` : ''} · path{' '}
        {snap?.path ?? '…'}
        <br />
        agreement with theory:{' '}
        <strong data-testid="phase-agreement">{snap && snap.step > 0 ? `${agree} / ${cells}` : '—'}</strong> cells
        {snap && snap.step > 0 ? ` (${((100 * agree) / cells).toFixed(0)}%)` : ''}
      </p>
    </>
  );
}
