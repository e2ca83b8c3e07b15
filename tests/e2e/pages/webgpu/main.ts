/**
 * In-browser checks of the WebGPU path (driven by tests/e2e/webgpu.test.ts; the path and seed come
 * from the page's URL): the adapter, the GPU sampler against the counter hash, the webgpu trainer
 * against the js reference on the same data, no tensor leak, a trial that can time it, and a
 * lost device ending in a fallback with a clear message. (Which paths the measured choice tries
 * is unit-tested with fake adapters: tests/worker/path-choice.test.ts.) The loss comes last: it ends the path
 * for the life of the page.
 */
import { constantVector, geometricImportance, PAPER_OPTIMIZER, type TrainConfig } from '../../../../src/model/config';
import { counterSparseBatch } from '../../../../src/model/counter-hash';
import { deriveSeed } from '../../../../src/model/rng';
import { JsTrainer } from '../../../../src/train/basic/js-trainer';
import {
  activatePath,
  createTrainer,
  liveTensorCount,
  measurePaths,
  unavailableReason,
} from '../../../../src/train/basic/paths';
import { probeWebgpu } from '../../../../src/train/basic/webgpu';
import { STREAM, type TrainPath } from '../../../../src/train/trainer';
import type { Snapshot } from '../../../../src/worker/protocol';
import { TrainerService } from '../../../../src/worker/service';

export interface WebgpuCheckResult {
  path: string;
  seed: number;
  adapter: { name: string; software: boolean } | null;
  active: boolean;
  samplerEntries: number;
  samplerMaxAbsDiff: number;
  /** A few steps of webgpu (data from JS) against js on the same data. */
  reference: { steps: number; maxAbsW: number; maxAbsB: number; maxRelLoss: number; moved: number };
  leak: { dataSource: string; lossStart: number; lossEnd: number; before: number; after: number; disposed: number };
  trial: { path: string; stepsPerSecond: number }[];
  loss: { message: string; pathAfter: string; step: number; status: string; reactivates: boolean; reason: string };
  /** Milliseconds each part took (the test prints them with VERBOSE=1). */
  ms: Record<string, number>;
}

declare global {
  interface Window {
    __webgpuChecks?: () => Promise<WebgpuCheckResult>;
  }
}

const query = new URLSearchParams(location.search);
const PATH = (query.get('path') ?? 'webgpu') as TrainPath;
const SEED = Number(query.get('seed') ?? 1);

/**
 * Two seeds of n = 6, m = 3, batch 256 for every check: one shape, so each shader compiles once (slow on a
 * software GPU); lr 1e-2 (ten times the paper's) so that a few steps move the weights far.
 */
const small = (density: number, decay: number): TrainConfig => ({
  n: 6,
  m: 3,
  kind: 'relu',
  batchSize: 256,
  optimizer: { ...PAPER_OPTIMIZER, learningRate: 1e-2 },
  instances: [SEED, SEED + 1].map((seed) => ({
    seed,
    density: constantVector(6, density),
    importance: geometricImportance(6, decay),
  })),
});

const maxAbs = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

async function sampler(): Promise<[number, number]> {
  const seeds = [deriveSeed(SEED, STREAM.data), 0xfffffff7];
  const dens = [1, 0.5, 0.1, 0.9, 0.02];
  const n = dens.length;
  const B = 64;
  const density = new Float32Array(2 * n);
  density.set(dens, 0);
  density.set(dens, n);
  const { WebgpuSampler } = await import('../../../../src/train/basic/webgpu-sampler');
  const s = new WebgpuSampler(seeds, density, B, n);
  const x = s.sample(17);
  const gpu = (await x.data()) as Float32Array;
  x.dispose();
  s.dispose();
  let diff = 0;
  seeds.forEach((seed, j) => {
    const ref = counterSparseBatch(seed, 17, B, dens);
    for (let q = 0; q < ref.length; q++) diff = Math.max(diff, Math.abs(ref[q] - gpu[j * B * n + q]));
  });
  return [gpu.length, diff];
}

