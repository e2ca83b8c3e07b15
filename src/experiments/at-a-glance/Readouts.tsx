/**
 * The at-a-glance readouts: the hand-placed arrangement against the trained model, the numbers of the feature under
 * the pointer, and the sentence announced when a run has finished.
 */
import { useMemo, useState } from 'react';
import { fmt, fmtCount, fmtDensity, fmtLoss } from '../../model/format';
import { runKey } from '../../state/run-key';
import type { Snapshot } from '../../worker/protocol';
import { arrangementSentence } from './announce';
import { GLANCE_PARAMS, GLANCE_RUN_KEYS, type GlanceState } from './params';
import type { HandsOn } from './use-hands-on';

const sourceWords = {
  live: 'the trained model',
  rewound: 'the rewound model',
  'hand-placed': 'the arrangement before',
} as const;

/**
 * "Your arrangement" against the model the edit started from, with "Let go and train". It sits
 * under the hidden plane: appearing there, it moves nothing that is being dragged.
 */
export function HandReadout({ hands }: { hands: HandsOn }) {
  const { edit, editBase } = hands;
  // Nothing to say until a vector is moved: the geometry panel's caption says how.
  if (!edit || !editBase) return null;
  const ratio = edit.loss / editBase.loss;
  const verdict = !Number.isFinite(ratio)
    ? ''
    : ratio > 1.005
      ? ` — ${fmt(ratio)}× the loss`
      : ratio < 0.995
        ? ` — ${fmt(1 / ratio)}× lower`
        : ' — about the same';
  return (
    <div className="hand-readout" data-testid="hand-readout" role="status">
      <p>
        <strong>Your arrangement:</strong> expected loss{' '}
        <output data-testid="hand-loss" data-value={edit.loss}>
          {fmtLoss(edit.loss)}
        </output>
        <br />
        {sourceWords[editBase.source]} (step {fmtCount(editBase.step)}):{' '}
        <output data-testid="base-loss" data-value={editBase.loss}>
          {fmtLoss(editBase.loss)}
        </output>
        {verdict}
      </p>
      <p className="fine">
        The bias is the <em>best response</em> to your W: for each feature the bᵢ that minimises its expected loss with
        W held fixed, found exactly (the loss is piecewise quadratic in bᵢ) on the same stratified samples as both
        losses. “Let go” gives every seed your arrangement and trains on from it.
      </p>
      <div className="playbar">
        <button type="button" data-action="let-go" onClick={hands.letGo}>
          ▶ Let go and train
        </button>
        <button type="button" data-action="discard-hand" onClick={hands.discard}>
          Discard
        </button>
      </div>
    </div>
  );
}

export interface FeatureReadoutProps {
  hands: HandsOn;
  importance: ArrayLike<number>;
  density: ArrayLike<number>;
}

/** The hovered (or focused) feature's numbers, the same feature every panel highlights. */
export function FeatureReadout({ hands, importance, density }: FeatureReadoutProps) {
  const i = hands.hovered;
  const v = hands.view;
  if (i === null || !v || i >= v.metrics.norms.length) {
    return (
      <p className="fine feature-readout" data-testid="feature-readout">
        Hover or focus a feature in any panel to see its numbers here and find it in every other panel.
      </p>
    );
  }
  const shares = hands.readout?.shares;
  const total = hands.readout?.loss ?? NaN;
  const share = shares && i < shares.length ? shares[i] : NaN;
  return (
    <p className="feature-readout" data-testid="feature-readout" data-feature={i} aria-live="polite">
      <strong>feature {i}</strong> · ‖W<sub>{i}</sub>‖ ={' '}
      <output data-testid="hover-norm">{fmt(v.metrics.norms[i])}</output> · D<sub>{i}</sub> ={' '}
      {fmt(v.metrics.dimensionality[i])} · superposition {fmt(v.metrics.superposition[i])} · loss share{' '}
      {Number.isFinite(share) ? `${fmt((100 * share) / total)}% (${fmtLoss(share, 2)})` : '—'} · I<sub>{i}</sub> ={' '}
      {fmt(importance[i])} · 1−S
      <sub>{i}</sub> = {fmtDensity(density[i])}
    </p>
  );
}

export interface ArrangementStatusProps {
  /** The section's snapshot (of the drawn settings' shape), or null. */
  snap: Snapshot | null;
  /** The shown seed's weights [n, m] in that snapshot, or null. */
  W: Float32Array | null;
  /** The settings on screen: only their run's end is announced. */
  state: GlanceState;
  n: number;
  m: number;
}

/**
 * What the model learned, in one polite live-region sentence ("5 of 5 features represented: a
 * pentagon."), said when the run of the settings on screen has finished — after a slider is
 * released and the new run is done, not on every snapshot. The sentence is replaced, never
 * appended, and stays until the next run of new settings finishes.
 */
export function ArrangementStatus({ snap, W, state, n, m }: ArrangementStatusProps) {
  const key = runKey(GLANCE_PARAMS, GLANCE_RUN_KEYS, state);
  const finished = snap?.status === 'done' && snap.runKey === key;
  const text = useMemo(() => (finished && W ? arrangementSentence(W, n, m) : null), [finished, W, n, m]);
  const [said, setSaid] = useState<{ key: string; text: string } | null>(null);
  if (text !== null && (said?.key !== key || said.text !== text)) setSaid({ key, text });
  return (
    <p
      className="fine arrangement-status"
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-testid="arrangement-status"
      data-run-key={said?.key}
    >
      {said?.text}
    </p>
  );
}
