/**
 * One figure alone (`?embed=<experiment>.<figure>`): the experiment's section renders out of sight,
 * its figure draws into the embed slot (ChartFigure portals it there), its controls above it when
 * the link asks. The page posts its height to the parent on every change, so an iframe can size
 * itself; a link goes back to the full article with the same settings.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { FigureContext, type FigureContextValue } from '../charts/figure-context';
import { EmbedContext } from '../ui/embed';
import { HEIGHT_MESSAGE, withoutEmbed, type EmbedLink } from './embed';

export interface EmbedPageProps {
  embed: EmbedLink;
  /** The settings the link had to ignore, if any. */
  notice: ReactNode;
  /** The experiments rendered out of sight (the target's section, and what it needs). */
  children: ReactNode;
}

export function EmbedPage({ embed, notice, children }: EmbedPageProps) {
  const [figureSlot, setFigureSlot] = useState<HTMLDivElement | null>(null);
  const [controlsSlot, setControlsSlot] = useState<HTMLDivElement | null>(null);
  const [seen, setSeen] = useState<readonly string[]>([]);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.documentElement.classList.add('embedded');
    return () => document.documentElement.classList.remove('embedded');
  }, []);
  usePostHeight(root, embed.figure);

  const figures = useMemo<FigureContextValue>(
    () => ({
      headingLevel: 2,
      experiment: '',
      embed: {
        figure: embed.figure,
        caption: embed.caption,
        slot: figureSlot,
        seen: (id) => setSeen((s) => (s.includes(id) ? s : [...s, id])),
      },
      embedCode: null,
    }),
    [embed.figure, embed.caption, figureSlot],
  );
  const sections = useMemo(
    () => ({ controlsSlot: embed.controls ? controlsSlot : null, from: embed.from }),
    [embed.controls, controlsSlot, embed.from],
  );
  const found = seen.includes(embed.figure);
  const own = seen.filter((id) => id.startsWith(`${embed.experiment.id}.`));
  const fullPage = `${window.location.pathname}?${withoutEmbed(window.location.search)}#${embed.experiment.id}`;

  return (
    <main className="embed-page" ref={root} data-embed={embed.figure} data-embed-state={found ? 'found' : 'looking'}>
      <h1 className="visually-hidden">{embed.experiment.title}: one figure of Toy Models of Superposition</h1>
      {notice}
      {embed.controls ? <div className="embed-controls-slot" ref={setControlsSlot} /> : null}
      <div className="embed-figure-slot" ref={setFigureSlot} />
      {!found && own.length ? (
        <p className="notice" role="alert" data-testid="embed-missing">
          No figure “{embed.figure}” in this section. Its figures: {own.join(', ')}.
        </p>
      ) : null}
      {embed.backLink ? (
        <p className="embed-back">
          <a href={fullPage} target="_blank" rel="noopener">
            {embed.experiment.title} — open in the full explorable ↗
          </a>
        </p>
      ) : null}
      <div className="embed-hidden" hidden>
        <FigureContext.Provider value={figures}>
          <EmbedContext.Provider value={sections}>{children}</EmbedContext.Provider>
        </FigureContext.Provider>
      </div>
    </main>
  );
}

/** Posts `{ type, figure, height }` to the parent window whenever the embed's height changes. */
function usePostHeight(root: React.RefObject<HTMLDivElement | null>, figure: string) {
  useEffect(() => {
    const el = root.current;
    if (!el || window.parent === window) return;
    let last = -1;
    const post = () => {
      const height = Math.ceil(el.getBoundingClientRect().height);
      if (height === last) return;
      last = height;
      window.parent.postMessage({ type: HEIGHT_MESSAGE, figure, height }, '*');
    };
    const observer = new ResizeObserver(post);
    observer.observe(el);
    post();
    return () => observer.disconnect();
  }, [root, figure]);
}
