/**
 * The SIMD WebAssembly kernel (src/train/assembly/kernel.ts): built from source, bit-identical to
 * its plain-JavaScript twin, grouping-independent, and statistically the same trainer as the js
 * path.
 */
import { describe, expect, it } from 'vitest';
import { PAPER_OPTIMIZER, type TrainConfig } from '../../../src/model/config';
import { SIMD_KERNEL_BASE64 } from '../../../src/train/generated/simd-kernel';
import { JsTrainer } from '../../../src/train/basic/js-trainer';
import { VariantTrainer } from '../../../src/train/variants/variant-trainer';
import { chooseSimdLayout, simdKernelModule, type SimdLayout } from '../../../src/train/basic/simd-kernel';
import { SimdTrainer } from '../../../src/train/basic/simd-trainer';
import { SimdTwinTrainer } from './simd-twin';
import { lnUnit, simdSampleBatches } from './simd-twin-data';
import { ThreadedTrainer } from '../../../src/train/threads/threaded-trainer';
import type { BatchedTrainer, TrainerState } from '../../../src/train/trainer';
import { bestInstance, seedsConfig } from './helpers';

// @ts-expect-error -- a plain .mjs build script, no type declarations
import { compileKernel } from '../../../scripts/build-wasm.mjs';
// @ts-expect-error -- a plain .mjs generator, no type declarations
import { FIXED_LANE_SHAPES } from '../../../scripts/gen-lane-kernels.mjs';
import { verbose } from '../../helpers/log';

function config(
  n: number,
  m: number,
  densities: number[][] | ((j: number, i: number) => number),
  opts: { kind?: 'relu' | 'linear'; instances?: number; batchSize?: number; seed?: number } = {},
): TrainConfig {
  const I = Array.isArray(densities) ? densities.length : (opts.instances ?? 1);
  const dens = (j: number, i: number) =>
    Array.isArray(densities) ? densities[j][i % densities[j].length] : densities(j, i);
  return {
    n,
    m,
    kind: opts.kind ?? 'relu',
    batchSize: opts.batchSize ?? 1024,
    optimizer: { ...PAPER_OPTIMIZER },
    instances: Array.from({ length: I }, (_, j) => ({
      seed: (opts.seed ?? 7) + 13 * j,
      density: Float32Array.from({ length: n }, (_, i) => dens(j, i)),
      importance: Float32Array.from({ length: n }, (_, i) => 0.85 ** i),
    })),
  };
}

/** Bit-for-bit equality of two trainer states (Object.is: +0 and −0 differ, NaN equals NaN). */
function expectIdentical(a: TrainerState, b: TrainerState): void {
  for (const key of ['W', 'b', 'loss', 'meanLoss', 'meanLossSteps'] as const) {
    const x = a[key]!;
    const y = b[key]!;
    expect(x.length).toBe(y.length);
    const differ: string[] = [];
    for (let i = 0; i < x.length && differ.length < 3; i++)
      if (!Object.is(x[i], y[i])) differ.push(`${key}[${i}]: ${x[i]} vs ${y[i]}`);
    expect(differ).toEqual([]);
  }
}

describe('the SIMD kernel binary', () => {
  it('is what the AssemblyScript source compiles to (the shipped module is built, never edited)', async () => {
    const fresh = (await compileKernel()) as Uint8Array;
    const shipped = Uint8Array.from(atob(SIMD_KERNEL_BASE64), (c) => c.charCodeAt(0));
    expect(fresh.length).toBeGreaterThan(1000);
    expect(Buffer.from(shipped).equals(Buffer.from(fresh))).toBe(true);
    // It imports one memory and nothing else (no runtime, no abort), and uses 128-bit SIMD.
    const mod = await simdKernelModule();
    expect(WebAssembly.Module.imports(mod)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
    const exports = WebAssembly.Module.exports(mod).map((e) => e.name);
    expect(exports).toEqual(
      expect.arrayContaining([
        'rowStep',
        'laneStep',
        'rowField',
        'laneField',
        'lnUnit',
        'laneStep_2_1',
        'laneStep_5_2',
      ]),
    );
  });

  it('computes ln of a uniform exactly as the twin does (the geometric skips agree bit for bit)', async () => {
    const t = await SimdTrainer.create(config(4, 2, [[1]]));
    const k = (t as unknown as { k: { lnUnit(r: number): number } }).k;
    const probes = [0, 1, 2, 3, 0x7fffffff, 0x80000000, 0xb504f333, 0xfffffffe, 0xffffffff];
    for (let s = 1; s < 2000; s++) probes.push(Math.imul(s, 0x9e3779b1) >>> 0);
    for (const r of probes) {
      expect(Object.is(k.lnUnit(r | 0), lnUnit(r))).toBe(true);
      const ln = Math.log((r + 1) / 2 ** 32);
      expect(Math.abs(lnUnit(r) - ln)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ln)));
    }
    expect(lnUnit(0xffffffff)).toBe(0);
  });
});

