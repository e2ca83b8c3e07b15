/** "Many sparse features add up to something Gaussian", its worker side. */
import { describe, expect, it } from 'vitest';
import { model, polygon, runTask } from '../tasks';

describe('gaussian-latents', () => {
  it('histogram, fit and Q–Q shapes; kurtosis falls with features per dimension', async () => {
    const r = await runTask('gaussian-latents', {
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
    expect(r.curve[0].mean).toBeGreaterThan(r.curve[1].mean);
    expect(r.curve[1].mean).toBeGreaterThan(r.curve[2].mean);
    let area = 0;
    for (let i = 0; i < 60; i++) area += r.density[i] * (r.edges[i + 1] - r.edges[i]);
    expect(area).toBeCloseTo(1, 6);
  });

  it('a model source uses its W; a model source without a model is an error', async () => {
    const fromModel = await runTask('gaussian-latents', {
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
    await expect(runTask('gaussian-latents', { source: 'model', density: 0.1 })).rejects.toThrow(/needs a model/);
  });
});
