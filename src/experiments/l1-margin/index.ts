import { lazy } from 'react';
import type { Experiment } from '../experiment';
import { L1_PARAMS, L1_PRESETS } from './params';

export const l1Margin: Experiment<typeof L1_PARAMS> = {
  id: 'l1-margin',
  title: 'A free margin of superposition',
  parent: 'footnotes',
  readsModel: true,
  params: L1_PARAMS,
  presets: L1_PRESETS,
  Section: lazy(() => import('./Section').then((m) => ({ default: m.L1Margin }))),
};
