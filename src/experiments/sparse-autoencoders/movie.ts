/**
 * The lab's movies: the shown SAE trained again alone in the movie worker (movie-task.ts), a state every
 * steps/300 steps, and each frame the panel's chart of it — its decoder rows over the feature directions
 * (m = 2) or its features × latents |cos| matrix — under a line with the step and its scores. Only for a
 * finished run (the shown SAE is then fixed by the link and the reader's pick).
 */
import type { MovieSource } from '../../charts/movie/source';
import { frameSteps } from '../../charts/movie/timing';
import { movieTasks } from '../task-clients';
import type { LabSettings } from './lab';
import type { SaeMovieFigure, SaeMovieInput } from './movie-frames';
import type { ModelRequest } from './task';

export type { SaeMovieFigure, SaeMovieInput };

export function saeMovieSource(input: SaeMovieInput): MovieSource {
  return {
    load: async (signal, onProgress) => {
      const { model, settings, index } = input;
      const steps = frameSteps(settings.steps);
      const [result, lib] = await Promise.all([
        movieTasks().run('sae-movie', { model, settings, index, steps }, { onProgress }),
        import('./movie-frames'),
      ]);
      if (signal.aborted) throw new DOMException('movie cancelled', 'AbortError');
      return lib.saeFrames(input, result);
    },
  };
}

/** The shown SAE's movies once its run is done (null before), by the panel that asks. */
export function saeMovies(
  done: boolean,
  model: ModelRequest | null,
  settings: LabSettings,
  index: number,
): (figure: SaeMovieFigure, title: string) => MovieSource | null {
  return (figure, title) =>
    done && model && index >= 0 ? saeMovieSource({ figure, title, model, settings, index }) : null;
}
