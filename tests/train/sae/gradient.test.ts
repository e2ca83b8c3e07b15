/** The fused SAE step's gradients against central finite differences of its own loss. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/model/rng';
import { saeInstance, type SaeInstanceSpec } from '../../../src/model/sae/config';
import { SaeBatchKernel, type KernelSettings } from '../../../src/train/sae/batch-kernel';
import { SaeLayout, initialiseInstance } from '../../../src/train/sae/layout';

const m = 3;
const B = 12;
const count = 9; // three all-zero samples

function setUp(spec: SaeInstanceSpec) {
  const lay = new SaeLayout({ m, instances: [spec] });
  const P = new Float64Array(lay.blockSize);
  initialiseInstance(P, 0, lay, spec, 0.05);
  const rng = new Rng(11);
  // Perturb everything away from the symmetric start (and biases away from 0) so every path is exercised.
  for (let i = 0; i < P.length; i++) P[i] += 0.3 * rng.normal();
  const H = new Float64Array((B + 1) * m);
  for (let i = 0; i < count * m; i++) H[i] = rng.uniform() * 1.5;
  const kernel = new SaeBatchKernel(lay, spec.prefixes.length + 1, B);
  const settings: KernelSettings = {
    coefficient: 0.2,
    bandwidth: 0.05,
    auxCoefficient: 1 / 32,
    dead: new Uint8Array(lay.lmax),
    deadCount: 0,
  };
  const loss = () => {
    kernel.run(P, 0, spec, settings, H, count, B);
    return kernel.loss;
  };
  return { lay, P, kernel, loss };
}

/** Every parameter the instance uses, except JumpReLU's threshold (its gradient is a straight-through estimate). */
function checkGradient(spec: SaeInstanceSpec) {
  const { lay, P, kernel, loss } = setUp(spec);
  loss();
  const G = Float64Array.from(kernel.G);
  const L = spec.latents;
  const used = [
    ...(spec.tied ? [] : Array.from({ length: L * m }, (_, i) => lay.wEnc + i)),
    ...Array.from({ length: L * m }, (_, i) => lay.wDec + i),
    ...Array.from({ length: L }, (_, i) => lay.bEnc + i),
    ...Array.from({ length: m }, (_, i) => lay.bDec + i),
  ];
  const eps = 1e-6;
  for (const i of used) {
    const p = P[i];
    P[i] = p + eps;
    const up = loss();
    P[i] = p - eps;
    const down = loss();
    P[i] = p;
    expect(G[i], `parameter ${i}`).toBeCloseTo((up - down) / (2 * eps), 6);
  }
  if (spec.tied) for (let i = 0; i < L * m; i++) expect(G[lay.wEnc + i]).toBe(0);
}

describe('the fused SAE step: gradients match finite differences of its loss', () => {
  it('L1 (ReLU) SAE, with all-zero samples in the batch', () => checkGradient(saeInstance(1, 5)));
  it('tied weights', () => checkGradient(saeInstance(2, 4, { tied: true })));
  it('TopK', () => checkGradient(saeInstance(3, 6, { kind: 'topk', k: 2 })));
  it('JumpReLU (encoder, decoder and biases)', () => checkGradient(saeInstance(4, 5, { kind: 'jumprelu' })));
  it('Matryoshka nested prefixes', () => checkGradient(saeInstance(5, 6, { prefixes: [1, 3] })));
});

describe('JumpReLU threshold', () => {
  it('gets a straight-through gradient from the samples within ε/2 of it', () => {
    const spec = saeInstance(6, 5, { kind: 'jumprelu' });
    const { lay, kernel, loss } = setUp(spec);
    loss();
    const g = Array.from(kernel.G.subarray(lay.logTheta, lay.logTheta + 5));
    expect(g.some((v) => v !== 0)).toBe(true);
  });
});
