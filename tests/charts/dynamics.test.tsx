/**
 * Learning dynamics: the D_i-and-loss chart, the snapshot recorder behind the timeline, and the perturbed-pentagon
 * charts.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DynamicsChart, MAX_LINE_POINTS, nearestStepIndex } from '../../src/charts/DynamicsChart';
import { PentagonLossChart, PentagonStrip } from '../../src/charts/PentagonCharts';
import { crossing } from '../../src/model/uniform-sweep';
import { DIMENSIONALITY_LEVELS } from '../../src/model/geometry';
import { featureDimensionality } from '../../src/model/metrics';
import { DynamicsRecorder } from '../../src/experiments/geometry/dynamics-recorder';
import { badAttributes, num, parse, withAttr } from './svg';

/** Points of an "M x,y L x,y …" path. */
const points = (d: string) => [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((p) => [Number(p[1]), Number(p[2])]);

/** A history where feature 0 jumps from ½ to ⅖ at step 500 and the loss drops there. */
function history(n = 5, T = 11) {
  const steps = Array.from({ length: T }, (_, t) => t * 100);
  const D = steps.map((s) => Array.from({ length: n }, (_, i) => (i === 0 ? (s < 500 ? 0.5 : 0.4) : 0.25 + 0.1 * i)));
  const loss = steps.map((s) => (s < 500 ? 0.02 : 0.01));
  return { steps, D, loss };
}

describe('DynamicsChart', () => {
  it('draws one D_i line per feature above the loss on a shared x-axis, with the reference fractions', () => {
    const n = 5;
    const h = history(n);
    const svg = renderToStaticMarkup(
      <DynamicsChart steps={h.steps} dimensionalities={h.D} losses={h.loss} n={n} cursor={300} />,
    );
    expect(parse(svg).errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
    const lines = withAttr(svg, 'path', 'data-feature');
    expect(lines.map((p) => p.getAttribute('data-feature'))).toEqual(['0', '1', '2', '3', '4']);
    for (const p of lines) expect(points(p.getAttribute('d')!)).toHaveLength(h.steps.length);
    const loss = withAttr(svg, 'path', 'data-layer').find((p) => p.getAttribute('data-layer') === 'loss')!;
    expect(points(loss.getAttribute('d')!)).toHaveLength(h.steps.length);
    // shared x: the t-th points of a D line and of the loss line have the same x
    const d0 = points(lines[0].getAttribute('d')!);
    const l = points(loss.getAttribute('d')!);
    d0.forEach(([x], t) => expect(x).toBe(l[t][0]));
    // the D panel lies above the loss panel
    expect(Math.max(...d0.map((p) => p[1]))).toBeLessThan(Math.min(...l.map((p) => p[1])));
    // feature 0's jump: it sits on the ½ line before and the ⅖ line after
    const levelY = (label: string) =>
      num(
        withAttr(svg, 'line', 'data-level').find((e) => e.getAttribute('data-level') === label)!,
        'y1',
      );
    expect(d0[0][1]).toBeCloseTo(levelY('1/2'), 1);
    expect(d0[10][1]).toBeCloseTo(levelY('2/5'), 1);
    expect(withAttr(svg, 'line', 'data-level').map((e) => e.getAttribute('data-level'))).toEqual(
      DIMENSIONALITY_LEVELS.map((v) => v.label),
    );
    // and the loss drops at the same x
    expect(l[5][1]).toBeGreaterThan(l[4][1]);
    // the cursor at step 300 is at the x of the 4th snapshot
    const cursor = withAttr(svg, 'g', 'data-layer').find((g) => g.getAttribute('data-layer') === 'cursor')!;
    expect(num(cursor.getElementsByTagName('line')[0], 'x1')).toBe(d0[3][0]);
    expect(parse(svg).doc.documentElement!.getAttribute('data-snapshots')).toBe('11');
  });

  it('thins long histories of many features, keeps first and last, and survives NaN and empty input', () => {
    const n = 400;
    const T = 300;
    const steps = Array.from({ length: T }, (_, t) => t * 33);
    const D = steps.map((_, t) => Float64Array.from({ length: n }, (_, i) => ((i + t) % 7) / 10));
    const loss = steps.map((_, t) => 0.1 / (t + 1));
    const svg = renderToStaticMarkup(<DynamicsChart steps={steps} dimensionalities={D} losses={loss} n={n} />);
    const lines = withAttr(svg, 'path', 'data-feature');
    expect(lines).toHaveLength(n);
    const total = lines.reduce((s, p) => s + points(p.getAttribute('d')!).length, 0);
    expect(total).toBeLessThanOrEqual(MAX_LINE_POINTS + 2 * n);
    const p0 = points(lines[0].getAttribute('d')!);
    expect(p0.length).toBeLessThan(T);
    const x = (s: number) => {
      const all = points(
        withAttr(svg, 'path', 'data-layer')
          .find((p) => p.getAttribute('data-layer') === 'loss')!
          .getAttribute('d')!,
      );
      return all[steps.indexOf(s)][0];
    };
    expect(p0[0][0]).toBe(x(0));
    expect(p0[p0.length - 1][0]).toBe(x(steps[T - 1]));

    const odd = renderToStaticMarkup(
      <DynamicsChart
        steps={[0, 10, NaN, 30]}
        dimensionalities={[
          [0.5, NaN],
          [Infinity, 0.4],
          [0.5, 0.5],
          [0.5, 0.5],
        ]}
        losses={[NaN, 0, -1, 0.01]}
        n={2}
        cursor={NaN}
      />,
    );
    expect(parse(odd).errors).toEqual([]);
    expect(badAttributes(odd)).toEqual([]);
    const empty = renderToStaticMarkup(<DynamicsChart steps={[]} dimensionalities={[]} losses={[]} n={3} />);
    expect(parse(empty).errors).toEqual([]);
    expect(badAttributes(empty)).toEqual([]);
    expect(empty).toContain('no snapshots recorded yet');
  });

  it('finds the nearest recorded step', () => {
    expect(nearestStepIndex([0, 100, 250, 400], 0)).toBe(0);
    expect(nearestStepIndex([0, 100, 250, 400], 160)).toBe(1);
    expect(nearestStepIndex([0, 100, 250, 400], 190)).toBe(2);
    expect(nearestStepIndex([0, 100, 250, 400], 1e9)).toBe(3);
    expect(nearestStepIndex([0, 100, 250, 400], -5)).toBe(0);
    expect(nearestStepIndex([], 3)).toBe(-1);
  });
});

/** A fake snapshot of I models of n×m whose weights encode the step. */
function snap(runId: number, step: number, I: number, n: number, m: number) {
  return {
    runId,
    step,
    W: Float32Array.from({ length: I * n * m }, (_, k) => Math.sin(k + step)),
    b: new Float32Array(I * n).fill(step),
    loss: Float32Array.from({ length: I }, (_, j) => 1 / (step + j + 1)),
  };
}

describe('DynamicsRecorder', () => {
  it('keeps every model of a small sweep, once per step, and hands back one model’s history with D_i', () => {
    const rec = new DynamicsRecorder(300);
    const [I, n, m] = [3, 4, 2];
    for (const s of [0, 10, 20]) {
      expect(rec.record(snap(1, s, I, n, m), I, n, m, null)).toBe(true);
      expect(rec.record(snap(1, s, I, n, m), I, n, m, null)).toBe(false); // idempotent (render may run twice)
    }
    expect(rec.recordsAll).toBe(true);
    const h = rec.history(2, n, m)!;
    expect(h.steps).toEqual([0, 10, 20]);
    const want = snap(1, 10, I, n, m).W.subarray(2 * n * m, 3 * n * m);
    expect(Array.from(h.W[1])).toEqual(Array.from(want));
    expect(h.loss[2]).toBeCloseTo(1 / 23, 6);
    expect(Array.from(h.b[0])).toEqual([0, 0, 0, 0]);
    expect(Array.from(h.D[1])).toEqual(Array.from(featureDimensionality(want, n, m)));
    // a new run starts over
    rec.record(snap(2, 5, I, n, m), I, n, m, null);
    expect(rec.history(0, n, m)!.steps).toEqual([5]);
    // a snapshot of the wrong shape is ignored
    expect(rec.record(snap(2, 50, I, n, m + 1), I, n, m, null)).toBe(false);
  });

  it('when full, drops every other snapshot but keeps the first and the latest', () => {
    const rec = new DynamicsRecorder(8);
    for (let s = 0; s <= 20; s++) rec.record(snap(1, s * 10, 1, 2, 2), 1, 2, 2, null);
    const steps = rec.history(0, 2, 2)!.steps;
    expect(steps.length).toBeLessThanOrEqual(8);
    expect(steps[0]).toBe(0);
    expect(steps[steps.length - 1]).toBe(200);
    for (let k = 1; k < steps.length; k++) expect(steps[k]).toBeGreaterThan(steps[k - 1]);
  });

  it('keeps only the selected model of a big sweep, from the moment it is selected', () => {
    const rec = new DynamicsRecorder(300, 100);
    const [I, n, m] = [4, 10, 3]; // 120 floats > 100
    expect(rec.record(snap(1, 0, I, n, m), I, n, m, null)).toBe(false);
    rec.record(snap(1, 10, I, n, m), I, n, m, 1);
    rec.record(snap(1, 20, I, n, m), I, n, m, 1);
    expect(rec.recordsAll).toBe(false);
    expect(rec.trackedModel).toBe(1);
    const h = rec.history(1, n, m)!;
    expect(h.steps).toEqual([10, 20]);
    expect(Array.from(h.W[0])).toEqual(Array.from(snap(1, 10, I, n, m).W.subarray(n * m, 2 * n * m)));
    expect(rec.history(0, n, m)).toBeNull();
    rec.record(snap(1, 30, I, n, m), I, n, m, 3); // another model: its history starts now
    expect(rec.history(3, n, m)!.steps).toEqual([30]);
  });
});

describe('perturbed pentagon charts', () => {
  const rel = [0.1, 0.2, 0.3, 0.5, 1];
  it('finds where the two loss curves cross, in log-log interpolation', () => {
    // digons cheaper below 0.25, pentagon above
    const pent = [2, 1.2, 1.1, 1, 1].map((v) => v * 1e-3);
    const dig = [1, 1, 1.2, 1.5, 2].map((v) => v * 1e-3);
    const c = crossing(rel, pent, dig)!;
    expect(c).toBeGreaterThan(0.2);
    expect(c).toBeLessThan(0.3);
    expect(crossing(rel, [null, 1.2e-3, 1.1e-3, 1e-3, 1e-3], dig)).toBeCloseTo(c, 12); // missing points are skipped
    expect(
      crossing(
        rel,
        dig,
        dig.map((v) => v * 2),
      ),
    ).toBeNull();
  });

  it('draws both curves with the crossing marked, and the strip of canonicalised solutions', () => {
    const pent = [null, 1.2e-3, 1.1e-3, 1e-3, 1e-3];
    const dig = [1e-3, 1e-3, 1.2e-3, 1.5e-3, null];
    const svg = renderToStaticMarkup(
      <PentagonLossChart
        relativeDensities={rel}
        pentagon={pent}
        digons={dig}
        fits={[{ loss: 1e-3, type: 'digons' }, null, null, { loss: 1e-3, type: 'pentagon' }, null]}
      />,
    );
    expect(parse(svg).errors).toEqual([]);
    expect(badAttributes(svg)).toEqual([]);
    const series = withAttr(svg, 'g', 'data-solution');
    expect(series.map((g) => g.getAttribute('data-solution'))).toEqual(['pentagon', 'digons']);
    expect(series.map((g) => g.getElementsByTagName('circle').length)).toEqual([4, 4]);
    const root = parse(svg).doc.documentElement!;
    expect(Number(root.getAttribute('data-crossing'))).toBeGreaterThan(0.2);
    expect(withAttr(svg, 'g', 'data-layer').some((g) => g.getAttribute('data-layer') === 'crossing')).toBe(true);

    // strip: a rotated pentagon comes back with its first feature along +x
    const W = new Float32Array(10);
    for (let i = 0; i < 5; i++) {
      W[2 * i] = Math.cos(1 + (2 * Math.PI * i) / 5);
      W[2 * i + 1] = Math.sin(1 + (2 * Math.PI * i) / 5);
    }
    const strip = renderToStaticMarkup(
      <PentagonStrip
        relativeDensities={rel}
        solutions={[W, W, null, W, W]}
        types={['pentagon', 'pentagon', null, 'pentagon', 'digons']}
      />,
    );
    expect(parse(strip).errors).toEqual([]);
    expect(badAttributes(strip)).toEqual([]);
    const cells = withAttr(strip, 'g', 'data-rel');
    expect(cells).toHaveLength(5);
    expect(cells[2].getAttribute('data-type')).toBe('untrained');
    expect(cells[0].getElementsByTagName('svg')).toHaveLength(1);
    // the cells are FeatureGeometry2D pictures, re-tagged so page-wide look-ups of that chart miss them
    expect(cells[0].getElementsByTagName('svg')[0].getAttribute('data-chart')).toBe('pentagon-cell');
    expect(strip).not.toContain('data-chart="feature-geometry-2d"');
    const f0 = withAttr(strip, 'g', 'data-feature').find((g) => g.getAttribute('data-feature') === '0')!;
    const line = f0.getElementsByTagName('line')[0];
    expect(num(line, 'y2')).toBeCloseTo(num(line, 'y1'), 1); // along the x-axis …
    expect(num(line, 'x2')).toBeGreaterThan(num(line, 'x1')); // … pointing right
  });
});
