/**
 * The variant analyses on hand-built weights, where the right answer is known exactly.
 */
import { describe, expect, it } from 'vitest';
import { constantVector, geometricImportance } from '../../../src/model/config';
import { gram } from '../../../src/model/metrics';
import { Rng } from '../../../src/model/rng';
import {
  adversarialVulnerability,
  attackDirections,
  noSuperpositionBaseline,
} from '../../../src/model/variants/adversarial';
import {
  classifyNeurons,
  countNeurons,
  findAsymmetricMotifs,
  neuronStacks,
  representedByGain,
  setGeometry,
} from '../../../src/model/variants/analysis';
import { verbose } from '../../helpers/log';

/** Feature-major [n, m] from neuron columns (cols[k][i] = weight of feature i in neuron k). */
function fromColumns(cols: number[][]): Float32Array {
  const m = cols.length;
  const n = cols[0].length;
  const W = new Float32Array(n * m);
  for (let k = 0; k < m; k++) for (let i = 0; i < n; i++) W[i * m + k] = cols[k][i];
  return W;
}

describe('classifyNeurons', () => {
  it('monosemantic iff one feature holds ≥ 90% of the squared mass; dead if weak or, on non-negative inputs, never firing', () => {
    const W = fromColumns([
      [1, 0.3, 0, 0], // 1/1.09 = 91.7%: monosemantic
      [1, 0.34, 0, 0], // 1/1.1156 = 89.6%: polysemantic
      [0, 0.7, 0.7, 0], // two features: polysemantic
      [0, 0, 0, -0.8], // no positive weight: never fires on [0, 1] inputs
      [0.05, 0, 0, 0.02], // strength 0.0029 < 0.01: dead
    ]);
    const c = classifyNeurons(W, 4, 5, { nonNegativeInputs: true });
    verbose(c.map((x) => `${x.neuron}:${x.status}(${x.primaryShare.toFixed(3)})`).join(' '));
    expect(c.map((x) => x.status)).toEqual(['monosemantic', 'polysemantic', 'polysemantic', 'dead', 'dead']);
    expect(c[2].features).toEqual([1, 2]);
    expect(countNeurons(c)).toEqual({ monosemantic: 1, polysemantic: 2, dead: 2 });
    // on signed inputs a negative-only neuron fires (ReLU(−x)): monosemantic
    expect(classifyNeurons(W, 4, 5)[3].status).toBe('monosemantic');
  });

  it('ignores the leftover weights of features the model does not represent', () => {
    // neuron 0: feature 0 (weight 1) plus 0.1 from each of 28 dropped features (‖W_i‖ = 0.1);
    // neuron 1: feature 1 alone. Over all features neuron 0 would hold only 1/1.28 = 78%.
    const n = 30;
    const cols = [
      Array.from({ length: n }, (_, i) => (i === 0 ? 1 : i === 1 ? 0 : 0.1)),
      Array.from({ length: n }, (_, i) => (i === 1 ? 1 : 0)),
    ];
    const W = fromColumns(cols);
    const rep = representedByGain(W, n, 2);
    expect(rep.filter(Boolean).length).toBe(2);
    const c = classifyNeurons(W, n, 2);
    verbose(
      `represented-only share ${c[0].primaryShare.toFixed(3)}; over all features ${classifyNeurons(W, n, 2, { represented: Array(n).fill(true) })[0].primaryShare.toFixed(3)}`,
    );
    expect(c.map((x) => x.status)).toEqual(['monosemantic', 'monosemantic']);
    expect(classifyNeurons(W, n, 2, { represented: Array(n).fill(true) })[0].status).toBe('polysemantic');
  });
});

