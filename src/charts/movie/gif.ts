/**
 * The GIF writer, for browsers without WebCodecs: each frame quantised to its own 256-colour
 * palette (the charts' few flat colours survive it exactly; gradients band a little) and written
 * with gifenc, the frame delays in hundredths of a second so that the movie keeps time.
 */
import type { FrameImage, FrameSink } from './encode';
import { gifDelays } from './timing';

/** What the GIF writer needs of gifenc (a fake in the tests). */
export interface GifLib {
  GIFEncoder(): {
    writeFrame(
      index: Uint8Array,
      width: number,
      height: number,
      opts: { palette: number[][]; delay: number; repeat?: number },
    ): void;
    finish(): void;
    bytes(): Uint8Array;
  };
  quantize(rgba: Uint8ClampedArray, maxColors: number): number[][];
  applyPalette(rgba: Uint8ClampedArray, palette: number[][]): Uint8Array;
}

export function gifSink(count: number, fps: number, lib: GifLib): FrameSink {
  const delays = gifDelays(count, fps);
  let gif: ReturnType<GifLib['GIFEncoder']> | null = lib.GIFEncoder();
  return {
    add: async (image: FrameImage, k: number) => {
      if (!gif) throw new Error('GIF writer closed');
      const rgba = image.rgba();
      const palette = lib.quantize(rgba, 256);
      // gifenc takes the delay in milliseconds and stores it in hundredths.
      gif.writeFrame(lib.applyPalette(rgba, palette), image.width, image.height, {
        palette,
        delay: delays[k] * 10,
        repeat: 0,
      });
    },
    finish: async () => {
      if (!gif) throw new Error('GIF writer closed');
      gif.finish();
      const bytes = gif.bytes();
      gif = null;
      return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/gif' });
    },
    cancel: async () => {
      gif = null;
    },
  };
}
