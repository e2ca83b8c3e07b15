/**
 * npm run bench [-- --json FILE] [--quick] [--grid] [--footnotes] [--sae]
 * Instance-steps per second of one training step (forward, backward, AdamW, fresh data) for
 * n = 20, m = 5, batch 1024 and I ∈ {1, 64, 1024} on every path available in Node, with the
 * useful multiply-adds per second of each (bench/useful-work.ts) beside the single-core peak of
 * a register-blocked SIMD product measured first. Then the at-a-glance model's 10,000 steps, and
 * the quick headless figures of the beyond-basic and geometry presets (what their tests render).
 * Prints tables; timings are measured here, never asserted in tests.
 */
import { writeFileSync } from 'node:fs';
import { PAPER_OPTIMIZER, constantVector, geometricImportance, type TrainConfig } from '../src/model/config';
import { renderPreset } from '../src/cli/figures';
import { PRESETS } from '../src/experiments';
import { runPhaseSweep } from '../src/experiments/phase-change/sweep';
import { fmtCount } from '../src/model/format';
import { phaseGrid } from '../src/model/phase';
import { activatePath, createTrainer } from '../src/train/basic/paths';
import { DEFAULT_CONVERGENCE } from '../src/train/convergence';
import { ThreadedTrainer } from '../src/train/threads/threaded-trainer';
import { availableParallelism } from 'node:os';
import type { BatchedTrainer, TrainPath } from '../src/train/trainer';
import { measurePeakGmacPerSecond, usefulMacsPerStep } from './useful-work';

interface Row {
  workload: string;
  path: string;
  n: number;
  m: number;
  instances: number;
  batch: number;
  density: number;
  instanceStepsPerSecond: number;
  seconds: number;
  steps: number;
  /** Useful multiply-adds per second (bench/useful-work.ts), and the measured single-core SIMD peak. */
  gmacPerSecond: number;
  peakGmacPerSecond: number;
}

const args = process.argv.slice(2);
const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const quick = args.includes('--quick');
/** Also train the default phase grid (24×24 cells, n=2, m=1) to convergence, 3 and 5 seeds (5: the default). */
const withGrid = args.includes('--grid');
/** Also time the footnote experiments' batched tfjs workloads (dictionary learning, compressed sensing). */
const withFootnotes = args.includes('--footnotes');
/** Also the sparse-autoencoder lab's workloads (bench/sae.ts). */
const withSae = args.includes('--sae');
/** Threads for the '-threads' columns: every core (2 on the reference machine). */
const threads = Math.max(2, Math.min(8, availableParallelism()));
const budgetMs = quick ? 500 : 2000;

function config(n: number, m: number, I: number, density: number, batch = 1024): TrainConfig {
  return {
    n,
    m,
    kind: 'relu',
    batchSize: batch,
    optimizer: { ...PAPER_OPTIMIZER },
    instances: Array.from({ length: I }, (_, j) => ({
      seed: j + 1,
      density: constantVector(n, density),
      importance: geometricImportance(n, 0.9),
    })),
  };
}

type BenchPath = TrainPath | 'js-threads' | 'simd-threads';

async function makeTrainer(path: BenchPath, c: TrainConfig): Promise<BatchedTrainer> {
  if (path === 'js-threads') return new ThreadedTrainer(c, threads, 'js');
  if (path === 'simd-threads') return new ThreadedTrainer(c, threads, 'simd');
  return createTrainer(c, path);
}

async function time(path: BenchPath, c: TrainConfig): Promise<{ rate: number; seconds: number; steps: number }> {
  const t = await makeTrainer(path, c);
  try {
    await t.step(1);
    await t.read();
    let steps = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < budgetMs || steps < 2) {
      await t.step(1);
      await t.read(); // include the readback: the worker reads back too
      steps++;
    }
    const seconds = (performance.now() - t0) / 1000;
    return { rate: (steps * c.instances.length) / seconds, seconds, steps };
  } finally {
    t.dispose();
  }
}

const peak = await measurePeakGmacPerSecond();
const rows: Row[] = [];
const paths: BenchPath[] = ['js', 'js-threads', 'simd', 'simd-threads', 'wasm', 'cpu'];
const available = async (p: BenchPath) => p === 'js-threads' || (await activatePath(p === 'simd-threads' ? 'simd' : p));
for (const density of [1, 0.1]) {
  for (const I of [1, 64, 1024]) {
    for (const path of paths) {
      if (!(await available(path))) continue;
      const c = config(20, 5, I, density);
      const base = {
        workload: 'step n20 m5',
        path,
        n: 20,
        m: 5,
        instances: I,
        batch: 1024,
        density,
        peakGmacPerSecond: peak,
      };
      const prev = rows.find((r) => r.path === path && r.density === density && r.instances === 64);
      // tfjs-cpu at I = 1024 needs ~10 s a step: estimate would dominate the run, so skip it.
      if (path === 'cpu' && I === 1024 && prev && 1024 / prev.instanceStepsPerSecond > 5) {
        rows.push({ ...base, instanceStepsPerSecond: NaN, seconds: NaN, steps: 0, gmacPerSecond: NaN });
        continue;
      }
      const r = await time(path, c);
      rows.push({
        ...base,
        instanceStepsPerSecond: r.rate,
        seconds: r.seconds,
        steps: r.steps,
        gmacPerSecond: ((r.rate / I) * usefulMacsPerStep(c)) / 1e9,
      });
      process.stderr.write('.');
    }
  }
}
process.stderr.write('\n');