describe('neuronStacks', () => {
  it('rescales untied neurons so the largest |W1| is 1 (W2 divided by the same factor), stacks ±, sorts by primary feature', () => {
    // neurons: 0 reads −x1, 1 reads x0 (with −x2 secondary, scaled by 2), 2 reads x1, 3 reads −x0
    const W1 = fromColumns([
      [0, -3, 0],
      [2, 0, -0.5],
      [0, 0.5, 0],
      [-1, 0, 0.2],
    ]);
    const W2 = fromColumns([
      [0, 1 / 3, 0],
      [0.5, 0, 2],
      [0, 2, 0],
      [1, 0, 0],
    ]);
    const s = neuronStacks(W1, 3, 4, { W2 });
    verbose(
      s.map((x) => `${x.neuron}(p${x.primary}${x.primarySign > 0 ? '+' : '−'} ×${x.scale.toFixed(2)})`).join(' '),
    );
    expect(s.map((x) => x.neuron)).toEqual([1, 3, 2, 0]); // feature 0: +, −; feature 1: +, −
    const n1 = s[0];
    expect(n1.scale).toBeCloseTo(0.5, 12);
    expect(Array.from(n1.weights)).toEqual([1, 0, -0.25]);
    expect(Array.from(n1.outWeights)).toEqual([1, 0, 4]);
    expect(n1.segments).toEqual([
      { feature: 0, weight: 1, y0: 0, y1: 1 },
      { feature: 2, weight: -0.25, y0: -0.25, y1: 0 },
    ]);
    for (const x of s) expect(Math.max(...Array.from(x.weights, Math.abs))).toBeCloseTo(1, 6);
    // the end-to-end map W2·W1 per neuron is unchanged by the rescaling
    for (const x of s) {
      for (let i = 0; i < 3; i++)
        expect(x.weights[0] * x.outWeights[i]).toBeCloseTo(W1[0 * 4 + x.neuron] * W2[i * 4 + x.neuron], 6);
    }
    // tied stacks are not rescaled
    expect(neuronStacks(W1, 3, 4).every((x) => x.scale === 1)).toBe(true);
  });
});

describe('findAsymmetricMotifs ("Computation in Superposition")', () => {
  // The paper's example: neuron 0 reads feature a = 0 with weight 2 and v = 1 with −1/2, writes
  // 1/2 to a and 2 to v; neuron 1 fires on x_a > 0 and inhibits v.
  const W1 = fromColumns([
    [2, -0.5],
    [1, 0],
  ]);
  const W2 = fromColumns([
    [0.5, 2],
    [0, -4],
  ]);

  it('finds the motif with its inhibitor', () => {
    const found = findAsymmetricMotifs(W1, W2, 2, 2);
    verbose(JSON.stringify(found));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ neuron: 0, strong: 0, victim: 1, inhibitor: 1, oppositeSigns: true });
    expect(found[0].inputRatio).toBeCloseTo(4, 12);
    expect(found[0].outputRatio).toBeCloseTo(4, 12);
    expect(found[0].inhibitionCover).toBeCloseTo(1, 12);
  });

  it('is invariant to rescaling a neuron, and needs the inhibitor unless told otherwise', () => {
    const a = Float32Array.from(W1);
    const b = Float32Array.from(W2);
    for (let i = 0; i < 2; i++) {
      a[i * 2] *= 3;
      b[i * 2] /= 3;
    }
    expect(findAsymmetricMotifs(a, b, 2, 2)).toHaveLength(1);
    b[1 * 2 + 1] = 0; // remove the inhibition of v by neuron 1
    expect(findAsymmetricMotifs(a, b, 2, 2)).toHaveLength(0);
    const loose = findAsymmetricMotifs(a, b, 2, 2, { allowUninhibited: true });
    expect(loose).toHaveLength(1);
    expect(loose[0].inhibitor).toBe(-1);
  });

  it('finds nothing in the symmetric ReLU(x) + ReLU(−x) solution', () => {
    const W1s = fromColumns([
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ]);
    const W2s = fromColumns([
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
    ]);
    expect(findAsymmetricMotifs(W1s, W2s, 2, 4, { allowUninhibited: true })).toHaveLength(0);
  });
});

describe('setGeometry', () => {
  it('reports within-set angles', () => {
    const W = Float32Array.from([1, 0, 0, 1, -1, 0, 0.6, 0.8]);
    const g = setGeometry(W, 2, [
      { kind: 'correlated', features: [0, 1] },
      { kind: 'anticorrelated', features: [0, 2] },
    ]);
    expect(g[0].angles[0].degrees).toBeCloseTo(90, 6);
    expect(g[1].angles[0].degrees).toBeCloseTo(180, 3);
  });
});

