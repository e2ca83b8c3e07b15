/**
 * Phase diagrams from trained models: the (relative importance r, density 1 − S) grid, the
 * instances it trains, and the rule that reads a trained model's phase off its weights.
 */
import { paperConfig, constantVector, type InstanceSpec, type TrainConfig } from './config';
import { logSpace } from './log-space';
import { gram } from './metrics';
import { deriveSeed } from './rng';
import { experimentImportance, experimentShape, type Phase, type PhaseExperiment } from './theory';

export interface PhaseGrid {
  experiment: PhaseExperiment;
  /** Columns: relative importance of the extra feature, ascending, log-spaced. */
  rValues: Float64Array;
  /** Rows: feature density 1 − S, descending (1 at the top of the diagram), log-spaced. */
  densityValues: Float64Array;
  /** Seeds per cell, trained as separate instances; the lowest-loss one is kept. */
  seeds: number;
  seed: number;
}

export const PHASE_R_RANGE = [0.1, 10] as const;
export const PHASE_DENSITY_RANGE = [1, 0.01] as const;

export function phaseGrid(experiment: PhaseExperiment, resolution: number, seeds: number, seed = 1): PhaseGrid {
  return {
    experiment,
    rValues: logSpace(PHASE_R_RANGE[0], PHASE_R_RANGE[1], resolution),
    densityValues: logSpace(PHASE_DENSITY_RANGE[0], PHASE_DENSITY_RANGE[1], resolution),
    seeds,
    seed,
  };
}

export const cellCount = (g: PhaseGrid) => g.rValues.length * g.densityValues.length;

/** Cell index (row-major: row = density, column = r) → its coordinates. */
export function cellAt(g: PhaseGrid, cell: number): { row: number; col: number; r: number; density: number } {
  const cols = g.rValues.length;
  const row = Math.floor(cell / cols);
  const col = cell % cols;
  return { row, col, r: g.rValues[col], density: g.densityValues[row] };
}

/**
 * The whole grid as one batched training request: instance = cell · seeds + k. All features of
 * a cell share its density; importances are [1, r] (2-1) or [1, 1, r] (3-2).
 */
export function phaseTrainConfig(g: PhaseGrid): TrainConfig {
  const { n, m } = experimentShape(g.experiment);
  const instances: InstanceSpec[] = [];
  for (let cell = 0; cell < cellCount(g); cell++) {
    const { r, density } = cellAt(g, cell);
    for (let k = 0; k < g.seeds; k++) {
      instances.push({
        seed: deriveSeed(g.seed, cell, k),
        density: constantVector(n, density),
        importance: experimentImportance(g.experiment, r),
      });
    }
  }
  return paperConfig(n, m, 'relu', instances);
}

/** Below this norm the extra feature counts as not represented (learned features sit near 1). */
export const REPRESENTED_NORM = 0.5;
/** Above this the extra feature shares its direction with another: Σ_{j≠e} (Ŵ_e·W_j)² (1 for an antipodal pair). */
export const SUPERPOSED = 0.25;

/**
 * The phase of the extra (last) feature of one trained model, W feature-major [n, m]:
 * ‖W_e‖ < 0.5 → not represented; otherwise superposition if Σ_{j≠e} (Ŵ_e·W_j)² > 0.25,
 * else a dedicated dimension. Thresholds sit midway between the hand-built solutions' values
 * (norms 0 or 1, overlaps 0 or 1), so near-converged models classify the same way.
 */
export function classifyExtraFeature(W: ArrayLike<number>, n: number, m: number): Phase {
  const Wf = W instanceof Float32Array ? W : Float32Array.from(W);
  const G = gram(Wf, n, m);
  const e = n - 1;
  const norm2 = G[e * n + e];
  if (!(norm2 >= REPRESENTED_NORM * REPRESENTED_NORM)) return 'not-represented';
  let overlap = 0;
  for (let j = 0; j < n; j++) if (j !== e) overlap += (G[e * n + j] * G[e * n + j]) / norm2;
  return overlap > SUPERPOSED ? 'superposition' : 'dedicated';
}

/** Index of the lowest finite loss among a cell's seeds (NaN counts as worst). */
export function bestSeed(losses: ArrayLike<number>, cell: number, seeds: number): number {
  let best = 0;
  for (let k = 1; k < seeds; k++) {
    const v = losses[cell * seeds + k];
    const b = losses[cell * seeds + best];
    if (Number.isFinite(v) && !(v >= b)) best = k;
  }
  return best;
}

/** Phases of every cell's lowest-loss seed. */
export function classifyGrid(
  g: PhaseGrid,
  W: Float32Array,
  losses: ArrayLike<number>,
): { phases: Phase[]; best: Int32Array } {
  const { n, m } = experimentShape(g.experiment);
  const cells = cellCount(g);
  const phases: Phase[] = new Array(cells);
  const best = new Int32Array(cells);
  for (let c = 0; c < cells; c++) {
    const k = bestSeed(losses, c, g.seeds);
    best[c] = c * g.seeds + k;
    phases[c] = classifyExtraFeature(W.subarray(best[c] * n * m, (best[c] + 1) * n * m), n, m);
  }
  return { phases, best };
}
