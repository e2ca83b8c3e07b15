/** Run keys: the settings a run trains, written as the page's address writes them, and read back. */
import { describe, expect, it } from 'vitest';
import { GLANCE_PARAMS, GLANCE_RUN_KEYS } from '../../src/experiments/at-a-glance/params';
import { GEOMETRY_PARAMS, GEOMETRY_RUN_KEYS } from '../../src/experiments/geometry/params';
import { runKey, runKeyOfAddress, runSettings } from '../../src/state/run-key';
import { defaults, parseParams } from '../../src/state/url-params';

const glance = (search: string) => parseParams(GLANCE_PARAMS, search).values;

describe('run keys', () => {
  it('are the run’s keys that differ from their defaults, in table order; others (the pin, warm start) are left out', () => {
    expect(runKey(GLANCE_PARAMS, GLANCE_RUN_KEYS, defaults(GLANCE_PARAMS))).toBe('');
    const s = glance('?steps=300&backend=js&density=0.05&warm=1&densities=0.1,0.2');
    expect(runKey(GLANCE_PARAMS, GLANCE_RUN_KEYS, s)).toBe('density=0.05&densities=0.1,0.2&steps=300&backend=js');
    expect(runKey(GLANCE_PARAMS, GLANCE_RUN_KEYS, { ...s, warm: false, fault: 'webgl-lost' })).toBe(
      runKey(GLANCE_PARAMS, GLANCE_RUN_KEYS, s),
    );
    expect(runKey(GLANCE_PARAMS, GLANCE_RUN_KEYS, { ...s, seed: 4 })).not.toBe(
      runKey(GLANCE_PARAMS, GLANCE_RUN_KEYS, s),
    );
  });

  it('read back to the settings they stand for, over the settings that are not the run’s', () => {
    const trained = glance('?n=7&m=3&density=0.05&seed=4&steps=400&backend=js');
    const key = runKey(GLANCE_PARAMS, GLANCE_RUN_KEYS, trained);
    // Since then the reader moved on (n = 9) and pinned something: the run's settings are still the run's.
    const now = { ...glance('?n=9&steps=400&backend=js'), pin: 'x' };
    const back = runSettings(GLANCE_PARAMS, GLANCE_RUN_KEYS, key, now);
    expect(back).toEqual({ ...trained, pin: 'x' });
    expect(runSettings(GLANCE_PARAMS, GLANCE_RUN_KEYS, '', now)).toMatchObject({ n: 5, m: 2, steps: 10_000, pin: 'x' });
  });

  it('of an address are those of its settings (unknown and other sections’ keys ignored)', () => {
    expect(
      runKeyOfAddress(GEOMETRY_PARAMS, GEOMETRY_RUN_KEYS, 'http://x/?steps=200&gcount=4&gsteps=600&gmodel=2'),
    ).toBe('gcount=4&gsteps=600');
    expect(runKeyOfAddress(GEOMETRY_PARAMS, GEOMETRY_RUN_KEYS, '')).toBe('');
  });

  it('refuse keys that are not the table’s, and run keys that are not the run’s', () => {
    expect(() => runKey(GEOMETRY_PARAMS, ['n', 'nope' as 'n'], defaults(GEOMETRY_PARAMS))).toThrow(/"nope" is not/);
    expect(() => runSettings(GEOMETRY_PARAMS, GEOMETRY_RUN_KEYS, 'gmodel=3', defaults(GEOMETRY_PARAMS))).toThrow(
      /not a run key/,
    );
  });
});
