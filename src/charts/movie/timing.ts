/**
 * When each frame of a training movie is taken and shown: the training steps the frames show, the
 * checkpoint a frame comes from, and each frame's timestamp (video, microseconds) or delay (GIF,
 * hundredths of a second). Pure: the same numbers for the same run, on every machine.
 */

/** Frames per second of every movie (lecture slides play it in real time: 300 frames, 10 s). */
export const MOVIE_FPS = 30;
/** At most this many frames a movie. */
export const MAX_FRAMES = 300;

/**
 * The steps of a run of `totalSteps` that the frames show: `min(maxFrames, totalSteps)` of them,
 * evenly spaced, the last at `totalSteps` (3,000 steps in 300 frames: 10, 20, …, 3,000).
 */
export function frameSteps(totalSteps: number, maxFrames = MAX_FRAMES): number[] {
  const total = Math.max(0, Math.floor(totalSteps));
  const count = Math.min(Math.max(1, Math.floor(maxFrames)), total);
  return Array.from({ length: count }, (_, k) => Math.round(((k + 1) * total) / count));
}

/**
 * For each frame step, the index of the latest checkpoint at or before it (checkpoint steps
 * ascending); -1 for a frame before the first checkpoint.
 */
export function checkpointForFrames(checkpoints: readonly number[], steps: readonly number[]): number[] {
  let c = -1;
  return steps.map((s) => {
    while (c + 1 < checkpoints.length && checkpoints[c + 1] <= s) c++;
    return c;
  });
}

/**
 * The frames that show a result filling in, `count` items in a fixed order: frame k shows the first
 * `revealed[k]` items, the last frame all of them (at most `maxFrames` frames, one item or more each).
 */
export function revealCounts(count: number, maxFrames = MAX_FRAMES): number[] {
  return frameSteps(count, maxFrames);
}

/** Timestamp of frame k in microseconds (whole: WebCodecs counts in µs). */
export function frameTimestampUs(k: number, fps = MOVIE_FPS): number {
  return Math.round((k * 1e6) / fps);
}

/** Duration of frame k in microseconds, so that the frames tile time exactly. */
export function frameDurationUs(k: number, fps = MOVIE_FPS): number {
  return frameTimestampUs(k + 1, fps) - frameTimestampUs(k, fps);
}

/**
 * GIF delays (hundredths of a second, what the format stores) of `count` frames at `fps`: rounded
 * so their running sum stays within half a hundredth of the true time (30 fps: 3, 4, 3, 3, 4, 3, …).
 */
export function gifDelays(count: number, fps = MOVIE_FPS): number[] {
  const at = (k: number) => Math.round((k * 100) / fps);
  return Array.from({ length: count }, (_, k) => at(k + 1) - at(k));
}
