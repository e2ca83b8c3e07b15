/** What "The compressed-sensing view" draws besides the worker's recovery curves (computed on the page). */
import { compressedSensingScale } from '../../model/footnotes/compressed-sensing';
import { dimensionsPerFeature, representedFeatures } from '../../model/metrics';
import { meanDensity, type FootnoteModel } from '../shared/footnote-model';
import { CS_NS } from './params';

/** The compressed-sensing scale per feature, (1 − S)·ln 1/(1 − S), at 61 points of 1/(1 − S) from 1 to 1000. */
export function compressedSensingCurve(): { x: number; y: number }[] {
  return Array.from({ length: 61 }, (_, i) => {
    const inv = Math.pow(10, (3 * i) / 60);
    return { x: inv, y: compressedSensingScale(1, 1 / inv) };
  });
}

/** The model's own dimensions per feature m/‖W‖_F² at its 1/(1 − S); null while it represents nothing (or is dense). */
export function modelScalePoint(model: FootnoteModel): { x: number; y: number } | null {
  const d = meanDensity(model);
  const dpf = dimensionsPerFeature(model.W, model.m);
  const represented = representedFeatures(model.W, model.n, model.m).length;
  return represented > 0 && d > 0 && d < 1 && Number.isFinite(dpf) ? { x: 1 / d, y: dpf } : null;
}

/** Each size keeps its series colour whichever sizes are shown (6: not on the menu). */
export function sizeColorIndex(n: number): number {
  const k = CS_NS.findIndex((v) => v === n);
  return k >= 0 ? k : 6;
}
