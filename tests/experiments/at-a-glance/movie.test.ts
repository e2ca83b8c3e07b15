/**
 * The at-a-glance movie's frames, headless: the 'movie-train' task re-trains the link's run and keeps
 * its state at every frame's step — the states a straight run passes through, bit for bit — and the
 * frames are the panels' charts of the best seed at those steps, the same markup on every run.
 */
import { describe, expect, it } from 'vitest';
import { frameSteps } from '../../../src/charts/movie/timing';
import { glanceMovie } from '../../../src/experiments/at-a-glance/movie';
import { glanceFrames } from '../../../src/experiments/at-a-glance/movie-frames';
import { GLANCE_PARAMS, glanceTrainConfig } from '../../../src/experiments/at-a-glance/params';
import { defaults } from '../../../src/state/url-params';
import { createTrainer } from '../../../src/train/basic/paths';
import type { Progress } from '../../../src/worker/tasks';
import { parse } from '../../charts/svg';
import { runTask } from '../tasks';

const state = { ...defaults(GLANCE_PARAMS), steps: 400 };
const config = glanceTrainConfig(state);
const steps = frameSteps(state.steps, 40);

describe('the at-a-glance movie', () => {
  it('keeps the run’s state at each frame’s step: the same as training straight to it', async () => {
    const progress: Progress[] = [];
    const result = await runTask('movie-train', { config, path: 'js', steps }, (p) => progress.push(p));
    expect(result.steps).toEqual(steps);
    const I = config.instances.length;
    const size = I * config.n * config.m;
    expect(result.W).toHaveLength(40 * size);
    expect(result.loss).toHaveLength(40 * I);
    expect(result.evalLoss).toHaveLength(I);
    expect(progress.at(-1)).toMatchObject({ done: 400, total: 400, label: 'training' });
    for (const f of [0, 19, 39]) {
      const trainer = await createTrainer(config, 'js');
      await trainer.step(steps[f]);
      const st = await trainer.read();
      trainer.dispose();
      expect(Array.from(result.W.subarray(f * size, (f + 1) * size))).toEqual(Array.from(st.W));
    }
  });

  it('draws every frame with the panel’s chart, the same markup each time, at one size', async () => {
    const result = await runTask('movie-train', { config, path: 'js', steps });
    for (const figure of ['wtw-bias', 'feature-norms', 'feature-geometry', 'loss-curve'] as const) {
      const a = glanceFrames({ figure, title: 'T', state, config, result });
      const b = glanceFrames({ figure, title: 'T', state, config, result });
      expect(a.count).toBe(40);
      expect(a.fps).toBe(30);
      expect(a.about.steps).toEqual(steps);
      const first = a.svg(0);
      expect(parse(first).errors).toEqual([]);
      expect(first).toMatch(/step 10 · loss/);
      expect(a.svg(39)).toMatch(/step 400 · loss/);
      expect(b.svg(17)).toBe(a.svg(17));
      expect(a.svg(39)).not.toBe(first);
      const root = parse(a.svg(39)).doc.documentElement!;
      expect([Number(root.getAttribute('width')), Number(root.getAttribute('height'))]).toEqual([a.width, a.height]);
    }
  });

  it('each panel that changes with training has a movie once a run is drawn; the plane only for m = 2', () => {
    const run = { state, path: 'js' as const };
    expect(glanceMovie('feature-geometry', run, 2)).toBeTruthy();
    expect(glanceMovie('feature-geometry', run, 3)).toBeUndefined();
    expect(glanceMovie('wtw-bias', null, 2)).toBeNull();
    expect(glanceMovie('loss-shares', run, 2)).toBeUndefined();
  });
});
