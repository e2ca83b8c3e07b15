/** "Inside one forward pass", its worker side: removing a feature's direction. */
import { describe, expect, it } from 'vitest';
import { identity, model, runTask } from '../tasks';

describe('remove-direction', () => {
  it('orthogonal features leave the others untouched; an antipodal pair loses both', async () => {
    const ortho = await runTask('remove-direction', {
      model: model(identity(3), 3, 3, { density: 0.2 }),
      samples: 5000,
    });
    expect(ortho.n).toBe(3);
    expect(ortho.before).toHaveLength(3);
    expect(ortho.after).toHaveLength(9);
    expect(ortho.change).toHaveLength(9);
    for (let f = 0; f < 3; f++) {
      for (let i = 0; i < 3; i++) {
        if (i === f) {
          // The removed feature loses all of it: E[x²] · density = 0.2 / 3.
          expect(ortho.after[f * 3 + i]).toBeGreaterThan(0.05);
          expect(ortho.after[f * 3 + i]).toBeLessThan(0.085);
        } else expect(ortho.change[f * 3 + i]).toBe(0);
      }
      expect(ortho.doubledOthers[f]).toBe(0);
    }
    Array.from(ortho.norms).forEach((v) => expect(v).toBeCloseTo(1, 6));

    // Two features sharing one dimension (antipodal): removing feature 0's direction removes h entirely.
    const pair = await runTask('remove-direction', { model: model([1, -1], 2, 1, { density: 0.1 }), samples: 20_000 });
    expect(pair.after[1]).toBeGreaterThan(2 * pair.before[1]);
    expect(pair.doubledOthers[0]).toBe(1);
    expect(pair.doubledOthers[1]).toBe(1);
  });

  it('rejects a malformed model with a readable error', async () => {
    const bad = { ...model(identity(2), 2, 2), W: new Float32Array(3) };
    await expect(runTask('remove-direction', { model: bad })).rejects.toThrow(/W must have/);
    const nan = { ...model(identity(2), 2, 2), W: Float32Array.from([1, NaN, 0, 1]) };
    await expect(runTask('remove-direction', { model: nan })).rejects.toThrow(/non-finite/);
  });
});
