/**
 * Inline and display maths, typeset by KaTeX (bundled with its fonts: no CDN). KaTeX is loaded
 * lazily so it stays out of the first render's bundle; until it arrives the TeX source shows as
 * plain monospace text. Strings are fixed in the source, so KaTeX's HTML output is trusted.
 */
import { useEffect, useState } from 'react';

type Katex = typeof import('katex').default;
let katexModule: Katex | null = null;
let loading: Promise<Katex> | null = null;

function loadKatex(): Promise<Katex> {
  loading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(
    ([m]) => (katexModule = m.default),
  );
  return loading;
}

export function Tex({ children, display = false }: { children: string; display?: boolean }) {
  const [katex, setKatex] = useState<Katex | null>(katexModule);
  useEffect(() => {
    if (katex) return;
    let live = true;
    loadKatex()
      .then((k) => live && setKatex(() => k))
      .catch(() => undefined); // keep the plain TeX source if the chunk cannot load
    return () => {
      live = false;
    };
  }, [katex]);
  const className = display ? 'tex tex-display' : 'tex';
  if (!katex) return <span className={`${className} tex-pending`}>{children}</span>;
  const html = katex.renderToString(children, { displayMode: display, throwOnError: false, output: 'html' });
  return <span className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
