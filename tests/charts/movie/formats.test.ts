import { describe, expect, it } from 'vitest';
import {
  NO_WEBCODECS,
  chooseFormat,
  formatOptions,
  probeEncoders,
  scaleOf,
  videoSize,
  type VideoCodecName,
} from '../../../src/charts/movie/formats';

const byFormat = (support: Parameters<typeof formatOptions>[0]) =>
  Object.fromEntries(formatOptions(support).map((o) => [o.format, o]));

describe('movie formats', () => {
  it('with WebCodecs: WebM with VP9, MP4 with H.264 and GIF, all available', () => {
    const o = byFormat({ videoEncoder: true, webm: 'vp9', mp4: 'avc' });
    expect(o.webm).toMatchObject({ available: true, codec: 'vp9', reason: null, mime: 'video/webm', ext: 'webm' });
    expect(o.mp4).toMatchObject({ available: true, codec: 'avc', reason: null, mime: 'video/mp4' });
    expect(o.gif).toMatchObject({ available: true, codec: null, mime: 'image/gif' });
  });

  it('without WebCodecs: WebM and MP4 are disabled with the reason, and GIF is what a choice lands on', () => {
    const options = formatOptions({ videoEncoder: false, webm: null, mp4: null });
    const o = Object.fromEntries(options.map((x) => [x.format, x]));
    expect(o.webm).toMatchObject({ available: false, reason: NO_WEBCODECS });
    expect(o.mp4).toMatchObject({ available: false, reason: NO_WEBCODECS });
    expect(chooseFormat(options, 'webm').format).toBe('gif');
    expect(chooseFormat(options, null).format).toBe('gif');
  });

  it('an encoder without H.264 leaves MP4 disabled, saying which codec is missing', () => {
    const options = formatOptions({ videoEncoder: true, webm: 'vp8', mp4: null });
    expect(options[1]).toMatchObject({ format: 'mp4', available: false, reason: 'this browser cannot encode H.264' });
    expect(chooseFormat(options, 'mp4').format).toBe('webm');
    expect(chooseFormat(options, 'gif').format).toBe('gif');
  });

  it('asks the browser for each codec, prefers VP9 to VP8, and counts a failed question as no', async () => {
    const asked: VideoCodecName[] = [];
    const support = await probeEncoders(true, async (c) => {
      asked.push(c);
      if (c === 'avc') throw new Error('no encoder');
      return c === 'vp8';
    });
    expect(asked.sort()).toEqual(['avc', 'vp8', 'vp9']);
    expect(support).toEqual({ videoEncoder: true, webm: 'vp8', mp4: null });
    expect(await probeEncoders(false, () => Promise.reject(new Error('never asked')))).toEqual({
      videoEncoder: false,
      webm: null,
      mp4: null,
    });
  });

  it('video frames are whole, even pixel sizes at the scale asked for', () => {
    expect(videoSize(370, 416, 2)).toEqual({ width: 740, height: 832 });
    expect(videoSize(361, 255, 1)).toEqual({ width: 362, height: 256 });
    expect(videoSize(100.2, 50, 2)).toEqual({ width: 202, height: 100 });
  });
});

describe('movie scale', () => {
  it('videos at 2× up to 1,280 pixels wide, never below 1×; GIFs at 1×', () => {
    expect(scaleOf('webm', 370)).toBe(2);
    expect(scaleOf('mp4', 880)).toBeCloseTo(1280 / 880);
    expect(videoSize(880, 396, scaleOf('webm', 880))).toEqual({ width: 1280, height: 576 });
    expect(scaleOf('webm', 2000)).toBe(1);
    expect(scaleOf('gif', 370)).toBe(1);
  });
});
