/**
 * State of the "What the footnotes claim" section: its URL keys, limits and defaults. Every key
 * starts with `f` and then names its experiment: `f…` the forward pass, `fd…` dictionary learning,
 * `fl1…` the L1 margin, `fg…` Gaussian latents, `fcs…` compressed sensing.
 */
import { GLANCE_PARAMS } from './glance';
import type { ParamTable, ParamValues } from './url-params';

/** Most features a model at a glance can have: bounds the per-feature keys. */
export const MAX_FEATURES = GLANCE_PARAMS.n.max;
/** Menus of the discrete controls (the section renders exactly these options). */
export const DICT_K_FACTORS = [1, 2, 4] as const;
export const L1_STEPS = [250, 500, 1000, 2000] as const;
export const L1_MAX = [1e-3, 3e-3, 1e-2, 3e-2] as const;
export const GAUSS_RATIOS = [1, 2, 4, 8, 16, 32] as const;
/** Random directions for the Gaussian-latents experiment live in this many dimensions. */
export const GAUSS_RANDOM_M = 8;
export const CS_NS = [25, 50, 100, 200, 400] as const;
export const CS_SCALES = [1, 2, 4] as const;

/** Slider range of a feature's value in the forward pass. */
export const FORWARD_VALUE_MIN = 0.01;
export const FORWARD_VALUE_MAX = 1;

const menu = (xs: readonly number[]) => xs.map(String);

export const FOOTNOTE_PARAMS = {
  // ——— inside one forward pass ———
  /** Feature whose direction is projected out (clamped to the model's n − 1 at use). */
  fremove: { kind: 'int', min: 0, max: MAX_FEATURES - 1, default: 0 },
  /** Features switched on in the forward pass (indices ≥ the model's n are ignored at use). */
  fon: { kind: 'list', item: 'int', min: 0, max: MAX_FEATURES - 1, maxLength: MAX_FEATURES, set: true, default: [0, 1] },
  /** Value of feature i in the forward pass; missing entries take forwardValueDefault(i). */
  fx: { kind: 'list', item: 'number', min: FORWARD_VALUE_MIN, max: FORWARD_VALUE_MAX, maxLength: MAX_FEATURES, default: [] },
  /** Draw counter of "Sample an input": seeds the next sample, so a link samples the same next input. */
  fdraw: { kind: 'int', min: 1, max: 999_999, default: 1 },
  // ——— dictionary learning ———
  /** Atoms per feature, k/n. */
  fdk: { kind: 'enum', values: menu(DICT_K_FACTORS), default: '2' },
  /** L1 strength relative to RMS‖h‖ (the log slider's ends, 10^−2.5 and 10^−0.5, at 2 digits). */
  fdlambda: { kind: 'number', min: 0.0032, max: 0.32, default: 0.05 },
  /** Density 1 − S of the sampled inputs; 0 means the model's own (no feature is ever on at 0). */
  fddensity: { kind: 'number', min: 0, max: 1, default: 0 },
  // ——— the L1 margin ———
  /** Training steps continued per λ. */
  fl1steps: { kind: 'enum', values: menu(L1_STEPS), default: '500' },
  /** Strongest λ; the sweep runs from λmax/100 to λmax. */
  fl1max: { kind: 'enum', values: menu(L1_MAX), default: '0.01' },
  // ——— Gaussian latents ———
  /** Random unit directions, or the trained model's feature directions. */
  fgsource: { kind: 'enum', values: ['random', 'model'], default: 'random' },
  /** Features per hidden dimension of the random directions (n = ratio × 8). */
  fgratio: { kind: 'enum', values: menu(GAUSS_RATIOS), default: '8' },
  /** Feature density 1 − S (the log slider's range). */
  fgdensity: { kind: 'number', min: 0.001, max: 1, default: 0.1 },
  /** Hidden dimension shown (clamped to the source's m − 1 at use). */
  fgdim: { kind: 'int', min: 0, max: Math.max(GLANCE_PARAMS.m.max, GAUSS_RANDOM_M) - 1, default: 0 },
  /** Logarithmic density axis of the histogram. */
  fglog: { kind: 'bool', default: false },
  // ——— compressed sensing ———
  /** Signal sizes n whose recovery curves are computed (none: nothing computes). */
  fcsn: { kind: 'list', item: 'int', min: CS_NS[0], max: CS_NS[CS_NS.length - 1], maxLength: CS_NS.length, set: true, allowed: CS_NS, default: [25, 50, 100, 200] },
  /** Random problems per point, as a multiple of the quick setting. */
  fcstrials: { kind: 'enum', values: menu(CS_SCALES), default: '1' },
} as const satisfies ParamTable;

export type FootnoteState = ParamValues<typeof FOOTNOTE_PARAMS>;

/** Value a feature starts with in the forward pass (feature 0 strongest, as before it was in the URL). */
export const forwardValueDefault = (i: number) => (i === 0 ? 1 : i === 1 ? 0.7 : 0.5);

/** Slider precision; also keeps float noise out of links. */
const roundValue = (v: number) => Math.min(FORWARD_VALUE_MAX, Math.max(FORWARD_VALUE_MIN, Math.round(100 * v) / 100));

/**
 * The forward pass's inputs for a model with n features, from the URL state: indices ≥ n are
 * dropped, missing values take their defaults, so any n (a link made for another model, or n
 * changed at a glance) gives a well-formed input.
 */
export function forwardInputs(s: Pick<FootnoteState, 'fon' | 'fx'>, n: number): { active: boolean[]; values: number[] } {
  const size = Number.isFinite(n) ? Math.max(0, Math.min(MAX_FEATURES, Math.floor(n))) : 0;
  const on = new Set(s.fon);
  return {
    active: Array.from({ length: size }, (_, i) => on.has(i)),
    values: Array.from({ length: size }, (_, i) => {
      const v = s.fx[i];
      return v !== undefined && Number.isFinite(v) ? roundValue(v) : forwardValueDefault(i);
    }),
  };
}

/**
 * The URL state for a forward-pass input: the active indices, and the values with trailing
 * defaults dropped (so untouched values add nothing to the link). Values are rounded to the
 * slider's 0.01 and kept within its range, so the link always parses back.
 */
export function encodeForward(active: readonly boolean[], values: readonly number[]): Pick<FootnoteState, 'fon' | 'fx'> {
  const size = Math.min(MAX_FEATURES, active.length, values.length);
  const fon: number[] = [];
  for (let i = 0; i < size; i++) if (active[i]) fon.push(i);
  const fx = values.slice(0, size).map((v, i) => (Number.isFinite(v) ? roundValue(v) : forwardValueDefault(i)));
  while (fx.length > 0 && fx[fx.length - 1] === forwardValueDefault(fx.length - 1)) fx.pop();
  return { fon, fx };
}

/** The next draw counter of "Sample an input" (wraps within the key's range). */
export const nextDraw = (draw: number) => (draw >= FOOTNOTE_PARAMS.fdraw.max ? FOOTNOTE_PARAMS.fdraw.min : draw + 1);

/** Dictionary learning's data density: null for the model's own. Below the slider's 0.001 counts as 0.001. */
export const dictionaryDensity = (s: Pick<FootnoteState, 'fddensity'>): number | null => (s.fddensity > 0 ? Math.max(0.001, s.fddensity) : null);