describe('analytic adversarial attack ("Relationship to Adversarial Robustness")', () => {
  it('attack directions are the normalised rows of WᵀW for a tied model', () => {
    const rng = new Rng(3);
    const W = Float32Array.from({ length: 12 }, () => rng.normal());
    const D = attackDirections({ W1: W, W2: W, b: new Float32Array(4) }, 4, 3);
    const G = gram(W, 4, 3);
    for (let i = 0; i < 4; i++) {
      const norm = Math.hypot(...Array.from(G.subarray(i * 4, i * 4 + 4)));
      for (let j = 0; j < 4; j++) expect(D[i * 4 + j]).toBeCloseTo(G[i * 4 + j] / norm, 6);
    }
  });

  it('on the non-superposition baseline the increase is I_max·λ²/n exactly, and its ratio is 1', () => {
    const n = 8;
    const m = 3;
    const inst = { density: constantVector(n, 0.2), importance: geometricImportance(n, 0.9) };
    const base = noSuperpositionBaseline(inst.importance, inst.density, m);
    expect(Array.from(base.b)).toEqual([0, 0, 0, 0.1, 0.1, 0.1, 0.1, 0.1].map(Math.fround));
    const v = adversarialVulnerability({ n, m, kind: 'relu' }, inst, base, { samples: 3000 });
    const expected = (inst.importance[0] * v.budget ** 2) / n;
    verbose(
      `baseline: budget ${v.budget.toFixed(4)} (mean norm ${v.meanNorm.toFixed(4)}), increase ${v.baselineIncrease.toExponential(4)} vs ${expected.toExponential(4)}, worst feature ${v.baseline.feature}`,
    );
    expect(v.budget).toBeCloseTo(0.1 * v.meanNorm, 12);
    expect(Math.abs(v.baselineIncrease - expected) / expected).toBeLessThan(1e-9);
    expect(v.baseline.feature).toBe(0);
    expect(v.ratio).toBeCloseTo(1, 9);
  });

  it('superposition (an antipodal pair sharing one dimension) is more vulnerable than the baseline', () => {
    // n = 2, m = 1, features antipodal: WᵀW = [[1, −1], [−1, 1]]; bias 0
    const W = Float32Array.from([1, -1]);
    const inst = { density: constantVector(2, 0.1), importance: constantVector(2, 1) };
    const v = adversarialVulnerability(
      { n: 2, m: 1, kind: 'relu' },
      inst,
      { W1: W, W2: W, b: new Float32Array(2) },
      { samples: 4000 },
    );
    verbose(`antipodal pair vulnerability ${v.ratio.toFixed(3)}`);
    expect(v.ratio).toBeGreaterThan(1.5);
  });
});

describe('presets', () => {
  it('are valid configs, density-major, and bestPerGroup picks within each group', async () => {
    const { validateTrainConfig } = await import('../../../src/model/config');
    const presets = await import('../../../src/model/variants/presets');
    const all = [
      presets.correlatedPairs(),
      presets.anticorrelatedPairs(),
      presets.threeCorrelatedPairs(),
      presets.localOrthogonalBases(),
      presets.privilegedBasis(2),
      presets.absNoSuperposition(),
      presets.absSweep(),
      presets.adversarialSweep(),
    ];
    for (const p of all) {
      expect(() => validateTrainConfig(p.config)).not.toThrow();
      expect(p.config.instances.length).toBe(p.densities.length * p.seeds);
      p.densities.forEach((d, g) => expect(p.config.instances[g * p.seeds].density[0]).toBeCloseTo(d, 6));
    }
    expect(presets.correlatedPairs().densities.map((d) => +d.toFixed(4))).toEqual([
      0.05, 0.0236, 0.0112, 0.0053, 0.0025,
    ]);
    expect(presets.anticorrelatedPairs().densities.map((d) => +d.toFixed(3))).toEqual([
      0.316, 0.237, 0.178, 0.133, 0.1,
    ]);
    // bestPerGroup: train briefly, then spoil one seed per group (every weight 3: huge outputs)
    for (const p of [presets.privilegedBasis(2, [1, 0.3]), presets.absSweep(2)]) {
      const { VariantTrainer } = await import('../../../src/train/variants/variant-trainer');
      const { weightsPerInstance } = await import('../../../src/model/variants/model');
      const t = new VariantTrainer({ ...p.config, instances: p.config.instances.slice(0, 4) });
      t.stepSync(10);
      const s = await t.read();
      const per = weightsPerInstance(p.config);
      s.W.fill(3, 0, per); // group 0: seed 0 spoiled
      s.W.fill(3, 3 * per, 4 * per); // group 1: seed 1 spoiled
      const best = presets.bestPerGroup(
        { config: { ...p.config, instances: p.config.instances.slice(0, 4) }, seeds: 2 },
        s.W,
        s.b,
        { samples: 2000 },
      );
      expect(best).toEqual([1, 2]);
    }
  });
});
