/** The geometry section's URL state, its training config and cost estimate, and the size it opens at. */
import { describe, expect, it } from 'vitest';
import { GEOMETRY_PARAMS, estimatedCpuSeconds, geometryTrainConfig } from '../../../src/experiments/geometry/params';
import { PENTAGON_PARAMS } from '../../../src/experiments/perturbed-pentagon/params';
import { defaults, parseParams } from '../../../src/state/url-params';

describe('geometry URL state', () => {
  it('defaults to the small sweep and accepts the paper and notebook sizes', () => {
    // The sweep's settings and the perturbed pentagon's (its own experiment in the same section).
    expect(defaults(GEOMETRY_PARAMS)).toEqual({
      n: 40,
      m: 4,
      sparsities: 12,
      maxInvDensity: 20,
      steps: 4000,
      seed: 1,
      selected: -1,
      live: false,
    });
    expect(defaults(PENTAGON_PARAMS)).toEqual({ seeds: 4, steps: 6000, baseDensity: 0.05 });
    expect(parseParams(GEOMETRY_PARAMS, '?gn=400&gm=30&gcount=20&gsteps=10000').ignored).toEqual([]);
    expect(parseParams(GEOMETRY_PARAMS, '?gn=200&gm=20').values).toMatchObject({ n: 200, m: 20 });
    const bad = parseParams(GEOMETRY_PARAMS, '?gn=5000&gmodel=40&gmax=0.5');
    expect(bad.values).toMatchObject({ n: 40, selected: -1, maxInvDensity: 20 });
    expect(bad.ignored).toHaveLength(3);
  });

  it('builds one instance per sparsity with a shard-independent initialisation', () => {
    const c = geometryTrainConfig(defaults(GEOMETRY_PARAMS));
    expect([c.n, c.m, c.instances.length, c.batchSize]).toEqual([40, 4, 12, 1024]);
    expect(c.initStd).toBeCloseTo(Math.sqrt(2 / (4 * (40 + 12))), 12);
    expect(1 / c.instances[11].density[0]).toBeCloseTo(20, 4);
    // the simd path's measured cost (scratch timings, one core): the default ≈ 19 s (4.7 ms a
    // step × 4000), the paper's size ≈ 26 min (155 ms a step × 10,000); halved on two workers
    const small = estimatedCpuSeconds(defaults(GEOMETRY_PARAMS), 1);
    const paper = estimatedCpuSeconds({ n: 400, m: 30, sparsities: 20, maxInvDensity: 20, steps: 10_000 }, 1);
    expect(small).toBeGreaterThan(19 * 0.7);
    expect(small).toBeLessThan(19 * 1.3);
    expect(paper).toBeGreaterThan(1550 * 0.8);
    expect(paper).toBeLessThan(1550 * 1.2);
    expect(estimatedCpuSeconds({ n: 400, m: 30, sparsities: 20, maxInvDensity: 20, steps: 10_000 }, 2)).toBeCloseTo(
      paper / 2,
      6,
    );
  });
});

describe('geometry: defaults follow the speed', () => {
  it('opens at the biggest size whose 10,000 steps fit in three minutes', async () => {
    const { sizeForSpeed, OPEN_BIGGER_WITHIN_S } = await import('../../../src/experiments/geometry/run');
    expect(OPEN_BIGGER_WITHIN_S).toBe(180);
    // 5 ms a notebook step: 50 s; the paper at 3× the work: 150 s → the paper.
    expect(sizeForSpeed(0.005, 3)).toEqual({ id: 'paper', seconds: 150 });
    // 15 ms: 150 s for the notebook, 450 s for the paper → the notebook.
    expect(sizeForSpeed(0.015, 3)).toEqual({ id: 'notebook', seconds: 150 });
    // 31.5 ms (this project's 2-core machine): 315 s → stay small.
    expect(sizeForSpeed(0.0315, 3).id).toBe('small');
    expect(sizeForSpeed(NaN, 3).id).toBe('small');
  });
});
