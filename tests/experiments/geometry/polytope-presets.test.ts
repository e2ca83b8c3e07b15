/**
 * The 3-D presets are measured claims: each one's selected model forms its polytope. Only the
 * selected instance is trained — an instance's result depends on its own seed, density and the
 * sweep's pinned init std, not on the other instances — so the check takes seconds.
 */
import { describe, expect, it } from 'vitest';
import { polytopeCounts, type FactorName } from '../../../src/model/geometry';
import { instanceWeights } from '../../../src/model/metrics';
import { GEOMETRY_3D_PRESETS, GEOMETRY_PARAMS, geometryTrainConfig } from '../../../src/experiments/geometry/params';
import { parseParams } from '../../../src/state/url-params';
import { FIDELITY_PATHS, syncTrainer, type FidelityPath } from '../../train/basic/helpers';
import { verbose } from '../../helpers/log';

/** The tegum factors each preset's model must split into (sorted names). */
const EXPECTED: Record<string, FactorName[]> = {
  tetrahedron: ['tetrahedron'], // the fifth feature is dropped (not a node of the graph)
  octahedron: ['digon', 'digon', 'digon'],
  bipyramid: ['digon', 'triangle'],
  antiprism: ['square-antiprism'],
};

// The presets were measured on the simd path (docs/geometry-3d-measurements.md); with the same
// seeds they form the same polytopes on the js path (the fallback) too.
describe.each(FIDELITY_PATHS)(
  '3-D geometry presets form their polytopes (%s path, fixed seeds)',
  (path: FidelityPath) => {
    it.each(GEOMETRY_3D_PRESETS.map((p) => [p.id, p] as const))('%s', async (id, p) => {
      const values = { ...parseParams(GEOMETRY_PARAMS, '').values, ...p.values };
      const config = geometryTrainConfig(values);
      const selected = { ...config, instances: [config.instances[values.selected]] };
      const trainer = await syncTrainer(selected, path);
      try {
        trainer.stepSync(values.steps);
        const { W } = await trainer.read();
        const { factors } = polytopeCounts(instanceWeights(W, 0, values.n, values.m), values.n, values.m);
        verbose(
          `${path} ${id} (seed ${values.seed}, model ${values.selected}, ${values.steps} steps): ${factors.map((f) => `${f.name}[${f.dimensionalities.map((d) => d.toFixed(2)).join(', ')}]`).join(' ⊕ ')}`,
        );
        expect(factors.map((f) => f.name).sort()).toEqual(EXPECTED[id]);
      } finally {
        trainer.dispose();
      }
    });
  },
);
