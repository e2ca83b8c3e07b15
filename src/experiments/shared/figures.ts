/**
 * What every experiment's headless figure renderer (src/experiments/<id>/figures.ts) shares: the
 * types the figures CLI (src/cli/figures.ts) calls them with, parsing a preset at the page's URL
 * boundary, drawing a chart to a standalone SVG, and a logged training loop. Node-side only: the
 * page never imports it.
 */
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { standaloneSvg, type ExportMeta } from '../../charts/export';
import { presetSearch, type Preset } from '../../state/presets';
import { parseParams, type ParamTable, type ParamValues } from '../../state/url-params';
import type { BatchedTrainer, TrainerState } from '../../train/trainer';
import type { Progress, TaskContext } from '../../worker/tasks';

/** One chart of a preset: written as `${preset.id}-${name}.svg`. */
export type Figure = { name: string; svg: string };

/** What a renderer returns for one preset: its charts, one JSON, and the steps trained. */
export interface PresetFigures {
  figures: Figure[];
  json: unknown;
  steps: number;
}

/**
 * How a renderer trains: `quick` shortens every run (CI); `threads` > 1 splits big batched runs over Node worker
 * threads.
 */
export interface RenderOptions {
  quick: boolean;
  threads: number;
}

/** An experiment's headless renderer: trains one of its presets as its section does and draws its charts. */
export type Renderer = (p: Preset, opts: RenderOptions, log: (s: string) => void) => Promise<PresetFigures>;

/** What src/experiments/<id>/figures.ts exports as `figures`. */
export interface FiguresModule {
  render: Renderer;
  /** What --quick shortens, for the CLI's help. */
  quick: string;
}

/** A preset's settings, parsed at the same boundary as the page's URL; anything ignored is a bug. */
export function presetValues<T extends ParamTable>(table: T, p: Preset): ParamValues<T> {
  const { values, ignored } = parseParams(table, presetSearch(p));
  if (ignored.length) throw new Error(`preset ${p.id}: ${ignored.join('; ')}`);
  return values;
}

/** A chart component rendered to a standalone SVG (the same markup the page exports). */
export function svgOf<P extends object>(component: FunctionComponent<P>, props: P, meta: ExportMeta): string {
  return standaloneSvg(renderToStaticMarkup(createElement(component, props)), meta);
}

/** Progress lines at most this often. */
const LOG_EVERY_MS = 5000;

/**
 * Train `steps` steps one at a time (a paper-sized step takes ≈ 1 s: bigger chunks would starve
 * the log), logging progress at most every 5 s; `onStep` runs after every step (it decides itself
 * whether to snapshot). Returns the final state.
 */
export async function trainLogged(
  trainer: BatchedTrainer,
  steps: number,
  label: string,
  log: (s: string) => void,
  onStep?: (step: number) => Promise<void>,
): Promise<TrainerState> {
  let lastLog = performance.now();
  while (trainer.stepCount < steps) {
    await trainer.step(1);
    if (onStep) await onStep(trainer.stepCount);
    if (performance.now() - lastLog > LOG_EVERY_MS) {
      lastLog = performance.now();
      log(`  ${label}step ${trainer.stepCount}/${steps}`);
    }
  }
  return trainer.read();
}

/**
 * A task's context when a renderer calls an experiment's task (its run.ts function) directly, as the CLI runs one
 * request at a time: nothing supersedes it (check and breathe do nothing), progress goes to the log (when the label
 * changes, at the end, and at most every 5 s between), intermediate results are dropped (the renderer draws the end).
 */
export function headlessContext<P = never>(label: string, log: (s: string) => void): TaskContext<P> {
  let last: Progress | null = null;
  let lastLog = performance.now();
  return {
    check: () => undefined,
    breathe: async () => undefined,
    progress: (p) => {
      const now = performance.now();
      if (last?.label !== p.label || p.done === p.total || now - lastLog > LOG_EVERY_MS) {
        lastLog = now;
        log(`  ${label}${p.label} (${p.done}/${p.total})`);
      }
      last = p;
    },
    partial: () => undefined,
  };
}

/** A value as plainJson writes it: typed arrays as number arrays, everything else as it is. */
export type Plain<T> = T extends ArrayBufferView
  ? number[]
  : T extends readonly (infer U)[]
    ? Plain<U>[]
    : T extends object
      ? { [K in keyof T]: Plain<T[K]> }
      : T;

/** A task's result as JSON: typed arrays as plain arrays (JSON.stringify would write them as objects by index). */
export function plainJson<T>(value: T): Plain<T> {
  return plain(value) as Plain<T>;
}

function plain(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
