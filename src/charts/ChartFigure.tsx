/**
 * A titled figure around one chart, with export buttons: SVG and PNG download exactly the SVG on
 * screen; JSON downloads the model(s) behind it; Movie (where the chart changes with training)
 * renders the run's checkpoints offline into a video; Table shows the numbers behind the chart as
 * an HTML table (the chart's text alternative); Embed gives the iframe code that shows this figure
 * alone. Every click downloads a file, shows something or says why not.
 *
 * The title is a heading (h3 in a section, h4 in a part of one), so a screen reader can jump
 * between figures; the chart's body is a labelled group reachable by Tab. In embed mode the figure
 * asked for is drawn into the page's embed slot and every other figure draws nothing.
 */
import { useEffect, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { downloadBlob, downloadText, safeFileName, standaloneSvg, svgToPng, type ExportMeta } from './export';
import { figureId, useFigureContext } from './figure-context';
import type { MovieSource } from './movie/source';
import { MovieButton } from './movie/MovieButton';

/** The numbers behind a chart, as the rows of a table (its text alternative). */
export interface ChartTable {
  columns: readonly string[];
  rows: readonly (readonly (string | number)[])[];
}

export interface ChartFigureProps {
  title: string;
  caption?: ReactNode;
  /** File name stem of the exported SVG; with the experiment, the figure's embed id. */
  exportName: string;
  exportMeta?: ExportMeta;
  /**
   * The model(s) behind the chart as JSON (e.g. the models@1 format the CLI writes). It must build
   * the file from what the chart draws (the snapshot shown, with the settings it was trained with),
   * so a click always gets the state on screen. null: nothing drawn yet (the button is disabled and
   * says so); absent: the chart has no JSON export. It may return a promise (a big file built in
   * steps): the button says "JSON…" until it settles.
   */
  exportJson?: (() => unknown) | null;
  /**
   * The numbers the chart draws, built on demand when the reader opens the table. null: nothing
   * drawn yet; absent: the caption says it all (the button is not shown).
   */
  table?: (() => ChartTable | null) | null;
  /** The run's frames for a training movie (absent: the chart does not change with training; null: not yet). */
  movie?: MovieSource | null;
  children: ReactNode;
}

const NOTHING_TRAINED = 'No trained model to export yet: training has not started.';
const NOTHING_DRAWN = 'Nothing drawn yet: the table appears once the chart has data.';

export function ChartFigure(props: ChartFigureProps) {
  const context = useFigureContext();
  const id = figureId(context.experiment, props.exportName);
  const embed = context.embed;
  const seen = embed?.seen;
  useEffect(() => seen?.(id), [seen, id]);
  if (!embed) return <Figure {...props} id={id} />;
  if (embed.figure !== id || !embed.slot) return null;
  return createPortal(<Figure {...props} id={id} embedded />, embed.slot);
}

function Figure({
  title,
  caption,
  exportName,
  exportMeta,
  exportJson,
  table,
  movie,
  children,
  id,
  embedded = false,
}: ChartFigureProps & { id: string; embedded?: boolean }) {
  const { headingLevel, embed, embedCode } = useFigureContext();
  const body = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [showTable, setShowTable] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const titleId = useId();
  const captionId = useId();
  const Heading = headingLevel === 4 ? 'h4' : headingLevel === 2 ? 'h2' : 'h3';
  const showCaption = caption && (!embedded || embed?.caption !== false);

  const toggleEmbedCode = () => {
    if (code !== null || !embedCode) return setCode(null);
    const snippet = embedCode(id, title);
    setCode(snippet);
    // The clipboard may be refused (no permission, an insecure origin): the snippet stays on screen, selected.
    navigator.clipboard?.writeText(snippet).catch(() => undefined);
  };
  const data = showTable ? (table?.() ?? null) : null;

  return (
    <figure className="chart-figure" data-figure={exportName} data-figure-id={id} aria-labelledby={titleId}>
      <figcaption className="chart-head">
        <Heading className="chart-title" id={titleId}>
          {title}
        </Heading>
        <span className="export-group">
          <ExportButtons
            title={title}
            exportName={exportName}
            exportMeta={exportMeta}
            exportJson={exportJson}
            body={body}
            onError={setError}
          />
          {movie !== undefined ? (
            <MovieButton source={movie} title={title} name={exportName} onError={setError} />
          ) : null}
          {table !== undefined ? (
            <button
              type="button"
              className="export"
              data-action="show-table"
              aria-pressed={showTable}
              aria-label={`Show the numbers behind “${title}” as a table`}
              title="The numbers behind the chart"
              onClick={() => setShowTable((v) => !v)}
            >
              Table
            </button>
          ) : null}
          {embedCode && !embedded ? (
            <button
              type="button"
              className="export"
              data-action="embed-code"
              aria-expanded={code !== null}
              aria-label={`Embed code for “${title}”`}
              title="Copy the <iframe> code that shows this figure alone in another page"
              onClick={toggleEmbedCode}
            >
              Embed
            </button>
          ) : null}
        </span>
      </figcaption>
      {code !== null ? (
        <p className="embed-code">
          <label>
            Embed code (copied to the clipboard where the browser allows):
            <textarea
              readOnly
              rows={3}
              value={code}
              data-testid="embed-code"
              onFocus={(e) => e.currentTarget.select()}
            />
          </label>
        </p>
      ) : null}
      <div
        className="chart-body"
        ref={body}
        role="group"
        tabIndex={0}
        aria-labelledby={titleId}
        aria-describedby={showCaption ? captionId : undefined}
      >
        {children}
      </div>
      {showTable ? <FigureTable title={title} data={data} /> : null}
      {showCaption ? (
        <p className="chart-caption" id={captionId}>
          {caption}
        </p>
      ) : null}
      {error ? (
        <p className="chart-error" role="alert">
          {error}
        </p>
      ) : null}
    </figure>
  );
}

interface ExportButtonsProps {
  title: string;
  exportName: string;
  exportMeta?: ExportMeta;
  exportJson?: (() => unknown) | null;
  body: RefObject<HTMLDivElement | null>;
  onError(message: string | null): void;
}

/** SVG, PNG (the chart on screen) and JSON (the model behind it). */
function ExportButtons({ title, exportName, exportMeta, exportJson, body, onError: setError }: ExportButtonsProps) {
  const svgText = (): { text: string; width: number; height: number } | null => {
    const svg = body.current?.querySelector('svg');
    if (!svg) {
      setError('Nothing to export yet: the chart has not been drawn.');
      return null;
    }
    setError(null);
    return {
      text: standaloneSvg(svg.outerHTML, exportMeta ?? { description: title }),
      width: Number(svg.getAttribute('width')) || svg.clientWidth,
      height: Number(svg.getAttribute('height')) || svg.clientHeight,
    };
  };
  const exportSvg = () => {
    const s = svgText();
    if (s) downloadText(safeFileName(exportName, 'svg'), s.text, 'image/svg+xml');
  };
  const exportPng = () => {
    const s = svgText();
    if (!s) return;
    svgToPng(s.text, s.width, s.height, 2)
      .then((blob) => downloadBlob(safeFileName(exportName, 'png'), blob))
      .catch((e: unknown) => setError(`PNG export failed: ${e instanceof Error ? e.message : String(e)}`));
  };
  // A big file may come as a promise (the geometry sweep's is built in a worker): the button says so meanwhile.
  const [preparing, setPreparing] = useState(false);
  const save = (data: unknown) => {
    if (data == null) {
      setError(NOTHING_TRAINED);
      return;
    }
    setError(null);
    downloadText(safeFileName(exportName, 'json'), JSON.stringify(data), 'application/json');
  };
  const exportModels = () => {
    if (preparing) return;
    const data = exportJson?.();
    if (!(data instanceof Promise)) return save(data);
    setPreparing(true);
    data
      .then(save, (e: unknown) => setError(`JSON export failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => setPreparing(false));
  };
  return (
    <>
      <button
        type="button"
        className="export"
        data-action="export-svg"
        onClick={exportSvg}
        aria-label={`Export “${title}” as SVG`}
        title="Standalone SVG"
      >
        SVG
      </button>
      <button
        type="button"
        className="export"
        data-action="export-png"
        onClick={exportPng}
        aria-label={`Export “${title}” as PNG at 2×`}
        title="PNG at 2× size"
      >
        PNG
      </button>
      {exportJson !== undefined ? (
        <button
          type="button"
          className="export"
          data-action="export-json"
          onClick={exportModels}
          disabled={exportJson === null}
          aria-busy={preparing || undefined}
          aria-label={`Export the model behind “${title}” as JSON`}
          title={exportJson ? 'Weights, biases, metrics and loss history as JSON' : NOTHING_TRAINED}
        >
          {preparing ? 'JSON…' : 'JSON'}
        </button>
      ) : null}
    </>
  );
}

function FigureTable({ title, data }: { title: string; data: ChartTable | null }) {
  if (!data) return <p className="chart-table-note">{NOTHING_DRAWN}</p>;
  return (
    <div className="chart-table-wrap" tabIndex={0} role="region" aria-label={`The numbers behind “${title}”`}>
      <table className="chart-table" data-testid="chart-table">
        <thead>
          <tr>
            {data.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c}>{typeof cell === 'number' ? formatCell(cell) : cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Table numbers: integers as they are, others to 4 significant digits (what a reader compares); NaN: none, a dash. */
export function formatCell(v: number): string {
  if (Number.isNaN(v)) return '—';
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  return Number(v.toPrecision(4)).toString();
}
