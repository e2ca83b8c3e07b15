/** Number formats the sections, their exports and the figures CLI share. */

/** A density 1 − S as the sliders show it: two decimals from 0.1 up, two significant digits below. */
export const fmtDensity = (d: number): string => (d >= 0.1 ? d.toFixed(2) : d.toPrecision(2));

/** A loss in scientific notation ('—' when not finite). */
export const fmtLoss = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toExponential(digits) : '—');

/**
 * The logarithmic density sliders: position t ∈ [0, 3] ↔ density 10^(−t) (1 down to 0.001),
 * rounded to 3 significant digits so links stay short.
 */
export const densityFromSlider = (t: number): number => Number(Math.pow(10, -t).toPrecision(3));
export const sliderFromDensity = (d: number): number => -Math.log10(Math.min(1, Math.max(1e-3, d)));
