/**
 * The logarithmic density sliders: position t ∈ [0, 3] ↔ density 10^(−t) (1 down to 0.001),
 * rounded to 3 significant digits so links stay short.
 */
export const densityFromSlider = (t: number): number => Number(Math.pow(10, -t).toPrecision(3));
export const sliderFromDensity = (d: number): number => -Math.log10(Math.min(1, Math.max(1e-3, d)));
