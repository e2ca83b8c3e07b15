/**
 * The path a run's restart trains on, without asking the chooser again when nothing the choice
 * depends on has changed: a slider that moves densities or importances keeps the path (the chooser's
 * own trial cache would give the same answer), and skips the renderer query the chooser makes on
 * every call — a WebGL context each time, tens of ms of every restart.
 */
import type { TrainConfig } from '../model/config';
import type { TrainPath } from '../train/trainer';
import type { PathChooser } from './path-choice';
import type { PathReport, RunOptions } from './protocol';

export class PathMemo {
  private last: { key: string; path: TrainPath } | null = null;

  constructor(private readonly chooser: PathChooser) {}

  /** The chooser's full answer (asked every time: a new run reports what was measured), remembered. */
  async choose(config: TrainConfig, choice: RunOptions['path']): Promise<PathReport> {
    const report = await this.chooser.choose(config, choice);
    this.last = { key: choiceKey(config, choice), path: report.path };
    return report;
  }

  /** The path for a change of settings: the one remembered where only the instances' values changed. */
  async path(config: TrainConfig, choice: RunOptions['path']): Promise<TrainPath> {
    if (this.last?.key === choiceKey(config, choice)) return this.last.path;
    return (await this.choose(config, choice)).path;
  }
}

/** What a path choice depends on: the path asked for, and the whole config but its instances' values. */
function choiceKey(config: TrainConfig, choice: RunOptions['path']): string {
  return JSON.stringify({ choice, ...config, instances: config.instances.length });
}
