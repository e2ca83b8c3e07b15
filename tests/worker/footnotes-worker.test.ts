/**
 * The footnotes worker's service, called directly in Node on the wasm backend: shapes and key
 * numbers of every experiment on small hand-built inputs, supersession of a running request, and
 * the timings of the section's default sizes on a trained n = 20, m = 5 model.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { constantVector, geometricImportance } from '../../src/model/config';
import { activatePath, liveTensorCount } from '../../src/train/basic/paths';
import { JsTrainer } from '../../src/train/basic/js-trainer';
import { SUPERSEDED, type ModelData, type Progress } from '../../src/worker/footnotes-protocol';
import { FOOTNOTE_DEFAULTS, FootnotesService } from '../../src/worker/footnotes-service';
import { bestInstance, seedsConfig } from '../train/basic/helpers';
import { verbose } from '../helpers/log';

beforeAll(async () => {
  expect(await activatePath('wasm')).toBe(true);
});

function model(
  W: number[],
  n: number,
  m: number,
  opts: { b?: number; density?: number; decay?: number } = {},
): ModelData {
  return {
    W: Float32Array.from(W),
    b: new Float32Array(n).fill(opts.b ?? 0),
    n,
    m,
    kind: 'relu',
    importance: geometricImportance(n, opts.decay ?? 1),
    density: constantVector(n, opts.density ?? 0.1),
  };
}

/** n unit vectors evenly around the circle (m = 2). */
function polygon(n: number): number[] {
  return Array.from({ length: n }, (_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]).flat();
}

/** The identity: n features on the n axes of R^n. */
function identity(n: number): number[] {
  return Array.from({ length: n * n }, (_, q) => (q % (n + 1) === 0 ? 1 : 0));
}

