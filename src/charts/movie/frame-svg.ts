/**
 * One movie frame as a standalone SVG: the chart as the page draws it, under a header line that
 * says what the frame shows (the figure's title, and e.g. "step 1,230 · loss 0.0123"). Pure string
 * work on the chart's markup (renderToStaticMarkup's `<svg width=… height=…>`), so a frame is a
 * function of the chart's props alone.
 */
import { escapeXml, standaloneSvg } from '../export';
import { BACKGROUND, FONT_FAMILY, MUTED_TEXT_COLOR, TEXT_COLOR, TYPE } from '../theme';

/** Height of the header above the chart (two lines of text). */
export const HEADER_HEIGHT = 36;
/** Frames are at least this wide, so that the header's text fits. */
const MIN_WIDTH = 320;

export interface FrameLabel {
  /** The figure's title (first line, bold). */
  title: string;
  /** What this frame shows (second line): "step 1,230 · loss 0.0123". */
  line: string;
}

/** The size a chart's root `<svg>` declares (width and height attributes). */
export function chartSize(markup: string): { width: number; height: number } {
  const open = /^\s*<svg\b[^>]*>/.exec(markup)?.[0] ?? '';
  const attr = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(open)?.[1] ?? NaN);
  const width = attr('width');
  const height = attr('height');
  if (!(width > 0 && height > 0)) throw new Error('movie frame: the chart declares no width and height');
  return { width, height };
}

/** The frame size for a chart of this size (the header on top). */
export function frameSize(chart: { width: number; height: number }): { width: number; height: number } {
  return { width: Math.max(MIN_WIDTH, Math.ceil(chart.width)), height: Math.ceil(chart.height) + HEADER_HEIGHT };
}

/** A chart's markup with a header line over it, as one standalone SVG of `frameSize(chartSize(markup))`. */
export function movieFrameSvg(markup: string, label: FrameLabel): string {
  const chart = chartSize(markup);
  const { width, height } = frameSize(chart);
  const x = Math.floor((width - chart.width) / 2);
  const inner = markup.replace(/^\s*<svg\b/, `<svg x="${x}" y="${HEADER_HEIGHT}"`);
  const text = (y: number, size: number, color: string, weight: string, s: string) =>
    `<text x="8" y="${y}" font-size="${size}" font-weight="${weight}" fill="${color}">${escapeXml(s)}</text>`;
  const body =
    `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${escapeXml(FONT_FAMILY)}">` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="${BACKGROUND}"/>` +
    text(15, TYPE.heading, TEXT_COLOR, '600', label.title) +
    text(30, TYPE.label, MUTED_TEXT_COLOR, '400', label.line) +
    inner +
    '</svg>';
  return standaloneSvg(body);
}
