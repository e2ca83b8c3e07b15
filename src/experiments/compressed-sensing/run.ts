/**
 * The worker side of "The compressed-sensing view" (footnotes 23–24): for each signal size n,
 * the success rate of exact L1 recovery of k-sparse non-negative vectors from m = n/2 Gaussian
 * measurements over a grid of k/m, and the width of its transition. Runs in the task worker
 * (src/experiments/tasks.ts), in Node for tests, the CLI and the bench.
 */
import { transitionWidth } from '../../model/footnotes/compressed-sensing';
import { recoveryCurve, type RecoveryCurve } from '../../train/solvers/fista';
import { solverPath, type SolverPath } from '../../train/solvers/tensor-path';
import type { TaskContext } from '../../worker/tasks';
import { finiteOr, positiveInt } from '../shared/inputs';
import { CS_PARAMS } from './params';

/** Default problems per k for each n: fewer for the larger (costlier, and sharper) problems. */
export const DEFAULT_CS_TRIALS: Readonly<Record<number, number>> = { 25: 48, 50: 32, 100: 16, 200: 8, 400: 4 };

export const CS_DEFAULTS = Object.freeze({
  /** Finer where the transitions are (k/m ≈ 0.3–0.8 at m = n/2), coarser where every size succeeds or fails. */
  ratios: [0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9, 1] as readonly number[],
  /** Bregman rounds × FISTA iterations: the same verdicts as 10 × 60 in our checks, 2.5× faster. */
  rounds: 6,
  iterationsPerRound: 40,
});

export interface CompressedSensingRequest {
  /** Signal sizes (default the section's); m = n/2 measurements each. */
  ns?: number[];
  /** Random problems per k, per n (default DEFAULT_CS_TRIALS[n], else 8); a number applies to all. */
  trials?: number | number[];
  /** Multiplies every default trial count (default 1). */
  trialsScale?: number;
  /** k/m grid (default CS_DEFAULTS.ratios). */
  ratios?: number[];
  rounds?: number;
  iterationsPerRound?: number;
  seed?: number;
}

/** A size's recovery curve (see train/solvers/fista.ts) with its measured transition. */
export interface CompressedSensingCurve extends RecoveryCurve {
  /** k/m at 90% and 10% success (of the monotone fit) and the width between. NaN where not crossed. */
  start: number;
  end: number;
  width: number;
  ms: number;
}

export interface CompressedSensingResult {
  curves: CompressedSensingCurve[];
  path: SolverPath;
  ms: number;
}

/** Streams each size's curve (a partial result) as soon as it is done. */
export async function compressedSensing(
  req: CompressedSensingRequest,
  ctx: TaskContext<CompressedSensingCurve>,
): Promise<CompressedSensingResult> {
  const t0 = performance.now();
  const path = await solverPath();
  const ns = (req.ns ?? [...CS_PARAMS.sizes.default]).map((v) => Math.floor(v)).filter((v) => v >= 2);
  const ratios = req.ratios ?? [...CS_DEFAULTS.ratios];
  const scale = finiteOr(req.trialsScale, 1);
  const curves: CompressedSensingCurve[] = [];
  ctx.progress({ done: 0, total: ns.length, label: `n = ${ns[0] ?? '—'}` });
  for (let j = 0; j < ns.length; j++) {
    const n = ns[j];
    const given = Array.isArray(req.trials) ? req.trials[j] : req.trials;
    const trials = Math.max(1, Math.round(given ?? (DEFAULT_CS_TRIALS[n] ?? 8) * scale));
    const t1 = performance.now();
    const c = await recoveryCurve({
      n,
      trials,
      ratios,
      seed: req.seed ?? 1,
      rounds: positiveInt(req.rounds, CS_DEFAULTS.rounds),
      iterationsPerRound: positiveInt(req.iterationsPerRound, CS_DEFAULTS.iterationsPerRound),
    });
    ctx.check();
    const w = transitionWidth(c.ratios, c.success);
    const curve: CompressedSensingCurve = {
      ...c,
      start: w.start,
      end: w.end,
      width: w.width,
      ms: performance.now() - t1,
    };
    curves.push(curve);
    ctx.partial(curve);
    ctx.progress({ done: j + 1, total: ns.length, label: j + 1 < ns.length ? `n = ${ns[j + 1]}` : 'done' });
    await ctx.breathe();
  }
  return { curves, path, ms: performance.now() - t0 };
}
