/** The URL boundary: every bad input falls back to a default and is reported, never thrown. */
import { describe, expect, it } from 'vitest';
import { GLANCE_PARAMS } from '../../src/experiments/at-a-glance/params';
import { readUrl } from '../../src/app/page-url';
import { PHASE_PARAMS } from '../../src/experiments/phase-change/params';
import { defaults, fieldOfKey, parseParams, serializeParams } from '../../src/state/url-params';

describe('URL parsing', () => {
  it.each([
    ['negative', '?n=-3', 'n', 'n="-3": outside [2, 20]; using 5'],
    ['NaN', '?m=NaN', 'm', 'm="NaN": not a number; using 2'],
    ['Infinity', '?density=Infinity', 'density', 'density="Infinity": not a number; using 0.1'],
    ['huge', '?steps=1e308', 'steps', 'steps="1e308": outside [100, 100000]; using 10000'],
    ['fraction for an integer', '?n=4.5', 'n', 'n="4.5": not a whole number; using 5'],
    ['empty', '?seed=', 'seed', 'seed="": not a number; using 1'],
    ['hex', '?n=0x10', 'n', 'n="0x10": not a number; using 5'],
    ['decimal with spaces is fine', '?n=%2012%20', 'n', null],
    ['wrong type for an enum', '?kind=42', 'kind', 'kind="42": not one of relu, linear; using relu'],
    ['bool garbage', '?warm=yes', 'warm', 'warm="yes": not 1/0; using false'],
    [
      'script injection',
      '?kind=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
      'kind',
      'kind="<script>alert(1)</script>": not one of relu, linear; using relu',
    ],
    [
      'very long value',
      `?backend=${'x'.repeat(500)}`,
      'backend',
      `backend="${'x'.repeat(40)}…": not one of auto, simd, js, wasm, webgl, webgpu, cpu; using auto`,
    ],
    ['phase grid too big', '?pgrid=1000', 'pgrid', 'pgrid="1000": outside [4, 40]; using 24'],
  ])('%s', (_, search, key, message) => {
    const r = readUrl(search);
    if (message === null) {
      expect(r.ignored).toEqual([]);
      return;
    }
    expect(r.ignored).toEqual([message]);
    const glance = fieldOfKey(GLANCE_PARAMS, key) !== undefined;
    const table = glance ? GLANCE_PARAMS : PHASE_PARAMS;
    const values = r.state[glance ? 'at-a-glance' : 'phase-change'];
    const field = fieldOfKey(table, key)!;
    expect(values[field]).toBe((table as Record<string, { default: unknown }>)[field].default);
  });

  it('reports unknown keys once, duplicates, and keeps every valid key', () => {
    const r = readUrl('?n=7&n=9&foo=1&pgrid=8&bar=%00');
    expect(r.state['at-a-glance'].n).toBe(7);
    expect(r.state['phase-change'].grid).toBe(8);
    expect(r.ignored).toEqual([
      'n: given more than once, kept the first',
      'unknown setting "foo"',
      'unknown setting "bar"',
    ]);
  });

  it('a preset fills in its figure; explicit keys win; an unknown preset is reported', () => {
    const p = readUrl('?preset=intro-s99&seed=5');
    expect(p.ignored).toEqual([]);
    expect(p.state['at-a-glance']).toMatchObject({ n: 5, m: 2, density: 0.01, seed: 5 });
    expect(readUrl('?preset=phase-3-2').state['phase-change'].diagram).toBe('phase-3-2');
    expect(readUrl('?preset=nope').ignored).toEqual(['preset="nope": no such preset']);
  });

  it('serialising and parsing round-trip, and defaults serialise to an empty query', () => {
    const values = { ...defaults(GLANCE_PARAMS), n: 12, density: 0.003, warm: true, kind: 'linear' as const };
    const query = serializeParams(GLANCE_PARAMS, values).toString();
    expect(query).toBe('n=12&density=0.003&kind=linear&warm=1');
    expect(parseParams(GLANCE_PARAMS, query).values).toEqual(values);
    expect(serializeParams(PHASE_PARAMS, defaults(PHASE_PARAMS)).toString()).toBe('');
  });
});