describe('SimdTrainer equals its plain-JavaScript twin bit for bit', () => {
  const cases: [string, TrainConfig, SimdLayout][] = [
    [
      'lanes: n = 5, m = 2, six instances (a half-filled group), densities 1 … 0.01',
      config(5, 2, [[1], [0.3], [0.05], [0.01], [0.5], [0.1]]),
      'lanes',
    ],
    ['lanes: linear model, n = 4, m = 3', config(4, 3, [[1], [0.2], [0.01]], { kind: 'linear' }), 'lanes'],
    [
      'rows: n = 13, m = 6, dense and sparse features mixed',
      config(13, 6, [
        [0.6, 0.1, 0.1],
        [0.6, 0.02, 0.02],
        [0.6, 0.3, 0.3],
      ]),
      'rows',
    ],
    ['rows: m = 3 (a single padded vector), linear', config(9, 3, [[1], [0.05]], { kind: 'linear' }), 'rows'],
    ['rows: m = 10, n = 21 (register blocks plus tails)', config(21, 10, [[0.9], [0.15]]), 'rows'],
    [
      'rows: m = 17, batch 100 (a partial last chunk and tile)',
      config(11, 17, [[0.7], [0.04]], { batchSize: 100 }),
      'rows',
    ],
    ['rows: very sparse (most rows all zero)', config(6, 9, [[0.004], [0.02]]), 'rows'],
  ];
  for (const [name, c, layout] of cases) {
    it(name, async () => {
      const wasm = await SimdTrainer.create(c, { layout });
      const twin = new SimdTwinTrainer(c, { layout });
      expect(wasm.layout).toBe(layout);
      await wasm.step(7);
      await twin.step(7);
      expectIdentical(await wasm.read(), await twin.read());
      // Freezing an instance, then more steps and a read of the means since the last read.
      const mask = Uint8Array.from(c.instances, (_, j) => (j === 1 ? 1 : 0));
      wasm.freeze(mask);
      twin.freeze(mask);
      await wasm.step(4);
      await twin.step(4);
      const [a, b] = [await wasm.read(), await twin.read()];
      expectIdentical(a, b);
      expect(a.meanLossSteps![1]).toBe(0);
      expect(a.meanLossSteps![0]).toBe(4);
      // New parameters restart the optimiser identically.
      const W = a.W.map((v, i) => v * 0.5 + (i % 3) * 0.01);
      const bias = a.b.map((v) => v - 0.01);
      wasm.setParams(W, bias);
      twin.setParams(W, bias);
      await wasm.step(3);
      await twin.step(3);
      expectIdentical(await wasm.read(), await twin.read());
    });
  }
});

describe('the lane steps unrolled for fixed shapes equal the generic lane step and the twin', () => {
  for (const [n, m] of FIXED_LANE_SHAPES as [number, number][]) {
    it(`n = ${n}, m = ${m}`, async () => {
      const c = config(n, m, [[1], [0.3], [0.05], [0.01], [0.5]]);
      const unrolled = await SimdTrainer.create(c);
      const generic = await SimdTrainer.create(c, { unrolled: false });
      const twin = new SimdTwinTrainer(c);
      expect(unrolled.unrolled).toBe(true);
      expect(generic.unrolled).toBe(false);
      for (const t of [unrolled, generic, twin]) await t.step(5);
      const ref = await twin.read();
      expectIdentical(await unrolled.read(), ref);
      expectIdentical(await generic.read(), ref);
    });
  }
});

