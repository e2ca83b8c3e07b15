/**
 * Headless phase-diagram sweeps on the same trainer as the page:
 *   npm run sweep -- --experiment phase-2-1 --grid 24 --seeds 3 --steps 10000 --out phase.json
 * Trains the whole grid as one batched run (optionally to convergence), keeps the lowest
 * evaluation-loss seed per cell, classifies it and compares it with the analytic theory.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { argminFinite, stratifiedExpectedLoss } from '../model/evaluate';
import { cellAt, cellCount, classifyExtraFeature, phaseGrid, phaseTrainConfig, type PhaseGrid } from '../model/phase';
import { experimentShape, theoryPhase, type Phase, type PhaseExperiment } from '../model/theory';
import { activatePath, createTrainer, defaultHeadlessPath } from '../train/backend';
import { ConvergenceTracker, DEFAULT_CONVERGENCE, type ConvergenceOptions } from '../train/convergence';
import type { TrainPath } from '../train/trainer';
import { UsageError } from './train';

export const SWEEP_FORMAT = 'superposition-explorable/phase-sweep@1';

export interface SweepCell {
  r: number;
  density: number;
  phase: Phase;
  theory: Phase;
  /** Seed index (0 … seeds−1) of the kept model and its evaluation loss. */
  bestSeed: number;
  evalLoss: number;
  /** Kept model: W[i][k] (feature i, hidden k), b[i]. */
  W: number[][];
  b: number[];
  /** Step at which the kept model converged (−1: ran to the step limit). */
  convergedAt: number;
}

export interface SweepResult {
  format: typeof SWEEP_FORMAT;
  experiment: PhaseExperiment;
  grid: { resolution: number; seeds: number; seed: number; rValues: number[]; densityValues: number[] };
  run: { path: TrainPath; threads: number; maxSteps: number; stepsRun: number; seconds: number; convergence: ConvergenceOptions | null };
  /** Row-major: cells[row * resolution + col], row = density (descending), col = r (ascending). */
  cells: SweepCell[];
  agreement: { cells: number; agree: number; awayFromBoundary: number; agreeAwayFromBoundary: number };
}

export interface SweepOptions {
  maxSteps: number;
  /** 'auto': simd where it runs, else js (defaultHeadlessPath). */
  path: TrainPath | 'auto';
  convergence: ConvergenceOptions | null;
  /** Worker threads for the simd and js paths (default 1). */
  threads?: number;
  onProgress?(step: number, converged: number, instances: number): void;
}

/** True when (r, d) is more than a factor `margin` away from every phase boundary (in r and in d). */
export function clearOfBoundaries(e: PhaseExperiment, r: number, density: number, margin = 1.5): boolean {
  const here = theoryPhase(e, r, density).phase;
  for (const fr of [1 / margin, 1, margin]) {
    for (const fd of [1 / margin, 1, margin]) {
      const d = Math.min(1, density * fd);
      if (theoryPhase(e, r * fr, d).phase !== here) return false;
    }
  }
  return true;
}

export async function runPhaseSweep(grid: PhaseGrid, opts: SweepOptions): Promise<SweepResult> {
  const config = phaseTrainConfig(grid);
  const { n, m } = experimentShape(grid.experiment);
  const I = config.instances.length;
  const path = opts.path === 'auto' ? await defaultHeadlessPath(config) : opts.path;
  if (!(await activatePath(path))) throw new Error(`the ${path} backend is not available here`);
  const threads = opts.threads ?? 1;
  const trainer =
    (path === 'js' || path === 'simd') && threads > 1
      ? new (await import('../train/threaded-trainer')).ThreadedTrainer(config, threads, path)
      : await createTrainer(config, path);
  const tracker = opts.convergence ? new ConvergenceTracker(I, opts.convergence) : null;
  const t0 = performance.now();
  try {
    while (trainer.stepCount < opts.maxSteps) {
      await trainer.step(Math.min(50, opts.maxSteps - trainer.stepCount));
      const st = await trainer.read();
      if (tracker) {
        if (tracker.observe(st.step, st.meanLoss ?? st.loss, st.meanLossSteps ?? 1) > 0) trainer.freeze?.(tracker.converged);
        if (tracker.convergedCount === I) break;
      }
      opts.onProgress?.(st.step, tracker?.convergedCount ?? 0, I);
    }
    const state = await trainer.read();
    const seconds = (performance.now() - t0) / 1000;
    const cells: SweepCell[] = [];
    let agree = 0;
    let away = 0;
    let agreeAway = 0;
    for (let c = 0; c < cellCount(grid); c++) {
      const { r, density } = cellAt(grid, c);
      const losses = Array.from({ length: grid.seeds }, (_, k) => {
        const j = c * grid.seeds + k;
        const inst = config.instances[j];
        return stratifiedExpectedLoss({ W: state.W.subarray(j * n * m, (j + 1) * n * m), b: state.b.subarray(j * n, (j + 1) * n), density: inst.density, importance: inst.importance }, m, 'relu', 512);
      });
      const k = argminFinite(losses);
      const j = c * grid.seeds + k;
      const Wj = state.W.subarray(j * n * m, (j + 1) * n * m);
      const phase = classifyExtraFeature(Wj, n, m);
      const theory = theoryPhase(grid.experiment, r, density).phase;
      const clear = clearOfBoundaries(grid.experiment, r, density);
      agree += +(phase === theory);
      away += +clear;
      agreeAway += +(clear && phase === theory);
      cells.push({
        r,
        density,
        phase,
        theory,
        bestSeed: k,
        evalLoss: losses[k],
        W: Array.from({ length: n }, (_, i) => Array.from(Wj.subarray(i * m, (i + 1) * m))),
        b: Array.from(state.b.subarray(j * n, (j + 1) * n)),
        convergedAt: tracker ? tracker.convergedAt[j] : -1,
      });
    }
    return {
      format: SWEEP_FORMAT,
      experiment: grid.experiment,
      grid: { resolution: grid.rValues.length, seeds: grid.seeds, seed: grid.seed, rValues: Array.from(grid.rValues), densityValues: Array.from(grid.densityValues) },
      run: { path, threads, maxSteps: opts.maxSteps, stepsRun: state.step, seconds, convergence: opts.convergence },
      cells,
      agreement: { cells: cells.length, agree, awayFromBoundary: away, agreeAwayFromBoundary: agreeAway },
    };
  } finally {
    trainer.dispose();
  }
}

