/** "The compressed-sensing view" (footnotes 23, 24): its URL keys, its request and its preset. */
import type { PresetSpec } from '../../state/presets';
import { linkParams, type ParamTable, type ParamValues } from '../../state/url-params';

/** Signal sizes n, and multiples of the quick number of random problems, the controls offer. */
export const CS_NS = [25, 50, 100, 200, 400] as const;
export const CS_SCALES = [1, 2, 4] as const;

export const CS_PARAMS = {
  /** Signal sizes n whose recovery curves are computed (none: nothing computes). */
  sizes: {
    key: 'fcsn',
    kind: 'list',
    item: 'int',
    min: CS_NS[0],
    max: CS_NS[CS_NS.length - 1],
    maxLength: CS_NS.length,
    set: true,
    allowed: CS_NS,
    default: [25, 50, 100, 200],
  },
  /** Random problems per point, as a multiple of the quick setting. */
  trialsScale: { key: 'fcstrials', kind: 'choice', values: CS_SCALES, default: 1 },
} as const satisfies ParamTable;

export type CsState = ParamValues<typeof CS_PARAMS>;

/**
 * The recovery curves of the chosen sizes: a CompressedSensingRequest (run.ts reads this file's defaults, so the type
 * is checked where the request is sent, not imported back here).
 */
export const csRequest = (s: CsState) => ({ ns: [...s.sizes], trialsScale: s.trialsScale });

export const CS_PRESETS: readonly PresetSpec[] = [
  {
    id: 'compressed-sensing',
    title: 'Footnotes 23, 24: the compressed-sensing view',
    description:
      'The compressed-sensing scale (1 − S)·ln 1/(1 − S) of dimensions per feature with the model shown at a ' +
      'glance on it, and exact L1 recovery from m = n/2 measurements against k/m for n = 25 to 200: the ' +
      'transition steepens as n grows.',
    params: linkParams(CS_PARAMS, { sizes: [25, 50, 100, 200], trialsScale: 1 }),
  },
];
