/**
 * Frames onto one canvas, reused: each frame's standalone SVG decoded as an image (the browser's
 * own SVG renderer, so a frame looks as the chart does on the page) and drawn at `scale`× on the
 * paper background. Browser only.
 */
import { BACKGROUND } from '../theme';
import type { FrameImage, Rasteriser } from './encode';

export function svgRasteriser(
  frame: { width: number; height: number },
  pixels: { width: number; height: number },
  scale: number,
  readBack: boolean,
): Rasteriser<HTMLImageElement> & { canvas: OffscreenCanvas | HTMLCanvasElement } {
  const canvas =
    typeof OffscreenCanvas !== 'undefined'
      ? new OffscreenCanvas(pixels.width, pixels.height)
      : Object.assign(document.createElement('canvas'), pixels);
  // Reading pixels back (hashes, GIF) is quicker from a canvas kept in memory than on the GPU.
  const ctx = canvas.getContext('2d', { alpha: false, willReadFrequently: readBack }) as
    OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
  if (!ctx) throw new Error('no 2-D canvas to draw the frames on');
  const drawW = Math.round(frame.width * scale);
  const drawH = Math.round(frame.height * scale);
  return {
    canvas,
    load: async (svg) => {
      const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      try {
        const img = new Image(drawW, drawH);
        img.src = url;
        await img.decode();
        return img;
      } finally {
        URL.revokeObjectURL(url);
      }
    },
    draw: (img): FrameImage => {
      ctx.fillStyle = BACKGROUND;
      ctx.fillRect(0, 0, pixels.width, pixels.height);
      ctx.drawImage(img, 0, 0, drawW, drawH);
      let rgba: Uint8ClampedArray | null = null;
      return {
        canvas,
        width: pixels.width,
        height: pixels.height,
        rgba: () => (rgba ??= ctx.getImageData(0, 0, pixels.width, pixels.height).data),
      };
    },
  };
}
