import { describe, expect, it } from 'vitest';
import {
  MAX_FRAMES,
  checkpointForFrames,
  frameDurationUs,
  frameSteps,
  frameTimestampUs,
  gifDelays,
  revealCounts,
} from '../../../src/charts/movie/timing';

describe('which steps the frames show', () => {
  it('3,000 steps in 300 frames: one every 10 steps, the last at 3,000', () => {
    const steps = frameSteps(3000);
    expect(steps).toHaveLength(300);
    expect(steps.slice(0, 3)).toEqual([10, 20, 30]);
    expect(steps.at(-1)).toBe(3000);
    expect(steps.every((s, k) => s === 10 * (k + 1))).toBe(true);
  });

  it('a run longer than 300 frames is spaced evenly (rounded), ascending, ending at its last step', () => {
    const steps = frameSteps(10_000);
    expect(steps).toHaveLength(MAX_FRAMES);
    expect(steps[0]).toBe(33);
    expect(steps.at(-1)).toBe(10_000);
    for (let k = 1; k < steps.length; k++) expect(steps[k] - steps[k - 1]).toBeGreaterThanOrEqual(33);
  });

  it('a short run has a frame per step; no steps, no frames', () => {
    expect(frameSteps(5)).toEqual([1, 2, 3, 4, 5]);
    expect(frameSteps(0)).toEqual([]);
    expect(frameSteps(1000, 4)).toEqual([250, 500, 750, 1000]);
  });

  it('a result filling in reveals a fixed number of items per frame, all by the last', () => {
    expect(revealCounts(24 * 24).at(-1)).toBe(576);
    expect(revealCounts(24 * 24)).toHaveLength(300);
    expect(revealCounts(12)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('each frame takes the latest checkpoint at or before its step', () => {
    expect(checkpointForFrames([0, 100, 200, 400], [50, 100, 150, 399, 400, 1000])).toEqual([0, 1, 1, 2, 3, 3]);
    expect(checkpointForFrames([100], [10, 100])).toEqual([-1, 0]);
    expect(checkpointForFrames([], [10])).toEqual([-1]);
  });
});

describe('when the frames play', () => {
  it('video timestamps are whole microseconds at 30 fps and the durations tile time exactly', () => {
    expect([0, 1, 2, 3].map((k) => frameTimestampUs(k))).toEqual([0, 33333, 66667, 100000]);
    let t = 0;
    for (let k = 0; k < 300; k++) {
      expect(frameTimestampUs(k)).toBe(t);
      t += frameDurationUs(k);
    }
    expect(t).toBe(10_000_000);
  });

  it('GIF delays (hundredths) keep the running time within half a hundredth: 300 frames last 10 s', () => {
    const d = gifDelays(300, 30);
    expect(d.slice(0, 6)).toEqual([3, 4, 3, 3, 4, 3]);
    expect(d.reduce((a, b) => a + b, 0)).toBe(1000);
    let sum = 0;
    d.forEach((v, k) => {
      sum += v;
      expect(Math.abs(sum - ((k + 1) * 100) / 30)).toBeLessThanOrEqual(0.5);
    });
    expect(gifDelays(4, 25)).toEqual([4, 4, 4, 4]);
  });
});
