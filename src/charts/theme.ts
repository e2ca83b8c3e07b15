/**
 * Shared visual constants and colour scales for the charts.
 * Everything here is plain data or pure functions, so the chart components can render in
 * Node (renderToStaticMarkup) as well as in the browser, and exported SVGs look identical.
 */
import { interpolateRdBu, interpolateViridis, rgb } from 'd3';

/** Generic font stack: exported SVGs must not depend on a web font being loaded. */
export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';

/** The paper's warm off-white page colour. */
export const BACKGROUND = '#FCFBF8';
export const TEXT_COLOR = '#1f1f1f';
export const MUTED_TEXT_COLOR = '#5f5f5f';
export const AXIS_COLOR = '#8a8a8a';
export const GRID_COLOR = '#e4e1da';
export const LINE_COLOR = '#2b5d8a';

/**
 * The type sizes of every chart, by role (px). Charts name a role, never a size, so one change
 * here restyles every figure alike.
 */
export const TYPE = {
  /** Thumbnails (weight glyphs) and short tags under columns. */
  glyph: 8,
  /** Annotations: reference-line labels, notes, footers, empty-state messages. */
  note: 9,
  /** Tick labels, legend entries and data labels. */
  tick: 10,
  /** Axis titles. */
  label: 11,
  /** Counts that are the point of a tile. */
  emphasis: 12,
  /** Headings over a matrix (WᵀW, b, W). */
  heading: 13,
  /** A symbol standing in for a picture. */
  icon: 18,
} as const;

/** Replace NaN/±Infinity by a fallback, so no SVG attribute ever reads "NaN" or "Infinity". */
export function finite(v: number, fallback = 0): number {
  return Number.isFinite(v) ? v : fallback;
}

/** Clamp to [lo, hi]; non-finite input maps to lo. */
export function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, finite(v, lo)));
}

/** The index if it is a whole number in [0, count), else null (a stale or bad selection). */
export function validIndex(index: number | null | undefined, count: number): number | null {
  return index != null && Number.isInteger(index) && index >= 0 && index < count ? index : null;
}

/** Round pixel coordinates: keeps markup small and stable across platforms. */
export function px(v: number): number {
  return Math.round(finite(v) * 100) / 100;
}

/**
 * WᵀW entries and biases: symmetric [-1, 1], clamped. RdBu runs red → blue, so it is read
 * reversed to put negative = blue, 0 = near white, positive = red (the paper's convention).
 */
export function divergingColor(v: number): string {
  const c = clamp(finite(v), -1, 1); // non-finite → 0 (neutral), not the blue end
  return interpolateRdBu((1 - c) / 2);
}

/** divergingColor along a colour ramp, t ∈ [0, 1] ↦ v ∈ [−1, 1]. */
export function divergingRamp(t: number): string {
  return divergingColor(t * 2 - 1);
}

/** Superposition of a feature: dark purple at 0 → bright yellow at ≥ 1 (viridis, colour-blind safe). */
export function superpositionColor(s: number): string {
  return interpolateViridis(clamp(s, 0, 1));
}

/**
 * Feature importance, t ∈ [0, 1] with 1 = most important. Viridis order (purple → yellow-green)
 * as in the paper's notebook, but the bright end is progressively darkened so every colour keeps
 * ≥ 3:1 contrast against the off-white background (pure viridis yellow nearly vanishes on it).
 */
export function importanceColor(t: number): string {
  const c = clamp(t, 0, 1);
  return rgb(interpolateViridis(0.1 + 0.8 * c))
    .darker(c)
    .formatHex();
}

/** The extra feature's phase, as classified by the model layer (type-only, so theme stays pure). */
type Phase = import('../model/theory').Phase;

/**
 * Phase-diagram colours: Paul Tol's "high-contrast" scheme. It is built to stay distinct for
 * all common colour-vision deficiencies and in greyscale (dark blue, medium red, light ochre
 * differ in lightness as well as hue: L* ≈ 28 / 50 / 73), survives washed-out projectors, and
 * all three are clearly darker than the off-white BACKGROUND. Blue = the feature has its own
 * dimension, red = it shares one (superposition), ochre = it is dropped.
 */
export const PHASE_COLORS: Record<Phase, string> = {
  'not-represented': '#DDAA33',
  dedicated: '#004488',
  superposition: '#BB5566',
};

export const PHASE_LABELS: Record<Phase, string> = {
  'not-represented': 'not represented',
  dedicated: 'dedicated dimension',
  superposition: 'superposition',
};

/** Legend and iteration order of the phases. */
export const PHASE_ORDER: readonly Phase[] = ['not-represented', 'dedicated', 'superposition'];

/** Grid cells that have not been trained yet: a light neutral, just darker than BACKGROUND. */
export const UNTRAINED_COLOR = '#E8E5DE';

/**
 * Cells whose trained phase disagrees with the reference (theory). Very dark crimson: in
 * disagreement mode every agreeing cell is a faded tint, so the disagreeing ones stand out by
 * lightness alone, whatever the viewer's colour vision.
 */
export const DISAGREE_COLOR = '#6B0F1A';

/** Opacity of agreeing cells in disagreement mode. */
export const AGREE_OPACITY = 0.3;
