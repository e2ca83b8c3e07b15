/**
 * The variant trainer's hand-written gradients against central finite differences, the generated
 * kernel against the generic loop, the JsTrainer equivalence of basic models, the untied layout,
 * and createTrainer's dispatch.
 */
import { describe, expect, it } from 'vitest';
import {
  PAPER_OPTIMIZER,
  constantVector,
  geometricImportance,
  type FeatureSet,
  type ModelKind,
  type TrainConfig,
} from '../../../src/model/config';
import { Rng } from '../../../src/model/rng';
import { consecutiveSets, variantBatch, variantData } from '../../../src/model/variants/correlated-data';
import {
  instanceParams,
  needsVariantTrainer,
  variantLoss,
  variantModel,
  weightsPerInstance,
} from '../../../src/model/variants/model';
import { createTrainer } from '../../../src/train/basic/paths';
import { JsTrainer } from '../../../src/train/basic/js-trainer';
import {
  GradScratch,
  VariantTrainer,
  compileVariantKernel,
  variantLossAndGradient,
  type VariantGradArgs,
} from '../../../src/train/variants/variant-trainer';
import { verbose } from '../../helpers/log';

interface Case {
  name: string;
  kind: ModelKind;
  untied?: boolean;
  sets?: FeatureSet[];
}

const CASES: Case[] = [
  {
    name: 'ReLU output, tied, correlated + anticorrelated sets',
    kind: 'relu',
    sets: [
      { kind: 'correlated', features: [0, 1] },
      { kind: 'anticorrelated', features: [2, 3] },
    ],
  },
  { name: 'linear, tied, correlated sets', kind: 'linear', sets: [{ kind: 'correlated', features: [1, 2, 3] }] },
  { name: 'ReLU hidden layer, tied (privileged basis, "Superposition in a Privileged Basis")', kind: 'relu-hidden' },
  { name: 'ReLU hidden layer, untied', kind: 'relu-hidden', untied: true },
  { name: 'absolute value, untied ("Computation in Superposition")', kind: 'abs' },
  { name: 'ReLU output, untied', kind: 'relu', untied: true },
];

const N = 5;
const M = 3;
const B = 24;

function setup(c: Case) {
  const model = variantModel({ kind: c.kind, untied: c.untied });
  const rng = new Rng(1234);
  const W1 = Float64Array.from({ length: N * M }, () => 0.6 * rng.normal());
  const W2 = model.tied ? W1 : Float64Array.from({ length: N * M }, () => 0.6 * rng.normal());
  const b = Float64Array.from({ length: N }, () => 0.2 * rng.normal());
  // density 0.35: some all-zero rows, some rows with several features on
  const X = variantBatch(B, variantData(constantVector(N, 0.35), c.sets ?? [], model.signedInputs), new Rng(99));
  const importance = geometricImportance(N, 0.8);
  return { model, W1, W2, b, X, importance };
}

describe('hand-written gradients match finite differences', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const { model, W1, W2, b, X, importance } = setup(c);
      let zeroRows = 0;
      for (let r = 0; r < B; r++) if (X.subarray(r * N, (r + 1) * N).every((v) => v === 0)) zeroRows++;
      const args: VariantGradArgs = {
        model,
        n: N,
        m: M,
        W1,
        w1Off: 0,
        W2,
        w2Off: 0,
        b,
        bOff: 0,
        X,
        B,
        importance,
        gW1: new Float64Array(N * M),
        gW2: model.tied ? new Float64Array(0) : new Float64Array(N * M),
        gb: new Float64Array(N),
      };
      if (model.tied) args.gW2 = args.gW1;
      const loss = variantLossAndGradient(args);
      const lossOf = () => variantLoss(model, { W1, W2, b }, X, B, importance, M);
      expect(Math.abs(loss - lossOf())).toBeLessThan(1e-12);
      const h = 1e-6;
      let worst = 0;
      let count = 0;
      const check = (p: Float64Array, g: Float64Array) => {
        for (let q = 0; q < p.length; q++) {
          const v = p[q];
          p[q] = v + h;
          const up = lossOf();
          p[q] = v - h;
          const down = lossOf();
          p[q] = v;
          const fd = (up - down) / (2 * h);
          const err = Math.abs(fd - g[q]) / Math.max(1e-4, Math.abs(fd) + Math.abs(g[q]));
          worst = Math.max(worst, err);
          count += +(Math.abs(g[q]) > 1e-6);
        }
      };
      check(W1, args.gW1);
      if (!model.tied) check(W2, args.gW2);
      check(b, args.gb);
      verbose(
        `${c.name}: loss ${loss.toFixed(6)}, ${zeroRows} zero rows of ${B}, ${count} non-zero partials, worst relative error ${worst.toExponential(2)}`,
      );
      expect(zeroRows).toBeGreaterThan(0);
      expect(count).toBeGreaterThan(N * M * 0.5); // the check is not vacuous
      expect(worst).toBeLessThan(1e-5);
    });
  }

  it('the generated kernel computes the same loss and gradients as the generic loop', () => {
    for (const c of CASES) {
      const { model, W1, W2, b, X, importance } = setup(c);
      const mk = () => {
        const gW1 = new Float64Array(N * M);
        return { gW1, gW2: model.tied ? gW1 : new Float64Array(N * M), gb: new Float64Array(N) };
      };
      const g1 = mk();
      const g2 = mk();
      const common = {
        model,
        n: N,
        m: M,
        W1,
        w1Off: 0,
        W2,
        w2Off: 0,
        b,
        bOff: 0,
        X,
        B,
        importance,
        scratch: new GradScratch(N, M),
      };
      const l1 = variantLossAndGradient({ ...common, ...g1 });
      const l2 = compileVariantKernel(N, M, model)({ ...common, ...g2 });
      expect(l2).toBeCloseTo(l1, 14);
      for (const k of ['gW1', 'gW2', 'gb'] as const) {
        for (let q = 0; q < g1[k].length; q++) expect(Math.abs(g1[k][q] - g2[k][q])).toBeLessThan(1e-15);
      }
    }
  });
});

