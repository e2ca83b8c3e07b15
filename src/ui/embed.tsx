/**
 * What sections need to know in embed mode (src/app/embed.ts): the section itself is hidden, so it
 * trains as if on screen (useVisible says visible); its controls block goes to the embed's
 * controls slot when the link asks for controls; runs are drawn from the link's `from` step on.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export interface SectionEmbed {
  /** Where `<EmbedControls>` draws (null: the link asked for no controls; they stay hidden with the section). */
  controlsSlot: HTMLElement | null;
  /** Runs draw nothing before this step (0: from the start). */
  from: number;
}

export const EmbedContext = createContext<SectionEmbed | null>(null);

export function useEmbed(): SectionEmbed | null {
  return useContext(EmbedContext);
}

/** A section's controls: in place on the page; in an embed with controls, above the figure. */
export function EmbedControls({ children }: { children: ReactNode }) {
  const embed = useEmbed();
  if (!embed?.controlsSlot) return <>{children}</>;
  return createPortal(<div className="embed-controls">{children}</div>, embed.controlsSlot);
}
