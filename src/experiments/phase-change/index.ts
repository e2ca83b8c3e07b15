import { lazy } from 'react';
import type { Experiment } from '../experiment';
import { PHASE_PARAMS, PHASE_PRESETS } from './params';

export const phaseChange: Experiment<typeof PHASE_PARAMS> = {
  id: 'phase-change',
  title: 'Superposition as a phase change',
  params: PHASE_PARAMS,
  presets: PHASE_PRESETS,
  Section: lazy(() => import('./Section').then((m) => ({ default: m.PhaseChange }))),
};
