import { lazy } from 'react';
import type { Experiment } from '../experiment';

/**
 * The footnotes section: its heading and the model line; each claim is an experiment of its own (parent 'footnotes').
 */
export const footnotes: Experiment<Record<never, never>> = {
  id: 'footnotes',
  title: 'What the footnotes claim',
  readsModel: true,
  params: {},
  presets: [],
  Section: lazy(() => import('./Section').then((m) => ({ default: m.Footnotes }))),
};
