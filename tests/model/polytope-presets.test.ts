/**
 * The 3-D presets are measured claims: each one's selected model forms its polytope. Only the
 * selected instance is trained — an instance's result depends on its own seed, density and the
 * sweep's pinned init std, not on the other instances — so the check takes seconds.
 */
import { describe, expect, it } from 'vitest';
import { polytopeCounts, type FactorName } from '../../src/model/geometry';
import { instanceWeights } from '../../src/model/metrics';
import { GEOMETRY_3D_PRESETS, GEOMETRY_PARAMS, geometryTrainConfig, type GeometryState } from '../../src/experiments/geometry/params';
import { parseParams } from '../../src/state/url-params';
import { FIDELITY_PATHS, cpuTrainer, type FidelityPath } from '../train/helpers';

/** The tegum factors each preset's model must split into (sorted names). */
const EXPECTED: Record<string, FactorName[]> = {
  tetrahedron: ['tetrahedron'], // the fifth feature is dropped (not a node of the graph)
  octahedron: ['digon', 'digon', 'digon'],
  bipyramid: ['digon', 'triangle'],
  antiprism: ['square-antiprism'],
};

/*
 * The simd path starts from the same initial weights but draws other samples, so a preset's seed
 * can end elsewhere there. The settings below were measured on simd (scratch search: the preset's
 * whole 16-model sweep per seed, polytopeCounts at several step counts; sweep sizes as the presets):
 * - tetrahedron (n = 5, up to 1/(1 − S) = 4): the js setting (seed 1, model 1, 10,000 steps) gives
 *   D_i 0.70, 0.70, 0.73, 0.72, just short of ¾ ± 0.05 ("other"; a tetrahedron from 12,000 steps).
 *   Model 2 (1/(1 − S) = 1.20) formed it for 12 of seeds 1–16 at 10,000 steps and 16 of 16 at
 *   12,000 and 14,000 (model 1: 8/16 at 10,000, 11/16 at 12,000). Seed 4's model 2 is a
 *   tetrahedron from 6,000 steps on (D_i 0.73–0.75 at 10,000).
 * - octahedron: the js setting forms it: 8 of seeds 1–8 at every model from 6 (1/(1 − S) = 4.8) on,
 *   at 4,000, 6,000 and 8,000 steps.
 * - triangular bipyramid (n = 5, up to 50): 6 of seeds 1–20 formed one in some model at 6,000 steps
 *   (js: 7/20; simd at 4,000: 5/20, 8,000: 3/20, 10,000: 2/20): seeds 9, 10, 15 at model 12
 *   (1/(1 − S) = 22.9), 2 and 17 at model 14, 12 at model 7. The js setting (seed 17, model 14)
 *   forms it at 4,000–7,000 steps but not from 8,000; seed 9's model 12 stays one from 4,000 to
 *   10,000 steps (D_i 0.63–0.70 ⊕ ½), so it is the simd setting. (On js, seed 9's model 12 is one
 *   at 4,000–6,000 steps and "other" from 7,000.)
 * - square antiprism: the js setting forms it: model 9 for 7 of seeds 1–8 (not seed 3), models 8
 *   and 10–15 for 8 of 8, at 4,000, 6,000 and 8,000 steps.
 */
const SIMD_SETTINGS: Record<string, Partial<GeometryState>> = {
  tetrahedron: { gseed: 4, gmodel: 2, gsteps: 10_000 },
  octahedron: { gseed: 1, gmodel: 9, gsteps: 6000 },
  bipyramid: { gseed: 9, gmodel: 12, gsteps: 6000 },
  antiprism: { gseed: 1, gmodel: 9, gsteps: 6000 },
};

describe.each(FIDELITY_PATHS)('3-D geometry presets form their polytopes (%s path, fixed seeds)', (path: FidelityPath) => {
  it.each(GEOMETRY_3D_PRESETS.map((p) => [p.id, p] as const))('%s', async (id, p) => {
    const values = { ...parseParams(GEOMETRY_PARAMS, '').values, ...p.values, ...(path === 'simd' ? SIMD_SETTINGS[id] : {}) };
    const config = geometryTrainConfig(values);
    const selected = { ...config, instances: [config.instances[values.gmodel]] };
    const trainer = await cpuTrainer(selected, path);
    try {
      trainer.stepSync(values.gsteps);
      const { W } = await trainer.read();
      const { factors } = polytopeCounts(instanceWeights(W, 0, values.gn, values.gm), values.gn, values.gm);
      console.log(`${path} ${id} (seed ${values.gseed}, model ${values.gmodel}, ${values.gsteps} steps): ${factors.map((f) => `${f.name}[${f.dimensionalities.map((d) => d.toFixed(2)).join(', ')}]`).join(' ⊕ ')}`);
      expect(factors.map((f) => f.name).sort()).toEqual(EXPECTED[id]);
    } finally {
      trainer.dispose();
    }
  });
});
