import { lazy } from 'react';
import type { Experiment } from '../experiment';
import { FORWARD_PARAMS } from './params';

export const forwardPass: Experiment<typeof FORWARD_PARAMS> = {
  id: 'forward-pass',
  title: 'Inside one forward pass',
  parent: 'footnotes',
  params: FORWARD_PARAMS,
  presets: [],
  Section: lazy(() => import('./Section').then((m) => ({ default: m.ForwardPass }))),
};
