/**
 * Inline and display maths, typeset by KaTeX (bundled with its fonts: no CDN). KaTeX is loaded
 * lazily so it stays out of the first render's bundle; until it arrives the TeX source shows as
 * plain monospace text. Strings are fixed in the source, so KaTeX's HTML output is trusted. A
 * formula out of sight for good (the prose of an embedded figure's section, `[hidden]`) never
 * loads KaTeX: an embed loads only what it shows.
 */
import { memo, useEffect, useRef, useState } from 'react';

type Katex = typeof import('katex').default;
let katexModule: Katex | null = null;
let loading: Promise<Katex> | null = null;

function loadKatex(): Promise<Katex> {
  loading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(
    ([m]) => (katexModule = m.default),
  );
  return loading;
}

/**
 * Typeset once per formula: sections re-render many times a second while they train, and KaTeX takes
 * milliseconds per formula. The formulas are a fixed set from the source (a handful of them carry a
 * number), so the cache stays small; it is bounded all the same.
 */
const typeset = new Map<string, string>();
const TYPESET_MAX = 2000;

function html(katex: Katex, tex: string, display: boolean): string {
  const key = `${display ? 'D' : 'I'}${tex}`;
  let out = typeset.get(key);
  if (out === undefined) {
    out = katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'html' });
    if (typeset.size >= TYPESET_MAX) typeset.clear();
    typeset.set(key, out);
  }
  return out;
}

export const Tex = memo(function Tex({ children, display = false }: { children: string; display?: boolean }) {
  const [katex, setKatex] = useState<Katex | null>(katexModule);
  const pending = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (katex || pending.current?.closest('[hidden]')) return;
    let live = true;
    loadKatex()
      .then((k) => live && setKatex(() => k))
      .catch(() => undefined); // keep the plain TeX source if the chunk cannot load
    return () => {
      live = false;
    };
  }, [katex]);
  const className = display ? 'tex tex-display' : 'tex';
  if (!katex)
    return (
      <span ref={pending} className={`${className} tex-pending`}>
        {children}
      </span>
    );
  return <span className={className} dangerouslySetInnerHTML={{ __html: html(katex, children, display) }} />;
});
