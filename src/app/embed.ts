/**
 * Embed mode: `?embed=<experiment>.<figure>` shows one figure of the page alone (for an iframe in
 * a course page or a slide), with the same settings in the link as the full page. Flags, after
 * Neuronpedia's embeds: `controls=1` adds the controls that drive the figure, `caption=0` hides
 * its caption, `link=0` hides the link back to the full article, and `from`/`to` give the step
 * range a training figure plays (the run trains to `to`, and is drawn from `from` on).
 */
import { EXPERIMENTS, experimentById, type RegisteredExperiment } from '../experiments';

export interface EmbedLink {
  /** The figure's id, `<experiment>.<export name>` (ChartFigure's data-figure-id). */
  figure: string;
  experiment: RegisteredExperiment;
  controls: boolean;
  caption: boolean;
  backLink: boolean;
  /** First step drawn (0: from the start). */
  from: number;
  /** Last step trained (null: the experiment's own step count). */
  to: number | null;
}

/** The query keys of embed mode (no experiment may own one: tests/app/embed.test.ts checks). */
export const EMBED_KEYS = ['embed', 'controls', 'caption', 'link', 'from', 'to'] as const;

export type EmbedParse = { embed: EmbedLink | null; problems: string[] };

const FLAG: Readonly<Record<string, boolean>> = { '1': true, true: true, '0': false, false: false };
const MAX_STEP = 1_000_000;

/**
 * Reads the embed keys of a query. `embed` absent: the full page (the other keys are then
 * reported, as they mean nothing there). A bad value is reported and its default used; a figure
 * id naming no experiment gives no embed, with the reason.
 */
export function readEmbed(search: string): EmbedParse {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const id = params.get('embed');
  if (id === null) {
    for (const key of EMBED_KEYS)
      if (params.has(key)) problems.push(`${key}: only means something with embed=<figure>`);
    return { embed: null, problems };
  }
  const dot = id.indexOf('.');
  const experimentId = dot < 0 ? id : id.slice(0, dot);
  const experiment = experimentById(experimentId);
  const shown = JSON.stringify(id.slice(0, 60));
  if (!experiment) {
    const ids = EXPERIMENTS.map((e) => e.id).join(', ');
    problems.push(`embed=${shown}: no experiment "${experimentId.slice(0, 40)}" (there are ${ids})`);
    return { embed: null, problems };
  }
  if (dot <= 0 || dot === id.length - 1) {
    problems.push(`embed=${shown}: a figure is named <experiment>.<figure>, e.g. at-a-glance.wtw-bias`);
    return { embed: null, problems };
  }
  const flag = (key: string, fallback: boolean): boolean => {
    const v = params.get(key);
    if (v === null) return fallback;
    if (v in FLAG) return FLAG[v];
    problems.push(`${key}=${JSON.stringify(v.slice(0, 20))}: not 0 or 1 (used ${fallback ? 1 : 0})`);
    return fallback;
  };
  const step = (key: string): number | null => {
    const v = params.get(key);
    if (v === null) return null;
    const n = Number(v);
    if (v.trim() === '' || !Number.isInteger(n) || n < 0 || n > MAX_STEP) {
      problems.push(`${key}=${JSON.stringify(v.slice(0, 20))}: not a step from 0 to ${MAX_STEP.toLocaleString('en')}`);
      return null;
    }
    return n;
  };
  let from = step('from') ?? 0;
  let to = step('to');
  if (to !== null && to < 1) {
    problems.push('to=0: a run trains at least one step (ignored)');
    to = null;
  }
  if (to !== null && from > to) {
    problems.push(`from=${from} is after to=${to} (drawn from the start instead)`);
    from = 0;
  }
  return {
    embed: {
      figure: id,
      experiment,
      controls: flag('controls', false),
      caption: flag('caption', true),
      backLink: flag('link', true),
      from,
      to,
    },
    problems,
  };
}

/** The query without the embed keys (the full page's link for the same settings). */
export function withoutEmbed(search: string): string {
  const params = new URLSearchParams(search);
  for (const key of EMBED_KEYS) params.delete(key);
  return params.toString().replace(/%2C/gi, ',');
}

/** The embed keys of a link, in a fixed order, for the address bar to keep ('' for the full page). */
export function embedQuery(embed: EmbedLink | null): string {
  if (!embed) return '';
  const params = new URLSearchParams({ embed: embed.figure });
  if (embed.controls) params.set('controls', '1');
  if (!embed.caption) params.set('caption', '0');
  if (!embed.backLink) params.set('link', '0');
  if (embed.from > 0) params.set('from', String(embed.from));
  if (embed.to !== null) params.set('to', String(embed.to));
  return params.toString();
}

/** The message an embedded page posts to its parent whenever its height changes. */
export const HEIGHT_MESSAGE = 'superposition-explorable:height';

/**
 * The `<iframe>` code that embeds a figure: the page's address with the settings on screen and
 * `embed=<id>`, and a few lines that size the iframe from the height messages it posts.
 */
export function embedSnippet(pageUrl: string, query: string, figure: string, title: string): string {
  const params = new URLSearchParams(query);
  for (const key of EMBED_KEYS) params.delete(key);
  params.set('embed', figure);
  const src = `${pageUrl}?${params.toString().replace(/%2C/gi, ',')}`;
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return [
    `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="560" style="border:0" loading="lazy" ` +
      'data-superposition-embed></iframe>',
    `<script>addEventListener('message',(e)=>{if(e.data&&e.data.type==='${HEIGHT_MESSAGE}')` +
      `for(const f of document.querySelectorAll('iframe[data-superposition-embed]'))` +
      `if(f.contentWindow===e.source)f.height=String(e.data.height)})</script>`,
  ].join('\n');
}
