/** "The compressed-sensing view" (footnotes 23, 24): its URL keys. */
import type { ParamTable, ParamValues } from '../../state/url-params';

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