const fmt = (v: number) => (Number.isFinite(v) ? fmtCount(Math.round(v)) : 'skipped');
const gm = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? ` (${v.toFixed(2)})` : '');
console.log(
  `Single-core peak of a register-blocked SIMD product here: ${peak.toFixed(1)} GMAC/s (bench/assembly/peak.ts).\n`,
);
console.log('| workload | 1−S | instances | ' + paths.map((p) => `${p} inst-steps/s (GMAC/s)`).join(' | ') + ' |');
console.log('|---|---|---|' + paths.map(() => '---').join('|') + '|');
for (const density of [1, 0.1]) {
  for (const I of [1, 64, 1024]) {
    const cells = paths.map((p) => {
      const r = rows.find((x) => x.path === p && x.instances === I && x.density === density);
      return r ? fmt(r.instanceStepsPerSecond) + gm(r.gmacPerSecond) : 'n/a';
    });
    console.log(`| n=20 m=5 B=1024 | ${density} | ${I} | ${cells.join(' | ')} |`);
  }
}
console.log(
  '\njs = fused Float64Array step in plain JavaScript; simd = the SIMD WebAssembly kernel (src/train/assembly);',
);
console.log(`-threads = the same step with the instances split over ${threads} worker threads;`);
console.log('wasm / cpu = tfjs-backend-wasm / tfjs-backend-cpu running the batched tensor program.');
console.log(
  'GMAC/s = useful multiply-adds per second (forward W h, h and the encoder over active features, the decoder over all outputs).',
);

// The at-a-glance model: n = 5, m = 2, 3 seeds, 10,000 steps (what a slider release retrains).
console.log('\n| at a glance: n=5 m=2, 3 seeds, 1−S = 0.03, 10,000 steps | seconds |\n|---|---|');
for (const path of ['js', 'simd'] as const) {
  if (!(await activatePath(path))) continue;
  const c = config(5, 2, 3, 0.03);
  const t = await createTrainer(c, path);
  const t0 = performance.now();
  await t.step(10_000);
  await t.read();
  const seconds = (performance.now() - t0) / 1000;
  t.dispose();
  rows.push({
    workload: 'glance n5 m2 10k steps',
    path,
    n: 5,
    m: 2,
    instances: 3,
    batch: 1024,
    density: 0.03,
    instanceStepsPerSecond: 30_000 / seconds,
    seconds,
    steps: 10_000,
    gmacPerSecond: ((10_000 / seconds) * usefulMacsPerStep(c)) / 1e9,
    peakGmacPerSecond: peak,
  });
  console.log(`| ${path} | ${seconds.toFixed(2)} |`);
}
// The quick headless figures the tests render (their time is measured here, not asserted there).
process.stdout.write('\n| quick figures (npm run figures -- --quick), 1 thread | presets | seconds |\n|---|---|---|\n');
for (const section of ['beyond-basic', 'geometry']) {
  const presets = PRESETS.filter((p) => p.section === section);
  const t0 = performance.now();
  for (const p of presets) await renderPreset(p, { quick: true, threads: 1 }, () => undefined);
  const seconds = (performance.now() - t0) / 1000;
  rows.push({
    workload: `quick figures ${section}`,
    path: 'cli',
    n: NaN,
    m: NaN,
    instances: presets.length,
    batch: 0,
    density: NaN,
    instanceStepsPerSecond: NaN,
    seconds,
    steps: 0,
    gmacPerSecond: NaN,
    peakGmacPerSecond: peak,
  });
  process.stdout.write(`| ${section} | ${presets.length} | ${seconds.toFixed(1)} |\n`);
}
if (withGrid) {
  for (const [path, seeds] of [
    ['simd', 3],
    ['simd', 5],
    ['js', 3],
  ] as const) {
    const res = await runPhaseSweep(phaseGrid('phase-2-1', 24, seeds, 1), {
      maxSteps: 10_000,
      path,
      threads,
      convergence: { ...DEFAULT_CONVERGENCE },
    });
    const instances = res.cells.length * seeds;
    rows.push({
      workload: `phase grid 24x24x${seeds} n2 m1 converged`,
      path: `${path}-threads(${threads})`,
      n: 2,
      m: 1,
      instances,
      batch: 1024,
      density: NaN,
      instanceStepsPerSecond: NaN,
      seconds: res.run.seconds,
      steps: res.run.stepsRun,
      gmacPerSecond: NaN,
      peakGmacPerSecond: peak,
    });
    console.log(
      `\nphase grid 24×24×${seeds} (n=2, m=1), to convergence on ${path} × ${threads} threads: ${res.run.seconds.toFixed(1)} s, ${res.run.stepsRun} steps; agreement with theory ${res.agreement.agree}/${res.agreement.cells}`,
    );
  }
}
if (withFootnotes) {
  const { benchFootnotes } = await import('./footnotes');
  for (const t of await benchFootnotes(console.log)) {
    rows.push({
      workload: `footnotes: ${t.workload}`,
      path: 'wasm',
      n: 20,
      m: 5,
      instances: 1,
      batch: 0,
      density: 0.1,
      instanceStepsPerSecond: NaN,
      seconds: t.seconds,
      steps: 0,
      gmacPerSecond: NaN,
      peakGmacPerSecond: peak,
    });
  }
}
if (withSae) {
  const { benchSae } = await import('./sae');
  for (const t of await benchSae((s) => process.stdout.write(`${s}\n`), quick)) {
    rows.push({
      workload: `sae: ${t.workload}`,
      path: 'js',
      n: 0,
      m: 0,
      instances: t.instances,
      batch: 1024,
      density: NaN,
      instanceStepsPerSecond: 1e6 / t.usPerInstanceStep,
      seconds: t.seconds,
      steps: t.steps,
      gmacPerSecond: NaN,
      peakGmacPerSecond: peak,
    });
  }
}
if (jsonOut) {
  writeFileSync(jsonOut, JSON.stringify(rows, null, 2));
  console.log(`wrote ${jsonOut}`);
}
