/**
 * The golden test: the figures CLI's quick run and the chart gallery render exactly what the stored
 * manifests record. A difference fails with the files that changed; if the change is intended,
 * `npm run golden:update` rewrites the manifests (commit them separately, saying what changed and why).
 */
import { describe, expect, it } from 'vitest';
import {
  CHARTS_MANIFEST,
  FIGURES_MANIFEST,
  chartsManifest,
  figuresManifest,
  manifestDiff,
  normalise,
  readManifest,
} from './golden';

const UPDATE = 'if the change is intended, run `npm run golden:update` and commit the manifests with the reason';

describe('golden outputs', () => {
  it('normalising zeroes the timings of JSON outputs and nothing else', () => {
    const text = JSON.stringify({
      run: { seconds: 3.2, stepsPerSecond: 90, steps: 300 },
      summary: { ms: 1700, loss: 0.25 },
      seconds: 'kept',
    });
    expect(JSON.parse(normalise('a.json', text))).toEqual({
      run: { seconds: 0, stepsPerSecond: 0, steps: 300 },
      summary: { ms: 0, loss: 0.25 },
      seconds: 'kept',
    });
    expect(normalise('a.svg', '<svg seconds="3"/>')).toBe('<svg seconds="3"/>');
  });

  it('every chart of the gallery renders as recorded', () => {
    const diff = manifestDiff(readManifest(CHARTS_MANIFEST), chartsManifest());
    expect(diff, UPDATE).toEqual({ changed: [], added: [], removed: [] });
  });

  // The whole quick run: 32 presets, ~35 s on an idle 2-core machine (the six footnote presets ~4.5 s of it).
  it('the figures CLI --quick writes the recorded SVG and JSON files', { timeout: 300_000 }, async () => {
    const expected = readManifest(FIGURES_MANIFEST);
    const actual = await figuresManifest();
    expect(Object.keys(actual).length).toBeGreaterThan(100);
    expect(manifestDiff(expected, actual), UPDATE).toEqual({ changed: [], added: [], removed: [] });
  });
});
