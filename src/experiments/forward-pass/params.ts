/**
 * "Inside one forward pass" (footnotes 25, 27, 19): its URL keys — which direction is removed,
 * and the input the reader builds feature by feature — the input's encoding in the link, the
 * removal's request and the section's preset.
 */
import type { PresetSpec } from '../../state/presets';
import { linkParams, type ParamTable, type ParamValues } from '../../state/url-params';
import { GLANCE_PARAMS } from '../at-a-glance/params';
import { modelData, type FootnoteModel } from '../shared/footnote-model';
import type { RemoveDirectionRequest } from './run';

/** Most features a model at a glance can have: bounds the per-feature keys. */
export const MAX_FEATURES = GLANCE_PARAMS.n.max;

/** Slider range of a feature's value in the forward pass. */
export const FORWARD_VALUE_MIN = 0.01;
export const FORWARD_VALUE_MAX = 1;

export const FORWARD_PARAMS = {
  /** Feature whose direction is projected out (clamped to the model's n − 1 at use). */
  removed: { key: 'fremove', kind: 'int', min: 0, max: MAX_FEATURES - 1, default: 0 },
  /** Features switched on in the forward pass (indices ≥ the model's n are ignored at use). */
  active: {
    key: 'fon',
    kind: 'list',
    item: 'int',
    min: 0,
    max: MAX_FEATURES - 1,
    maxLength: MAX_FEATURES,
    set: true,
    default: [0, 1],
  },
  /** Value of feature i in the forward pass; missing entries take forwardValueDefault(i). */
  values: {
    key: 'fx',
    kind: 'list',
    item: 'number',
    min: FORWARD_VALUE_MIN,
    max: FORWARD_VALUE_MAX,
    maxLength: MAX_FEATURES,
    default: [],
  },
  /** Draw counter of "Sample an input": seeds the next sample, so a link samples the same next input. */
  draw: { key: 'fdraw', kind: 'int', min: 1, max: 999_999, default: 1 },
} as const satisfies ParamTable;

export type ForwardState = ParamValues<typeof FORWARD_PARAMS>;

/** Value a feature starts with in the forward pass (feature 0 strongest, as before it was in the URL). */
export const forwardValueDefault = (i: number) => (i === 0 ? 1 : i === 1 ? 0.7 : 0.5);

/** Slider precision; also keeps float noise out of links. */
const roundValue = (v: number) => Math.min(FORWARD_VALUE_MAX, Math.max(FORWARD_VALUE_MIN, Math.round(100 * v) / 100));

/**
 * The forward pass's inputs for a model with n features, from the URL state: indices ≥ n are
 * dropped, missing values take their defaults, so any n (a link made for another model, or n
 * changed at a glance) gives a well-formed input.
 */
export function forwardInputs(
  s: Pick<ForwardState, 'active' | 'values'>,
  n: number,
): { active: boolean[]; values: number[] } {
  const size = Number.isFinite(n) ? Math.max(0, Math.min(MAX_FEATURES, Math.floor(n))) : 0;
  const on = new Set(s.active);
  return {
    active: Array.from({ length: size }, (_, i) => on.has(i)),
    values: Array.from({ length: size }, (_, i) => {
      const v = s.values[i];
      return v !== undefined && Number.isFinite(v) ? roundValue(v) : forwardValueDefault(i);
    }),
  };
}

/**
 * The URL state for a forward-pass input: the active indices, and the values with trailing
 * defaults dropped (so untouched values add nothing to the link). Values are rounded to the
 * slider's 0.01 and kept within its range, so the link always parses back.
 */
export function encodeForward(
  active: readonly boolean[],
  values: readonly number[],
): Pick<ForwardState, 'active' | 'values'> {
  const size = Math.min(MAX_FEATURES, active.length, values.length);
  const on: number[] = [];
  for (let i = 0; i < size; i++) if (active[i]) on.push(i);
  const kept = values.slice(0, size).map((v, i) => (Number.isFinite(v) ? roundValue(v) : forwardValueDefault(i)));
  while (kept.length > 0 && kept[kept.length - 1] === forwardValueDefault(kept.length - 1)) kept.pop();
  return { active: on, values: kept };
}

/** The next draw counter of "Sample an input" (wraps within the key's range). */
export const nextDraw = (draw: number) => (draw >= FORWARD_PARAMS.draw.max ? FORWARD_PARAMS.draw.min : draw + 1);

/** Every feature's direction removed in turn, on the model shown (the section shows the URL's one). */
export const removeDirectionRequest = (model: FootnoteModel): RemoveDirectionRequest => ({ model: modelData(model) });

export const FORWARD_PRESETS: readonly PresetSpec[] = [
  {
    id: 'forward-pass',
    title: 'Footnotes 25, 27, 19: one forward pass, and removing a direction',
    description:
      'On the model shown at a glance: features 0 and 1 on, h as the sum of their vectors, what reads back out, ' +
      'and what projecting out feature 0’s direction does to every feature’s loss.',
    params: linkParams(FORWARD_PARAMS, { removed: 0, active: [0, 1], values: [], draw: 1 }),
  },
];
