/**
 * What an experiment is, for the registry (./index.ts): its URL keys, its paper presets and its
 * section of the page. The folder src/experiments/<id>/ holds the rest: params.ts (keys, config
 * builder, presets), run.ts (headless: what to train and how to summarise, shared by the page, the
 * CLI and the tests), Section.tsx (the UI) and, for experiments with presets, figures.ts (the
 * headless renderer `npm run figures` loads by the experiment's id).
 */
import type { ComponentType, ReactNode } from 'react';
import type { PresetSpec } from '../state/presets';
import type { ParamTable, ParamValues } from '../state/url-params';
import type { FootnoteModel } from './shared/footnote-model';

/** What the page hands every section. */
export interface SectionProps<S> {
  /** The experiment's settings: its own fields (and the fields of other experiments it also reads). */
  state: S;
  onChange(patch: Partial<S>): void;
  /** The "Paper figure" menu of the experiment's presets, for sections that show one. */
  presets?: ReactNode;
  /** The model shown at a glance, which the footnote experiments run on (null until it has trained). */
  model?: FootnoteModel | null;
  /** At a glance hands the model it shows on (throttled while training). */
  onModel?(model: FootnoteModel | null): void;
  /** The experiments shown inside this one's section (the perturbed pentagon, the footnote experiments). */
  children?: ReactNode;
}

/**
 * One experiment. `T` is its URL table; `S` the state its section reads, which is the table's
 * values unless it also reads a field of another experiment (the perturbed pentagon shares the
 * sweep's seed).
 */
export interface Experiment<T extends ParamTable, S = ParamValues<T>> {
  /** Folder name under src/experiments/; for a top-level experiment also its section's anchor. */
  id: string;
  /** The section heading, as the contents list it. */
  title: string;
  /** The experiment whose section this one sits in (absent: a section of its own). */
  parent?: string;
  /** Its settings (fields) and their URL keys; URL keys are unique across the page (the registry checks). */
  params: T;
  /**
   * Fields of other experiments its section also reads, by experiment id (the pentagon reads the
   * sweep's seed: `{ geometry: ['seed'] }`); a change the section makes to one goes to its owner.
   */
  alsoReads?: Readonly<Record<string, readonly string[]>>;
  /**
   * It works on the model shown at a glance (SectionProps.model): an embed of one of its figures
   * also trains that model, out of sight.
   */
  readsModel?: boolean;
  /** Its paper figures (each also a `?preset=<id>` link and a `npm run figures` preset). */
  presets: readonly PresetSpec[];
  /** Its section: loaded lazily except the first. */
  Section: ComponentType<SectionProps<S>>;
}
