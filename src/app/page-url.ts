/**
 * The whole page's URL: every experiment's keys (the registry's PAGE_PARAMS), plus `preset=<id>` for a paper figure.
 */
import { PAGE_PARAMS, presetById, type PageState } from '../experiments';
import { parseParams, queryString, serializeParams } from '../state/url-params';

export interface PageUrl {
  state: PageState;
  /** Human-readable reasons for everything in the link that was ignored. */
  ignored: string[];
}

/**
 * Each experiment owns its keys; together they are the whole URL. `preset=<id>` fills in a paper
 * figure's settings (keys given explicitly in the link win).
 */
export function readUrl(search: string): PageUrl {
  const params = new URLSearchParams(search);
  const presetMessages: string[] = [];
  const presetId = params.get('preset');
  if (presetId !== null) {
    params.delete('preset');
    const preset = presetById(presetId);
    if (!preset) presetMessages.push(`preset=${JSON.stringify(presetId.slice(0, 40))}: no such preset`);
    else for (const [k, v] of Object.entries(preset.params)) if (!params.has(k)) params.set(k, v);
  }
  const { values, ignored } = parseParams(PAGE_PARAMS, params);
  return { state: values, ignored: [...presetMessages, ...ignored] };
}

/** The query for a page state: the keys that differ from their defaults, in page order ('' when none do). */
export function pageQuery(state: PageState): string {
  return queryString(serializeParams(PAGE_PARAMS, state));
}
