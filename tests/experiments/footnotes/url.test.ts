/**
 * The footnotes section's URL keys: same boundary as every section (bad values fall back to
 * defaults with a message), the list kind they need, and the per-feature forward-pass inputs
 * staying well-formed whatever the model's n.
 */
import { describe, expect, it } from 'vitest';
import { readUrl } from '../../../src/app/page-url';
import { GLANCE_PARAMS } from '../../../src/experiments/at-a-glance/params';
import { BEYOND_PARAMS } from '../../../src/experiments/beyond-basic/params';
import { CS_NS, CS_PARAMS } from '../../../src/experiments/compressed-sensing/params';
import { DICTIONARY_PARAMS, dictionaryDensity } from '../../../src/experiments/dictionary-learning/params';
import {
  FORWARD_PARAMS,
  MAX_FEATURES,
  encodeForward,
  forwardInputs,
  forwardValueDefault,
  nextDraw,
} from '../../../src/experiments/forward-pass/params';
import { GAUSSIAN_PARAMS } from '../../../src/experiments/gaussian-latents/params';
import { GEOMETRY_PARAMS } from '../../../src/experiments/geometry/params';
import { L1_PARAMS } from '../../../src/experiments/l1-margin/params';
import { PENTAGON_PARAMS } from '../../../src/experiments/perturbed-pentagon/params';
import { PHASE_PARAMS } from '../../../src/experiments/phase-change/params';
import {
  defaults,
  parseParams,
  queryString,
  serializeParams,
  type ListSpec,
  type ParamValues,
  urlKeys,
} from '../../../src/state/url-params';
import { encodePin } from '../../../src/experiments/at-a-glance/pin';

/** The footnote experiments' tables, and their ids in the registry: the footnotes section's part of the URL. */
const FOOTNOTES = {
  forward: FORWARD_PARAMS,
  dictionary: DICTIONARY_PARAMS,
  l1: L1_PARAMS,
  gaussian: GAUSSIAN_PARAMS,
  cs: CS_PARAMS,
} as const;
const IDS = {
  forward: 'forward-pass',
  dictionary: 'dictionary-learning',
  l1: 'l1-margin',
  gaussian: 'gaussian-latents',
  cs: 'compressed-sensing',
} as const;
type Part = keyof typeof FOOTNOTES;
type Footnotes = { [K in Part]: ParamValues<(typeof FOOTNOTES)[K]> };
const PARTS = Object.keys(FOOTNOTES) as Part[];
const TABLES = [
  GLANCE_PARAMS,
  PHASE_PARAMS,
  GEOMETRY_PARAMS,
  PENTAGON_PARAMS,
  BEYOND_PARAMS,
  ...Object.values(FOOTNOTES),
];
const footnoteDefaults = (): Footnotes =>
  Object.fromEntries(PARTS.map((p) => [p, defaults(FOOTNOTES[p])])) as unknown as Footnotes;
/** The footnote experiments' values of a parsed page URL. */
const footnotesOf = (r: ReturnType<typeof readUrl>): Footnotes =>
  Object.fromEntries(PARTS.map((p) => [p, r.state[IDS[p]]])) as unknown as Footnotes;
/** The footnotes' part of a link, in page order. */
const footnoteQuery = (f: Footnotes): string =>
  queryString(new URLSearchParams(PARTS.flatMap((p) => [...serializeParams(FOOTNOTES[p], f[p] as never)])));

