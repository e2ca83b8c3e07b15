/**
 * What "Superposition as a phase change" computes from a trained grid, without React: which seed
 * of each cell to show and its phase, the analytic boundaries, and the exports. The page uses it
 * live on snapshots; the headless sweep (./sweep.ts) keeps the lowest evaluation-loss seed instead.
 */
import type { TrainConfig } from '../../model/config';
import { stratifiedExpectedLoss } from '../../model/evaluate';
import { instancesModelJson, weightRows, type ModelsState } from '../../model/io/model-json';
import { instanceWeights } from '../../model/metrics';
import { PHASE_DENSITY_RANGE, PHASE_R_RANGE, cellAt, classifyExtraFeature, type PhaseGrid } from '../../model/phase';
import { boundaryCurves, type BoundaryCurve, type Phase, type PhaseExperiment } from '../../model/theory';

/** "n = 2 features, m = 1 dimension": the experiment in words. */
export const experimentLabel = (e: PhaseExperiment) =>
  e === 'phase-2-1' ? 'n = 2 features, m = 1 dimension' : 'n = 3 features, m = 2 dimensions';

/** The analytic boundaries over the grid's box (r ∈ [0.1, 10], 1 − S ∈ [0.01, 1]). */
export const phaseBoundaries = (e: PhaseExperiment): BoundaryCurve[] =>
  boundaryCurves(e, {
    rMin: PHASE_R_RANGE[0],
    rMax: PHASE_R_RANGE[1],
    dMin: PHASE_DENSITY_RANGE[1],
    dMax: PHASE_DENSITY_RANGE[0],
  });

/** A run's weights as the worker sends them (a snapshot). */
export type GridWeights = ModelsState & { runId: number; status: string };

/** Lowest smoothed loss per cell (an EMA per instance: one minibatch is too noisy at low density). One per run. */
export class CellEma {
  private runId = -1;
  private ema = new Float64Array(0);

  update(loss: Float32Array | null, runId: number, cells: number, seeds: number): Int32Array {
    if (!loss || loss.length !== cells * seeds) return new Int32Array(cells);
    if (this.runId !== runId || this.ema.length !== loss.length) {
      this.runId = runId;
      this.ema = Float64Array.from(loss);
    } else {
      for (let j = 0; j < loss.length; j++) {
        const v = loss[j];
        if (Number.isFinite(v)) this.ema[j] = Number.isFinite(this.ema[j]) ? 0.7 * this.ema[j] + 0.3 * v : v;
      }
    }
    const best = new Int32Array(cells);
    for (let c = 0; c < cells; c++) {
      let k = 0;
      for (let q = 1; q < seeds; q++)
        if (this.ema[c * seeds + q] < this.ema[c * seeds + k] || !Number.isFinite(this.ema[c * seeds + k])) k = q;
      best[c] = k;
    }
    return best;
  }
}

export interface SeedChoiceCache {
  runId: number;
  /** cell → seed chosen by expected loss (cells whose seeds disagreed on the phase when decided) */
  chosen: Map<number, number>;
  /** where the next round of re-decisions starts (an index into the contested cells) */
  cursor: number;
}

export const newSeedChoiceCache = (): SeedChoiceCache => ({ runId: -1, chosen: new Map(), cursor: 0 });

/**
 * Main-thread time one running snapshot may spend re-deciding contested cells: each decision costs
 * a few hundred forward passes, and all of them at once made 100–200 ms frames while a grid trained.
 */
const SEED_CHOICE_BUDGET_MS = 6;

/**
 * Phase per cell from its best seed. Where all seeds agree on the phase any seed will do (the
 * EMA choice is kept for the hover card). Where they disagree, the seed with the lowest
 * *expected* loss wins — stratified over which features are on, since at low density a
 * minibatch almost never has two features on at once, so its loss cannot tell the phases apart.
 * While the run trains, contested cells are (re-)decided round-robin within a time budget per
 * snapshot (undecided ones show the EMA choice meanwhile); a finished run decides every one.
 */
