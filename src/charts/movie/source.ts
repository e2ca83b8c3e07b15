/**
 * What a chart hands its figure for a training movie: frames rendered offline, one per checkpoint
 * of the run (not a screen recording), so the same link gives the same movie.
 */
export interface MovieFrames {
  /** Frame size in CSS pixels (every frame the same). */
  width: number;
  height: number;
  /** Number of frames. */
  count: number;
  /** Frame k as standalone SVG markup (deterministic). */
  svg(k: number): string;
}

export interface MovieSource {
  /** Builds the frames (e.g. re-trains the run with its seed and path, keeping a checkpoint per frame). */
  load(signal: AbortSignal): Promise<MovieFrames>;
}