describe('footnote URL keys', () => {
  it('are short, prefixed f, and collide with no other section (nor with preset)', () => {
    const keys = Object.values(FOOTNOTES).flatMap((t) => urlKeys(t));
    for (const k of keys) expect(k).toMatch(/^f[a-z0-9]{1,9}$/);
    const all = TABLES.flatMap((t) => urlKeys(t));
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain('preset');
  });

  it('defaults serialise to nothing and parse back to the defaults', () => {
    const d = footnoteDefaults();
    expect(footnoteQuery(d)).toBe('');
    expect(footnotesOf(readUrl(''))).toEqual(d);
    // defaults equal the section's initial values before they moved into the URL
    expect(d).toMatchObject({
      forward: { removed: 0, active: [0, 1], values: [], draw: 1 },
      dictionary: { atomsPerFeature: 2, lambda: 0.05, density: 0 },
      l1: { steps: 500, maxLambda: 0.01 },
      gaussian: { source: 'random', featuresPerDimension: 8, density: 0.1, dimension: 0, logScale: false },
      cs: { sizes: [25, 50, 100, 200], trialsScale: 1 },
    });
    expect(forwardInputs(d.forward, 5)).toEqual({
      active: [true, true, false, false, false],
      values: [1, 0.7, 0.5, 0.5, 0.5],
    });
    expect(dictionaryDensity(d.dictionary)).toBeNull();
  });

  it('every control round-trips through a readable link', () => {
    const s: Footnotes = {
      forward: { removed: 3, active: [0, 2, 4], values: [0.4, 0.7, 0.9], draw: 12 },
      dictionary: { atomsPerFeature: 4, lambda: 0.0032, density: 0.02 },
      l1: { steps: 2000, maxLambda: 0.003 },
      gaussian: { source: 'model', featuresPerDimension: 32, density: 0.001, dimension: 9, logScale: true },
      cs: { sizes: [], trialsScale: 4 },
    };
    const query = footnoteQuery(s);
    expect(query).toBe(
      'fremove=3&fon=0,2,4&fx=0.4,0.7,0.9&fdraw=12&fdk=4&fdlambda=0.0032&fddensity=0.02&fl1steps=2000&fl1max=0.003' +
        '&fgsource=model&fgratio=32&fgdensity=0.001&fgdim=9&fglog=1&fcsn=&fcstrials=4',
    );
    const back = readUrl(`?${query}`);
    expect(back.ignored).toEqual([]);
    expect(footnotesOf(back)).toEqual(s);
    // the browser's own escaping of ',' parses the same
    expect(footnotesOf(readUrl('?fon=0%2C2%2C4')).forward.active).toEqual([0, 2, 4]);
  });

  it.each([
    ['negative feature', '?fremove=-1', 'fremove="-1": outside [0, 19]; using 0'],
    ['feature past the largest model', '?fremove=20', 'fremove="20": outside [0, 19]; using 0'],
    ['NaN', '?fdlambda=NaN', 'fdlambda="NaN": not a number; using 0.05'],
    ['huge', '?fdraw=1e308', 'fdraw="1e308": outside [1, 999999]; using 1'],
    ['Infinity', '?fgdensity=Infinity', 'fgdensity="Infinity": not a number; using 0.1'],
    ['density above 1', '?fddensity=1.5', 'fddensity="1.5": outside [0, 1]; using 0'],
    ['λ below the slider', '?fdlambda=0.0001', 'fdlambda="0.0001": outside [0.0032, 0.32]; using 0.05'],
    ['hex', '?fgdim=0x1', 'fgdim="0x1": not a number; using 0'],
    ['fraction for an index', '?fgdim=1.5', 'fgdim="1.5": not a whole number; using 0'],
    ['k factor off the menu', '?fdk=3', 'fdk="3": not one of 1, 2, 4; using 2'],
    ['λmax written differently', '?fl1max=1e-2', 'fl1max="1e-2": not one of 0.001, 0.003, 0.01, 0.03; using 0.01'],
    ['wrong type for an enum', '?fgsource=1', 'fgsource="1": not one of random, model; using random'],
    ['bool garbage', '?fglog=yes', 'fglog="yes": not 1/0; using false'],
    [
      'script injection',
      '?fcstrials=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      'fcstrials="<script>alert(1)</script>": not one of 1, 2, 4; using 1',
    ],
    ['injection in a list', '?fon=0,%22%3E%3Cimg%3E', 'fon="0,\\"><img>": item 2 "\\"><img>": not a number; using 0,1'],
    ['negative in a list', '?fon=0,-1', 'fon="0,-1": item 2 "-1": outside [0, 19]; using 0,1'],
    ['repeated feature', '?fon=1,1', 'fon="1,1": item 2 "1": given twice; using 0,1'],
    ['blank item', '?fon=0,,2', 'fon="0,,2": item 2 "": not a number; using 0,1'],
    [
      'too many values',
      `?fx=${Array(21).fill('0.5').join(',')}`,
      `fx="${Array(21).fill('0.5').join(',').slice(0, 40)}…": more than 20 items; using (none)`,
    ],
    ['value 0 (below the slider)', '?fx=1,0', 'fx="1,0": item 2 "0": outside [0.01, 1]; using (none)'],
    ['value NaN', '?fx=NaN', 'fx="NaN": item 1 "NaN": not a number; using (none)'],
    [
      'size off the menu',
      '?fcsn=25,30',
      'fcsn="25,30": item 2 "30": not one of 25, 50, 100, 200, 400; using 25,50,100,200',
    ],
    ['huge size', '?fcsn=1e9', 'fcsn="1e9": item 1 "1e9": outside [25, 400]; using 25,50,100,200'],
  ])('%s falls back with a message', (_, search, message) => {
    const r = readUrl(search);
    expect(r.ignored).toEqual([message]);
    expect(footnotesOf(r)).toEqual(footnoteDefaults());
  });

  it('a page URL with every section’s keys parses with nothing ignored', () => {
    const PIN = encodePin({
      n: 2,
      m: 1,
      kind: 'relu',
      step: 5,
      handPlaced: true,
      W: Float32Array.from([1, 0]),
      b: new Float32Array(2),
      importance: Float32Array.from([1, 1]),
      density: Float32Array.from([0.5, 0.5]),
    });
    const link =
      '?preset=intro-s99&n=7&m=3&density=0.05&decay=0.8&kind=linear&seed=4&seeds=2&steps=400&warm=1&backend=js&fault=none' +
      `&importances=1,0.5&densities=0.1,0.2&pin=${PIN}` +
      '&pexp=phase-3-2&pgrid=8&pseeds=2&psteps=1500&ptheory=0&pdiff=1&pcell=14' +
      '&gn=6&gm=3&gcount=6&gmax=10&gsteps=800&gseed=2&gmodel=2&glive=1&gpseeds=2&gpsteps=2000&gpbase=0.1' +
      '&vpreset=abs-dense&vsteps=800&vseed=3' +
      '&fremove=6&fon=1,6&fx=0.2,0.3&fdraw=5&fdk=1&fdlambda=0.1&fddensity=0.5&fl1steps=250&fl1max=0.03' +
      '&fgsource=model&fgratio=2&fgdensity=0.3&fgdim=2&fglog=1&fcsn=400,50&fcstrials=2';
    const keys = [...new URLSearchParams(link).keys()];
    for (const table of TABLES) for (const k of urlKeys(table)) expect(keys, k).toContain(k);
    const r = readUrl(link);
    expect(r.ignored).toEqual([]);
    expect(r.state['at-a-glance']).toMatchObject({ n: 7, kind: 'linear', warm: true });
    expect(r.state['phase-change']).toMatchObject({ diagram: 'phase-3-2', cell: 14 });
    expect(r.state.geometry).toMatchObject({ n: 6, selected: 2 });
    expect(r.state['perturbed-pentagon']).toMatchObject({ seeds: 2, baseDensity: 0.1 });
    expect(r.state['beyond-basic']).toMatchObject({ variant: 'abs-dense' });
    // a set list comes back in ascending order, whatever order the link gave
    expect(footnotesOf(r)).toMatchObject({
      forward: { removed: 6, active: [1, 6], values: [0.2, 0.3] },
      gaussian: { source: 'model', logScale: true },
      cs: { sizes: [50, 400], trialsScale: 2 },
    });
    // and an unknown f-key is still reported, once
    expect(readUrl('?fbogus=1&fon=0').ignored).toEqual(['unknown setting "fbogus"']);
  });
});

