/**
 * Named presets: each one is a figure of the paper (its settings as the paper and its notebook give them) that the page
 * reproduces, stored as the URL settings of the experiment that draws it. A preset is just a
 * link: its params are that experiment's own query keys, so opening `?${presetSearch(p)}` shows
 * the figure, and the headless `npm run figures` trains the same. Each experiment lists its own
 * presets (src/experiments/<id>/params.ts); the registry (src/experiments/index.ts) collects them.
 */

/** A preset as an experiment declares it. */
export interface PresetSpec {
  id: string;
  title: string;
  description: string;
  /** URL params: keys of the declaring experiment's table only. */
  params: Record<string, string>;
}

/** A preset as the registry lists it: with the experiment that draws it and the page section it sits in. */
export interface Preset extends PresetSpec {
  /** Id of the experiment whose table the params belong to. */
  experiment: string;
  /** Id (and anchor) of the page section that shows it: the experiment, or the section it is part of. */
  section: string;
}

/** The preset as a query string ('?n=5&m=2&…') holding exactly its params and nothing else. */
export function presetSearch(p: Pick<PresetSpec, 'params'>): string {
  const query = new URLSearchParams(p.params).toString();
  return query ? `?${query}` : '';
}
