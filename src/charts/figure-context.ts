/**
 * What the page tells every ChartFigure about where it sits: its heading level (a figure in a
 * section is named by an h3, in a part of a section by an h4, so a screen reader can jump between
 * figures), the experiment it belongs to (a figure's embed id is `<experiment>.<name>`), and, in
 * embed mode (`?embed=<id>`), which figure is shown alone and where it goes.
 */
import { createContext, useContext } from 'react';

/** The embed view of the page: one figure alone (src/app/embed.ts parses the link). */
export interface FigureEmbed {
  /** `<experiment>.<exportName>` of the figure shown. */
  figure: string;
  /** Show the figure's caption (`caption=0` hides it). */
  caption: boolean;
  /** Where the figure is drawn: the page's visible embed slot (the section around it is hidden). */
  slot: HTMLElement | null;
  /** Every figure of the section reports its id (so a link naming no figure can say which there are). */
  seen(id: string): void;
}

export interface FigureContextValue {
  /** 2 in an embed (under its one h1), 3 in a section, 4 in a part of one. */
  headingLevel: 2 | 3 | 4;
  /** The experiment the figure belongs to ('' outside one: the tests' bare charts). */
  experiment: string;
  embed: FigureEmbed | null;
  /** The iframe snippet that embeds a figure of this page by its id (null: no embed links, as in tests). */
  embedCode: ((figure: string, title: string) => string) | null;
}

export const FigureContext = createContext<FigureContextValue>({
  headingLevel: 3,
  experiment: '',
  embed: null,
  embedCode: null,
});

export function useFigureContext(): FigureContextValue {
  return useContext(FigureContext);
}

/** A figure's embed id: its experiment and its export name. */
export function figureId(experiment: string, exportName: string): string {
  return experiment ? `${experiment}.${exportName}` : exportName;
}