describe('SimdTrainer', () => {
  it('picks lanes for m ≤ 4 and rows beyond, from m alone', () => {
    expect(chooseSimdLayout(1)).toBe('lanes');
    expect(chooseSimdLayout(4)).toBe('lanes');
    expect(chooseSimdLayout(5)).toBe('rows');
    expect(chooseSimdLayout(30)).toBe('rows');
  });

  it('trains an instance the same whatever else is in its group of four (values; lanes)', async () => {
    const all = config(5, 2, [[1], [0.02], [0.3], [0.005], [0.6], [0.01], [0.1]]);
    const part = { ...all, instances: all.instances.slice(3, 6), initStd: Math.sqrt(2 / (2 * (5 + 7))) };
    const whole = await SimdTrainer.create({ ...all, initStd: part.initStd });
    const alone = await SimdTrainer.create(part);
    await whole.step(30);
    await alone.step(30);
    const [a, b] = [await whole.read(), await alone.read()];
    expect(Array.from(b.W)).toEqual(Array.from(a.W.subarray(3 * 10, 6 * 10)));
    expect(Array.from(b.b)).toEqual(Array.from(a.b.subarray(3 * 5, 6 * 5)));
    expect(Array.from(b.loss)).toEqual(Array.from(a.loss.subarray(3, 6)));
  });

  it('on worker threads trains the same models as one trainer', async () => {
    for (const c of [
      config(5, 2, [[1], [0.05], [0.3], [0.01], [0.2]], { batchSize: 256 }),
      config(12, 10, [[1], [0.1], [0.05]], { batchSize: 256 }),
    ]) {
      const one = await SimdTrainer.create(c);
      const many = new ThreadedTrainer(c, 2, 'simd');
      try {
        await one.step(20);
        await many.step(20);
        const [a, b] = [await one.read(), await many.read()];
        expect(Array.from(b.W)).toEqual(Array.from(a.W));
        expect(Array.from(b.b)).toEqual(Array.from(a.b));
        expect(many.path).toBe('simd');
      } finally {
        many.dispose();
      }
    }
  });

  it('refuses the variant models (they train on the js path)', async () => {
    await expect(SimdTrainer.create({ ...config(4, 2, [[1]]), kind: 'relu-hidden' })).rejects.toThrow(/basic model/);
    await expect(
      SimdTrainer.create({ ...config(4, 2, [[1]]), featureSets: [{ kind: 'correlated', features: [0, 1] }] }),
    ).rejects.toThrow(/independent features/);
  });

  it('keeps its memory flat across many steps (no allocation per step)', async () => {
    const t = await SimdTrainer.create(config(40, 12, [[0.2], [0.05]]));
    const mem = (t as unknown as { memory: WebAssembly.Memory }).memory;
    await t.step(2);
    const bytes = mem.buffer.byteLength;
    await t.step(50);
    expect(mem.buffer.byteLength).toBe(bytes);
  });
});

describe('the kernel samples the paper’s data (per-feature density; values uniform on [0, 1))', () => {
  for (const layout of ['rows', 'lanes'] as SimdLayout[]) {
    it(`${layout}: every feature's density and mean within tolerance, densities from 1 to 0.005 in one batch`, () => {
      const density = Float32Array.from([1, 0.7, 0.3, 0.26, 0.24, 0.1, 0.02, 0.005]);
      const n = density.length;
      const steps = 40;
      const B = 1024;
      const X = simdSampleBatches({ seed: 3, density, importance: new Float32Array(n).fill(1) }, B, layout, steps);
      const rows = steps * B;
      for (let i = 0; i < n; i++) {
        let nz = 0;
        let sum = 0;
        let max = 0;
        for (let r = 0; r < rows; r++) {
          const x = X[r * n + i];
          if (x !== 0) {
            nz++;
            sum += x;
            max = Math.max(max, x);
          }
        }
        const p = density[i];
        const se = Math.sqrt((p * (1 - p)) / rows);
        expect(Math.abs(nz / rows - p)).toBeLessThan(5 * se + 1e-4);
        expect(Math.abs(sum / nz - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / nz));
        expect(max).toBeLessThanOrEqual(1);
      }
    });
  }
});

