/**
 * Which movie formats this browser can write, and why not where it cannot: WebM (VP9, else VP8) and
 * MP4 (H.264) need WebCodecs' VideoEncoder and its say-so for the codec at the movie's size; GIF is
 * written in JavaScript and always works (the fallback where WebCodecs is missing). Pure but for
 * `probeEncoders`, which asks the browser through a function it is given.
 */

export type MovieFormat = 'webm' | 'mp4' | 'gif';
export type VideoCodecName = 'vp9' | 'vp8' | 'avc';

export const MOVIE_FORMATS: readonly MovieFormat[] = ['webm', 'mp4', 'gif'];

/** What the browser can encode, at the movie's size. */
export interface EncoderSupport {
  /** WebCodecs' VideoEncoder exists (a secure page in a recent browser). */
  videoEncoder: boolean;
  /** The codec a WebM gets (VP9 preferred), null when neither VP9 nor VP8 encodes here. */
  webm: 'vp9' | 'vp8' | null;
  /** H.264 for MP4, null when the browser's encoder refuses it (some builds have none). */
  mp4: 'avc' | null;
}

export interface FormatOption {
  format: MovieFormat;
  label: string;
  available: boolean;
  /** Why it is unavailable (shown beside the choice). */
  reason: string | null;
  codec: VideoCodecName | null;
  mime: string;
  ext: string;
}

export const NO_WEBCODECS = 'needs WebCodecs (VideoEncoder), which this browser lacks';

/** The three formats as this browser can write them, in menu order. */
export function formatOptions(support: EncoderSupport): FormatOption[] {
  const video = (format: 'webm' | 'mp4', codec: VideoCodecName | null, name: string): FormatOption => ({
    format,
    label: format === 'webm' ? 'WebM' : 'MP4',
    available: support.videoEncoder && codec !== null,
    reason: !support.videoEncoder ? NO_WEBCODECS : codec === null ? `this browser cannot encode ${name}` : null,
    codec: support.videoEncoder ? codec : null,
    mime: format === 'webm' ? 'video/webm' : 'video/mp4',
    ext: format,
  });
  return [
    video('webm', support.webm, 'VP9 or VP8'),
    video('mp4', support.mp4, 'H.264'),
    { format: 'gif', label: 'GIF', available: true, reason: null, codec: null, mime: 'image/gif', ext: 'gif' },
  ];
}

/** The format a choice ends up with: the one asked for if available, else the first that is (GIF at worst). */
export function chooseFormat(options: readonly FormatOption[], wanted: MovieFormat | null): FormatOption {
  const ok = options.filter((o) => o.available);
  return ok.find((o) => o.format === wanted) ?? ok[0] ?? options[options.length - 1];
}

/**
 * Ask the browser (through `canEncode`, e.g. mediabunny's canEncodeVideo at the movie's size)
 * which codecs it encodes. Without a VideoEncoder nothing is asked.
 */
export async function probeEncoders(
  hasVideoEncoder: boolean,
  canEncode: (codec: VideoCodecName) => Promise<boolean>,
): Promise<EncoderSupport> {
  if (!hasVideoEncoder) return { videoEncoder: false, webm: null, mp4: null };
  const ask = (c: VideoCodecName) => canEncode(c).catch(() => false);
  const [vp9, vp8, avc] = await Promise.all([ask('vp9'), ask('vp8'), ask('avc')]);
  return { videoEncoder: true, webm: vp9 ? 'vp9' : vp8 ? 'vp8' : null, mp4: avc ? 'avc' : null };
}

/** Video frames in whole device pixels, even in both directions (4:2:0 chroma needs it). */
export function videoSize(width: number, height: number, scale: number): { width: number; height: number } {
  // (less a hair: a scale of 1280 / 880 times 880 must not round up past 1,280)
  const even = (v: number) => Math.max(2, 2 * Math.ceil((v * scale) / 2 - 1e-9));
  return { width: even(width), height: even(height) };
}

/**
 * Videos at 2× (sharp on a projector) but at most 1,280 pixels wide (a wide chart's 2× would cost the
 * encoder four times the pixels for a slide that shows it no sharper); GIFs at 1× (their size grows
 * fast and they are the fallback).
 */
export const VIDEO_SCALE = 2;
export const MAX_VIDEO_WIDTH = 1280;
export const GIF_SCALE = 1;

export function scaleOf(format: MovieFormat, width: number): number {
  return format === 'gif' ? GIF_SCALE : Math.max(1, Math.min(VIDEO_SCALE, MAX_VIDEO_WIDTH / width));
}