describe('list kind', () => {
  const spec: ListSpec = { kind: 'list', item: 'int', min: 0, max: 9, maxLength: 3, default: [1] };
  const parse = (raw: string, s: ListSpec = spec) => parseParams({ l: s }, new URLSearchParams({ l: raw }));

  it('keeps order unless it is a set, allows spaces around items, and takes an empty value as the empty list', () => {
    expect(parse('3,1,2').values.l).toEqual([3, 1, 2]);
    expect(parse(' 3 , 1 ').values.l).toEqual([3, 1]);
    expect(parse('').values.l).toEqual([]);
    expect(parse('3,1,1').values.l).toEqual([3, 1, 1]);
    expect(parse('3,1', { ...spec, set: true }).values.l).toEqual([1, 3]);
    expect(parse('1,2,3,4').ignored).toEqual(['l="1,2,3,4": more than 3 items; using 1']);
    expect(parse('1.5').ignored).toEqual(['l="1.5": item 1 "1.5": not a whole number; using 1']);
    expect(parse('0.5', { ...spec, item: 'number', max: 1 }).values.l).toEqual([0.5]);
  });

  it('serialises only when it differs from the default, comma-separated', () => {
    expect(serializeParams({ l: spec }, { l: [1] }).toString()).toBe('');
    expect(serializeParams({ l: spec }, { l: [] }).toString()).toBe('l=');
    expect(queryString(serializeParams({ l: spec }, { l: [2, 3] }))).toBe('l=2,3');
  });
});

