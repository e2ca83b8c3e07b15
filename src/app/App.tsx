/**
 * The page: reads the settings from the URL once, keeps them in the URL as they change (so any
 * view is a shareable link), and reports settings it had to ignore instead of failing silently.
 */
import { Suspense, lazy, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { PresetMenu } from './PresetMenu';
import { AtAGlance } from '../sections/AtAGlance';
import type { FootnoteModel } from '../sections/footnote-model';
import { BEYOND_PARAMS, type BeyondState } from '../state/beyond';
import { FOOTNOTE_PARAMS, type FootnoteState } from '../state/footnotes';
import { GEOMETRY_PARAMS, type GeometryState } from '../state/geometry';
import { GLANCE_PARAMS, type GlanceState } from '../state/glance';
import { PHASE_PARAMS, type PhaseState } from '../state/phase';
import { readUrl } from '../state/page-url';
import { queryString, serializeParams } from '../state/url-params';

// Sections below the first load as their own chunks: the first paint needs only "at a glance".
const PhaseChange = lazy(() => import('../sections/PhaseChange').then((m) => ({ default: m.PhaseChange })));
const Geometry = lazy(() => import('../sections/Geometry').then((m) => ({ default: m.Geometry })));
const BeyondBasic = lazy(() => import('../sections/BeyondBasic').then((m) => ({ default: m.BeyondBasic })));
const Footnotes = lazy(() => import('../sections/Footnotes').then((m) => ({ default: m.Footnotes })));

function SectionSlot({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <section id={id} className="section">
          <h2>{title}</h2>
          <p className="panel-note">Loading…</p>
        </section>
      }
    >
      {children}
    </Suspense>
  );
}

/** Changes closer together than this (a dragged slider) share one history entry. */
const HISTORY_SETTLE_MS = 1000;

