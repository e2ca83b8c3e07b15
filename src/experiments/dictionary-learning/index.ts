import { lazy } from 'react';
import type { Experiment } from '../experiment';
import { DICTIONARY_PARAMS, DICTIONARY_PRESETS } from './params';

export const dictionaryLearning: Experiment<typeof DICTIONARY_PARAMS> = {
  id: 'dictionary-learning',
  title: 'Dictionary learning finds the features again',
  parent: 'footnotes',
  readsModel: true,
  params: DICTIONARY_PARAMS,
  presets: DICTIONARY_PRESETS,
  Section: lazy(() => import('./Section').then((m) => ({ default: m.DictionaryLearning }))),
};
