import { lazy } from 'react';
import type { Experiment } from '../experiment';
import { SAE_PARAMS, SAE_PRESETS } from './params';

export const sparseAutoencoders: Experiment<typeof SAE_PARAMS> = {
  id: 'sparse-autoencoders',
  title: 'Dictionary learning with sparse autoencoders',
  readsModel: true,
  params: SAE_PARAMS,
  presets: SAE_PRESETS,
  Section: lazy(() => import('./Section').then((m) => ({ default: m.SparseAutoencoders }))),
};