describe('the simd path is the same trainer as the js path, statistically', () => {
  it('n = 20, m = 5, 1 − S = 0.1, four seeds: the loss curves agree within minibatch noise', async () => {
    const c = seedsConfig({ n: 20, m: 5, density: 0.1, decay: 0.9, seeds: [1, 2, 3, 4] });
    const js = new JsTrainer(c);
    const simd = await SimdTrainer.create(c);
    const curve = async (t: { step(k: number): Promise<void>; read(): Promise<TrainerState> }) => {
      const out: number[] = [];
      for (let w = 0; w < 6; w++) {
        await t.step(500);
        const st = await t.read();
        out.push(st.meanLoss!.reduce((a, v) => a + v, 0) / st.meanLoss!.length);
      }
      return out;
    };
    const [a, b] = [await curve(js), await curve(simd)];
    verbose(
      'mean loss per 500 steps, js:',
      a.map((v) => v.toFixed(5)).join(' '),
      ' simd:',
      b.map((v) => v.toFixed(5)).join(' '),
    );
    for (let w = 0; w < a.length; w++) expect(Math.abs(a[w] - b[w]) / a[w]).toBeLessThan(w === 0 ? 0.1 : 0.05);
    // And both fall: the later windows are below the first.
    expect(b[5]).toBeLessThan(0.8 * b[0]);
  });

  it('the intro model at 1 − S = 0.01 forms the pentagon on the simd path too (best of 3 seeds)', async () => {
    const c = seedsConfig({ n: 5, m: 2, density: 0.01, decay: 0.9, seeds: [1, 2, 3] });
    const t = await SimdTrainer.create(c);
    await t.step(10_000);
    const best = bestInstance(c, await t.read());
    const D = Array.from(best.metrics.dimensionality);
    verbose('simd pentagon D', D.map((v) => v.toFixed(3)).join(' '));
    for (const d of D) expect(Math.abs(d - 0.4)).toBeLessThan(0.03);
  });
});

describe('checkpoints: a restored run repeats what followed, bit for bit', () => {
  const cases: [string, () => Promise<BatchedTrainerLike>][] = [
    ['simd lanes', () => SimdTrainer.create(config(5, 2, [[1], [0.05], [0.3]]), { layout: 'lanes' })],
    ['simd rows', () => SimdTrainer.create(config(13, 10, [[0.6], [0.05]]), { layout: 'rows' })],
    ['js', async () => new JsTrainer(config(5, 2, [[1], [0.05], [0.3]]))],
    [
      'js variant (hidden ReLU)',
      async () => new VariantTrainer({ ...config(6, 3, [[0.3], [0.05]]), kind: 'relu-hidden' }),
    ],
  ];
  for (const [name, make] of cases) {
    it(name, async () => {
      const t = await make();
      await t.step(25);
      t.freeze!(Uint8Array.from({ length: t.config.instances.length }, (_, j) => (j === 1 ? 1 : 0)));
      await t.step(5);
      const cp = t.checkpoint!();
      expect(cp.step).toBe(30);
      const at = await t.read();
      expect(Array.from(cp.W)).toEqual(Array.from(at.W));
      await t.step(20);
      const first = await t.read();
      t.restore!(cp);
      expect(t.stepCount).toBe(30);
      await t.step(20);
      const again = await t.read();
      expectIdentical(first, again);
      expect(again.step).toBe(50);
      // A checkpoint of another shape is refused with a clear error.
      expect(() => t.restore!({ ...cp, state: cp.state.subarray(1) })).toThrow(/another kind of trainer or shape/);
    });
  }
});

type BatchedTrainerLike = BatchedTrainer;
