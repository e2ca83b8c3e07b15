/**
 * npm run bench:geometry [-- --quick] [--json FILE]
 * Seconds per 1,000 training steps of the geometry section's uniform-superposition sweeps (one
 * batched program, one instance per sparsity, batch 1024, the paper's optimizer) on every path
 * Node has: the paper's n = 400, m = 30 with 20 sparsities, the notebook's n = 200, m = 20 with 20,
 * and the section's CPU default n = 40, m = 4 with 12. Each path trains a few steps (after one
 * warm-up step) and the time is extrapolated to 1,000; the tfjs cpu path is skipped where one
 * step would take over ~20 s (estimated from the smaller workloads, or seen in the warm-up).
 * Timings are measured and printed, never asserted.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { TrainConfig } from '../src/model/config';
import { geometryTrainConfig } from '../src/experiments/geometry/params';
import { fmtCount } from '../src/model/format';
import { activatePath, createTrainer } from '../src/train/basic/paths';
import { JsTrainer } from '../src/train/basic/js-trainer';
import { ThreadedTrainer } from '../src/train/threads/threaded-trainer';
import type { BatchedTrainer, TrainPath } from '../src/train/trainer';
import { measurePeakGmacPerSecond, usefulMacsPerStep } from './useful-work';

type Path = TrainPath | 'js-threads' | 'simd-threads';

interface Workload {
  id: string;
  label: string;
  n: number;
  m: number;
  sparsities: number;
  /** Training steps of the section's run at this size (for the "whole run" column). */
  runSteps: number;
}

interface Row {
  workload: string;
  path: Path;
  n: number;
  m: number;
  instances: number;
  batch: number;
  /** Seconds per 1,000 steps (NaN when skipped). */
  secondsPer1000: number;
  /** Steps actually timed (after the warm-up step). */
  stepsTimed: number;
  warmupSeconds: number;
  /** Useful multiply-adds per second (bench/useful-work.ts) and the single-core SIMD peak measured here. */
  gmacPerSecond: number;
  peakGmacPerSecond: number;
  note?: string;
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
/** Time at least this long (and at least MIN_STEPS steps) per cell. */
const budgetMs = quick ? 1000 : 4000;
const MIN_STEPS = 2;
/** Skip the tfjs cpu path where one step is (or is estimated to be) slower than this. */
const CPU_STEP_LIMIT_S = 20;
const threads = Math.max(2, Math.min(8, availableParallelism()));

const WORKLOADS: Workload[] = [
  { id: 'cpu-default', label: 'section CPU default', n: 40, m: 4, sparsities: 12, runSteps: 4000 },
  { id: 'notebook', label: 'notebook', n: 200, m: 20, sparsities: 20, runSteps: 10_000 },
  { id: 'paper', label: 'paper', n: 400, m: 30, sparsities: 20, runSteps: 10_000 },
];
const PATHS: Path[] = ['js', 'js-threads', 'simd', 'simd-threads', 'wasm', 'cpu'];

function sweepConfig(w: Workload): TrainConfig {
  // Exactly the section's request: 1/(1 − S) log-spaced from 1 to 20, pinned init std.
  return geometryTrainConfig({ n: w.n, m: w.m, sparsities: w.sparsities, maxInvDensity: 20, seed: 1 });
}

async function makeTrainer(path: Path, c: TrainConfig, workers = threads): Promise<BatchedTrainer> {
  if (path === 'js') return new JsTrainer(c);
  if (path === 'js-threads') return new ThreadedTrainer(c, workers, 'js');
  if (path === 'simd-threads') return new ThreadedTrainer(c, workers, 'simd');
  return createTrainer(c, path);
}

/** The workers column: the simd path on 1, 2, 4 and 8 threads (the page splits sweeps over workers the same way). */
const WORKER_COUNTS = [1, 2, 4, 8];

async function timePath(
  path: Path,
  w: Workload,
  maxStepSeconds = Infinity,
  workers = threads,
): Promise<Omit<Row, 'workload' | 'path' | 'n' | 'm' | 'instances' | 'batch' | 'gmacPerSecond' | 'peakGmacPerSecond'>> {
  const c = sweepConfig(w);
  const t = await makeTrainer(path, c, workers);
  try {
    const w0 = performance.now();
    await t.step(1);
    await t.read(); // flush: async backends finish the step before it is counted
    const warmupSeconds = (performance.now() - w0) / 1000;
    if (warmupSeconds > maxStepSeconds)
      return {
        secondsPer1000: NaN,
        stepsTimed: 0,
        warmupSeconds,
        note: `skipped: the warm-up step took ${warmupSeconds.toFixed(1)} s`,
      };
    let steps = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < budgetMs || steps < MIN_STEPS) {
      await t.step(1);
      steps++;
    }
    await t.read(); // the page reads back snapshots throttled, not per step: one read at the end
    const seconds = (performance.now() - t0) / 1000;
    return { secondsPer1000: (seconds / steps) * 1000, stepsTimed: steps, warmupSeconds };
  } finally {
    t.dispose();
  }
}

