/** The whole page's URL: every section's keys, plus `preset=<id>` for a paper figure. */
import { BEYOND_PARAMS } from './beyond';
import { FOOTNOTE_PARAMS } from './footnotes';
import { GEOMETRY_PARAMS } from './geometry';
import { GLANCE_PARAMS } from './glance';
import { PHASE_PARAMS } from './phase';
import { presetById } from './presets';
import { parseParams } from './url-params';

/**
 * Each section owns its keys; together they are the whole URL. `preset=<id>` fills in a paper
 * figure's settings (keys given explicitly in the link win).
 */
export function readUrl(search: string) {
  const params = new URLSearchParams(search);
  const presetMessages: string[] = [];
  const presetId = params.get('preset');
  if (presetId !== null) {
    params.delete('preset');
    const preset = presetById(presetId);
    if (!preset) presetMessages.push(`preset=${JSON.stringify(presetId.slice(0, 40))}: no such preset`);
    else for (const [k, v] of Object.entries(preset.params)) if (!params.has(k)) params.set(k, v);
  }
  const tables = [GLANCE_PARAMS, PHASE_PARAMS, GEOMETRY_PARAMS, BEYOND_PARAMS, FOOTNOTE_PARAMS];
  const others = (t: object) => tables.filter((x) => x !== t).flatMap((x) => Object.keys(x));
  const glance = parseParams(GLANCE_PARAMS, params, others(GLANCE_PARAMS));
  const phase = parseParams(PHASE_PARAMS, params, others(PHASE_PARAMS));
  const geometry = parseParams(GEOMETRY_PARAMS, params, others(GEOMETRY_PARAMS));
  const beyond = parseParams(BEYOND_PARAMS, params, others(BEYOND_PARAMS));
  const footnotes = parseParams(FOOTNOTE_PARAMS, params, others(FOOTNOTE_PARAMS));
  return {
    glance: glance.values,
    phase: phase.values,
    geometry: geometry.values,
    beyond: beyond.values,
    footnotes: footnotes.values,
    // every parse reports unknown keys; list each message once
    ignored: [...new Set([...presetMessages, ...glance.ignored, ...phase.ignored, ...geometry.ignored, ...beyond.ignored, ...footnotes.ignored])],
  };
}

