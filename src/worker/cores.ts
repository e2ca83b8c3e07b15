/**
 * How many workers a batched run gets on this machine: one per core but one (the page's own
 * thread: its drawing and input stay smooth), at least two where there are two cores (a 2-core
 * laptop would otherwise train on one), never more than the models (each worker trains whole
 * instances), and at most two per GiB the browser reports (navigator.deviceMemory, which Chrome
 * caps at 8: a worker with its kernel and buffers costs tens of MB, so this only bites on small
 * devices).
 */
export interface Machine {
  /** Logical cores (navigator.hardwareConcurrency; undefined where the browser hides it). */
  cores?: number;
  /** GiB of memory (navigator.deviceMemory; undefined where the browser hides it). */
  memoryGb?: number;
}

/** Workers a page may use where the browser says nothing of its cores. */
const UNKNOWN_CORES = 2;

export function thisMachine(): Machine {
  if (typeof navigator === 'undefined') return {};
  const nav = navigator as Navigator & { deviceMemory?: number };
  return { cores: nav.hardwareConcurrency || undefined, memoryGb: nav.deviceMemory };
}

export function pageWorkers(models: number, machine: Machine = thisMachine()): number {
  const cores = machine.cores && machine.cores > 0 ? Math.floor(machine.cores) : UNKNOWN_CORES;
  let workers = cores >= 3 ? cores - 1 : cores;
  if (machine.memoryGb && machine.memoryGb > 0)
    workers = Math.min(workers, Math.max(1, Math.floor(2 * machine.memoryGb)));
  return Math.max(1, Math.min(workers, Math.floor(models)));
}
