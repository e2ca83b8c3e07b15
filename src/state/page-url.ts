/** The whole page's URL: every section's keys, plus `preset=<id>` for a paper figure. */
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
  const glance = parseParams(GLANCE_PARAMS, params, Object.keys(PHASE_PARAMS));
  const phase = parseParams(PHASE_PARAMS, params, Object.keys(GLANCE_PARAMS));
  const unknown = glance.ignored.filter((msg) => msg.startsWith('unknown setting'));
  return {
    glance: glance.values,
    phase: phase.values,
    // unknown keys are reported by both parses; list them once
    ignored: [...presetMessages, ...glance.ignored, ...phase.ignored.filter((msg) => !unknown.includes(msg))],
  };
}

