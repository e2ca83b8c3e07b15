/** What every section's headless figure renderer shares (see figures.ts). */
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { standaloneSvg, type ExportMeta } from '../charts/export';
import { presetSearch, type Preset } from '../state/presets';
import { parseParams, type ParamTable, type ParamValues } from '../state/url-params';

/** One chart of a preset: written as `${preset.id}-${name}.svg`. */
export type Figure = { name: string; svg: string };

/** What a section's renderer returns for one preset: its charts, one JSON, and the steps trained. */
export interface PresetFigures {
  figures: Figure[];
  json: unknown;
  steps: number;
}

/** How a renderer trains: `quick` shortens every run (CI); `threads` > 1 splits big batched runs over Node worker threads. */
export interface RenderOptions {
  quick: boolean;
  threads: number;
}

/** A section's headless renderer: trains one preset as the section does and draws its charts. */
export type Renderer = (p: Preset, opts: RenderOptions, log: (s: string) => void) => Promise<PresetFigures>;

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

export const fmtDensity = (d: number) => (d >= 0.1 ? d.toFixed(2) : d.toPrecision(2));
