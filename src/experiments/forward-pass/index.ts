import { lazy } from 'react';
import type { Experiment } from '../experiment';
import { FORWARD_PARAMS, FORWARD_PRESETS } from './params';

export const forwardPass: Experiment<typeof FORWARD_PARAMS> = {
  id: 'forward-pass',
  title: 'Inside one forward pass',
  parent: 'footnotes',
  readsModel: true,
  params: FORWARD_PARAMS,
  presets: FORWARD_PRESETS,
  Section: lazy(() => import('./Section').then((m) => ({ default: m.ForwardPass }))),
};
