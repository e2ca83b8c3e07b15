/** How many workers a batched run gets (src/worker/cores.ts). */
import { describe, expect, it } from 'vitest';
import { pageWorkers } from '../../src/worker/cores';

describe('pageWorkers', () => {
  it('uses every core but the page’s, and both cores of a 2-core machine', () => {
    expect(pageWorkers(20, { cores: 16 })).toBe(15);
    expect(pageWorkers(20, { cores: 8 })).toBe(7);
    expect(pageWorkers(20, { cores: 4 })).toBe(3);
    expect(pageWorkers(20, { cores: 3 })).toBe(2);
    expect(pageWorkers(20, { cores: 2 })).toBe(2);
    expect(pageWorkers(20, { cores: 1 })).toBe(1);
  });

  it('never more workers than models, nor than two per GiB', () => {
    expect(pageWorkers(12, { cores: 32 })).toBe(12);
    expect(pageWorkers(1, { cores: 8 })).toBe(1);
    expect(pageWorkers(20, { cores: 16, memoryGb: 2 })).toBe(4);
    expect(pageWorkers(20, { cores: 16, memoryGb: 0.25 })).toBe(1);
    expect(pageWorkers(20, { cores: 16, memoryGb: 8 })).toBe(15);
  });

  it('assumes two cores where the browser hides them', () => {
    expect(pageWorkers(20, {})).toBe(2);
    expect(pageWorkers(20, { cores: 0 })).toBe(2);
  });
});
