import { lazy } from 'react';
import type { Experiment } from '../experiment';
import { GEOMETRY_PARAMS, GEOMETRY_PRESETS } from './params';

export const geometry: Experiment<typeof GEOMETRY_PARAMS> = {
  id: 'geometry',
  title: 'The geometry of superposition',
  params: GEOMETRY_PARAMS,
  presets: GEOMETRY_PRESETS,
  Section: lazy(() => import('./Section').then((m) => ({ default: m.Geometry }))),
};
