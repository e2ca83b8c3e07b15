/**
 * The encoder's entry, loaded on demand (a dynamic import when the reader asks for a movie, so
 * neither mediabunny nor gifenc is in the page's first chunk): which formats this browser writes,
 * and a movie in one of them from a figure's frames.
 */
import * as gifenc from 'gifenc';
import { encodeFrames, type EncodedMovie } from './encode';
import { VIDEO_SCALE, formatOptions, probeEncoders, scaleOf, videoSize, type FormatOption } from './formats';
import { gifSink } from './gif';
import { svgRasteriser } from './raster';
import type { MovieFrames } from './source';
import { canEncode, videoSink } from './video';

export { movieManifest } from './manifest';

/** The formats this browser writes for frames of this size (CSS pixels). */
export async function probeFormats(width: number, height: number, fps: number): Promise<FormatOption[]> {
  const px = videoSize(width, height, VIDEO_SCALE);
  const support = await probeEncoders(typeof VideoEncoder !== 'undefined', (codec) =>
    canEncode(codec, px.width, px.height, fps),
  );
  return formatOptions(support);
}

export interface MadeMovie extends EncodedMovie {
  /** Video size in pixels. */
  width: number;
  height: number;
  scale: number;
}

export async function makeMovie(
  frames: MovieFrames,
  option: FormatOption,
  opts: { signal: AbortSignal; hashes?: boolean; onFrame?(done: number, count: number): void },
): Promise<MadeMovie> {
  if (!option.available) throw new Error(`${option.label}: ${option.reason ?? 'unavailable'}`);
  const scale = scaleOf(option.format, frames.width);
  const px = videoSize(frames.width, frames.height, scale);
  const gif = option.format === 'gif';
  const raster = svgRasteriser(frames, px, scale, gif || Boolean(opts.hashes));
  const sink = gif
    ? gifSink(frames.count, frames.fps, gifenc)
    : await videoSink(raster.canvas, option.format as 'webm' | 'mp4', option.codec!, frames.fps);
  const made = await encodeFrames(frames, raster, sink, opts);
  return { ...made, ...px, scale };
}
