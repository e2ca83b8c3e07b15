/**
 * WebM and MP4 through WebCodecs: the canvas each frame is drawn on goes to the browser's
 * VideoEncoder (VP9 or VP8 for WebM, H.264 for MP4) and the packets into a file with mediabunny's
 * muxer, in memory. Browser only; loaded with the rest of the encoder when a movie is asked for.
 */
import {
  BufferTarget,
  CanvasSource,
  Mp4OutputFormat,
  Output,
  QUALITY_HIGH,
  WebMOutputFormat,
  canEncodeVideo,
} from 'mediabunny';
import type { FrameImage, FrameSink } from './encode';
import type { VideoCodecName } from './formats';
import { frameDurationUs, frameTimestampUs } from './timing';

/** A key frame every this many seconds (seeking in a slide deck stays quick). */
const KEY_FRAME_SECONDS = 2;

/** Encoder settings: software encoders on a laptop keep up in real-time mode, and charts are easy to compress. */
const ENCODING = { bitrate: QUALITY_HIGH, latencyMode: 'realtime', keyFrameInterval: KEY_FRAME_SECONDS } as const;

/** Whether the browser encodes `codec` at this size (WebCodecs' isConfigSupported, through mediabunny). */
export function canEncode(codec: VideoCodecName, width: number, height: number, fps: number): Promise<boolean> {
  return canEncodeVideo(codec, { width, height, frameRate: fps, bitrate: QUALITY_HIGH, latencyMode: 'realtime' });
}

export async function videoSink(
  canvas: OffscreenCanvas | HTMLCanvasElement,
  format: 'webm' | 'mp4',
  codec: VideoCodecName,
  fps: number,
): Promise<FrameSink> {
  const target = new BufferTarget();
  const output = new Output({
    format: format === 'webm' ? new WebMOutputFormat() : new Mp4OutputFormat({ fastStart: 'in-memory' }),
    target,
  });
  const source = new CanvasSource(canvas, { codec, ...ENCODING });
  output.addVideoTrack(source, { frameRate: fps });
  await output.start();
  return {
    add: (_image: FrameImage, k: number) => source.add(frameTimestampUs(k, fps) / 1e6, frameDurationUs(k, fps) / 1e6),
    finish: async () => {
      await output.finalize();
      if (!target.buffer) throw new Error('the muxer wrote nothing');
      return new Blob([target.buffer], { type: format === 'webm' ? 'video/webm' : 'video/mp4' });
    },
    cancel: async () => {
      if (output.state !== 'finalized' && output.state !== 'canceled') await output.cancel();
    },
  };
}
