/**
 * The movie loop with fakes for the browser's parts: a rasteriser that "draws" a frame as pixels
 * made from its SVG text, the GIF writer over a fake gifenc (the fallback where WebCodecs is
 * missing), hashes of the pixels, and cancelling half way.
 */
import { describe, expect, it } from 'vitest';
import {
  MovieCancelled,
  PREFETCH,
  encodeFrames,
  sha256Hex,
  type FrameImage,
  type FrameSink,
  type Rasteriser,
} from '../../../src/charts/movie/encode';
import { gifSink, type GifLib } from '../../../src/charts/movie/gif';
import { movieManifest } from '../../../src/charts/movie/manifest';
import { formatOptions } from '../../../src/charts/movie/formats';
import type { MovieFrames } from '../../../src/charts/movie/source';

const W = 4;
const H = 2;

/** Frames whose SVG names their index; `same` frames in a row show the same picture. */
function frames(count: number, same = 1): MovieFrames & { built: number[] } {
  const built: number[] = [];
  return {
    width: W,
    height: H,
    count,
    fps: 30,
    built,
    svg: (k) => {
      built.push(k);
      return `<svg>${Math.floor(k / same)}</svg>`;
    },
    about: { description: 'test', steps: Array.from({ length: count }, (_, k) => 10 * (k + 1)) },
  };
}

/** Decodes an SVG into a number and draws it as uniform RGBA pixels of that value. */
function fakeRasteriser(log: string[]): Rasteriser<number> {
  return {
    load: async (svg) => {
      log.push(`load ${svg}`);
      return Number(/\d+/.exec(svg)![0]);
    },
    draw: (v): FrameImage => {
      log.push(`draw ${v}`);
      return { canvas: null as never, width: W, height: H, rgba: () => new Uint8ClampedArray(W * H * 4).fill(v) };
    },
    dispose: () => log.push('dispose'),
  };
}

function fakeGifenc() {
  const writes: { index: Uint8Array; width: number; height: number; delay: number; palette: number[][] }[] = [];
  let finished = false;
  const lib: GifLib = {
    GIFEncoder: () => ({
      writeFrame: (index, width, height, opts) => writes.push({ index, width, height, ...opts }),
      finish: () => {
        finished = true;
      },
      bytes: () => new TextEncoder().encode(`GIF89a ${writes.length} frames`),
    }),
    quantize: (rgba) => [[rgba[0], rgba[1], rgba[2]]],
    applyPalette: (rgba) => new Uint8Array(rgba.length / 4),
  };
  return { lib, writes, finished: () => finished };
}

describe('the movie loop', () => {
  it('GIF fallback: every frame quantised and written in order with its delay, then one GIF file', async () => {
    const gif = fakeGifenc();
    const log: string[] = [];
    const done: number[] = [];
    const f = frames(6);
    const made = await encodeFrames(f, fakeRasteriser(log), gifSink(f.count, f.fps, gif.lib), {
      signal: new AbortController().signal,
      onFrame: (d, c) => done.push(d * 100 + c),
    });
    expect(gif.writes.map((w) => w.delay)).toEqual([30, 40, 30, 30, 40, 30]); // ms; 3.33 cs a frame
    expect(gif.writes.every((w) => w.width === W && w.height === H && w.index.length === W * H)).toBe(true);
    expect(gif.writes.map((w) => w.palette[0][0])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(gif.finished()).toBe(true);
    expect(made.blob.type).toBe('image/gif');
    expect(await made.blob.text()).toBe('GIF89a 6 frames');
    expect(made.frameHashes).toBeNull();
    expect(done).toEqual([106, 206, 306, 406, 506, 606]);
    expect(f.built).toEqual([0, 1, 2, 3, 4, 5]);
    // The next PREFETCH frames decode while the current one is drawn and encoded.
    expect(log.slice(0, PREFETCH + 2)).toEqual([
      ...Array.from({ length: PREFETCH + 1 }, (_, k) => `load <svg>${k}</svg>`),
      'draw 0',
    ]);
    expect(log.at(-1)).toBe('dispose');
  });

  it("hashes each frame's pixels: equal pictures, equal hashes; two runs, the same list", async () => {
    const run = async () => {
      const sink: FrameSink = {
        add: async () => undefined,
        finish: async () => new Blob(['x']),
        cancel: async () => undefined,
      };
      return encodeFrames(frames(6, 2), fakeRasteriser([]), sink, {
        signal: new AbortController().signal,
        hashes: true,
      });
    };
    const a = await run();
    const b = await run();
    const h = a.frameHashes!;
    expect(h).toHaveLength(6);
    expect(h[0]).toBe(h[1]);
    expect(h[1]).not.toBe(h[2]);
    expect(h[0]).toBe(await sha256Hex(new Uint8ClampedArray(W * H * 4).fill(0)));
    expect(b.frameHashes).toEqual(h);
    expect(a.timings.hash).toBeGreaterThanOrEqual(0);
  });

  it('a cancel stops at the next frame, cancels the sink and rejects as cancelled', async () => {
    const ctl = new AbortController();
    const calls: string[] = [];
    const sink: FrameSink = {
      add: async (_img, k) => {
        calls.push(`add ${k}`);
        if (k === 2) ctl.abort();
      },
      finish: async () => {
        calls.push('finish');
        return new Blob();
      },
      cancel: async () => {
        calls.push('cancel');
      },
    };
    await expect(encodeFrames(frames(10), fakeRasteriser([]), sink, { signal: ctl.signal })).rejects.toBeInstanceOf(
      MovieCancelled,
    );
    expect(calls).toEqual(['add 0', 'add 1', 'add 2', 'cancel']);
  });

  it('a failing frame rejects with its error and cancels the sink', async () => {
    const raster = fakeRasteriser([]);
    const failing: Rasteriser<number> = {
      ...raster,
      load: (svg) => (svg.includes('>3<') ? Promise.reject(new Error('bad frame 3')) : raster.load(svg)),
    };
    let cancelled = false;
    const sink: FrameSink = {
      add: async () => undefined,
      finish: async () => new Blob(),
      cancel: async () => {
        cancelled = true;
      },
    };
    await expect(encodeFrames(frames(6), failing, sink, { signal: new AbortController().signal })).rejects.toThrow(
      'bad frame 3',
    );
    expect(cancelled).toBe(true);
  });

  it('the manifest names the movie, its encoding, its steps and its frame hashes', () => {
    const gif = formatOptions({ videoEncoder: false, webm: null, mp4: null })[2];
    const m = movieManifest({
      figure: 'feature-geometry',
      file: 'feature-geometry.gif',
      option: gif,
      fps: 30,
      count: 3,
      size: { width: 4, height: 2, scale: 1 },
      about: { description: 'd', settings: { seed: 1 }, steps: [10, 20, 30] },
      frameHashes: ['a', 'b', 'c'],
    });
    expect(m).toEqual({
      format: 'superposition-explorable/movie@1',
      figure: 'feature-geometry',
      file: 'feature-geometry.gif',
      container: 'gif',
      codec: null,
      fps: 30,
      frames: 3,
      duration: 0.1,
      width: 4,
      height: 2,
      scale: 1,
      description: 'd',
      settings: { seed: 1 },
      steps: [10, 20, 30],
      frameSha256: ['a', 'b', 'c'],
    });
  });
});
