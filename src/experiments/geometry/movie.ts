/**
 * The learning-dynamics movie of the inspected model: that one model of the sweep trained again from
 * step 0 in the movie worker (its seed, the sweep's initial scale and the sweep's path: bit for bit
 * the states it went through in the batched run, each instance being independent), a state kept
 * every steps/300 steps, and each frame the timeline chart — every feature's D_i and the loss over the
 * whole run — with the cursor at the frame's step (movie-frames.ts, loaded on demand).
 */
import type { MovieSource } from '../../charts/movie/source';
import { frameSteps } from '../../charts/movie/timing';
import { notebookInitStd } from '../../model/config';
import { shardConfig } from '../../train/shards';
import type { TrainPath } from '../../train/trainer';
import { movieTasks } from '../task-clients';
import type { DynamicsMovieInput } from './movie-frames';

export type { DynamicsMovieInput };

/** The inspected model's movie, once the sweep has trained (null before), on the path the sweep trains on. */
export function dynamicsMovie(
  trained: { path: TrainPath } | null,
  input: Omit<DynamicsMovieInput, 'path'>,
): MovieSource | null {
  return trained ? dynamicsMovieSource({ ...input, path: trained.path }) : null;
}

export function dynamicsMovieSource(input: DynamicsMovieInput): MovieSource {
  const { config, selected } = input;
  const initStd = config.initStd ?? notebookInitStd(config.n, config.m, config.instances.length);
  const one = shardConfig(config, [selected], initStd);
  return {
    load: async (signal, onProgress) => {
      const steps = frameSteps(input.steps);
      const [result, lib] = await Promise.all([
        movieTasks().run('movie-train', { config: one, path: input.path, steps }, { onProgress }),
        import('./movie-frames'),
      ]);
      if (signal.aborted) throw new DOMException('movie cancelled', 'AbortError');
      return lib.dynamicsFrames(input, result);
    },
  };
}