function basicConfig(kind: ModelKind, over: Partial<TrainConfig> = {}): TrainConfig {
  return {
    n: 5,
    m: 2,
    kind,
    batchSize: 256,
    optimizer: { ...PAPER_OPTIMIZER },
    instances: [1, 0.3, 0.05].map((d, j) => ({
      seed: 10 + j,
      density: constantVector(5, d),
      importance: geometricImportance(5, 0.9),
    })),
    ...over,
  };
}

describe('VariantTrainer', () => {
  it('reproduces JsTrainer on the basic models (same init, data stream and maths)', async () => {
    for (const kind of ['relu', 'linear'] as const) {
      const config = basicConfig(kind);
      const a = new JsTrainer(config);
      const v = new VariantTrainer(config);
      const g = new VariantTrainer(config, { specialise: false });
      a.stepSync(300);
      v.stepSync(300);
      g.stepSync(300);
      const [sa, sv, sg] = await Promise.all([a.read(), v.read(), g.read()]);
      let diff = 0;
      for (let q = 0; q < sa.W.length; q++)
        diff = Math.max(diff, Math.abs(sa.W[q] - sv.W[q]), Math.abs(sa.W[q] - sg.W[q]));
      for (let q = 0; q < sa.b.length; q++)
        diff = Math.max(diff, Math.abs(sa.b[q] - sv.b[q]), Math.abs(sa.b[q] - sg.b[q]));
      verbose(
        `${kind}: max |ΔW|, |Δb| after 300 steps vs JsTrainer ${diff.toExponential(2)}; loss ${Array.from(sv.loss, (l) => l.toFixed(5)).join(' ')}`,
      );
      expect(diff).toBeLessThan(1e-6);
      expect(Array.from(sv.loss)).toEqual(Array.from(sa.loss));
    }
  });

  it('stores untied weights as [I, 2, n, m], round-trips setParams and rejects wrong shapes', async () => {
    const config = basicConfig('abs');
    const t = new VariantTrainer(config);
    expect(weightsPerInstance(config)).toBe(2 * 5 * 2);
    const s0 = await t.read();
    expect(s0.W.length).toBe(3 * 2 * 5 * 2);
    const p = instanceParams(config, s0.W, s0.b, 1);
    expect(p.W1).not.toBe(p.W2);
    expect(p.W1[0]).toBe(s0.W[20]);
    expect(p.W2[0]).toBe(s0.W[30]);
    // W1 starts as the tied init of the same seed; W2 from its own stream
    const tied = await new VariantTrainer(basicConfig('relu-hidden')).read();
    expect(Array.from(p.W1)).toEqual(Array.from(tied.W.subarray(10, 20)));
    expect(Array.from(p.W2)).not.toEqual(Array.from(p.W1));
    t.stepSync(5);
    const s1 = await t.read();
    const u = new VariantTrainer(config);
    u.setParams(s1.W, s1.b);
    expect(Array.from((await u.read()).W)).toEqual(Array.from(s1.W));
    expect(() => u.setParams(s1.W.subarray(0, 30), s1.b)).toThrow(/setParams/);
    expect(Number.isFinite(s1.loss[0])).toBe(true);
  });

  it('createTrainer sends the variants to VariantTrainer on js and refuses other paths', async () => {
    expect(needsVariantTrainer(basicConfig('relu'))).toBe(false);
    expect(await createTrainer(basicConfig('relu'), 'js')).toBeInstanceOf(JsTrainer);
    const variants = [
      basicConfig('relu-hidden'),
      basicConfig('abs'),
      basicConfig('relu', { untied: true }),
      basicConfig('relu', { featureSets: consecutiveSets('correlated', 2, 2) }),
    ];
    for (const config of variants) {
      expect(needsVariantTrainer(config)).toBe(true);
      expect(await createTrainer(config, 'js')).toBeInstanceOf(VariantTrainer);
      await expect(createTrainer(config, 'cpu')).rejects.toThrow(/JS path only/);
    }
  });
});