export function chooseSeeds(
  snap: GridWeights,
  config: TrainConfig,
  seeds: number,
  emaBest: Int32Array,
  cache: SeedChoiceCache,
  clock: () => number = () => performance.now(),
): { bestSeeds: Int32Array; trained: (Phase | null)[] } {
  const { n, m } = config;
  const cells = config.instances.length / seeds;
  if (cache.runId !== snap.runId) {
    cache.runId = snap.runId;
    cache.chosen.clear();
    cache.cursor = 0;
  }
  const bestSeeds = Int32Array.from(emaBest);
  const trained: (Phase | null)[] = new Array(cells);
  const W = (j: number) => snap.W.subarray(j * n * m, (j + 1) * n * m);
  const phasesOf: (Phase | null)[][] = new Array(cells);
  const contested: number[] = [];
  for (let c = 0; c < cells; c++) {
    const phases = Array.from({ length: seeds }, (_, k) => classifyExtraFeature(W(c * seeds + k), n, m));
    phasesOf[c] = phases;
    if (phases.every((p) => p === phases[0])) trained[c] = phases[0];
    else contested.push(c);
  }
  const decide = (c: number) => {
    const losses = phasesOf[c].map((_, q) => {
      const j = c * seeds + q;
      const inst = config.instances[j];
      return stratifiedExpectedLoss(
        { W: W(j), b: snap.b.subarray(j * n, (j + 1) * n), density: inst.density, importance: inst.importance },
        m,
        config.kind,
        96,
      );
    });
    const k = losses.indexOf(Math.min(...losses.filter(Number.isFinite)));
    cache.chosen.set(c, k < 0 ? emaBest[c] : k);
  };
  if (snap.status !== 'running') {
    for (const c of contested) decide(c);
  } else if (contested.length > 0) {
    const deadline = clock() + SEED_CHOICE_BUDGET_MS;
    const start = cache.cursor % contested.length;
    let done = 0;
    while (done < contested.length) {
      decide(contested[(start + done) % contested.length]);
      done++;
      if (clock() > deadline) break;
    }
    cache.cursor = start + done;
  }
  for (const c of contested) {
    const k = cache.chosen.get(c) ?? emaBest[c];
    bestSeeds[c] = k;
    trained[c] = phasesOf[c][k];
  }
  return { bestSeeds, trained };
}

/** The shown model of cell c: its best seed's weights, loss and convergence. */
export interface CellModel {
  j: number;
  W: Float32Array;
  b: Float32Array;
  loss: number;
  converged: boolean;
}

export function cellModel(
  snap: ModelsState & { converged?: Uint8Array },
  seeds: number,
  bestSeeds: Int32Array,
  c: number,
  n: number,
  m: number,
): CellModel {
  const j = c * seeds + bestSeeds[c];
  return {
    j,
    W: instanceWeights(snap.W, j, n, m),
    b: snap.b.subarray(j * n, (j + 1) * n),
    loss: snap.loss[j],
    converged: snap.converged?.[j] === 1,
  };
}

/** One cell's models (all its seeds) as a models@1 file, from a snapshot of the grid's run. */
export function cellJson(
  config: TrainConfig,
  seeds: number,
  snap: GridWeights & { path: string; trainingMs: number },
  cell: number,
) {
  return instancesModelJson(config, snap, cell * seeds, seeds, { path: snap.path, seconds: snap.trainingMs / 1000 });
}

/** Every cell's kept model with its phase and the theory's (the grid chart's data). */
export function gridJson(
  grid: PhaseGrid,
  snap: ModelsState,
  bestSeeds: Int32Array,
  trained: readonly (Phase | null)[],
  theory: readonly Phase[],
  n: number,
  m: number,
) {
  return {
    format: 'superposition-explorable/phase-grid@1',
    experiment: grid.experiment,
    step: snap.step,
    grid: {
      resolution: grid.rValues.length,
      seeds: grid.seeds,
      rValues: Array.from(grid.rValues),
      densityValues: Array.from(grid.densityValues),
    },
    layout:
      'cells[row * resolution + col]; row = density (descending), col = r (ascending); W[i][k] = component k of ' +
      'feature i',
    cells: trained.map((phase, c) => {
      const model = cellModel(snap, grid.seeds, bestSeeds, c, n, m);
      const { r, density } = cellAt(grid, c);
      return {
        r,
        density,
        phase,
        theory: theory[c],
        seed: bestSeeds[c],
        loss: model.loss,
        W: weightRows(model.W, n, m),
        b: Array.from(model.b),
      };
    }),
  };
}
