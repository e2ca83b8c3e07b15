/**
 * What a chart hands its figure for a training movie: frames rendered offline from the run (its
 * settings re-trained with the same seeds and path, a state kept per frame; or its finished
 * result revealed in a fixed order), never a screen recording, so the same link gives the same
 * movie, frame for frame.
 */

/** How far building the frames has got (training steps, cells…). */
export interface MovieProgress {
  done: number;
  total: number;
  label: string;
}

/** What a movie shows, for its manifest: a line, the settings behind it, and each frame's step. */
export interface MovieAbout {
  description: string;
  settings?: unknown;
  /** What each frame shows (a training step, a count of cells), one number per frame. */
  steps?: readonly number[];
}

export interface MovieFrames {
  /** Frame size in CSS pixels (every frame the same). */
  width: number;
  height: number;
  /** Number of frames. */
  count: number;
  /** Frames per second the movie plays at. */
  fps: number;
  /** Frame k as standalone SVG markup (deterministic: a function of the link alone). */
  svg(k: number): string;
  about: MovieAbout;
}

export interface MovieSource {
  /** Builds the frames (e.g. re-trains the run with its seeds and path, keeping a state per frame). */
  load(signal: AbortSignal, onProgress?: (p: MovieProgress) => void): Promise<MovieFrames>;
}
