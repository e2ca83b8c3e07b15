/**
 * What "Perturbing one feature" trains and how it summarises it, without React (the page, the
 * figures CLI and the tests share it). Two trainings: (1) several random initialisations per
 * relative density of feature 4, the one with the lowest stratified expected loss kept (exact over
 * which features are on, so accurate at low density); (2) one model per relative density started
 * as the regular pentagon and one as two digons, whose expected losses are the two curves (the
 * paper's figure; tests/model/perturbed-pentagon.test.ts checks their crossing).
 */
import type { TrainConfig } from '../../model/config';
import { stratifiedExpectedLoss } from '../../model/evaluate';
import { pentagonSolutionType, type PentagonSolution } from '../../model/geometry';
import { weightRows } from '../../model/io/model-json';
import { logSpace } from '../../model/log-space';
import { perturbedPentagonConfig } from '../../model/uniform-sweep';
import type { PentagonState } from './params';

/** Relative densities of feature 4: 13 points log-spaced from 0.1 to 10 (10^(k/6 − 1)). */
export const PENTAGON_RELATIVE_DENSITIES: readonly number[] = Array.from(logSpace(0.1, 10, 13));

/** Steps of the two fixed-start trainings behind the loss curves (the test's 4000 + 2000). */
export const CURVE_STEPS = 6000;

/**
 * The fixed-start run: per relative density r, instance 2r starts as the regular pentagon
 * (biases −0.24, its trained value at density 0.05) and 2r + 1 as two orthogonal digons with
 * feature 4 off.
 */
export function pentagonCurveConfig(
  relativeDensities: readonly number[],
  baseDensity: number,
  seed: number,
): TrainConfig {
  return perturbedPentagonConfig({ baseDensity, relativeDensities, seeds: 2, seed });
}

/** Initial W, b of the fixed-start run (see pentagonCurveConfig). */
export function pentagonStartParams(instances: number): { W: Float32Array; b: Float32Array } {
  const W = new Float32Array(instances * 10);
  const b = new Float32Array(instances * 5);
  for (let j = 0; j < instances; j++) {
    for (let i = 0; i < 5; i++) {
      if (j % 2 === 0) {
        W[j * 10 + 2 * i] = Math.cos((2 * Math.PI * i) / 5);
        W[j * 10 + 2 * i + 1] = Math.sin((2 * Math.PI * i) / 5);
        b[j * 5 + i] = -0.24;
      } else if (i < 4) {
        W[j * 10 + 2 * i] = Math.cos((Math.PI * i) / 2);
        W[j * 10 + 2 * i + 1] = Math.sin((Math.PI * i) / 2);
      }
    }
  }
  return { W, b };
}

const expectedLoss = (config: TrainConfig, W: Float32Array, b: Float32Array, j: number, samples: number) =>
  stratifiedExpectedLoss(
    {
      W: W.subarray(j * 10, (j + 1) * 10),
      b: b.subarray(j * 5, (j + 1) * 5),
      density: config.instances[j].density,
      importance: config.instances[j].importance,
    },
    2,
    config.kind,
    samples,
  );

export interface PentagonCurves {
  step: number;
  /** Expected loss of the pentagon-start model where it is still a pentagon, else null. */
  pentagon: (number | null)[];
  /** Expected loss of the digon-start model where it is still two digons, else null. */
  digons: (number | null)[];
  /** What each start became. */
  pentagonStart: PentagonSolution[];
  digonStart: PentagonSolution[];
  /** The fixed-start models (instance 2r: pentagon start, 2r + 1: digon start), [2R, 5, 2] and [2R, 5]. */
  W: Float32Array;
  b: Float32Array;
}

/** The two loss curves from the fixed-start run's weights (each kept only while its start keeps its type). */
export function curveLosses(
  config: TrainConfig,
  W: Float32Array,
  b: Float32Array,
  step: number,
  samples = 256,
): PentagonCurves {
  const R = config.instances.length / 2;
  const out: PentagonCurves = {
    step,
    pentagon: [],
    digons: [],
    pentagonStart: [],
    digonStart: [],
    W: W.slice(),
    b: b.slice(),
  };
  for (let r = 0; r < R; r++) {
    const tp = pentagonSolutionType(W.subarray(2 * r * 10, (2 * r + 1) * 10));
    const td = pentagonSolutionType(W.subarray((2 * r + 1) * 10, (2 * r + 2) * 10));
    out.pentagonStart.push(tp);
    out.digonStart.push(td);
    out.pentagon.push(tp === 'pentagon' ? expectedLoss(config, W, b, 2 * r, samples) : null);
    out.digons.push(td === 'digons' ? expectedLoss(config, W, b, 2 * r + 1, samples) : null);
  }
  return out;
}

export interface PentagonFit {
  /** Instance index of the kept seed. */
  index: number;
  loss: number;
  type: PentagonSolution;
}