describe('FootnotesService', () => {
  const svc = new FootnotesService();

  it('backend: activates wasm', async () => {
    expect(await svc.backend()).toBe('wasm');
  });

  it('removeDirection: orthogonal features leave the others untouched; an antipodal pair loses both', async () => {
    const ortho = await svc.removeDirection({ model: model(identity(3), 3, 3, { density: 0.2 }), samples: 5000 });
    expect(ortho.n).toBe(3);
    expect(ortho.before).toHaveLength(3);
    expect(ortho.after).toHaveLength(9);
    expect(ortho.change).toHaveLength(9);
    for (let f = 0; f < 3; f++) {
      for (let i = 0; i < 3; i++) {
        if (i === f) {
          // The removed feature loses all of it: E[x²] · density = 0.2 / 3.
          expect(ortho.after[f * 3 + i]).toBeGreaterThan(0.05);
          expect(ortho.after[f * 3 + i]).toBeLessThan(0.085);
        } else expect(ortho.change[f * 3 + i]).toBe(0);
      }
      expect(ortho.doubledOthers[f]).toBe(0);
    }
    Array.from(ortho.norms).forEach((v) => expect(v).toBeCloseTo(1, 6));

    // Two features sharing one dimension (antipodal): removing feature 0's direction removes h entirely.
    const pair = await svc.removeDirection({ model: model([1, -1], 2, 1, { density: 0.1 }), samples: 20_000 });
    verbose(
      'antipodal pair: before',
      Array.from(pair.before, (v) => v.toExponential(2)).join(' '),
      'after removing 0:',
      Array.from(pair.after.subarray(0, 2), (v) => v.toExponential(2)).join(' '),
    );
    expect(pair.after[1]).toBeGreaterThan(2 * pair.before[1]);
    expect(pair.doubledOthers[0]).toBe(1);
    expect(pair.doubledOthers[1]).toBe(1);
  });

  it('dictionary: orthonormal features are recovered exactly; shapes of atoms, |cos| matrix and order', async () => {
    const before = liveTensorCount();
    const n = 4;
    const m = 6;
    const W = Array.from({ length: n * m }, (_, q) => (Math.floor(q / m) === q % m ? 1 : 0)); // features on the first 4 axes of R^6
    const r = await svc.dictionary({ model: model(W, n, m, { density: 0.05 }), k: 2 * n, samples: 1000 });
    expect(liveTensorCount()).toBe(before);
    expect(r.k).toBe(8);
    expect(r.atoms).toHaveLength(8 * m);
    expect(r.represented).toEqual([0, 1, 2, 3]);
    expect(r.cos).toHaveLength(4 * 8);
    expect([...r.atomOrder].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(r.fraction).toBe(1);
    Array.from(r.best).forEach((v) => expect(v).toBeGreaterThan(0.99));
    // The matched order puts each feature's atom on the diagonal.
    for (let p = 0; p < 4; p++) expect(Math.abs(r.cos[p * 8 + r.atomOrder[p]])).toBeGreaterThan(0.99);
    expect(r.axisFraction).toBe(1); // these features are the hidden axes themselves
    expect(r.backend).toBe('wasm');
  });

  it('dictionary: a hexagon in the plane (6 features, m = 2) is found where the hidden axes find none', async () => {
    const r = await svc.dictionary({ model: model(polygon(6), 6, 2, { density: 0.03 }), k: 12, samples: 1000 });
    verbose(
      `hexagon: recovered ${(100 * r.fraction).toFixed(0)}% (axes ${(100 * r.axisFraction).toFixed(0)}%), best |cos| ${Array.from(r.best, (v) => v.toFixed(3)).join(' ')}, ${r.ms.toFixed(0)} ms`,
    );
    expect(r.fraction).toBeGreaterThanOrEqual(5 / 6);
    expect(r.axisFraction).toBeLessThan(0.5);
  });

  it('dictionaryCurves: one point per density (the model’s own included) and per k/n, with progress', async () => {
    const progress: Progress[] = [];
    const r = await svc.dictionaryCurves(
      {
        model: model(polygon(5), 5, 2, { density: 0.05 }),
        densities: [0.02, 0.3],
        ratios: [1, 2],
        samples: 400,
        iterations: 8,
        codeIterations: 20,
        known: [{ density: 0.3, k: 10, fraction: 0.123 }],
      },
      (p) => progress.push(p),
    );
    expect(r.byDensity.map((p) => p.density)).toEqual([0.02, 0.3]);
    expect(r.byDensity[1].fraction).toBe(0.123); // a known point is reused, not recomputed
    expect(r.byRatio.map((p) => [p.ratio, p.k])).toEqual([
      [1, 5],
      [2, 10],
    ]);
    for (const p of [...r.byDensity, ...r.byRatio]) expect(p.fraction >= 0 && p.fraction <= 1).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    expect(progress.every((p) => p.total === 4)).toBe(true);
    const own = await svc.dictionaryCurves({
      model: model(polygon(5), 5, 2, { density: 0.05 }),
      density: 0.2,
      ratios: [2],
      samples: 300,
      iterations: 5,
      codeIterations: 10,
    });
    expect(own.byDensity.map((p) => p.density)).toEqual([0.01, 0.05, 0.1, 0.2, 0.3, 0.6]); // defaults + the model's + the chosen
  });

  it('l1Margin: λ = 0 is the reference; a strong λ cuts superposition; progress reaches the step count', async () => {
    const progress: Progress[] = [];
    const m0 = model(polygon(5), 5, 2, { b: -0.1, density: 0.05, decay: 0.9 });
    const r = await svc.l1Margin(
      { model: m0, lambdas: [1e-3, 3e-2], steps: 100, evalSamples: 10_000, batchSize: 256 },
      (p) => progress.push(p),
    );
    verbose(
      'l1 (pentagon, 100 steps):',
      r.rows
        .map(
          (row) =>
            `λ=${row.lambda}: loss ${(100 * row.relativeLoss).toFixed(2)}%, sup ${(100 * row.relativeSuperposition).toFixed(1)}%`,
        )
        .join('; '),
    );
    expect(r.rows.map((row) => row.lambda)).toEqual([0, 1e-3, 3e-2]);
    expect(r.rows[0].relativeLoss).toBe(0);
    expect(r.rows[0].relativeSuperposition).toBe(0);
    expect(r.rows[2].relativeSuperposition).toBeLessThan(0);
    expect(r.rows[2].meanAbsHidden).toBeLessThan(r.rows[0].meanAbsHidden);
    expect(r.startSuperposition).toBeGreaterThan(0);
    expect(r.steps).toBe(100);
    expect(progress.some((p) => p.label === 'training' && p.done === 100)).toBe(true);
    expect(progress[progress.length - 1].label).toBe('evaluating');
    for (const row of r.rows) for (const v of Object.values(row)) expect(Number.isFinite(v)).toBe(true);
  });

  it('a newer request supersedes a running one of the same kind', async () => {
    const m0 = model(polygon(5), 5, 2, { density: 0.05 });
    const first = svc.l1Margin({ model: m0, steps: 5000, evalSamples: 1000, batchSize: 128 });
    const second = svc.l1Margin({ model: m0, steps: 25, evalSamples: 1000, batchSize: 128 });
    await expect(first).rejects.toThrow(new RegExp(`^${SUPERSEDED}`));
    expect((await second).rows.length).toBe(FOOTNOTE_DEFAULTS.l1Lambdas.length);
  });

  it('rejects a malformed model with a readable error', async () => {
    await expect(
      svc.removeDirection({ model: { ...model(identity(2), 2, 2), W: new Float32Array(3) } }),
    ).rejects.toThrow(/W must have/);
    await expect(svc.gaussian({ source: 'model', density: 0.1 })).rejects.toThrow(/needs a model/);
  });
});

describe('FootnotesService: Gaussian latents and compressed sensing', () => {
  const svc = new FootnotesService();

  it('gaussian: histogram, fit and Q–Q shapes; kurtosis falls with features per dimension; a model source uses its W', async () => {
    const r = await svc.gaussian({
      source: 'random',
      m: 4,
      featuresPerDimension: 8,
      density: 0.1,
      samples: 20_000,
      curveRatios: [1, 4, 16],
      curveSamples: 20_000,
    });
    expect(r.n).toBe(32);
    expect(r.m).toBe(4);
    expect(r.featuresPerDimension).toBe(8);
    expect(r.edges).toHaveLength(61);
    expect(r.density).toHaveLength(60);
    expect(r.normalDensity).toHaveLength(60);
    expect(r.qqTheoretical).toHaveLength(99);
    expect(r.qqSample).toHaveLength(99);
    expect(r.perDimension).toHaveLength(4);
    expect(r.curve.map((c) => c.ratio)).toEqual([1, 4, 16]);
    verbose(
      'kurtosis by features/dim (m = 4, 1−S = 0.1):',
      r.curve.map((c) => `${c.ratio}: ${c.mean.toFixed(2)}`).join(', '),
      '· histogram point',
      r.excessKurtosis.toFixed(2),
    );
    expect(r.curve[0].mean).toBeGreaterThan(r.curve[1].mean);
    expect(r.curve[1].mean).toBeGreaterThan(r.curve[2].mean);
    let area = 0;
    for (let i = 0; i < 60; i++) area += r.density[i] * (r.edges[i + 1] - r.edges[i]);
    expect(area).toBeCloseTo(1, 6);

    const fromModel = await svc.gaussian({
      source: 'model',
      model: model(polygon(5), 5, 2),
      density: 0.1,
      dimension: 1,
      samples: 5000,
      curveRatios: [2],
      curveSamples: 2000,
    });
    expect([fromModel.n, fromModel.m, fromModel.dimension, fromModel.featuresPerDimension]).toEqual([5, 2, 1, 2.5]);
    expect(fromModel.excessKurtosis).toBeGreaterThan(1); // 5 sparse features per 2 dims: still far from Gaussian
  });

  it('compressedSensing: one curve per n with widths, partial results as they finish, no tensor leak', async () => {
    const before = liveTensorCount();
    const partial: number[] = [];
    const progress: Progress[] = [];
    const r = await svc.compressedSensing(
      { ns: [16, 32], trials: 6, ratios: [0.125, 0.5, 1] },
      (p) => progress.push(p),
      (c) => partial.push(c.n),
    );
    expect(liveTensorCount()).toBe(before);
    expect(partial).toEqual([16, 32]);
    expect(progress[progress.length - 1]).toMatchObject({ done: 2, total: 2 });
    expect(r.curves.map((c) => [c.n, c.m, c.trials])).toEqual([
      [16, 8, 6],
      [32, 16, 6],
    ]);
    for (const c of r.curves) {
      expect(c.ks.length).toBe(c.success.length);
      expect(c.ratios.length).toBe(c.success.length);
      expect(c.success[0]).toBeCloseTo(1, 9); // one non-zero among 16 or 32 from half as many measurements
      expect(c.success[c.success.length - 1]).toBeLessThanOrEqual(0.5); // k = m: hopeless
    }
    // Default trial counts by n, scaled.
    const scaled = await svc.compressedSensing({ ns: [25], trialsScale: 0.25, ratios: [0.2] });
    expect(scaled.curves[0].trials).toBe(12); // 48 × ¼
  });
});

describe('default sizes (timings on this machine, wasm)', () => {
  it('each experiment at its section default on a trained n = 20, m = 5, 1−S = 0.1 model', async () => {
    const n = 20;
    const m = 5;
    const config = seedsConfig({ n, m, density: 0.1, decay: 0.9, seeds: [1] });
    const trainer = new JsTrainer(config);
    trainer.stepSync(3000);
    const best = bestInstance(config, await trainer.read());
    const trained: ModelData = {
      W: best.W,
      b: Float32Array.from(best.b),
      n,
      m,
      kind: 'relu',
      importance: geometricImportance(n, 0.9),
      density: constantVector(n, 0.1),
    };
    const svc = new FootnotesService();
    const t = async <T>(label: string, f: () => Promise<T>) => {
      const t0 = performance.now();
      const out = await f();
      verbose(`${label}: ${(performance.now() - t0).toFixed(0)} ms`);
      return out;
    };
    const rd = await t('removeDirection (all 20 features, 20k samples)', () => svc.removeDirection({ model: trained }));
    verbose('  doubled others per removed feature:', Array.from(rd.doubledOthers).join(' '));
    const dict = await t('dictionary (k = 2n, d = 1000, 40×30)', () => svc.dictionary({ model: trained, k: 2 * n }));
    verbose(
      `  recovered ${(100 * dict.fraction).toFixed(0)}% of ${dict.represented.length} represented (axes ${(100 * dict.axisFraction).toFixed(0)}%)`,
    );
    await t('dictionary (k = 4n, d = 1000)', () => svc.dictionary({ model: trained, k: 4 * n }));
    const curves = await t('dictionaryCurves (4 densities + 4 k/n, the k = 2n run reused)', () =>
      svc.dictionaryCurves({ model: trained, known: [{ density: 0.1, k: 2 * n, fraction: dict.fraction }] }),
    );
    verbose(
      '  by 1−S:',
      curves.byDensity.map((p) => `${p.density}:${p.fraction.toFixed(2)}`).join(' '),
      '· by k/n:',
      curves.byRatio.map((p) => `${p.ratio}:${p.fraction.toFixed(2)}`).join(' '),
    );
    const l1 = await t('l1Margin (6 λ, 500 steps, eval 100k)', () => svc.l1Margin({ model: trained }));
    verbose(
      '  ',
      l1.rows
        .map(
          (r) =>
            `λ=${r.lambda.toExponential(1)} Δloss ${(100 * r.relativeLoss).toFixed(2)}% Δsup ${(100 * r.relativeSuperposition).toFixed(1)}%`,
        )
        .join(' | '),
      '· margin λ',
      l1.marginLambda,
    );
    await t('gaussian (random, m = 8, 8 features/dim, 50k + 6×20k samples)', () =>
      svc.gaussian({ source: 'random', density: 0.1 }),
    );
    const cs = await t('compressedSensing (n = 25, 50, 100, 200; 48/32/16/8 trials; 15 ratios; 6×40)', () =>
      svc.compressedSensing({}),
    );
    for (const c of cs.curves)
      verbose(
        `  n=${c.n}: ${c.trials} trials, width ${c.width.toFixed(3)} (${c.start.toFixed(3)}–${c.end.toFixed(3)}), ${c.ms.toFixed(0)} ms`,
      );
    expect(cs.curves).toHaveLength(4);
  });
});
