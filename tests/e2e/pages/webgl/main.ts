/**
 * In-browser checks of the WebGL path (driven by tests/e2e/webgl.test.ts): the GPU sampler
 * reproduces the counter hash exactly, the webgl trainer learns, and it leaks no tensor.
 */
import { constantVector, geometricImportance, PAPER_OPTIMIZER, type TrainConfig } from '../../../../src/model/config';
import { counterSparseBatch } from '../../../../src/model/counter-hash';
import { deriveSeed } from '../../../../src/model/rng';
import { activatePath, createTrainer, liveTensorCount } from '../../../../src/train/basic/paths';
import { STREAM } from '../../../../src/train/trainer';
import { WebglSampler } from '../../../../src/train/basic/webgl-sampler';

export interface WebglCheckResult {
  active: boolean;
  webglVersion: number;
  samplerMaxAbsDiff: number;
  samplerEntries: number;
  dataSource: string;
  lossStart: number;
  lossEnd: number;
  tensorsBefore: number;
  tensorsAfter: number;
}

declare global {
  interface Window {
    __webglChecks?: () => Promise<WebglCheckResult>;
  }
}

window.__webglChecks = async () => {
  const tf = await import('@tensorflow/tfjs-core');
  const active = await activatePath('webgl');
  const result: WebglCheckResult = {
    active,
    webglVersion: 0,
    samplerMaxAbsDiff: NaN,
    samplerEntries: 0,
    dataSource: '',
    lossStart: NaN,
    lossEnd: NaN,
    tensorsBefore: 0,
    tensorsAfter: 0,
  };
  if (!active) return result;
  result.webglVersion = tf.env().getNumber('WEBGL_VERSION');

  // 1. the kernel against its JS twin
  const seeds = [deriveSeed(3, STREAM.data), 0xfffffff7];
  const n = 5;
  const B = 64;
  const dens = [1, 0.5, 0.1, 0.9, 0.02];
  const density = new Float32Array(2 * n);
  density.set(dens, 0);
  density.set(dens, n);
  const sampler = new WebglSampler(seeds, density, B, n);
  const x = sampler.sample(17);
  const gpu = (await x.data()) as Float32Array;
  x.dispose();
  sampler.dispose();
  let maxDiff = 0;
  seeds.forEach((seed, j) => {
    const ref = counterSparseBatch(seed, 17, B, dens);
    for (let q = 0; q < ref.length; q++) maxDiff = Math.max(maxDiff, Math.abs(ref[q] - gpu[j * B * n + q]));
  });
  result.samplerMaxAbsDiff = maxDiff;
  result.samplerEntries = gpu.length;

  // 2. the trainer learns on GPU-made data and leaks nothing
  const config: TrainConfig = {
    n: 5,
    m: 2,
    kind: 'relu',
    batchSize: 256,
    optimizer: { ...PAPER_OPTIMIZER },
    instances: [1, 2].map((seed) => ({
      seed,
      density: constantVector(5, 0.3),
      importance: geometricImportance(5, 0.9),
    })),
  };
  const trainer = await createTrainer(config, 'webgl');
  result.dataSource = (trainer as unknown as { dataSource: string }).dataSource;
  await trainer.step(5);
  result.lossStart = (await trainer.read()).loss[0];
  result.tensorsBefore = liveTensorCount();
  await trainer.step(300);
  result.lossEnd = (await trainer.read()).loss[0];
  result.tensorsAfter = liveTensorCount();
  trainer.dispose();
  return result;
};
