/**
 * A movie from its frames: each frame's SVG rasterised onto one canvas, optionally hashed (SHA-256
 * of its RGBA pixels, for the manifest that shows two exports agree), and handed to a sink (a
 * WebCodecs encoder and muxer, or the GIF writer). The rasteriser and the sink are given, so the
 * loop is the same in the browser and in a test with fakes. The next frames' SVGs decode while the
 * current one encodes.
 */
import type { MovieFrames } from './source';

/** A frame drawn on the (one, reused) canvas. */
export interface FrameImage {
  readonly canvas: OffscreenCanvas | HTMLCanvasElement;
  /** Size in pixels. */
  readonly width: number;
  readonly height: number;
  /** The pixels, read back once per frame (RGBA, row-major). */
  rgba(): Uint8ClampedArray;
}

export interface Rasteriser<D = unknown> {
  /** Decode a frame's SVG (may run while the previous frame encodes). */
  load(svg: string): Promise<D>;
  /** Draw a decoded frame onto the canvas. */
  draw(decoded: D): FrameImage;
  dispose?(): void;
}

export interface FrameSink {
  /** Take frame k (the canvas holds it until the promise resolves). */
  add(image: FrameImage, k: number): Promise<void>;
  /** The finished file. */
  finish(): Promise<Blob>;
  cancel(): Promise<void>;
}

/** Milliseconds spent in each part of the loop. */
export interface MovieTimings {
  /** Building each frame's SVG (rendering the chart). */
  svg: number;
  /** Waiting for it to decode (it decodes ahead, while earlier frames encode), and drawing it on the canvas. */
  raster: number;
  /** Hashing the pixels (0 without hashes). */
  hash: number;
  /** Waiting for the encoder and muxer (and finishing the file). */
  encode: number;
}

export interface EncodedMovie {
  blob: Blob;
  /** SHA-256 (hex) of each frame's RGBA pixels, when asked for. */
  frameHashes: string[] | null;
  timings: MovieTimings;
}

export interface EncodeOptions {
  signal: AbortSignal;
  /** Hash every frame's pixels. */
  hashes?: boolean;
  /** Called after each frame is handed on (k of count, 1-based done count). */
  onFrame?(done: number, count: number): void;
}

/** Frames decoding ahead of the one being encoded. */
export const PREFETCH = 3;

export class MovieCancelled extends Error {
  constructor() {
    super('movie cancelled');
    this.name = 'AbortError';
  }
}

export function isCancelled(e: unknown): boolean {
  return e instanceof Error && e.name === 'AbortError';
}

/** SHA-256 of bytes, as lowercase hex. */
export async function sha256Hex(bytes: Uint8Array | Uint8ClampedArray): Promise<string> {
  const view = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', view));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Render every frame through `raster` into `sink`; rejects with MovieCancelled when the signal aborts. */
export async function encodeFrames<D>(
  frames: MovieFrames,
  raster: Rasteriser<D>,
  sink: FrameSink,
  { signal, hashes = false, onFrame }: EncodeOptions,
): Promise<EncodedMovie> {
  const timings: MovieTimings = { svg: 0, raster: 0, hash: 0, encode: 0 };
  const frameHashes: string[] | null = hashes ? [] : null;
  const clock = () => performance.now();
  // Decoding runs ahead, overlapping the encoder: `raster` counts the time spent waiting for a decoded
  // frame and drawing it, so that the four parts add up to the loop's time.
  const load = (k: number): Promise<D> => {
    const t0 = clock();
    const svg = frames.svg(k);
    timings.svg += clock() - t0;
    return raster.load(svg);
  };
  const ahead: Promise<D>[] = [];
  const prefetch = (k: number) => {
    if (k >= frames.count) return;
    const p = load(k);
    // A rejected prefetch must not go unhandled while earlier frames encode (it rethrows when awaited).
    p.catch(() => undefined);
    ahead.push(p);
  };
  try {
    for (let k = 0; k < PREFETCH; k++) prefetch(k);
    for (let k = 0; k < frames.count; k++) {
      if (signal.aborted) throw new MovieCancelled();
      let t = clock();
      const decoded = await ahead.shift()!;
      timings.raster += clock() - t;
      prefetch(k + PREFETCH);
      t = clock();
      const image = raster.draw(decoded);
      timings.raster += clock() - t;
      if (frameHashes) {
        t = clock();
        frameHashes.push(await sha256Hex(image.rgba()));
        timings.hash += clock() - t;
      }
      t = clock();
      await sink.add(image, k);
      timings.encode += clock() - t;
      onFrame?.(k + 1, frames.count);
    }
    if (signal.aborted) throw new MovieCancelled();
    const t = clock();
    const blob = await sink.finish();
    timings.encode += clock() - t;
    return { blob, frameHashes, timings };
  } catch (e) {
    await sink.cancel().catch(() => undefined);
    throw signal.aborted ? new MovieCancelled() : e;
  } finally {
    raster.dispose?.();
  }
}