const USAGE = `Usage: npm run sweep -- [options]
  --experiment <phase-2-1|phase-3-2>   n=2,m=1 or n=3,m=2 (default phase-2-1)
  --grid <int>                         cells per axis, r ∈ [0.1, 10] × 1−S ∈ [1, 0.01] log-spaced (default 24)
  --seeds <int>                        seeds per cell; the lowest-loss one is kept (default 3)
  --seed <int>                         base seed (default 1)
  --steps <int>                        step limit (default 10000)
  --converge                           stop instances whose loss has plateaued (window 1000, 1%)
  --path <simd|js|wasm|cpu>            training path (default simd where WebAssembly SIMD runs, else js)
  --threads <int>                      worker threads for the simd and js paths (default: the cores, at most 4)
  --out <file>                         write JSON here
  --help`;

export function parseSweepArgs(argv: string[]) {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        experiment: { type: 'string' },
        grid: { type: 'string' },
        seeds: { type: 'string' },
        seed: { type: 'string' },
        steps: { type: 'string' },
        converge: { type: 'boolean' },
        path: { type: 'string' },
        threads: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean' },
      },
    }) as { values: Record<string, string | boolean | undefined> });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return null;
  const int = (k: string, def: number, lo: number, hi: number) => {
    const raw = values[k] as string | undefined;
    if (raw === undefined) return def;
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(v) || v < lo || v > hi) throw new UsageError(`--${k} must be an integer in [${lo}, ${hi}], got "${raw}"`);
    return v;
  };
  const experiment = (values.experiment as string | undefined) ?? 'phase-2-1';
  if (experiment !== 'phase-2-1' && experiment !== 'phase-3-2') throw new UsageError(`--experiment must be phase-2-1 or phase-3-2, got "${experiment}"`);
  const path = ((values.path as string | undefined) ?? 'auto') as TrainPath | 'auto';
  if (!['auto', 'js', 'simd', 'wasm', 'cpu'].includes(path)) throw new UsageError(`--path must be simd, js, wasm or cpu, got "${path}"`);
  return {
    grid: phaseGrid(experiment, int('grid', 24, 2, 64), int('seeds', 3, 1, 16), int('seed', 1, 1, 2 ** 31 - 1)),
    options: {
      maxSteps: int('steps', 10_000, 1, 1_000_000),
      path,
      convergence: values.converge ? { ...DEFAULT_CONVERGENCE } : null,
      threads: int('threads', Math.min(4, availableParallelism()), 1, 64),
    },
    out: values.out as string | undefined,
  };
}

export function summarise(res: SweepResult): string {
  const a = res.agreement;
  const pct = (x: number, of: number) => (of ? ((100 * x) / of).toFixed(1) : '—');
  return (
    `${res.experiment}: ${res.grid.resolution}×${res.grid.resolution} cells × ${res.grid.seeds} seeds, ${res.run.stepsRun} steps on ${res.run.path}${res.run.threads > 1 ? ` × ${res.run.threads} threads` : ''} in ${res.run.seconds.toFixed(1)} s\n` +
    `agreement with theory: ${a.agree}/${a.cells} cells (${pct(a.agree, a.cells)}%); away from boundaries ${a.agreeAwayFromBoundary}/${a.awayFromBoundary} (${pct(a.agreeAwayFromBoundary, a.awayFromBoundary)}%)`
  );
}

/** Text map of the diagram: rows = density (top = dense), columns = r; N/D/S, lowercase where theory disagrees. */
export function asciiDiagram(res: SweepResult): string {
  const letter: Record<Phase, string> = { 'not-represented': 'N', dedicated: 'D', superposition: 'S' };
  const rows: string[] = [];
  const R = res.grid.resolution;
  for (let row = 0; row < res.grid.densityValues.length; row++) {
    let line = `${res.grid.densityValues[row].toPrecision(2).padStart(6)} `;
    for (let col = 0; col < R; col++) {
      const c = res.cells[row * R + col];
      line += c.phase === c.theory ? letter[c.phase] : letter[c.phase].toLowerCase();
    }
    rows.push(line);
  }
  return rows.join('\n');
}

const isMain = process.argv[1] && /cli[\\/]sweep\.ts$/.test(process.argv[1]);
if (isMain) {
  (async () => {
    const args = parseSweepArgs(process.argv.slice(2));
    if (!args) return console.log(USAGE);
    let last = 0;
    const res = await runPhaseSweep(args.grid, {
      ...args.options,
      onProgress: (step, conv, total) => {
        if (performance.now() - last > 2000) {
          last = performance.now();
          console.log(`step ${step}: ${conv}/${total} instances converged`);
        }
      },
    });
    console.log(asciiDiagram(res));
    console.log(summarise(res));
    if (args.out) {
      writeFileSync(args.out, JSON.stringify(res));
      console.log(`wrote ${args.out}`);
    }
  })().catch((e: unknown) => {
    const usage = e instanceof UsageError;
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    if (usage) console.error('run with --help for the options');
    process.exit(usage ? 2 : 1);
  });
}
