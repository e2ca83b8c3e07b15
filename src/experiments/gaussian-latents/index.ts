import { lazy } from 'react';
import type { Experiment } from '../experiment';
import { GAUSSIAN_PARAMS, GAUSSIAN_PRESETS } from './params';

export const gaussianLatents: Experiment<typeof GAUSSIAN_PARAMS> = {
  id: 'gaussian-latents',
  title: 'Many sparse features add up to something Gaussian',
  parent: 'footnotes',
  readsModel: true,
  params: GAUSSIAN_PARAMS,
  presets: GAUSSIAN_PRESETS,
  Section: lazy(() => import('./Section').then((m) => ({ default: m.GaussianLatents }))),
};