describe('forward-pass inputs for any n', () => {
  const state = (search: string) => footnotesOf(readUrl(search)).forward;

  it('drops features past n and fills missing values with their defaults', () => {
    const s = state('?fon=0,3,19&fx=0.2,0.3,0.4,0.6');
    expect(forwardInputs(s, 2)).toEqual({ active: [true, false], values: [0.2, 0.3] });
    const big = forwardInputs(s, 20);
    expect(big.active.length).toBe(20);
    expect(big.values.length).toBe(20);
    expect(big.active.flatMap((a, i) => (a ? [i] : []))).toEqual([0, 3, 19]);
    expect(big.values.slice(0, 6)).toEqual([0.2, 0.3, 0.4, 0.6, 0.5, 0.5]);
  });

  it('never crashes or overflows on odd sizes', () => {
    const s = state('?fon=0,1&fx=1');
    for (const n of [0, 1, 2, 5, 20, 21, 1000, NaN, -3]) {
      const { active, values } = forwardInputs(s, n);
      expect(active.length).toBe(values.length);
      expect(active.length).toBeLessThanOrEqual(MAX_FEATURES);
      expect(values.every((v) => v >= 0.01 && v <= 1)).toBe(true);
    }
  });

  it('encodes back to a link that parses, with trailing defaults dropped and values kept on the slider', () => {
    expect(encodeForward([true, true, false, false, false], [1, 0.7, 0.5, 0.5, 0.5])).toEqual({
      active: [0, 1],
      values: [],
    });
    expect(encodeForward([false, true, true], [1, 0.3, 0.5])).toEqual({ active: [1, 2], values: [1, 0.3] });
    // a sampled 0.00 and float noise stay inside [0.01, 1] at 2 decimals
    const e = encodeForward([true, true, true], [0, 0.30000000000000004, 7]);
    expect(e).toEqual({ active: [0, 1, 2], values: [0.01, 0.3, 1] });
    // a different n: a model with 7 features, then the link opened where n = 3
    const seven = encodeForward([false, false, false, false, false, false, true], [1, 0.7, 0.5, 0.5, 0.5, 0.5, 0.9]);
    const link = queryString(serializeParams(FORWARD_PARAMS, { ...defaults(FORWARD_PARAMS), ...seven }));
    expect(link).toBe('fon=6&fx=1,0.7,0.5,0.5,0.5,0.5,0.9');
    const r = readUrl(`?${link}`);
    expect(r.ignored).toEqual([]);
    expect(forwardInputs(footnotesOf(r).forward, 3)).toEqual({ active: [false, false, false], values: [1, 0.7, 0.5] });
    expect(forwardInputs(footnotesOf(r).forward, 7).values[6]).toBe(0.9);
    // more than 20 features never reach the URL
    const wide = encodeForward(Array(30).fill(true), Array(30).fill(0.2));
    expect(wide.active.length).toBe(MAX_FEATURES);
    expect(
      parseParams(FORWARD_PARAMS, serializeParams(FORWARD_PARAMS, { ...defaults(FORWARD_PARAMS), ...wide })).ignored,
    ).toEqual([]);
  });

  it('default values per feature and the draw counter stay within their keys', () => {
    for (let i = 0; i < MAX_FEATURES; i++)
      expect(forwardValueDefault(i)).toBeGreaterThanOrEqual(FORWARD_PARAMS.values.min);
    expect(nextDraw(1)).toBe(2);
    expect(nextDraw(FORWARD_PARAMS.draw.max)).toBe(FORWARD_PARAMS.draw.min);
    expect(CS_PARAMS.sizes.allowed).toEqual(CS_NS);
    expect(dictionaryDensity({ density: 0.0001 })).toBe(0.001);
  });
});
