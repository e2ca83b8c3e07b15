/**
 * "Movie": a menu that renders the run's frames offline (MovieSource) and encodes them — WebM or
 * MP4 through WebCodecs, GIF where WebCodecs is missing — then downloads the file (and, when asked,
 * a manifest with every frame's SHA-256). The encoder loads on first use (a dynamic import), so
 * none of it weighs on the page's first chunk. Progress ("frame 120 / 300") and a Cancel button
 * while it works; failures go to the figure's error line.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { fmtCount } from '../../model/format';
import { downloadBlob, downloadText, safeFileName } from '../export';
import { chooseFormat, type FormatOption, type MovieFormat } from './formats';
import type { MovieFrames, MovieSource } from './source';
import { MOVIE_FPS } from './timing';

export interface MovieButtonProps {
  /** null: nothing to make a movie of yet (the button is disabled and says why). */
  source: MovieSource | null;
  title: string;
  name: string;
  onError(message: string | null): void;
}

type Phase = 'idle' | 'loading' | 'encoding' | 'done' | 'cancelled' | 'error';

interface Job {
  phase: Phase;
  text: string;
  /** When done: milliseconds spent building the frames (training), then in each part of encoding, and in all. */
  timings?: Record<string, number>;
}

const NOTHING_YET = 'Nothing to make a movie of yet: the run has not started.';
/** The size the menu asks the encoders about before the frames exist (2× a typical chart). */
const PROBE_SIZE = { width: 400, height: 300 };

const loadEncoder = () => import('./make');

export function MovieButton({ source, title, name, onError }: MovieButtonProps) {
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<FormatOption[] | null>(null);
  const [wanted, setWanted] = useState<MovieFormat | null>(null);
  const [manifest, setManifest] = useState(false);
  const [job, setJob] = useState<Job>({ phase: 'idle', text: '' });
  const abort = useRef<AbortController | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => () => abort.current?.abort(), []);
  useEffect(() => {
    if (!open || options) return;
    let live = true;
    loadEncoder()
      .then((lib) => lib.probeFormats(PROBE_SIZE.width, PROBE_SIZE.height, MOVIE_FPS))
      .then((o) => live && setOptions(o))
      .catch((e: unknown) => live && onError(`Movie export unavailable: ${message(e)}`));
    return () => {
      live = false;
    };
  }, [open, options, onError]);

  const busy = job.phase === 'loading' || job.phase === 'encoding';
  const chosen = options ? chooseFormat(options, wanted) : null;

  const start = async () => {
    if (!source || !chosen || busy) return;
    const ctl = new AbortController();
    abort.current = ctl;
    onError(null);
    setJob({ phase: 'loading', text: 'preparing the frames…' });
    const t0 = performance.now();
    try {
      const [frames, lib] = await Promise.all([
        source.load(ctl.signal, (p) =>
          setJob({ phase: 'loading', text: `${p.label} ${fmtCount(p.done)} / ${fmtCount(p.total)}` }),
        ),
        loadEncoder(),
      ]);
      const load = performance.now() - t0;
      const made = await lib.makeMovie(frames, chosen, {
        signal: ctl.signal,
        hashes: manifest,
        onFrame: (done, count) => setJob({ phase: 'encoding', text: `frame ${done} / ${count}` }),
      });
      const file = safeFileName(name, chosen.ext);
      downloadBlob(file, made.blob);
      if (made.frameHashes) {
        const m = lib.movieManifest({
          figure: name,
          file,
          option: chosen,
          fps: frames.fps,
          count: frames.count,
          size: { width: made.width, height: made.height, scale: made.scale },
          about: frames.about,
          frameHashes: made.frameHashes,
        });
        downloadText(safeFileName(`${name}-movie`, 'json'), JSON.stringify(m, null, 1), 'application/json');
      }
      const timings = { load, ...made.timings, total: performance.now() - t0 };
      setJob({ phase: 'done', text: doneText(chosen, frames, made.blob.size), timings });
    } catch (e) {
      if (ctl.signal.aborted) setJob({ phase: 'cancelled', text: 'cancelled' });
      else {
        setJob({ phase: 'error', text: 'failed' });
        onError(`Movie export failed: ${message(e)}`);
      }
    } finally {
      if (abort.current === ctl) abort.current = null;
    }
  };

  return (
    <span
      className="movie"
      data-movie-state={job.phase}
      data-movie-timings={job.timings ? JSON.stringify(job.timings) : undefined}
    >
      <button
        type="button"
        className="export"
        ref={button}
        data-action="export-movie"
        disabled={!source}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Export “${title}” as a movie`}
        title={source ? 'A movie of the run, rendered frame by frame from its training' : NOTHING_YET}
        onClick={() => setOpen((v) => !v)}
      >
        Movie
      </button>
      {open ? (
        <div
          className="movie-menu"
          id={menuId}
          role="group"
          aria-label={`Movie of “${title}”`}
          onKeyDown={(e) => {
            // Escape closes the menu (an export under way goes on) and gives the focus back to its button.
            if (e.key !== 'Escape') return;
            setOpen(false);
            button.current?.focus();
          }}
        >
          <FormatChoice options={options} chosen={chosen} disabled={busy} onChoose={setWanted} />
          <label className="movie-option">
            <input
              type="checkbox"
              data-option="manifest"
              checked={manifest}
              disabled={busy}
              onChange={(e) => setManifest(e.currentTarget.checked)}
            />{' '}
            Also a manifest (JSON: settings, each frame’s SHA-256)
          </label>
          <span className="movie-actions">
            <button type="button" data-action="movie-start" disabled={!chosen || busy} onClick={() => void start()}>
              Export movie
            </button>
            {busy ? (
              <button type="button" data-action="movie-cancel" onClick={() => abort.current?.abort()}>
                Cancel
              </button>
            ) : null}
          </span>
          <span className="movie-progress" role="status" data-testid="movie-progress">
            {job.text}
          </span>
        </div>
      ) : null}
    </span>
  );
}

function FormatChoice({
  options,
  chosen,
  disabled,
  onChoose,
}: {
  options: FormatOption[] | null;
  chosen: FormatOption | null;
  disabled: boolean;
  onChoose(format: MovieFormat): void;
}) {
  const group = useId();
  if (!options) return <p className="movie-note">Asking the browser which encoders it has…</p>;
  return (
    <fieldset className="movie-formats">
      <legend>Format</legend>
      {options.map((o) => (
        <label key={o.format} className="movie-option" title={o.reason ?? undefined}>
          <input
            type="radio"
            name={group}
            value={o.format}
            data-format={o.format}
            checked={chosen?.format === o.format}
            disabled={disabled || !o.available}
            onChange={() => onChoose(o.format)}
          />{' '}
          {o.label}
          {o.codec ? <span className="movie-note"> ({codecName(o.codec)})</span> : null}
          {o.reason ? <span className="movie-note"> — unavailable: {o.reason}</span> : null}
        </label>
      ))}
    </fieldset>
  );
}

function codecName(codec: NonNullable<FormatOption['codec']>): string {
  return { vp9: 'VP9', vp8: 'VP8', avc: 'H.264' }[codec];
}

function doneText(option: FormatOption, frames: MovieFrames, bytes: number): string {
  const size = bytes < 1e6 ? `${Math.ceil(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
  return `done: ${option.label}, ${frames.count} frames at ${frames.fps} fps, ${size}`;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
