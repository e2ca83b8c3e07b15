/**
 * "Perturbing one feature" (the paper's "Non-Uniform Superposition"): n = 5 features of equal importance in m
 * = 2 dimensions, four at a fixed density and feature 4 at a varied relative density. At the others' density
 * the five form a pentagon; made sparser, feature 4 is crowded, until below a critical relative density the
 * pentagon snaps to two digons with feature 4 dropped — a first-order transition where the loss curves of the
 * two solution types cross. Both trainings (the random fits and the fixed starts behind the curves, see
 * run.ts) run in workers, each paused with the section.
 */
import { fmtCount } from '../../model/format';
import { useMemo, useRef } from 'react';
import { ChartFigure } from '../../charts/ChartFigure';
import { pentagonLossTable, pentagonStripTable } from '../../charts/model-tables';
import {
  PentagonLossChart,
  PentagonStrip,
  relLabel,
  type PentagonLossChartProps,
  type PentagonStripProps,
} from '../../charts/PentagonCharts';
import type { TrainConfig } from '../../model/config';
import { crossing } from '../../model/uniform-sweep';
import { runKey } from '../../state/run-key';
import { Slider } from '../../ui/controls';
import { RunAnnouncement, RunNotice, TrainingPlaybar, useTrainWhileVisible } from '../../ui/training-controls';
import { useTrainingRun } from '../../ui/use-training';
import { useVisible } from '../../ui/use-visible';
import type { Snapshot } from '../../worker/protocol';
import type { SectionProps } from '../experiment';
import { useDrawnSettings } from '../shared/drawn-settings';
import {
  PENTAGON_CURVE_RUN_KEYS,
  PENTAGON_PARAMS,
  PENTAGON_RUN_KEYS,
  PENTAGON_RUN_TABLE,
  type PentagonState,
} from './params';
import './pentagon.css';
import {
  CURVE_STEPS,
  CURVE_UPDATE_EVERY,
  PENTAGON_RELATIVE_DENSITIES,
  bestFits,
  curveLosses,
  fitsJson,
  keptJson,
  keptSolutions,
  pentagonCurveConfig,
  pentagonFitsConfig,
  pentagonStartParams,
  transition,
  type PentagonCurves,
  type PentagonFit,
} from './run';
import { EmbedControls } from '../../ui/embed';

/** Re-choose the best random fits at most this often while they train. */
const FITS_EVERY_MS = 1500;
const rel = PENTAGON_RELATIVE_DENSITIES;

