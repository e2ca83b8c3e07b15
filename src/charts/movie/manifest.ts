/**
 * A movie's manifest (JSON, downloaded beside the movie when asked for): what it shows, how it was
 * encoded, and the SHA-256 of every frame's pixels before encoding — two exports of the same link
 * list the same hashes, which is what "the same link gives the same frames" means checkably.
 */
import type { FormatOption } from './formats';
import type { MovieAbout } from './source';

export const MOVIE_MANIFEST_FORMAT = 'superposition-explorable/movie@1';

export interface MovieManifest {
  format: typeof MOVIE_MANIFEST_FORMAT;
  /** The figure's export name and the movie's file name. */
  figure: string;
  file: string;
  container: FormatOption['format'];
  codec: string | null;
  fps: number;
  frames: number;
  /** Seconds. */
  duration: number;
  /** Pixels (the frames' CSS size times `scale`, rounded up to even). */
  width: number;
  height: number;
  scale: number;
  description: string;
  settings: unknown;
  /** What each frame shows (a training step, a number of cells). */
  steps: readonly number[] | null;
  /** SHA-256 (hex) of each frame's RGBA pixels, in order. */
  frameSha256: readonly string[];
}

export function movieManifest(args: {
  figure: string;
  file: string;
  option: FormatOption;
  fps: number;
  count: number;
  size: { width: number; height: number; scale: number };
  about: MovieAbout;
  frameHashes: readonly string[];
}): MovieManifest {
  const { option, about } = args;
  return {
    format: MOVIE_MANIFEST_FORMAT,
    figure: args.figure,
    file: args.file,
    container: option.format,
    codec: option.codec,
    fps: args.fps,
    frames: args.count,
    duration: args.count / args.fps,
    ...args.size,
    description: about.description,
    settings: about.settings ?? null,
    steps: about.steps ?? null,
    frameSha256: args.frameHashes,
  };
}