/** The same data stream on both sides (the tfjs trainer's JS data), so only arithmetic differs. */
async function reference(): Promise<WebgpuCheckResult['reference']> {
  const config = small(0.2, 0.8);
  const steps = 6;
  const js = new JsTrainer(config);
  const start = await js.read();
  js.stepSync(steps);
  const ref = await js.read();
  const { TfjsTrainer } = await import('../../../../src/train/basic/tfjs-trainer');
  const gpu = new TfjsTrainer(config, PATH as Exclude<TrainPath, 'js'>);
  await gpu.step(steps);
  const got = await gpu.read();
  gpu.dispose();
  return {
    steps: got.step,
    maxAbsW: maxAbs(got.W, ref.W),
    maxAbsB: maxAbs(got.b, ref.b),
    maxRelLoss: got.loss.reduce((m, v, j) => Math.max(m, Math.abs(v - ref.loss[j]) / ref.loss[j]), 0),
    moved: maxAbs(ref.W, start.W),
  };
}

/** The trainer as the page builds it (GPU-made data): it learns, and leaks nothing. */
async function leak(): Promise<WebgpuCheckResult['leak']> {
  const t = await createTrainer(small(0.3, 0.9), PATH);
  const dataSource = (t as unknown as { dataSource: string }).dataSource;
  await t.step(1);
  const lossStart = (await t.read()).loss[0];
  const before = liveTensorCount();
  await t.step(8);
  const st = await t.read();
  t.setParams(st.W, st.b);
  await t.step(2);
  const lossEnd = (await t.read()).loss[0];
  const after = liveTensorCount();
  t.dispose();
  return { dataSource, lossStart, lossEnd, before, after, disposed: liveTensorCount() };
}

/** Destroy the device mid-run (the one loss a page can cause) and see the service carry on elsewhere. */
async function deviceLoss(): Promise<WebgpuCheckResult['loss']> {
  const service = new TrainerService();
  let last: Snapshot | null = null;
  const done = new Promise<void>((resolve) => {
    void service.subscribe((s) => {
      last = s;
      if (s.status === 'done' || s.status === 'error') resolve();
    });
  });
  const config = small(0.3, 0.9);
  await service.configure(config, { path: PATH, maxSteps: 200, autoStart: false });
  await service.stepN(4);
  const tf = await import('@tensorflow/tfjs-core');
  (tf.backend() as unknown as { device: { destroy(): void } }).device.destroy();
  await service.start();
  await done;
  const snap = last as Snapshot | null;
  const reactivates = await activatePath(PATH);
  await service.dispose();
  return {
    message: snap?.message ?? '',
    pathAfter: snap?.path ?? '',
    step: snap?.step ?? -1,
    status: snap?.status ?? '',
    reactivates,
    reason: unavailableReason(PATH) ?? '',
  };
}

window.__webgpuChecks = async () => {
  const ms: Record<string, number> = {};
  const timed = async <T>(part: string, f: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await f();
    ms[part] = Math.round(performance.now() - t0);
    return out;
  };
  const adapter = await timed('probe', () => probeWebgpu());
  const active = await timed('activate', () => activatePath(PATH));
  const result = { path: PATH, seed: SEED, adapter, active, ms } as WebgpuCheckResult;
  if (!active) return result;
  [result.samplerEntries, result.samplerMaxAbsDiff] = await timed('sampler', sampler);
  result.reference = await timed('reference', reference);
  result.leak = await timed('leak', leak);
  const trialConfig = small(0.1, 0.9);
  const trial = await timed('trial', () => measurePaths(trialConfig, ['js', PATH], 60));
  result.trial = trial.map(({ path, stepsPerSecond }) => ({ path, stepsPerSecond }));
  result.loss = await timed('deviceLoss', deviceLoss);
  return result;
};
