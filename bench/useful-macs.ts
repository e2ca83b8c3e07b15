/**
 * Useful multiply-adds of one training step of one instance, batch B, density p_i per feature:
 * B·m·n for the dense W h, B·m·Σp_i each for h and the encoder's gradient (active features
 * only), and 2·B·m·n for the decoder's gradient (gh and ∂W over the outputs with a gradient,
 * counted as all n: on the paper's sweep 55–75% of outputs carry one once trained).
 * Pure (no Node imports): the browser bench uses it too.
 */
import type { TrainConfig } from '../src/model/config';

export function usefulMacsPerStep(c: TrainConfig): number {
  const { n, m, batchSize: B } = c;
  let total = 0;
  for (const inst of c.instances) {
    let active = 0;
    for (const p of inst.density) active += p;
    total += B * m * (3 * n + 2 * active);
  }
  return total;
}
