/**
 * The at-a-glance movies: the run of the link trained again in the movie worker from step 0 (its
 * settings, seeds and path: bit for bit the states the page's run went through), a state kept every
 * steps/300 steps, and each frame drawn by the panel's own chart (movie-frames.ts, loaded with
 * react-dom/server only when a movie is asked for).
 */
import type { MovieSource } from '../../charts/movie/source';
import { frameSteps } from '../../charts/movie/timing';
import type { TrainPath } from '../../train/trainer';
import { movieTasks } from '../task-clients';
import { GLANCE_MOVIE_TITLES, isGlanceMovieFigure, type GlanceMovieFigure } from './movie-figures';
import { glanceTrainConfig, type GlanceState } from './params';

/** The settings a movie re-trains: the drawn run's, on the path it trained on ('auto' resolved). */
export interface GlanceMovieRun {
  state: GlanceState;
  path: TrainPath;
}

export function glanceMovieSource(figure: GlanceMovieFigure, title: string, run: GlanceMovieRun): MovieSource {
  return {
    load: async (signal, onProgress) => {
      const config = glanceTrainConfig(run.state);
      const steps = frameSteps(run.state.steps);
      const [result, lib] = await Promise.all([
        movieTasks().run('movie-train', { config, path: run.path, steps }, { onProgress }),
        import('./movie-frames'),
      ]);
      if (signal.aborted) throw new DOMException('movie cancelled', 'AbortError');
      return lib.glanceFrames({ figure, title, state: run.state, config, result });
    },
  };
}

/**
 * A panel's movie, for its ChartFigure: none for a panel that has none (or the hidden plane when
 * m ≠ 2, which the panel does not draw), null while no run is drawn yet.
 */
export function glanceMovie(name: string, run: GlanceMovieRun | null, m: number): MovieSource | null | undefined {
  if (!isGlanceMovieFigure(name) || (name === 'feature-geometry' && m !== 2)) return undefined;
  return run ? glanceMovieSource(name, GLANCE_MOVIE_TITLES[name], run) : null;
}
