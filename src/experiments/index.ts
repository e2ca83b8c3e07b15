/**
 * The registry: every experiment on the page, in page order. The app renders its sections and
 * contents from it, the URL is parsed against the union of its tables, the presets are collected
 * from it, the figures CLI renders each preset with `src/experiments/<id>/figures.ts`, and the
 * tests loop over it. Adding an experiment: a folder src/experiments/<id>/ and a line below.
 */
import type { Preset } from '../state/presets';
import { urlKeys, type ParamTable, type ParamValues } from '../state/url-params';
import { atAGlance } from './at-a-glance';
import { beyondBasic } from './beyond-basic';
import { compressedSensing } from './compressed-sensing';
import { dictionaryLearning } from './dictionary-learning';
import { footnotes } from './footnotes';
import { forwardPass } from './forward-pass';
import { gaussianLatents } from './gaussian-latents';
import { geometry } from './geometry';
import { l1Margin } from './l1-margin';
import { perturbedPentagon } from './perturbed-pentagon';
import { phaseChange } from './phase-change';
import { sparseAutoencoders } from './sparse-autoencoders';

export const EXPERIMENTS = [
  atAGlance,
  phaseChange,
  geometry,
  perturbedPentagon,
  beyondBasic,
  footnotes,
  forwardPass,
  dictionaryLearning,
  l1Margin,
  gaussianLatents,
  compressedSensing,
  sparseAutoencoders,
] as const;

export type RegisteredExperiment = (typeof EXPERIMENTS)[number];

/** The page's settings: each experiment's values (field → value), by experiment id. */
export type PageState = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Which experiment owns each URL key of the page (keys are unique across experiments), in page order. */
export const URL_OWNERS: ReadonlyMap<string, string> = urlOwners();

function urlOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const e of EXPERIMENTS) {
    for (const key of urlKeys(e.params)) {
      if (owners.has(key) || key === 'preset') throw new Error(`experiment ${e.id}: URL key "${key}" is already taken`);
      owners.set(key, e.id);
    }
  }
  return owners;
}

/** An experiment's values out of the page's settings, typed by its table. */
export function valuesOf<E extends RegisteredExperiment>(page: PageState, e: E): ParamValues<E['params']> {
  return page[e.id] as ParamValues<E['params']>;
}

/** The sections of the page (experiments with no parent), in order. */
export const SECTIONS: readonly RegisteredExperiment[] = EXPERIMENTS.filter((e) => e.parent === undefined);

/** The experiments shown inside a section, in order. */
export function partsOf(id: string): RegisteredExperiment[] {
  return EXPERIMENTS.filter((e) => e.parent === id);
}

export function experimentById(id: string): RegisteredExperiment | undefined {
  return EXPERIMENTS.find((e) => e.id === id);
}

/** Every paper preset, in page order, with the experiment that draws it and the section it sits in. */
export const PRESETS: readonly Preset[] = Object.freeze(
  EXPERIMENTS.flatMap((e) => e.presets.map((p): Preset => ({ ...p, experiment: e.id, section: e.parent ?? e.id }))),
);

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The URL table a preset's params belong to: its experiment's. */
export function presetTable(p: Preset): ParamTable {
  const e = experimentById(p.experiment);
  if (!e) throw new Error(`preset ${p.id}: unknown experiment ${p.experiment}`);
  return e.params;
}
