import { lazy } from 'react';
import type { Experiment } from '../experiment';
import { PENTAGON_PARAMS, PENTAGON_PRESETS, type PentagonState } from './params';

export const perturbedPentagon: Experiment<typeof PENTAGON_PARAMS, PentagonState> = {
  id: 'perturbed-pentagon',
  title: 'Perturbing one feature',
  parent: 'geometry',
  params: PENTAGON_PARAMS,
  alsoReads: { geometry: ['seed'] },
  presets: PENTAGON_PRESETS,
  Section: lazy(() => import('./Section').then((m) => ({ default: m.PerturbedPentagon }))),
};