export function PerturbedPentagon({ state, onChange }: SectionProps<PentagonState>) {
  // The controls show the settings asked for; the charts and exports those of the run drawn.
  const { seeds, steps, baseDensity: base, seed: gseed } = state;
  const requested = useMemo(() => pentagonFitsConfig({ baseDensity: base, seeds, seed: gseed }), [base, seeds, gseed]);
  const visible = useVisible<HTMLDivElement>();
  const run = useTrainingRun(requested, {
    runKey: runKey(PENTAGON_RUN_TABLE, PENTAGON_RUN_KEYS, state),
    maxSteps: steps,
    warmStart: false,
    path: 'js',
    convergence: null,
    autoStart: false,
    keepHistory: false,
    maxHz: 3,
    shards: 1,
  });
  const drawn = useDrawnSettings(PENTAGON_RUN_TABLE, PENTAGON_RUN_KEYS, run.snapshot, state);
  const config = useMemo(
    () => pentagonFitsConfig({ baseDensity: drawn.baseDensity, seeds: drawn.seeds, seed: drawn.seed }),
    [drawn.baseDensity, drawn.seeds, drawn.seed],
  );
  const snap = run.snapshot && run.snapshot.W.length === config.instances.length * 10 ? run.snapshot : null;
  const userPaused = useTrainWhileVisible(run, snap, visible.visible);
  const trained = snap && snap.step > 0 ? snap : null;
  const { fits, fitsW, fitsB } = useBestFits(trained, config, drawn.seeds);
  // The fixed-start run trains and pauses with the random fits (the play bar's pause holds both).
  const curves = useFixedStartCurves(state, visible.visible && !userPaused.current);
  const kept = useMemo(() => keptSolutions(rel.length, fitsW, fits, curves), [fitsW, fits, curves]);
  const cross = curves ? crossing(rel, curves.pentagon, curves.digons) : null;
  // Where the kept solutions switch from digons (sparse side) to pentagon.
  const { lastDigons, firstPentagon } = transition(kept);
  const charts = chartProps(kept, curves, fits);
  const exportMeta = {
    description: `Perturbed pentagon: n = 5, m = 2, features 0–3 at density ${drawn.baseDensity}, feature 4 at ${rel.length} relative densities from ${relLabel(rel[0])} to ${relLabel(rel[rel.length - 1])}; best of ${drawn.seeds} seeds by stratified expected loss, step ${snap?.step ?? 0}`,
    config: {
      seeds: drawn.seeds,
      steps: drawn.steps,
      baseDensity: drawn.baseDensity,
      seed: drawn.seed,
      step: snap?.step ?? 0,
      curveStep: curves?.step ?? 0,
    },
  };
  // The JSON of what the charts draw; none before the fits have trained a step (the buttons say so).
  const exportFitsJson =
    trained && fits && fitsW && fitsB
      ? () => ({
          format: 'superposition-explorable/perturbed-pentagon@1',
          baseDensity: drawn.baseDensity,
          step: trained.step,
          layout: 'W[i][k] = component k of feature i; feature 4 is the varied one',
          fits: fitsJson(fits, fitsW, fitsB, drawn.seeds),
          kept: keptJson(kept),
          curves: curves
            ? {
                baseDensity: curves.baseDensity,
                step: curves.step,
                pentagon: curves.pentagon,
                digons: curves.digons,
                pentagonStart: curves.pentagonStart,
                digonStart: curves.digonStart,
              }
            : null,
        })
      : null;

  return (
    <div
      className="geometry-pentagon"
      ref={visible.ref}
      data-testid="pentagon-section"
      aria-labelledby="geometry-pentagon-title"
      role="region"
    >
      <h3 id="geometry-pentagon-title">Perturbing one feature</h3>
      <p className="lede">
        Uniform superposition is a special case. Take <i>n</i> = 5 equally important features in <i>m</i> = 2
        dimensions, four of them on with probability {base} (where the five form a regular pentagon) and make feature 4
        denser or sparser than the others. Denser, it pushes its neighbours away and gets more of the circle; sparser,
        the others crowd it — until, below a critical relative density, the pentagon snaps to two antipodal pairs and
        feature 4 is dropped. The paper shows this is a first-order transition: the losses of the two kinds of solution
        cross. Below, {seeds} random initialisations per density train in a worker and the lowest expected loss is kept
        (top); beside them, one model per density started as a pentagon and one as two digons give the two loss curves.
      </p>
      <EmbedControls>
        <div className="geometry-controls" role="group" aria-label="Perturbed pentagon settings">
          <PentagonSettings state={state} onChange={onChange} />
          <TrainingPlaybar run={run} snap={snap} userPaused={userPaused} prefix="pentagon" />
        </div>
      </EmbedControls>
      <RunAnnouncement snap={snap} what="The perturbed pentagon's random fits" />
      <p className="status geometry-status">
        random fits:{' '}
        <span data-testid="pentagon-status" data-run={snap?.runId ?? -1} data-run-key={snap?.runKey}>
          {snap ? snap.status : 'starting'}
        </span>{' '}
        · step <strong data-testid="pentagon-step">{fmtCount(snap?.step ?? 0)}</strong> / {fmtCount(drawn.steps)} ·{' '}
        {config.instances.length} models · loss curves: step{' '}
        <strong data-testid="pentagon-curve-step">{fmtCount(curves?.step ?? 0)}</strong> / {fmtCount(CURVE_STEPS)}
        <br />
        lowest loss found: two digons up to relative density{' '}
        <strong data-testid="pentagon-digons-upto">{lastDigons >= 0 ? relLabel(rel[lastDigons]) : '—'}</strong>, a
        pentagon from{' '}
        <strong data-testid="pentagon-from">{firstPentagon >= 0 ? relLabel(rel[firstPentagon]) : '—'}</strong> · the
        loss curves cross at{' '}
        <strong data-testid="pentagon-crossing">{cross !== null ? `≈ ${relLabel(cross)}` : '—'}</strong> (the spec
        measured 0.2–0.3; the paper ≈ 0.4)
      </p>
      <RunNotice run={run} />
      <ChartFigure
        title="Lowest-loss solution at each relative density"
        exportName="perturbed-pentagon-strip"
        exportMeta={exportMeta}
        exportJson={exportFitsJson}
        table={() => pentagonStripTable(charts.strip)}
        caption={
          'Each panel: the lowest-loss solution found at that density of feature 4 relative to the others (the ' +
          'best random fit, or a fixed-start model where that is lower), rotated so the first learned feature ' +
          'points right and reflected so the next lies counter-clockwise. Feature 4, the varied one, is drawn in ' +
          'the light colour.'
        }
      >
        {/* It scrolls sideways on a narrow screen: focusable, so the keyboard can scroll it too. */}
        <div
          className="pentagon-strip"
          tabIndex={0}
          role="region"
          aria-label="Lowest-loss solutions, one panel per relative density (scrolls sideways)"
        >
          <PentagonStrip {...charts.strip} />
        </div>
      </ChartFigure>
      <ChartFigure
        title="Pentagon or two digons: the loss curves cross"
        exportName="perturbed-pentagon-loss"
        exportMeta={exportMeta}
        exportJson={exportFitsJson}
        table={curves || fits ? () => pentagonLossTable(charts.loss) : null}
        caption={
          'Expected loss (exact over which features are on) of the model started as a pentagon and of the one ' +
          'started as two digons, at each relative density, each drawn only where it kept its type. Rings: the ' +
          'lowest-loss random fit, coloured by what it found.'
        }
      >
        <PentagonLossChart {...charts.loss} width={520} />
      </ChartFigure>
    </div>
  );
}

