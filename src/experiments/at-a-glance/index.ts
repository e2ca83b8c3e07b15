import type { Experiment } from '../experiment';
import { GLANCE_PARAMS, GLANCE_PRESETS } from './params';
// The first section paints at once: not a lazy chunk.
import { AtAGlance } from './Section';

export const atAGlance: Experiment<typeof GLANCE_PARAMS> = {
  id: 'at-a-glance',
  title: 'Superposition at a glance',
  params: GLANCE_PARAMS,
  presets: GLANCE_PRESETS,
  Section: AtAGlance,
};