const peak = await measurePeakGmacPerSecond();
const rows: Row[] = [];
for (const w of WORKLOADS) {
  const I = w.sparsities;
  const macs = usefulMacsPerStep(sweepConfig(w));
  for (const path of PATHS) {
    const base = {
      workload: w.id,
      path,
      n: w.n,
      m: w.m,
      instances: I,
      batch: 1024,
      gmacPerSecond: NaN,
      peakGmacPerSecond: peak,
    };
    if (
      (path === 'wasm' || path === 'cpu' || path === 'simd' || path === 'simd-threads') &&
      !(await activatePath(path === 'simd-threads' ? 'simd' : path))
    ) {
      rows.push({ ...base, secondsPer1000: NaN, stepsTimed: 0, warmupSeconds: NaN, note: 'path not available' });
      continue;
    }
    if (path === 'cpu') {
      // Cost ∝ I·n·m: estimate from the largest smaller workload already timed on cpu.
      const prev = [...rows].reverse().find((r) => r.path === 'cpu' && Number.isFinite(r.secondsPer1000));
      const estimate = prev ? (prev.secondsPer1000 / 1000) * ((I * w.n * w.m) / (prev.instances * prev.n * prev.m)) : 0;
      if (estimate > CPU_STEP_LIMIT_S) {
        rows.push({
          ...base,
          secondsPer1000: NaN,
          stepsTimed: 0,
          warmupSeconds: NaN,
          note: `skipped: one step estimated at ${estimate.toFixed(0)} s`,
        });
        continue;
      }
    }
    process.stderr.write(`${w.id} ${path} … `);
    const r = await timePath(path, w, path === 'cpu' ? CPU_STEP_LIMIT_S : Infinity);
    rows.push({ ...base, ...r, gmacPerSecond: (macs * 1000) / r.secondsPer1000 / 1e9 });
    process.stderr.write(
      `${Number.isFinite(r.secondsPer1000) ? r.secondsPer1000.toFixed(1) + ' s/1k' : (r.note ?? 'skipped')}\n`,
    );
  }
}

// The workers column: the same sweep on the simd path over 1, 2, 4 and 8 threads.
const byWorkers: { workload: string; workers: number; secondsPer1000: number }[] = [];
if (await activatePath('simd')) {
  for (const w of WORKLOADS) {
    for (const k of WORKER_COUNTS) {
      process.stderr.write(`${w.id} simd × ${k} … `);
      const r = await timePath(k === 1 ? 'simd' : 'simd-threads', w, Infinity, k);
      byWorkers.push({ workload: w.id, workers: k, secondsPer1000: r.secondsPer1000 });
      process.stderr.write(`${r.secondsPer1000.toFixed(1)} s/1k\n`);
    }
  }
}

const fmt = (v: number) =>
  !Number.isFinite(v) ? '—' : v >= 100 ? fmtCount(Math.round(v)) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
const cell = (w: Workload, p: Path) => {
  const r = rows.find((x) => x.workload === w.id && x.path === p);
  if (!r) return '—';
  return Number.isFinite(r.secondsPer1000)
    ? `${fmt(r.secondsPer1000)} (${r.gmacPerSecond.toFixed(2)} GMAC/s)`
    : (r.note ?? '—');
};
console.log(
  `\nSeconds per 1,000 steps of the uniform-superposition sweep (batch 1024, 1/(1−S) from 1 to 20), Node ${process.version}, ${availableParallelism()} cores;`,
);
console.log(
  `useful GMAC/s in brackets, beside a single-core peak of ${peak.toFixed(1)} GMAC/s for a register-blocked SIMD product (bench/assembly/peak.ts):\n`,
);
console.log(
  `| workload | n | m | models | ${PATHS.map((p) => (p.endsWith('-threads') ? `${p.replace('-threads', '')} × ${threads} threads` : p)).join(' | ')} |`,
);
console.log(`|---|---|---|---|${PATHS.map(() => '---').join('|')}|`);
for (const w of WORKLOADS)
  console.log(`| ${w.label} | ${w.n} | ${w.m} | ${w.sparsities} | ${PATHS.map((p) => cell(w, p)).join(' | ')} |`);
if (byWorkers.length) {
  console.log(
    `\nThe simd path on 1 to ${WORKER_COUNTS.at(-1)} worker threads, seconds per 1,000 steps (speed-up over one in brackets; ` +
      `this machine has ${availableParallelism()} cores: more threads than cores shows what oversubscription costs):\n`,
  );
  console.log(`| workload | ${WORKER_COUNTS.map((k) => `${k} worker${k > 1 ? 's' : ''}`).join(' | ')} |`);
  console.log(`|---|${WORKER_COUNTS.map(() => '---').join('|')}|`);
  for (const w of WORKLOADS) {
    const one = byWorkers.find((r) => r.workload === w.id && r.workers === 1)?.secondsPer1000 ?? NaN;
    const cells = WORKER_COUNTS.map((k) => {
      const v = byWorkers.find((r) => r.workload === w.id && r.workers === k)?.secondsPer1000 ?? NaN;
      return `${fmt(v)} (${(one / v).toFixed(2)}×)`;
    });
    console.log(`| ${w.label} | ${cells.join(' | ')} |`);
  }
}
console.log("\nWhole run at the section's step count, fastest Node path:");
for (const w of WORKLOADS) {
  const best = rows
    .filter((r) => r.workload === w.id && Number.isFinite(r.secondsPer1000))
    .sort((a, b) => a.secondsPer1000 - b.secondsPer1000)[0];
  if (best)
    console.log(
      `  ${w.label} (${fmtCount(w.runSteps)} steps): ≈ ${fmt((best.secondsPer1000 * w.runSteps) / 1000)} s on ${best.path}`,
    );
}
console.log(
  '\njs = the fused Float64Array step; simd = the SIMD WebAssembly kernel (one core each; the page runs them in Web Workers);',
);
console.log(
  '× threads = the same, instances split over worker threads (the page splits sweeps over Web Workers the same way);',
);
console.log('wasm / cpu = tfjs-backend-wasm / -cpu running the batched tensor program.');
console.log(
  'Measured over a few steps after one warm-up step and extrapolated; the sparse end of the sweep is cheaper per step than the dense end on js.',
);
if (jsonOut) {
  writeFileSync(jsonOut, JSON.stringify({ rows, byWorkers }, null, 2));
  console.log(`wrote ${jsonOut}`);
}