/** Per relative density, the seed with the lowest stratified expected loss (instances grouped `seeds` per density). */
export function bestFits(
  config: TrainConfig,
  W: Float32Array,
  b: Float32Array,
  seeds: number,
  samples = 256,
): PentagonFit[] {
  const R = config.instances.length / seeds;
  const out: PentagonFit[] = [];
  for (let r = 0; r < R; r++) {
    let best: PentagonFit | null = null;
    for (let k = 0; k < seeds; k++) {
      const j = r * seeds + k;
      const loss = expectedLoss(config, W, b, j, samples);
      if (Number.isFinite(loss) && (!best || loss < best.loss)) best = { index: j, loss, type: 'other' };
    }
    best ??= { index: r * seeds, loss: NaN, type: 'other' };
    best.type = pentagonSolutionType(W.subarray(best.index * 10, (best.index + 1) * 10));
    out.push(best);
  }
  return out;
}

export interface KeptSolution {
  W: Float32Array;
  loss: number;
  type: PentagonSolution;
  source: 'random fit' | 'pentagon start' | 'digon start';
}

/**
 * The lowest-loss solution found at each relative density: the best random fit, or a fixed-start
 * model where that is lower (the paper: "fit many times, keep the lowest loss"). All losses are
 * stratified expected losses with the same samples, so they compare like for like.
 */
export function keptSolutions(
  relCount: number,
  fitsW: Float32Array | null,
  fits: readonly PentagonFit[] | null,
  curves: PentagonCurves | null,
): (KeptSolution | null)[] {
  return Array.from({ length: relCount }, (_, r) => {
    const candidates: KeptSolution[] = [];
    if (fitsW && fits?.[r] && Number.isFinite(fits[r].loss)) {
      candidates.push({
        W: fitsW.slice(fits[r].index * 10, fits[r].index * 10 + 10),
        loss: fits[r].loss,
        type: fits[r].type,
        source: 'random fit',
      });
    }
    if (curves) {
      const p = curves.pentagon[r];
      const d = curves.digons[r];
      if (p !== null)
        candidates.push({
          W: curves.W.slice(2 * r * 10, 2 * r * 10 + 10),
          loss: p,
          type: 'pentagon',
          source: 'pentagon start',
        });
      if (d !== null)
        candidates.push({
          W: curves.W.slice((2 * r + 1) * 10, (2 * r + 2) * 10),
          loss: d,
          type: 'digons',
          source: 'digon start',
        });
    }
    return candidates.reduce<KeptSolution | null>((best, c) => (!best || c.loss < best.loss ? c : best), null);
  });
}

/** The random fits: `seeds` initialisations per relative density, seeds from the sweep's seed. */
export function pentagonFitsConfig(s: Pick<PentagonState, 'baseDensity' | 'seeds' | 'seed'>): TrainConfig {
  return perturbedPentagonConfig({
    baseDensity: s.baseDensity,
    relativeDensities: PENTAGON_RELATIVE_DENSITIES,
    seeds: s.seeds,
    seed: s.seed,
  });
}

/** W[i][k] rows of a 5 × 2 model at instance j. */
export const pentagonRows = (W: Float32Array, j: number): number[][] =>
  weightRows(W.subarray(j * 10, (j + 1) * 10), 5, 2);

/** Where the kept solutions switch: the last relative density at two digons, the first at a pentagon (−1: none). */
export function transition(kept: readonly (KeptSolution | null)[]): { lastDigons: number; firstPentagon: number } {
  return {
    lastDigons: Math.max(-1, ...kept.map((k, r) => (k?.type === 'digons' ? r : -1))),
    firstPentagon: kept.findIndex((k) => k?.type === 'pentagon'),
  };
}

/** The kept random fit of each relative density, as the page's export and the figures CLI write it. */
export function fitsJson(fits: readonly PentagonFit[], W: Float32Array, b: Float32Array, seeds: number) {
  return fits.map((f, r) => ({
    relativeDensity: PENTAGON_RELATIVE_DENSITIES[r],
    seed: f.index % seeds,
    loss: f.loss,
    type: f.type,
    W: pentagonRows(W, f.index),
    b: Array.from(b.subarray(f.index * 5, f.index * 5 + 5)),
  }));
}

/** The lowest-loss solution of each relative density, as exported. */
export function keptJson(kept: readonly (KeptSolution | null)[]) {
  return kept.map((k, r) =>
    k
      ? {
          relativeDensity: PENTAGON_RELATIVE_DENSITIES[r],
          source: k.source,
          loss: k.loss,
          type: k.type,
          W: pentagonRows(k.W, 0),
        }
      : null,
  );
}

/** Curves are recomputed every this many steps of the fixed-start run (each costs a few thousand forward passes). */
export const CURVE_UPDATE_EVERY = 1000;
