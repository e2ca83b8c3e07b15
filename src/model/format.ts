/**
 * The number formats that the charts, the sections, their exports, the figures CLI and the benches
 * share. Pure functions of a number, in the lowest layer so that every other layer can import them;
 * each writes "—" for a value that is not finite, so no label ever reads "NaN" or "Infinity".
 */
import { format } from 'd3-format';

const fixed3 = format('.3~r');
const exp3 = format('.3~e');

/** 3 significant digits for tooltips and labels; "—" for non-finite values. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  // Plain decimals stay readable between 1e-3 and 1e5; outside that, scientific notation.
  return a >= 1e-3 && a < 1e5 ? fixed3(v) : exp3(v);
}

/** One formatter for all counts: toLocaleString builds one per call (≈ 6% of the page's script while training). */
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

/** Whole counts with thousands separators ("2,000"): steps, samples, entries. */
export function fmtCount(v: number): string {
  return Number.isFinite(v) ? COUNT.format(v) : '—';
}

/** A fixed number of decimals ("0.125" at 3); "—" for non-finite values. */
export function fmtFixed(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toFixed(digits) : '—';
}

/** A wait for a reader: "40 s", "12 min", "2.3 h"; "—" for non-finite values. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—';
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.ceil(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** A density 1 − S as the sliders show it: two decimals from 0.1 up, two significant digits below. */
export const fmtDensity = (d: number): string => (d >= 0.1 ? d.toFixed(2) : d.toPrecision(2));

/** A loss in scientific notation ('—' when not finite). */
export const fmtLoss = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toExponential(digits) : '—');
