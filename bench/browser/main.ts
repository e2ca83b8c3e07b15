/**
 * Browser half of `npm run bench:browser`: times the real trainer worker (the page's own
 * TrainerService over Comlink) on each path, the default phase grid to convergence on as many
 * workers as the page would use, and the paper's geometry sweep on two workers. Results land in
 * window.__bench for the Node driver.
 */
import { PAPER_OPTIMIZER, constantVector, geometricImportance, type TrainConfig } from '../../src/model/config';
import { phaseGrid, phaseTrainConfig } from '../../src/model/phase';
import { uniformSweepConfig } from '../../src/model/uniform-sweep';
import { usefulMacsPerStep } from '../useful-macs';
import { DEFAULT_CONVERGENCE } from '../../src/train/convergence';
import type { TrainPath } from '../../src/train/trainer';
import { TrainerClient } from '../../src/worker/client';
import type { Snapshot } from '../../src/worker/protocol';
import { ShardedTrainerClient } from '../../src/worker/sharded-client';

export interface BrowserRow {
  workload: string;
  path: string;
  n: number;
  m: number;
  instances: number;
  batch: number;
  instanceStepsPerSecond: number;
  seconds: number;
  /** Useful multiply-adds per second (bench/useful-macs.ts); NaN where not meaningful. */
  gmacPerSecond: number;
  /** Seconds per 1,000 steps (the geometry sweep). */
  secondsPer1000?: number;
  note?: string;
}

declare global {
  interface Window {
    __bench?: { rows: BrowserRow[]; renderer: string | null; error?: string };
  }
}

const params = new URLSearchParams(location.search);
const budgetMs = Number(params.get('budget') ?? 1500);
const withGrid = params.get('grid') === '1';

function stepConfig(n: number, m: number, I: number, density: number): TrainConfig {
  return {
    n,
    m,
    kind: 'relu',
    batchSize: 1024,
    optimizer: { ...PAPER_OPTIMIZER },
    instances: Array.from({ length: I }, (_, j) => ({
      seed: j + 1,
      density: constantVector(n, density),
      importance: geometricImportance(n, 0.9),
    })),
  };
}

async function timePath(path: TrainPath, config: TrainConfig): Promise<BrowserRow> {
  const client = new TrainerClient({ onSnapshot: () => undefined });
  try {
    const report = await client.configure(config, { path, maxSteps: 1e9, autoStart: false });
    if (report.path !== path) throw new Error(`${path} unavailable (got ${report.path})`);
    await client.stepN(2);
    let steps = 0;
    let k = 1;
    const t0 = performance.now();
    while (performance.now() - t0 < budgetMs) {
      await client.stepN(k); // includes the snapshot readback, as the page's loop does
      steps += k;
      k = Math.min(k * 2, 64);
    }
    const seconds = (performance.now() - t0) / 1000;
    const rate = (steps * config.instances.length) / seconds;
    return {
      workload: `step n${config.n} m${config.m}`,
      path,
      n: config.n,
      m: config.m,
      instances: config.instances.length,
      batch: 1024,
      instanceStepsPerSecond: rate,
      seconds,
      gmacPerSecond: ((steps / seconds) * usefulMacsPerStep(config)) / 1e9,
    };
  } finally {
    client.dispose();
  }
}

async function timeGrid(shards: number, path: TrainPath, seeds: number): Promise<BrowserRow> {
  const config = phaseTrainConfig(phaseGrid('phase-2-1', 24, seeds, 1));
  let last: Snapshot | null = null;
  const done = new Promise<void>((resolve) => {
    const client = new ShardedTrainerClient(
      {
        onSnapshot: (s) => {
          last = s;
          if (s.status === 'done' || s.status === 'error') {
            client.dispose();
            resolve();
          }
        },
      },
      shards,
    );
    void client.configure(config, { path, maxSteps: 10_000, autoStart: true, convergence: { ...DEFAULT_CONVERGENCE } });
  });
  const t0 = performance.now();
  await done;
  const snap = last as Snapshot | null;
  return {
    workload: `phase grid 24x24x${seeds} n2 m1 converged`,
    path: `${path} × ${shards} workers`,
    n: 2,
    m: 1,
    instances: config.instances.length,
    batch: 1024,
    instanceStepsPerSecond: NaN,
    gmacPerSecond: NaN,
    seconds: (performance.now() - t0) / 1000,
    note: snap
      ? `${snap.step} steps, ${snap.converged?.reduce((a, v) => a + v, 0) ?? 0} converged, status ${snap.status}`
      : 'no snapshot',
  };
}

/** The paper's sweep (n = 400, m = 30, 20 densities) on the simd path, split over two workers as the page does. */
async function timePaperSweep(shards: number, steps: number): Promise<BrowserRow> {
  const config = uniformSweepConfig({ n: 400, m: 30, sparsities: 20, minInvDensity: 1, maxInvDensity: 20, seed: 1 });
  const client = new ShardedTrainerClient({ onSnapshot: () => undefined }, shards);
  try {
    await client.configure(config, { path: 'simd', maxSteps: 1e9, autoStart: false });
    await client.stepN(2);
    const t0 = performance.now();
    await client.stepN(steps);
    const seconds = (performance.now() - t0) / 1000;
    return {
      workload: 'geometry paper n400 m30 x20',
      path: `simd × ${shards} workers`,
      n: 400,
      m: 30,
      instances: 20,
      batch: 1024,
      instanceStepsPerSecond: (20 * steps) / seconds,
      seconds,
      gmacPerSecond: ((steps / seconds) * usefulMacsPerStep(config)) / 1e9,
      secondsPer1000: (seconds / steps) * 1000,
      note: `${steps} steps timed`,
    };
  } finally {
    client.dispose();
  }
}

function webglRenderer(): string | null {
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

async function main() {
  const rows: BrowserRow[] = [];
  const out = document.getElementById('out')!;
  for (const I of [1, 64, 1024]) {
    for (const path of ['js', 'simd', 'wasm', 'webgl', 'cpu'] as TrainPath[]) {
      if (path === 'cpu' && I === 1024) continue; // ≈ 10 s a step
      try {
        rows.push(await timePath(path, stepConfig(20, 5, I, 1)));
      } catch (e) {
        rows.push({
          workload: 'step n20 m5',
          path,
          n: 20,
          m: 5,
          instances: I,
          batch: 1024,
          instanceStepsPerSecond: NaN,
          seconds: 0,
          gmacPerSecond: NaN,
          note: String(e),
        });
      }
      out.textContent = JSON.stringify(rows, null, 1);
    }
  }
  const workers = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
  rows.push(await timePaperSweep(2, budgetMs >= 1500 ? 20 : 6));
  if (withGrid)
    for (const [path, seeds] of [
      ['simd', 3],
      ['simd', 5],
      ['js', 3],
    ] as const)
      rows.push(await timeGrid(workers, path, seeds));
  window.__bench = { rows, renderer: webglRenderer() };
  out.textContent = 'done';
}

main().catch((e: unknown) => {
  window.__bench = { rows: [], renderer: null, error: e instanceof Error ? e.message : String(e) };
});
