/**
 * The page's settings mirrored into the address bar, so any view is a shareable link. Changes
 * closer together than HISTORY_SETTLE_MS (a dragged slider) share one history entry; once the
 * address has been still that long the view is settled, and the next change gets an entry of its
 * own, so Back steps through views rather than through slider ticks. The view a link opens is
 * settled from the start (writing the link in canonical order is not a change of view).
 *
 * The state is on the document element as data-history="settled" | "pending", written in the same
 * task as the address (a test that sees the new address sees "pending"; "settled" means the
 * address will not change again without new input).
 */
import { useCallback, useEffect, useRef } from 'react';
import type { PageState } from '../experiments';
import { pageQuery } from './page-url';

const HISTORY_SETTLE_MS = 1000;

/**
 * Returns `restored()`, for Back/forward: the entry shown is settled. `suffix`: query keys kept
 * after the settings (an embed's).
 */
export function useUrlMirror(page: PageState, suffix = ''): { restored(): void } {
  const settled = useRef(true);
  const timer = useRef(0);
  const opened = useRef(false);
  const settle = useCallback((value: boolean) => {
    settled.current = value;
    document.documentElement.dataset.history = value ? 'settled' : 'pending';
  }, []);

  useEffect(() => {
    const query = [pageQuery(page), suffix].filter(Boolean).join('&');
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    const first = !opened.current;
    opened.current = true;
    if (first) settle(true);
    if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
    if (first || !settled.current) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    if (first) return;
    settle(false);
    clearTimeout(timer.current);
    timer.current = window.setTimeout(() => settle(true), HISTORY_SETTLE_MS);
  }, [page, suffix, settle]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const restored = useCallback(() => {
    clearTimeout(timer.current);
    settle(true);
  }, [settle]);
  return { restored };
}
