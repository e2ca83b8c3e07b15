/** The sweep's JSON export, built a model at a time in a worker: the same file as built at once. */
import { describe, expect, it } from 'vitest';
import { geometryTrainConfig } from '../../../src/experiments/geometry/params';
import { sweepJsonTask, sweepModelsJson, sweepModelsJsonPaced } from '../../../src/experiments/geometry/run';
import { Rng } from '../../../src/model/rng';

describe('the sweep JSON, paced', () => {
  it('is the file sweepModelsJson builds, and pauses before every model', async () => {
    const config = geometryTrainConfig({ n: 6, m: 2, sparsities: 4, maxInvDensity: 20, seed: 3 });
    const rng = new Rng(5);
    const state = {
      W: Float32Array.from({ length: 4 * 6 * 2 }, () => rng.normal()),
      b: Float32Array.from({ length: 4 * 6 }, () => 0.1 * rng.normal()),
      loss: Float32Array.of(0.4, 0.3, 0.2, 0.1),
      step: 500,
    };
    const run = { path: 'simd', seconds: 2 };
    let pauses = 0;
    const paced = await sweepModelsJsonPaced(config, state, run, async () => void pauses++);
    expect(pauses).toBe(4);
    expect(paced).toEqual(sweepModelsJson(config, state, run));
    // The export worker's task is the same, letting a newer click in between models.
    let breaths = 0;
    const ctx = { check: () => undefined, breathe: async () => void breaths++, progress: () => undefined };
    expect(await sweepJsonTask({ config, state, run }, { ...ctx, partial: () => undefined })).toEqual(paced);
    expect(breaths).toBe(4);
  });
});
