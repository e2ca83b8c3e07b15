/**
 * The page (or, with `?embed=<figure>`, one figure of it alone: src/app/embed.ts): reads the
 * settings from the URL once, keeps them in the URL as they change (so any view is a shareable
 * link), reports settings it had to ignore instead of failing silently, and renders every
 * experiment of the registry (src/experiments/index.ts) in order.
 */
import { Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { FigureContext, useFigureContext } from '../charts/figure-context';
import { PRESETS, SECTIONS, partsOf, type PageState, type RegisteredExperiment } from '../experiments';
import { atAGlance } from '../experiments/at-a-glance';
import type { FootnoteModel } from '../experiments/shared/footnote-model';
import { parseParams, stickyFields } from '../state/url-params';
import { embedQuery, embedSnippet, readEmbed, withoutEmbed, type EmbedLink } from './embed';
import { EmbedPage } from './EmbedPage';
import { readUrl, type PageUrl } from './page-url';
import { PresetMenu } from './PresetMenu';
import { ThemeToggle } from './ThemeToggle';
import { useUrlMirror } from './use-url-mirror';

export function App() {
  const [initial] = useState(() => readPage(window.location.search));
  const [page, setPage] = useState<PageState>(initial.state);
  const [model, setModel] = useState<FootnoteModel | null>(null);
  const [ignored, setIgnored] = useState<string[]>(initial.ignored);
  const [embed, setEmbed] = useState<EmbedLink | null>(initial.embed);
  const { restored } = useUrlMirror(page, embedQuery(embed));

  // Back/forward or a pasted link in the same tab: re-read the URL.
  useEffect(() => {
    const onPop = () => {
      const parsed = readPage(window.location.search);
      restored(); // the URL already says this: the next change is a new entry
      setPage(parsed.state);
      setIgnored(parsed.ignored);
      setEmbed(parsed.embed);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [restored]);

  const stateFor = useStateFor(page);
  const onChangeFor = useChangeFor(setPage);

  const experiment = (e: RegisteredExperiment, level: 'section' | 'part', children?: ReactNode) => {
    const presets = PRESETS.filter((p) => p.experiment === e.id);
    // A preset is the whole view of its experiment: defaults for every key it leaves out, except
    // the sticky ones (a pinned result stays pinned to compare with the figure).
    const onPick = (params: URLSearchParams) =>
      setPage((s) => {
        const values: Record<string, unknown> = { ...parseParams(e.params, params).values };
        for (const field of stickyFields(e.params)) delete values[field];
        return { ...s, [e.id]: { ...s[e.id], ...values } };
      });
    return (
      <Suspense key={e.id} fallback={<Loading id={e.id} title={e.title} level={level} />}>
        <FigureScope experiment={e.id} level={level}>
          <div className="experiment" data-experiment={e.id}>
            <e.Section
              // Each section is typed by its own table; the registry's union cannot express that here.
              state={stateFor(e) as never}
              onChange={onChangeFor(e)}
              presets={presets.length ? <PresetMenu id={e.id} presets={presets} onPick={onPick} /> : null}
              model={model}
              onModel={setModel}
            >
              {children}
            </e.Section>
          </div>
        </FigureScope>
      </Suspense>
    );
  };

  const notice = ignored.length ? <IgnoredNotice ignored={ignored} onDismiss={() => setIgnored([])} /> : null;
  if (embed) {
    const target = embed.experiment;
    // The model shown at a glance, trained out of sight, for a figure that works on it.
    const behind = target.readsModel && target.id !== atAGlance.id ? [experiment(atAGlance, 'section')] : [];
    return (
      <EmbedPage embed={embed} notice={notice}>
        {behind}
        {experiment(target, 'section')}
      </EmbedPage>
    );
  }

  return (
    <FigureContext.Provider value={FULL_PAGE_FIGURES}>
      <div className="page">
        <header className="masthead">
          <ThemeToggle />
          <h1>Toy Models of Superposition</h1>
          <p className="byline">
            An interactive companion to Elhage et al., <i>Toy Models of Superposition</i> (Anthropic, 2022). Every
            figure on this page is a real model training in your browser, off the main thread.
          </p>
        </header>
        {notice}
        <nav className="toc" aria-label="Contents">
          <strong>Contents</strong>
          <ol>
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ol>
        </nav>
        <main>
          {SECTIONS.map((s) =>
            experiment(
              s,
              'section',
              partsOf(s.id).map((part) => experiment(part, 'part')),
            ),
          )}
        </main>
        <footer className="colophon">
          <p>
            Models: <i>x′</i> = ReLU(<i>W</i>ᵀ<i>W x</i> + <i>b</i>) trained with AdamW (lr 10⁻³, batch 1024) on
            synthetic sparse features, as in the paper. Settings live in the address bar — copy it to share exactly this
            view. Open source; no network requests beyond this page.
          </p>
        </footer>
      </div>
    </FigureContext.Provider>
  );
}

/** On the full page every figure offers its embed code: this address, the settings on screen, `embed=<id>`. */
const FULL_PAGE_FIGURES = {
  headingLevel: 3 as const,
  experiment: '',
  embed: null,
  embedCode: (figure: string, title: string) =>
    embedSnippet(`${window.location.origin}${window.location.pathname}`, window.location.search, figure, title),
};

function IgnoredNotice({ ignored, onDismiss }: { ignored: string[]; onDismiss(): void }) {
  return (
    <div className="notice url-notice" role="alert" data-testid="url-notice">
      <strong>Some settings in the link were ignored</strong> and replaced by defaults:
      <ul>
        {ignored.map((msg) => (
          <li key={msg}>{msg}</li>
        ))}
      </ul>
      <button type="button" aria-label="Dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}

/** The page's settings, what it had to ignore, and the embed the link asks for (if any). */
function readPage(search: string): PageUrl & { embed: EmbedLink | null } {
  const { embed, problems } = readEmbed(search);
  const parsed = readUrl(withoutEmbed(search));
  let state = parsed.state;
  // `to` is the embedded experiment's step count, where it has one.
  if (embed?.to != null) {
    const id = embed.experiment.id;
    const steps = (embed.experiment.params as Readonly<Record<string, { min?: number; max?: number }>>).steps;
    if (!steps) problems.push(`to=${embed.to}: ${id} has no step count to set`);
    else if (embed.to < (steps.min ?? 1) || embed.to > (steps.max ?? Infinity)) {
      problems.push(`to=${embed.to}: ${id} trains ${steps.min ?? 1} to ${steps.max ?? '∞'} steps`);
    } else state = { ...state, [id]: { ...state[id], steps: embed.to } };
  }
  return { state, ignored: [...problems, ...parsed.ignored], embed };
}

/** The figure context of one experiment: its id (figure ids), its heading level, embed links. */
function FigureScope({
  experiment,
  level,
  children,
}: {
  experiment: string;
  level: 'section' | 'part';
  children: ReactNode;
}) {
  const outer = useFigureContext();
  const value = useMemo(
    // In an embed the one figure sits under the page's h1 (outer level 2); on the page, under its section or part.
    () => ({ ...outer, experiment, headingLevel: outer.embed ? outer.headingLevel : level === 'part' ? 4 : 3 }),
    [outer, experiment, level],
  );
  return <FigureContext.Provider value={value}>{children}</FigureContext.Provider>;
}

/**
 * An experiment's settings as its section sees them: its own values plus the fields it also reads
 * from other experiments; the same object until one of those changes, so a change elsewhere on the
 * page does not re-run its memos and effects.
 */
function useStateFor(page: PageState): (e: RegisteredExperiment) => Readonly<Record<string, unknown>> {
  const seen = useRef(new Map<string, { parts: unknown[]; state: Readonly<Record<string, unknown>> }>());
  return (e) => {
    const reads = Object.entries(e.alsoReads ?? {});
    const parts = [page[e.id], ...reads.flatMap(([id, fields]) => fields.map((f) => page[id]?.[f]))];
    const last = seen.current.get(e.id);
    if (last && parts.every((p, i) => Object.is(p, last.parts[i]))) return last.state;
    const state = { ...page[e.id] };
    for (const [id, fields] of reads) for (const f of fields) state[f] = page[id]?.[f];
    seen.current.set(e.id, { parts, state });
    return state;
  };
}

/** A section's onChange: each changed field goes to the experiment that owns it (its own, or one it also reads). */
function useChangeFor(setPage: (f: (s: PageState) => PageState) => void) {
  const handlers = useRef(new Map<string, (patch: Record<string, unknown>) => void>());
  return (e: RegisteredExperiment) => {
    let handler = handlers.current.get(e.id);
    if (!handler) {
      handler = (patch) =>
        setPage((s) => {
          const next: Record<string, Readonly<Record<string, unknown>>> = { ...s };
          for (const [field, value] of Object.entries(patch)) {
            const owner = Object.entries(e.alsoReads ?? {}).find(([, fields]) => fields.includes(field))?.[0] ?? e.id;
            next[owner] = { ...next[owner], [field]: value };
          }
          return next;
        });
      handlers.current.set(e.id, handler);
    }
    return handler;
  };
}

/** What a lazily loaded experiment shows until its chunk arrives. */
function Loading({ id, title, level }: { id: string; title: string; level: 'section' | 'part' }) {
  return level === 'section' ? (
    <section id={id} className="section">
      <h2>{title}</h2>
      <p className="panel-note">Loading…</p>
    </section>
  ) : (
    <div className="experiment-loading">
      <h3>{title}</h3>
      <p className="panel-note">Loading…</p>
    </div>
  );
}