export function App() {
  const [initial] = useState(() => readUrl(window.location.search));
  const lastUrlChange = useRef(0);
  const [glance, setGlance] = useState<GlanceState>(initial.glance);
  const [phase, setPhase] = useState<PhaseState>(initial.phase);
  const [geometry, setGeometry] = useState<GeometryState>(initial.geometry);
  const [beyond, setBeyond] = useState<BeyondState>(initial.beyond);
  const [footnotes, setFootnotes] = useState<FootnoteState>(initial.footnotes);
  const [footnoteModel, setFootnoteModel] = useState<FootnoteModel | null>(null);
  const [ignored, setIgnored] = useState<string[]>(initial.ignored);

  // Mirror state into the URL without adding a history entry per slider tick.
  useEffect(() => {
    const params = serializeParams(GLANCE_PARAMS, glance);
    serializeParams(PHASE_PARAMS, phase).forEach((v, k) => params.set(k, v));
    serializeParams(GEOMETRY_PARAMS, geometry).forEach((v, k) => params.set(k, v));
    serializeParams(BEYOND_PARAMS, beyond).forEach((v, k) => params.set(k, v));
    serializeParams(FOOTNOTE_PARAMS, footnotes).forEach((v, k) => params.set(k, v));
    const query = queryString(params);
    const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
    if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
    // A new history entry once the previous change has settled, so Back steps through views
    // rather than through every slider tick.
    const now = performance.now();
    if (lastUrlChange.current > 0 && now - lastUrlChange.current > HISTORY_SETTLE_MS) window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
    lastUrlChange.current = now;
  }, [glance, phase, geometry, beyond, footnotes]);

  // Back/forward or a pasted link in the same tab: re-read the URL.
  useEffect(() => {
    const onPop = () => {
      const parsed = readUrl(window.location.search);
      lastUrlChange.current = 0; // the URL already says this; do not push it again
      setGlance(parsed.glance);
      setPhase(parsed.phase);
      setGeometry(parsed.geometry);
      setBeyond(parsed.beyond);
      setFootnotes(parsed.footnotes);
      setIgnored(parsed.ignored);
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const onChange = useCallback((patch: Partial<GlanceState>) => setGlance((s) => ({ ...s, ...patch })), []);
  const onPhaseChange = useCallback((patch: Partial<PhaseState>) => setPhase((s) => ({ ...s, ...patch })), []);
  const onBeyondChange = useCallback((patch: Partial<BeyondState>) => setBeyond((s) => ({ ...s, ...patch })), []);
  const onGeometryChange = useCallback((patch: Partial<GeometryState>) => setGeometry((s) => ({ ...s, ...patch })), []);
  const onFootnotesChange = useCallback((patch: Partial<FootnoteState>) => setFootnotes((s) => ({ ...s, ...patch })), []);

  return (
    <div className="page">
      <header className="masthead">
        <ThemeToggle />
        <h1>Toy Models of Superposition</h1>
        <p className="byline">
          An interactive companion to Elhage et al., <i>Toy Models of Superposition</i> (Anthropic, 2022). Every figure on this page is a
          real model training in your browser, off the main thread.
        </p>
      </header>
      {ignored.length ? (
        <div className="notice url-notice" role="alert" data-testid="url-notice">
          <strong>Some settings in the link were ignored</strong> and replaced by defaults:
          <ul>
            {ignored.map((msg) => (
              <li key={msg}>{msg}</li>
            ))}
          </ul>
          <button type="button" aria-label="Dismiss" onClick={() => setIgnored([])}>
            ×
          </button>
        </div>
      ) : null}
      <nav className="toc" aria-label="Contents">
        <strong>Contents</strong>
        <ol>
          <li>
            <a href="#at-a-glance">Superposition at a glance</a>
          </li>
          <li>
            <a href="#phase-change">Superposition as a phase change</a>
          </li>
          <li>
            <a href="#geometry">The geometry of superposition</a>
          </li>
          <li>
            <a href="#beyond-basic">Beyond the basic model</a>
          </li>
          <li>
            <a href="#footnotes">What the footnotes claim</a>
          </li>
        </ol>
      </nav>
      <main>
        <AtAGlance
          state={glance}
          onChange={onChange}
          presets={<PresetMenu section="at-a-glance" table={GLANCE_PARAMS} onPick={(values) => setGlance(values as GlanceState)} />}
          onModel={setFootnoteModel}
        />
        <SectionSlot id="phase-change" title="Superposition as a phase change">
          <PhaseChange
            state={phase}
            onChange={onPhaseChange}
            presets={<PresetMenu section="phase-change" table={PHASE_PARAMS} onPick={(values) => setPhase(values as PhaseState)} />}
          />
        </SectionSlot>
        <SectionSlot id="geometry" title="The geometry of superposition">
          <Geometry state={geometry} onChange={onGeometryChange} />
        </SectionSlot>
        <SectionSlot id="beyond-basic" title="Beyond the basic model">
          <BeyondBasic state={beyond} onChange={onBeyondChange} />
        </SectionSlot>
        <SectionSlot id="footnotes" title="What the footnotes claim">
          <Footnotes model={footnoteModel} state={footnotes} onChange={onFootnotesChange} />
        </SectionSlot>
      </main>
      <footer className="colophon">
        <p>
          Models: <i>x′</i> = ReLU(<i>W</i>ᵀ<i>W x</i> + <i>b</i>) trained with AdamW (lr 10⁻³, batch 1024) on synthetic sparse features, as in
          the paper. Settings live in the address bar — copy it to share exactly this view. Open source; no network requests
          beyond this page.
        </p>
      </footer>
    </div>
  );
}

type Theme = 'light' | 'dark';

/** Light/dark page theme: follows the system until the reader picks one (remembered locally). */
function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>(() => {
    const saved = safeStorage()?.getItem('theme');
    if (saved === 'light' || saved === 'dark') return saved;
    return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  });
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="theme-toggle"
      data-action="theme"
      aria-label={`Switch to the ${next} theme`}
      onClick={() => {
        setTheme(next);
        safeStorage()?.setItem('theme', next);
      }}
    >
      {theme === 'dark' ? '☀ Light' : '☾ Dark'}
    </button>
  );
}

/** localStorage, or null where it is blocked (private modes, sandboxed frames). */
function safeStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
