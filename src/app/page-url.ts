/**
 * The whole page's URL: every experiment's keys (each experiment owns its own, see URL_OWNERS),
 * plus `preset=<id>` for a paper figure.
 */
import { EXPERIMENTS, URL_OWNERS, presetById, type PageState } from '../experiments';
import { parseParams, queryString, serializeParams } from '../state/url-params';

export interface PageUrl {
  state: PageState;
  /** Human-readable reasons for everything in the link that was ignored. */
  ignored: string[];
}

const MAX_SHOWN = 40;

/**
 * Each experiment parses its own keys; together they are the whole URL. `preset=<id>` fills in a
 * paper figure's settings (keys given explicitly in the link win). A key no experiment owns is
 * reported once.
 */
export function readUrl(search: string): PageUrl {
  const params = new URLSearchParams(search);
  const ignored: string[] = [];
  const presetId = params.get('preset');
  if (presetId !== null) {
    params.delete('preset');
    const preset = presetById(presetId);
    if (!preset) ignored.push(`preset=${JSON.stringify(presetId.slice(0, MAX_SHOWN))}: no such preset`);
    else for (const [k, v] of Object.entries(preset.params)) if (!params.has(k)) params.set(k, v);
  }
  const own = new Map<string, URLSearchParams>(EXPERIMENTS.map((e) => [e.id, new URLSearchParams()]));
  const unknown: string[] = [];
  for (const [key, value] of params) {
    const owner = URL_OWNERS.get(key);
    if (owner) own.get(owner)!.append(key, value);
    else
      unknown.push(`unknown setting ${JSON.stringify(key.length > MAX_SHOWN ? key.slice(0, MAX_SHOWN) + '…' : key)}`);
  }
  const state: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const e of EXPERIMENTS) {
    const parsed = parseParams(e.params, own.get(e.id)!);
    state[e.id] = parsed.values;
    ignored.push(...parsed.ignored);
  }
  return { state, ignored: [...ignored, ...unknown] };
}

/** The query for a page state: the keys that differ from their defaults, in page order ('' when none do). */
export function pageQuery(state: PageState): string {
  const all = new URLSearchParams();
  for (const e of EXPERIMENTS) {
    const values = state[e.id] as Parameters<typeof serializeParams>[1] | undefined;
    if (values) for (const [k, v] of serializeParams(e.params, values)) all.append(k, v);
  }
  return queryString(all);
}
