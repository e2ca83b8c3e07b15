/** The sweep CLI's arguments: its grid defaults are the page's, so a bare sweep trains what a bare link does. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/command';
import { parseSweepArgs } from '../../src/cli/sweep';
import { PHASE_PARAMS, PHASE_PRESETS } from '../../src/experiments/phase-change/params';

describe('sweep CLI', () => {
  it("defaults to the page's grid: diagram, cells per axis, seeds per cell and step limit", () => {
    const args = parseSweepArgs([])!;
    expect(args.grid.experiment).toBe(PHASE_PARAMS.diagram.default);
    expect(args.grid.rValues).toHaveLength(PHASE_PARAMS.grid.default);
    expect(args.grid.seeds).toBe(PHASE_PARAMS.seeds.default);
    expect(args.grid.seeds).toBe(5);
    expect(args.options.maxSteps).toBe(PHASE_PARAMS.steps.default);
  });

  it('the phase presets are that default grid', () => {
    for (const p of PHASE_PRESETS) {
      expect(p.params.pgrid).toBe(String(PHASE_PARAMS.grid.default));
      expect(p.params.pseeds).toBe(String(PHASE_PARAMS.seeds.default));
      expect(p.params.psteps).toBe(String(PHASE_PARAMS.steps.default));
    }
  });

  it('takes --seeds within [1, 16] and rejects the rest', () => {
    expect(parseSweepArgs(['--seeds', '3'])!.grid.seeds).toBe(3);
    expect(parseSweepArgs(['--seeds', '16'])!.grid.seeds).toBe(16);
    expect(() => parseSweepArgs(['--seeds', '0'])).toThrow(UsageError);
    expect(() => parseSweepArgs(['--seeds', '2.5'])).toThrow(/--seeds must be an integer in \[1, 16\]/);
    expect(parseSweepArgs(['--help'])).toBeNull();
  });
});
