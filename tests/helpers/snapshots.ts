/**
 * The snapshots a training service pushes, and waits on them that are events, not sleeps: `until`
 * resolves with the first snapshot (the latest already in, or one yet to come) that satisfies a
 * condition. A run that never gets there fails on the test's own timeout.
 */
import type { Snapshot } from '../../src/worker/protocol';

export class SnapshotLog {
  readonly all: Snapshot[] = [];
  private waiting: { holds: (s: Snapshot) => boolean; resolve: (s: Snapshot) => void }[] = [];

  /** Hand this to TrainerService.subscribe (or a Comlink proxy of it). */
  readonly push = (s: Snapshot): void => {
    this.all.push(s);
    this.waiting = this.waiting.filter((w) => !(w.holds(s) && (w.resolve(s), true)));
  };

  get latest(): Snapshot | undefined {
    return this.all.at(-1);
  }

  /** The latest snapshot if it satisfies `holds`, else the next one pushed that does. */
  until(holds: (s: Snapshot) => boolean): Promise<Snapshot> {
    const latest = this.latest;
    if (latest && holds(latest)) return Promise.resolve(latest);
    return new Promise((resolve) => this.waiting.push({ holds, resolve }));
  }
}
