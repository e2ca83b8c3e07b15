/** Pin and compare: pin the result shown, keep it (and its link) while the settings change, unpin. */
import { fmtCount, fmtLoss } from '../../model/format';
import type { PinnedModel } from './pin';
import type { GlanceView } from './use-hands-on';

export interface PinCardProps {
  pin: PinnedModel | null;
  /** The pinned model's expected loss on its own data. */
  pinnedLoss: number | null;
  view: GlanceView | null;
  /** The view's expected loss (null until computed). */
  loss: number | null;
  onPin(): void;
  onUnpin(): void;
}

const describePin = (p: PinnedModel) =>
  `${p.handPlaced ? 'hand-placed' : 'trained'}, step ${fmtCount(p.step)}, n = ${p.n}, m = ${p.m}, ${p.kind}`;

export function PinCard({ pin, pinnedLoss, view, loss, onPin, onUnpin }: PinCardProps) {
  if (!pin) {
    return (
      <div className="pin-card" data-testid="pin-card">
        <button type="button" data-action="pin" disabled={!view} onClick={onPin}>
          Pin this result
        </button>
        <span className="fine">
          Keep the model shown to compare with what you do next: it stays drawn, dashed, under the live one, and in the
          link.
        </span>
      </div>
    );
  }
  return (
    <div className="pin-card pinned" data-testid="pin-card" data-pinned="1">
      <span>
        <strong>Pinned</strong> ({describePin(pin)}): expected loss{' '}
        <output data-testid="pinned-loss">{pinnedLoss !== null ? fmtLoss(pinnedLoss) : '…'}</output>
        {' · '}shown now: <output data-testid="current-loss">{loss !== null ? fmtLoss(loss) : '…'}</output>
        {loss !== null && pinnedLoss !== null ? (
          <span className="fine">{` (each on its own data: importances and densities)`}</span>
        ) : null}
      </span>
      <button type="button" data-action="repin" disabled={!view} onClick={onPin}>
        Pin this instead
      </button>
      <button type="button" data-action="unpin" onClick={onUnpin}>
        Unpin
      </button>
    </div>
  );
}
