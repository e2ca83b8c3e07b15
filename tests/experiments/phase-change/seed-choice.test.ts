import { describe, expect, it } from 'vitest';
import { stratifiedExpectedLoss } from '../../../src/model/evaluate';
import { cellCount, phaseGrid, phaseTrainConfig } from '../../../src/model/phase';
import { chooseSeeds, newSeedChoiceCache, type GridWeights } from '../../../src/experiments/phase-change/run';

// n = 2, m = 1: three seeds per cell that disagree on the extra feature (dropped, dedicated-ish
// on its own, and antipodal superposition with feature 0), so every cell is contested.
const grid = phaseGrid('phase-2-1', 6, 3);
const config = phaseTrainConfig(grid);
const cells = cellCount(grid);
const perSeed = [
  [1, 0],
  [0, 1],
  [1, -1],
];
const W = new Float32Array(config.instances.length * 2);
config.instances.forEach((_, j) => W.set(perSeed[j % 3], 2 * j));
const b = new Float32Array(config.instances.length * 2);
const snap = (status: string): GridWeights => ({
  runId: 7,
  status,
  step: 100,
  W,
  b,
  loss: new Float32Array(config.instances.length),
});
const ema = new Int32Array(cells); // the EMA would show seed 0 everywhere

/** The seed a full decision picks for cell c: the lowest stratified expected loss. */
function expectedChoice(c: number): number {
  const losses = [0, 1, 2].map((q) => {
    const j = 3 * c + q;
    const inst = config.instances[j];
    return stratifiedExpectedLoss(
      {
        W: W.subarray(2 * j, 2 * j + 2),
        b: b.subarray(2 * j, 2 * j + 2),
        density: inst.density,
        importance: inst.importance,
      },
      1,
      config.kind,
      96,
    );
  });
  return losses.indexOf(Math.min(...losses));
}

describe('phase grid: which seed each cell shows', () => {
  it('a finished run decides every contested cell by expected loss, whatever the clock says', () => {
    const cache = newSeedChoiceCache();
    const { bestSeeds, trained } = chooseSeeds(snap('done'), config, 3, ema, cache, () => 1e12);
    const want = Array.from({ length: cells }, (_, c) => expectedChoice(c));
    expect(Array.from(bestSeeds)).toEqual(want);
    expect(new Set(want).size).toBeGreaterThan(1); // the fixture is not trivial: the choice varies over the grid
    expect(trained.every((p) => p !== null)).toBe(true);
  });

  it('while training, each snapshot re-decides only what fits its time budget, round-robin, and keeps earlier decisions', () => {
    const cache = newSeedChoiceCache();
    let t = 0;
    const slowClock = () => (t += 4); // every decision "takes" 4 ms: two fit in the 6 ms budget
    const first = chooseSeeds(snap('running'), config, 3, ema, cache, slowClock);
    expect(cache.chosen.size).toBe(2);
    // Undecided cells show the EMA's seed meanwhile; decided ones the expected-loss choice.
    for (let c = 0; c < cells; c++) expect(first.bestSeeds[c]).toBe(c < 2 ? expectedChoice(c) : 0);
    for (let call = 1; call < cells; call++) chooseSeeds(snap('running'), config, 3, ema, cache, slowClock);
    expect(cache.chosen.size).toBe(cells);
    const later = chooseSeeds(snap('running'), config, 3, ema, cache, slowClock);
    for (let c = 0; c < cells; c++) expect(later.bestSeeds[c]).toBe(expectedChoice(c));
    // A new run forgets the old decisions.
    chooseSeeds({ ...snap('running'), runId: 8 }, config, 3, ema, cache, slowClock);
    expect(cache.chosen.size).toBe(2);
  });
});
