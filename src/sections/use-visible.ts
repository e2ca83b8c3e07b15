/**
 * Whether an element is on screen (IntersectionObserver, with a 100 px margin; always true where
 * unsupported). Sections train only while the reader can see them.
 */
import { useMemo, useRef, useState } from 'react';

export function useVisible<T extends Element>(): { ref: (el: T | null) => void; seen: boolean } {
  const [seen, setSeen] = useState(false);
  const observer = useRef<IntersectionObserver | null>(null);
  const ref = useMemo(
    () => (el: T | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!el) return;
      if (typeof IntersectionObserver === 'undefined') {
        setSeen(true);
        return;
      }
      observer.current = new IntersectionObserver((entries) => setSeen(entries.some((e) => e.isIntersecting)), { rootMargin: '100px' });
      observer.current.observe(el);
    },
    [],
  );
  return { ref, seen };
}
