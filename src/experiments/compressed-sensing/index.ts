import { lazy } from 'react';
import type { Experiment } from '../experiment';
import { CS_PARAMS, CS_PRESETS } from './params';

export const compressedSensing: Experiment<typeof CS_PARAMS> = {
  id: 'compressed-sensing',
  title: 'The compressed-sensing view',
  parent: 'footnotes',
  readsModel: true,
  params: CS_PARAMS,
  presets: CS_PRESETS,
  Section: lazy(() => import('./Section').then((m) => ({ default: m.CompressedSensing }))),
};
