/**
 * The page's settings mirrored into the address bar, so any view is a shareable link. Changes
 * closer together than HISTORY_SETTLE_MS (a dragged slider) share one history entry; once the
 * address has been still that long the view is settled, and the next change gets an entry of its
 * own, so Back steps through views rather than through slider ticks. The view a link opens is
 * settled from the start (writing the link in canonical order is not a change of view).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PageState } from '../experiments';
import { pageQuery } from './page-url';

const HISTORY_SETTLE_MS = 1000;

/** `settled`: the next change will get its own history entry. `restored()`: Back/forward showed an entry. */
export function useUrlMirror(page: PageState): { settled: boolean; restored(): void } {
  const [settled, setSettled] = useState(true);
  const settledNow = useRef(true);
  const timer = useRef(0);
  const opened = useRef(false);
  const settle = useCallback((value: boolean) => {
    settledNow.current = value;
    setSettled(value);
  }, []);

  useEffect(() => {
    const query = pageQuery(page);
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    const first = !opened.current;
    opened.current = true;
    if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
    if (first || !settledNow.current) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    if (first) return;
    settle(false);
    clearTimeout(timer.current);
    timer.current = window.setTimeout(() => settle(true), HISTORY_SETTLE_MS);
  }, [page, settle]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const restored = useCallback(() => {
    clearTimeout(timer.current);
    settle(true);
  }, [settle]);
  return { settled, restored };
}
