/**
 * When a change of settings reaches the training worker. A change the reader has let go of (a
 * slider released, an arrow key pressed, a value typed, a click) restarts the run at once. Changes
 * made while a pointer is held down (a slider or a bar being dragged), or coming in a quick burst
 * (an arrow key held down), wait until the reader lets go (the pointer lifts, the key comes up) or
 * pauses for `debounceMs`: a drag restarts the run when it ends or rests, never at every step of it.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { CHANGE_DEBOUNCE_MS } from '../worker/protocol';

export class ChangeGate {
  private waiting: (() => void) | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private last = -Infinity;

  constructor(
    private readonly debounceMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Send `change` now, or once the reader lets go; it replaces any change still waiting. */
  submit(change: () => void, held: boolean): void {
    const t = this.now();
    const burst = t - this.last < this.debounceMs;
    this.last = t;
    this.cancel();
    if (!held && !burst) {
      change();
      return;
    }
    this.waiting = change;
    this.timer = setTimeout(() => this.release(), this.debounceMs);
  }

  /** The reader let go: send the waiting change, if any, now. */
  release(): void {
    const change = this.waiting;
    this.cancel();
    change?.();
  }

  /** Drop the waiting change (the run is going away). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.waiting = null;
  }
}

/**
 * Whether a pointer is down on the page, and who wants to hear when it (or a key) comes up. One
 * set of document listeners for the page, added with the first subscriber.
 */
let held = false;
const releaseListeners = new Set<() => void>();
let listening = false;

/** A pointer is down on the page (a drag may be under way). */
export function pointerHeld(): boolean {
  return held;
}

/**
 * Call `listener` whenever the reader lets go: a pointer comes up (or is cancelled), a key comes up,
 * the window loses focus.
 */
export function onRelease(listener: () => void): () => void {
  if (!listening && typeof document !== 'undefined') {
    listening = true;
    const down = () => {
      held = true;
    };
    const up = () => {
      held = false;
      for (const l of [...releaseListeners]) l();
    };
    // Capture: a control that stops the event's propagation must not hide a press or release.
    document.addEventListener('pointerdown', down, true);
    for (const type of ['pointerup', 'pointercancel', 'keyup']) document.addEventListener(type, up, true);
    window.addEventListener('blur', up);
  }
  releaseListeners.add(listener);
  return () => releaseListeners.delete(listener);
}

/** A gate for one training run while `enabled` (null otherwise), let go whenever the reader lets go. */
export function useReleaseGate(enabled: boolean): RefObject<ChangeGate | null> {
  const gate = useRef<ChangeGate | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const g = new ChangeGate(CHANGE_DEBOUNCE_MS);
    gate.current = g;
    const off = onRelease(() => g.release());
    return () => {
      off();
      g.cancel();
      gate.current = null;
    };
  }, [enabled]);
  return gate;
}
