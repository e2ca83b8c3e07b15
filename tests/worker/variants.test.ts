/**
 * The training service (what runs in the page's worker) with the variant configs: 'auto' picks
 * the JS path (the only one the variants have) and snapshots carry the run's weight layout.
 */
import { describe, expect, it } from 'vitest';
import { absNoSuperposition, correlatedPairs, privilegedBasis } from '../../src/model/variants/presets';
import { instanceParams, weightsPerInstance } from '../../src/model/variants/model';
import { TrainerService } from '../../src/worker/service';

describe('TrainerService with variant configs', () => {
  for (const preset of [absNoSuperposition(2), privilegedBasis(1, [1, 0.1]), correlatedPairs(1)]) {
    it(`${preset.id}: auto path → js, snapshot W is [I, ${weightsPerInstance(preset.config) / (preset.config.n * preset.config.m)}, n, m]`, async () => {
      const service = new TrainerService();
      try {
        const report = await service.configure(preset.config, { path: 'auto', maxSteps: 1000, autoStart: false });
        expect(report.path).toBe('js');
        expect(report.timings.map((t) => t.path)).toEqual(['js']);
        const snap = await service.stepN(50);
        const I = preset.config.instances.length;
        expect(snap.step).toBe(50);
        expect(snap.W.length).toBe(I * weightsPerInstance(preset.config));
        expect(snap.b.length).toBe(I * preset.config.n);
        expect(Array.from(snap.loss).every(Number.isFinite)).toBe(true);
        const p = instanceParams(preset.config, snap.W, snap.b, I - 1);
        expect(p.W1.length).toBe(preset.config.n * preset.config.m);
      } finally {
        await service.dispose();
      }
    });
  }
});
