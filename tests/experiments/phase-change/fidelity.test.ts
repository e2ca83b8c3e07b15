/**
 * Paper fidelity of the phase diagram: a seeded 8×8 grid of n = 2, m = 1 models (best of 3,
 * trained to convergence) agrees with the analytic phases away from the boundaries — on the js
 * and the simd path alike (same grid, seeds and thresholds).
 */
import { describe, expect, it } from 'vitest';
import { asciiDiagram, runPhaseSweep, summarise } from '../../../src/experiments/phase-change/sweep';
import { phaseGrid } from '../../../src/model/phase';
import { DEFAULT_CONVERGENCE } from '../../../src/train/convergence';
import { FIDELITY_PATHS, type FidelityPath } from '../../train/basic/helpers';
import { verbose } from '../../helpers/log';

describe.each(FIDELITY_PATHS)('%s path', (path: FidelityPath) => {
  describe('phase diagram n = 2, m = 1', () => {
    it('≥ 85% of the cells clear of the analytic boundaries (factor 1.5) match the theory', async () => {
      const res = await runPhaseSweep(phaseGrid('phase-2-1', 8, 3, 1), {
        maxSteps: 10_000,
        path,
        threads: 2,
        convergence: { ...DEFAULT_CONVERGENCE },
      });
      verbose(`${asciiDiagram(res)}\n${summarise(res)}`);
      const a = res.agreement;
      expect(a.awayFromBoundary).toBeGreaterThanOrEqual(30);
      expect(a.agreeAwayFromBoundary / a.awayFromBoundary).toBeGreaterThanOrEqual(0.85);
      // all three phases appear, where the theory puts them
      const at = (row: number, col: number) => res.cells[row * 8 + col].phase;
      expect(at(0, 0)).toBe('not-represented'); // dense, unimportant extra
      expect(at(0, 7)).toBe('dedicated'); // dense, important extra
      expect(at(7, 3)).toBe('superposition'); // sparse
    });
  });

  describe('phase diagram n = 3, m = 2', () => {
    it('≥ 80% of the cells clear of the analytic boundaries match the theory (best of 3 by expected loss)', async () => {
      const res = await runPhaseSweep(phaseGrid('phase-3-2', 8, 3, 1), {
        maxSteps: 10_000,
        path,
        threads: 2,
        convergence: { ...DEFAULT_CONVERGENCE },
      });
      verbose(`${asciiDiagram(res)}\n${summarise(res)}`);
      const a = res.agreement;
      expect(a.awayFromBoundary).toBeGreaterThanOrEqual(30);
      expect(a.agreeAwayFromBoundary / a.awayFromBoundary).toBeGreaterThanOrEqual(0.8);
      const at = (row: number, col: number) => res.cells[row * 8 + col].phase;
      expect(at(0, 0)).toBe('not-represented');
      expect(at(0, 7)).toBe('dedicated');
      expect(at(7, 0)).toBe('superposition');
    });
  });
});