/** What the strip and the loss chart draw (and their tables show). */
function chartProps(
  kept: ReturnType<typeof keptSolutions>,
  curves: PentagonCurves | null,
  fits: PentagonFit[] | null,
): { strip: PentagonStripProps; loss: PentagonLossChartProps } {
  return {
    strip: {
      relativeDensities: rel,
      solutions: kept.map((k) => k?.W ?? null),
      types: kept.map((k) => k?.type ?? null),
      sources: kept.map((k) => k?.source ?? null),
    },
    loss: {
      relativeDensities: rel,
      pentagon: curves?.pentagon ?? rel.map(() => null),
      digons: curves?.digons ?? rel.map(() => null),
      fits: fits ?? undefined,
    },
  };
}

/**
 * The best random fit per relative density; choosing costs a few tens of ms, so at most every FITS_EVERY_MS while
 * training.
 */
function useBestFits(
  trained: Snapshot | null,
  config: TrainConfig,
  seeds: number,
): { fits: PentagonFit[] | null; fitsW: Float32Array | null; fitsB: Float32Array | null } {
  const cache = useRef<{
    at: number;
    runId: number;
    config: TrainConfig | null;
    fits: PentagonFit[] | null;
    W: Float32Array | null;
    b: Float32Array | null;
  }>({ at: 0, runId: -1, config: null, fits: null, W: null, b: null });
  return useMemo(() => {
    const c = cache.current;
    if (!trained) return { fits: null, fitsW: null, fitsB: null };
    const now = performance.now();
    if (
      c.config !== config ||
      c.runId !== trained.runId ||
      trained.status !== 'running' ||
      now - c.at > FITS_EVERY_MS ||
      !c.fits
    ) {
      cache.current = {
        at: now,
        runId: trained.runId,
        config,
        fits: bestFits(config, trained.W, trained.b, seeds),
        W: trained.W,
        b: trained.b,
      };
    }
    return { fits: cache.current.fits, fitsW: cache.current.W, fitsB: cache.current.b };
  }, [trained, config, seeds]);
}

