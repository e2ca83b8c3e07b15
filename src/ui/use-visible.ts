/**
 * Whether an element is on screen (IntersectionObserver with a margin; always true where
 * unsupported). Sections train, and footnote experiments compute, only while the reader can see them.
 * In embed mode the section is hidden and only its figure shows: it counts as visible.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useEmbed } from './embed';

export function useVisible<T extends Element>(rootMargin = '100px'): { ref: (el: T | null) => void; visible: boolean } {
  const [visible, setVisible] = useState(false);
  const observer = useRef<IntersectionObserver | null>(null);
  const ref = useMemo(
    () => (el: T | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!el) return;
      if (typeof IntersectionObserver === 'undefined') {
        setVisible(true);
        return;
      }
      observer.current = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)), {
        rootMargin,
      });
      observer.current.observe(el);
    },
    [rootMargin],
  );
  useEffect(() => () => observer.current?.disconnect(), []);
  const embedded = useEmbed() !== null;
  return { ref, visible: visible || embedded };
}
