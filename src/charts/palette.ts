/**
 * The categorical palette of the charts: series colours, the highlight accent and the neutral
 * for context. Plain data, used by charts and sections alike.
 */
/**
 * Paul Tol's "bright" qualitative scheme (colour-blind safe), minus its light grey, ordered so the
 * first few stay distinct in greyscale too.
 */
const SERIES_COLORS: readonly string[] = ['#4477AA', '#EE6677', '#228833', '#CCBB44', '#AA3377', '#66CCEE', '#555555'];

export function seriesColor(i: number): string {
  return SERIES_COLORS[((i % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length];
}

/** Accent for highlighted marks (interference, the removed feature…). */
export const HIGHLIGHT_COLOR = '#CC3311';
/** Neutral for inputs and context. */
export const NEUTRAL_COLOR = '#9a958c';
/** The band behind a feature hovered or focused anywhere in a section (linked hover). */
export const HOVER_BAND = '#ECE4CC';
/** A pinned result drawn under the live one (dashed). */
export const PINNED_COLOR = '#8a8478';
