/** The training paths agree with each other and with a hand-computed AdamW step; no tensor leaks. */
import { describe, expect, it } from 'vitest';
import { PAPER_OPTIMIZER } from '../../../src/model/config';
import { activatePath, createTrainer, liveTensorCount } from '../../../src/train/basic/paths';
import { adamWUpdate } from '../../../src/train/float64-trainer';
import { JsTrainer } from '../../../src/train/basic/js-trainer';
import { bestInstance, seedsConfig } from './helpers';

describe('AdamW', () => {
  it('matches a hand-computed PyTorch AdamW update on a 2×2 example', () => {
    const opt = { ...PAPER_OPTIMIZER, learningRate: 0.1, weightDecay: 0.5 };
    const p = Float64Array.from([1, -2, 0.5, 0]);
    const g = Float64Array.from([0.2, -0.1, 0, 3]);
    const m1 = new Float64Array(4);
    const m2 = new Float64Array(4);
    adamWUpdate(p, m1, m2, g, 0, opt, 1);
    // Step 1: m̂ = g, v̂ = g², so p ← p(1 − lr·wd) − lr · g / (|g| + eps).
    const expected = [1 * 0.95 - 0.1, -2 * 0.95 + 0.1, 0.5 * 0.95 - 0, 0 - 0.1];
    expected.forEach((e, i) => expect(p[i]).toBeCloseTo(e, 6));
    adamWUpdate(p, m1, m2, g, 0, opt, 2);
    // Step 2 with the same gradient: m = 0.19 g, v = 0.001999 g², corrected m̂ = g, v̂ = g² again.
    expect(p[0]).toBeCloseTo((1 * 0.95 - 0.1) * 0.95 - 0.1, 6);
    expect(m1[3]).toBeCloseTo(0.19 * 3, 12);
  });
});

describe('js path kernels', () => {
  it.each([
    [5, 2, 'relu', 0.1],
    [20, 5, 'relu', 1],
    [7, 3, 'linear', 0.3],
    [6, 16, 'relu', 0.5], // m above the unroll limit: both use the generic loop
  ] as const)(
    "the generated kernel (n=%i, m=%i, %s, 1−S=%f) gives exactly the generic loop's weights",
    async (n, m, kind, density) => {
      const config = seedsConfig({ n, m, density, decay: 0.9, seeds: [1, 2], kind, batchSize: 128 });
      const fast = new JsTrainer(config);
      const ref = new JsTrainer(config, { specialise: false });
      fast.stepSync(30);
      ref.stepSync(30);
      const [a, b] = [await fast.read(), await ref.read()];
      expect(Array.from(a.W)).toEqual(Array.from(b.W));
      expect(Array.from(a.b)).toEqual(Array.from(b.b));
      expect(Array.from(a.loss)).toEqual(Array.from(b.loss));
      // and training moved the weights (the comparison is not between two untouched inits)
      const init = await new JsTrainer(config).read();
      expect(Array.from(a.W)).not.toEqual(Array.from(init.W));
    },
  );
});

describe('tfjs paths', () => {
  it('wasm and cpu compute the same losses and weights as the js path on the same data', async () => {
    const config = seedsConfig({ n: 6, m: 3, density: 0.2, decay: 0.8, seeds: [4, 5], batchSize: 256 });
    const js = new JsTrainer(config);
    js.stepSync(50);
    const ref = await js.read();
    for (const path of ['wasm', 'cpu'] as const) {
      expect(await activatePath(path)).toBe(true);
      const t = await createTrainer(config, path);
      await t.step(50);
      const got = await t.read();
      t.dispose();
      expect(got.step).toBe(50);
      for (let i = 0; i < ref.W.length; i++) expect(got.W[i]).toBeCloseTo(ref.W[i], 3);
      for (let j = 0; j < 2; j++) expect(got.loss[j]).toBeCloseTo(ref.loss[j], 5);
    }
  });

  it('wasm reaches the same fidelity outcome: the pentagon at S = 0.99 (best of 3)', async () => {
    expect(await activatePath('wasm')).toBe(true);
    const config = seedsConfig({ n: 5, m: 2, density: 0.01, decay: 0.9, seeds: [11, 12, 13] });
    const t = await createTrainer(config, 'wasm');
    await t.step(10_000);
    const best = bestInstance(config, await t.read());
    t.dispose();
    for (const d of best.metrics.dimensionality) expect(Math.abs(d - 0.4)).toBeLessThan(0.03);
  });

  it('leaks no tensor: tf.memory().numTensors is identical before and after 1,000 steps', async () => {
    expect(await activatePath('wasm')).toBe(true);
    const config = seedsConfig({ n: 5, m: 2, density: 0.1, decay: 0.9, seeds: [1, 2], batchSize: 64 });
    const t = await createTrainer(config, 'wasm');
    await t.step(1);
    await t.read();
    const before = liveTensorCount();
    await t.step(1000);
    await t.read();
    t.setParams((await t.read()).W, (await t.read()).b);
    await t.step(10);
    expect(liveTensorCount()).toBe(before);
    t.dispose();
    expect(liveTensorCount()).toBeLessThan(before);
  });
});
