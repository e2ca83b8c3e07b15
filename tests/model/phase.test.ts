/** Phase classification and the phase grid. */
import { describe, expect, it } from 'vitest';
import { logSpace } from '../../src/model/log-space';
import { cellAt, classifyExtraFeature, classifyGrid, phaseGrid, phaseTrainConfig } from '../../src/model/phase';
import { candidates, experimentShape, type PhaseExperiment } from '../../src/model/theory';

describe('classifyExtraFeature', () => {
  it.each(['phase-2-1', 'phase-3-2'] as PhaseExperiment[])(
    'reads every hand-built %s solution as its own phase, also when perturbed',
    (e) => {
      const { n, m } = experimentShape(e);
      for (const c of candidates(e, 1, 0.1)) {
        expect(classifyExtraFeature(c.W, n, m), c.id).toBe(c.phase);
        // a trained model is never exact: shrink norms by 10% and add a small wobble
        const noisy = c.W.map((w, k) => 0.9 * w + 0.05 * Math.sin(k + 1));
        expect(classifyExtraFeature(noisy, n, m), `${c.id} perturbed`).toBe(c.phase);
      }
    },
  );

  it('uses the thresholds: a short extra feature is not represented; a half-overlapping one is in superposition', () => {
    expect(classifyExtraFeature([1, 0.4], 2, 1)).toBe('not-represented');
    expect(classifyExtraFeature([0, 0.6], 2, 1)).toBe('dedicated');
    // 3-2: the extra at 65° from feature 0: overlap cos² 65° ≈ 0.18 < 0.25; at 53° (0.36) it is superposed
    expect(
      classifyExtraFeature([1, 0, 0, 0, Math.cos((65 * Math.PI) / 180), Math.sin((65 * Math.PI) / 180)], 3, 2),
    ).toBe('dedicated');
    expect(classifyExtraFeature([1, 0, 0, 0, 0.6, 0.8], 3, 2)).toBe('superposition');
  });
});

describe('phase grid', () => {
  it('spans r ∈ [0.1, 10] and 1−S ∈ [1, 0.01] log-spaced, one instance per cell and seed', () => {
    const g = phaseGrid('phase-2-1', 5, 3, 7);
    expect(Array.from(g.rValues).map((v) => +v.toFixed(6))).toEqual([0.1, 0.316228, 1, 3.162278, 10]);
    expect(g.densityValues[0]).toBe(1);
    expect(g.densityValues[4]).toBeCloseTo(0.01, 12);
    const config = phaseTrainConfig(g);
    expect(config.instances).toHaveLength(75);
    const { r, density } = cellAt(g, 7); // row 1, col 2
    expect(r).toBe(1);
    expect(density).toBeCloseTo(Math.pow(10, -0.5), 12);
    expect(Array.from(config.instances[7 * 3 + 2].importance)).toEqual([1, 1]);
    expect(config.instances[7 * 3 + 2].density[0]).toBeCloseTo(density, 6);
    expect(new Set(config.instances.map((i) => i.seed)).size).toBe(75);
    expect(Array.from(logSpace(1, 100, 3))).toEqual([1, 10, 100]);
  });

  it('keeps the lowest-loss seed of each cell', () => {
    const g = phaseGrid('phase-2-1', 1, 3);
    // seed 0: dedicated, seed 1: superposition (lowest loss), seed 2: NaN
    const W = Float32Array.from([0, 1, 1, -1, 1, 0]);
    const { phases, best } = classifyGrid(g, W, [0.2, 0.1, NaN]);
    expect(Array.from(best)).toEqual([1]);
    expect(phases).toEqual(['superposition']);
  });
});