/**
 * The fixed-start run (a pentagon and a two-digon start per relative density) in its own worker
 * while `active`; its loss curves are recomputed every CURVE_UPDATE_EVERY steps and at the end.
 */
function useFixedStartCurves(state: PentagonState, active: boolean): (PentagonCurves & { baseDensity: number }) | null {
  const { baseDensity: gpbase, seed: gseed } = state;
  const requested = useMemo(() => pentagonCurveConfig(rel, gpbase, gseed), [gpbase, gseed]);
  const initial = useMemo(() => pentagonStartParams(requested.instances.length), [requested]);
  const run = useTrainingRun(requested, {
    runKey: runKey(PENTAGON_RUN_TABLE, PENTAGON_CURVE_RUN_KEYS, state),
    maxSteps: CURVE_STEPS,
    warmStart: false,
    path: 'js',
    convergence: null,
    autoStart: false,
    keepHistory: false,
    maxHz: 2,
    shards: 1,
    initial,
  });
  // The curves of the run drawn, with the settings it was trained with.
  const drawn = useDrawnSettings(PENTAGON_RUN_TABLE, PENTAGON_CURVE_RUN_KEYS, run.snapshot, state);
  const config = useMemo(
    () => pentagonCurveConfig(rel, drawn.baseDensity, drawn.seed),
    [drawn.baseDensity, drawn.seed],
  );
  const snap = run.snapshot && run.snapshot.W.length === config.instances.length * 10 ? run.snapshot : null;
  useTrainWhileVisible(run, snap, active);
  const baseDensity = drawn.baseDensity;
  const last = useRef<{ runId: number; bucket: number; curves: (PentagonCurves & { baseDensity: number }) | null }>({
    runId: -1,
    bucket: 0,
    curves: null,
  });
  return useMemo(() => {
    const c = last.current;
    if (!snap) return null;
    if (snap.runId !== c.runId) last.current = { runId: snap.runId, bucket: 0, curves: null };
    const bucket = snap.status === 'done' ? Infinity : Math.floor(snap.step / CURVE_UPDATE_EVERY);
    if (bucket > last.current.bucket)
      last.current = {
        runId: snap.runId,
        bucket,
        curves: { ...curveLosses(config, snap.W, snap.b, snap.step), baseDensity },
      };
    return last.current.curves;
  }, [snap, config, baseDensity]);
}

/** The settings the reader changes: random fits per density, their steps, and the others' density. */
function PentagonSettings({ state, onChange }: Pick<SectionProps<PentagonState>, 'state' | 'onChange'>) {
  const { seeds, steps, baseDensity: base } = state;
  return (
    <>
      <Slider
        label={
          <>
            random fits per density <output>{seeds}</output>
          </>
        }
        name="gpseeds"
        min={PENTAGON_PARAMS.seeds.min}
        max={PENTAGON_PARAMS.seeds.max}
        value={seeds}
        onChange={(seeds) => onChange({ seeds })}
      />
      <Slider
        label={
          <>
            steps <output>{fmtCount(steps)}</output>
          </>
        }
        name="gpsteps"
        min={PENTAGON_PARAMS.steps.min}
        max={PENTAGON_PARAMS.steps.max}
        step={500}
        value={steps}
        onChange={(steps) => onChange({ steps })}
      />
      <label className="control">
        <span>density of features 0–3</span>
        <select name="gpbase" value={String(base)} onChange={(e) => onChange({ baseDensity: Number(e.target.value) })}>
          {[...new Set([0.02, 0.05, 0.1, base])]
            .sort((a, b) => a - b)
            .map((v) => (
              <option key={v} value={String(v)}>
                {v}
                {v === 0.05 ? ' (paper)' : ''}
              </option>
            ))}
        </select>
      </label>
    </>
  );
}
