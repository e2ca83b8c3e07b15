/** At a glance's per-feature lists and the pinned result at the URL boundary. */
import { describe, expect, it } from 'vitest';
import { readUrl, pageQuery } from '../../../src/app/page-url';
import { densitiesOf, importancesOf, listMismatch } from '../../../src/experiments/at-a-glance/features';
import { glanceTrainConfig, type GlanceState } from '../../../src/experiments/at-a-glance/params';
import { encodePin } from '../../../src/experiments/at-a-glance/pin';
import { atAGlance } from '../../../src/experiments/at-a-glance';
import { valuesOf } from '../../../src/experiments';

/** At a glance's values of a parsed link. */
const glance = (r: ReturnType<typeof readUrl>): GlanceState => valuesOf(r.state, atAGlance);

const pin = encodePin({
  n: 3,
  m: 2,
  kind: 'relu',
  step: 1200,
  handPlaced: false,
  W: Float32Array.from([1, 0, 0, 1, -1, 0]),
  b: Float32Array.from([0, 0, -0.5]),
  importance: Float32Array.from([1, 0.9, 0.81]),
  density: Float32Array.from([0.1, 0.1, 0.05]),
});

describe('importances= and densities=', () => {
  it('a link sets every feature’s importance and density, which the trainer gets', () => {
    const r = readUrl('?n=4&importances=1,0.5,0.25,0.125&densities=0.1,0.05,0.01,0.001');
    expect(r.ignored).toEqual([]);
    expect(glance(r).importances).toEqual([1, 0.5, 0.25, 0.125]);
    const config = glanceTrainConfig(glance(r));
    expect(Array.from(config.instances[0].importance)).toEqual([1, 0.5, 0.25, 0.125]);
    expect(Array.from(config.instances[2].density)).toEqual(Array.from(Float32Array.from([0.1, 0.05, 0.01, 0.001])));
    expect(pageQuery(r.state)).toBe('n=4&importances=1,0.5,0.25,0.125&densities=0.1,0.05,0.01,0.001');
  });

  it.each([
    ['importance above 1', '?importances=1,2', 'importances="1,2": item 2 "2": outside [0, 1]; using (none)'],
    ['negative importance', '?importances=-0.1', 'importances="-0.1": item 1 "-0.1": outside [0, 1]; using (none)'],
    ['density 0', '?densities=0.1,0', 'densities="0.1,0": item 2 "0": outside [0.001, 1]; using (none)'],
    ['not a number', '?densities=0.1,abc', 'densities="0.1,abc": item 2 "abc": not a number; using (none)'],
    ['an empty item', '?importances=1,,0.5', 'importances="1,,0.5": item 2 "": not a number; using (none)'],
    [
      'too many',
      `?densities=${Array(21).fill('0.1').join(',')}`,
      `densities="${Array(21).fill('0.1').join(',').slice(0, 40)}…": more than 20 items; using (none)`,
    ],
  ])('%s is rejected with a message, and the shorthand stays', (_, search, message) => {
    const r = readUrl(search);
    expect(r.ignored).toEqual([message]);
    expect(glance(r).importances).toEqual([]);
    expect(glance(r).densities).toEqual([]);
    expect(importancesOf(glance(r))).toEqual(Array.from({ length: 5 }, (_, i) => 0.9 ** i));
    expect(densitiesOf(glance(r))).toEqual([0.1, 0.1, 0.1, 0.1, 0.1]);
  });

  it('decay and density stay shorthands when the lists are empty; a list that does not fit n is cut or padded, and said so', () => {
    const short = readUrl('?n=5&decay=0.5&density=0.2&importances=1,0.3');
    expect(short.ignored).toEqual([]);
    expect(importancesOf(glance(short))).toEqual([1, 0.3, 0.3, 0.3, 0.3]);
    expect(densitiesOf(glance(short))).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
    expect(listMismatch(glance(short))).toBe('importances has 2 values for n = 5: cut or padded with the last value.');
    const long = readUrl('?n=2&densities=0.5,0.4,0.3');
    expect(densitiesOf(glance(long))).toEqual([0.5, 0.4]);
    expect(listMismatch(glance(readUrl('?n=2&densities=0.5,0.4')))).toBeNull();
  });
});

describe('pin=', () => {
  it('a valid pin is kept as it is and written back unchanged', () => {
    const r = readUrl(`?pin=${pin}`);
    expect(r.ignored).toEqual([]);
    expect(glance(r).pin).toBe(pin);
    expect(pageQuery(r.state)).toBe(`pin=${pin}`);
  });

  it.each([
    ['not base64url', '?pin=ab$cd', /^pin="ab\$cd": not a pinned model: not base64url text; using \(none\)$/],
    ['truncated', `?pin=${pin.slice(0, 30)}`, /not a pinned model: 22 bytes, expected 38 for n = 3, m = 2/],
    ['another version', `?pin=C${pin.slice(1)}`, /not a pinned model: unknown version/],
    ['far too long', `?pin=${'A'.repeat(2000)}`, /longer than \d+ characters/],
  ])('%s is reported, not drawn', (_, search, message) => {
    const r = readUrl(search);
    expect(r.ignored).toHaveLength(1);
    expect(r.ignored[0]).toMatch(message);
    expect(glance(r).pin).toBe('');
  });
});
