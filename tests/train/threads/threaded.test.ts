/** The js path on worker threads trains exactly what one JsTrainer trains. */
import { describe, expect, it } from 'vitest';
import { JsTrainer } from '../../../src/train/basic/js-trainer';
import { ThreadedTrainer } from '../../../src/train/threads/threaded-trainer';
import { seedsConfig } from '../basic/helpers';

describe('ThreadedTrainer', () => {
  it('splits instances over threads and returns the same weights, losses and freezing as one thread', async () => {
    const config = seedsConfig({ n: 5, m: 2, density: 0.3, decay: 0.9, seeds: [1, 2, 3, 4, 5], batchSize: 256 });
    const one = new JsTrainer(config);
    const many = new ThreadedTrainer(config, 2);
    try {
      one.stepSync(40);
      await many.step(40);
      const mask = Uint8Array.from([0, 1, 0, 0, 1]);
      one.freeze(mask);
      many.freeze(mask);
      one.stepSync(10);
      await many.step(10);
      const [a, b] = [await one.read(), await many.read()];
      expect(b.step).toBe(50);
      expect(Array.from(b.W)).toEqual(Array.from(a.W));
      expect(Array.from(b.b)).toEqual(Array.from(a.b));
      expect(Array.from(b.loss)).toEqual(Array.from(a.loss));
      expect(Array.from(b.meanLossSteps!)).toEqual([50, 40, 50, 50, 40]);
    } finally {
      many.dispose();
    }
  });
});
