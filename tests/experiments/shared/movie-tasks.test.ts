/**
 * The movies' re-training is the page's run, bit for bit: one model of a geometry sweep trained alone
 * (its seed, the sweep's initial scale) ends where the batched sweep's instance does, and one SAE of a lab
 * run trained alone ends with the parameters the whole run gives it.
 */
import { describe, expect, it } from 'vitest';
import { frameSteps } from '../../../src/charts/movie/timing';
import { dynamicsFrames } from '../../../src/experiments/geometry/movie-frames';
import { GEOMETRY_PARAMS, geometryTrainConfig } from '../../../src/experiments/geometry/params';
import { labModelOf } from '../../../src/experiments/sparse-autoencoders/task';
import { runLab } from '../../../src/experiments/sparse-autoencoders/run';
import { labSettings, SAE_PARAMS } from '../../../src/experiments/sparse-autoencoders/params';
import { notebookInitStd } from '../../../src/model/config';
import { defaults } from '../../../src/state/url-params';
import { createTrainer } from '../../../src/train/basic/paths';
import { shardConfig } from '../../../src/train/shards';
import { runTask } from '../tasks';

describe('the movies re-train the page’s run', () => {
  it('a geometry sweep model trained alone is the batched run’s instance, and its frames draw', async () => {
    const config = geometryTrainConfig({ n: 6, m: 3, sparsities: 4, maxInvDensity: 10, seed: 1 });
    const steps = frameSteps(200, 20);
    const batched = await createTrainer(config, 'js');
    await batched.step(200);
    const all = await batched.read();
    batched.dispose();
    const one = shardConfig(config, [2], config.initStd ?? notebookInitStd(6, 3, 4));
    const result = await runTask('movie-train', { config: one, path: 'js', steps });
    const size = 6 * 3;
    expect(Array.from(result.W.subarray(19 * size, 20 * size))).toEqual(Array.from(all.W.subarray(2 * size, 3 * size)));
    const frames = dynamicsFrames(
      { config, selected: 2, path: 'js', steps: 200, settings: defaults(GEOMETRY_PARAMS) },
      result,
    );
    expect(frames.count).toBe(20);
    expect(frames.svg(19)).toMatch(/step 200 · loss/);
    expect(frames.svg(3)).toBe(frames.svg(3));
  });

  it('one SAE of a lab run trained alone ends with the parameters the whole run gives it', async () => {
    const settings = { ...labSettings({ ...defaults(SAE_PARAMS), model: 'pentagon', seeds: 2 }, 5), steps: 200 };
    const model = await labModelOf({ preset: 'pentagon' });
    const run = await runLab(model, settings);
    const index = run.instances.length - 1;
    const movie = await runTask('sae-movie', { model: { preset: 'pentagon' }, settings, index, steps: [50, 200] });
    expect(movie.steps).toEqual([50, 200]);
    expect(Array.from(movie.states[1].params.wDec)).toEqual(Array.from(run.final.instances[index].params.wDec));
    expect(movie.states[1].card.mcc).toBe(run.final.instances[index].card.mcc);
  });
});
