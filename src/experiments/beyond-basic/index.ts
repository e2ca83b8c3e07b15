import { lazy } from 'react';
import type { Experiment } from '../experiment';
import { BEYOND_PARAMS, BEYOND_PRESETS } from './params';

export const beyondBasic: Experiment<typeof BEYOND_PARAMS> = {
  id: 'beyond-basic',
  title: 'Beyond the basic model',
  params: BEYOND_PARAMS,
  presets: BEYOND_PRESETS,
  Section: lazy(() => import('./Section').then((m) => ({ default: m.BeyondBasic }))),
};
