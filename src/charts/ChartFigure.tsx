/**
 * A titled figure around one chart, with export buttons: SVG and PNG download exactly the SVG on
 * screen; JSON downloads the model(s) behind it. Every click downloads a file or says why not.
 */
import { useRef, useState, type ReactNode } from 'react';
import { downloadBlob, downloadText, safeFileName, standaloneSvg, svgToPng, type ExportMeta } from './export';

export interface ChartFigureProps {
  title: string;
  caption?: ReactNode;
  /** File name stem of the exported SVG. */
  exportName: string;
  exportMeta?: ExportMeta;
  /**
   * The model(s) behind the chart as JSON (e.g. the models@1 format the CLI writes). It must build
   * the file from what the chart draws (the snapshot shown, with the settings it was trained with),
   * so a click always gets the state on screen. null: nothing drawn yet (the button is disabled and
   * says so); absent: the chart has no JSON export.
   */
  exportJson?: (() => unknown) | null;
  children: ReactNode;
}

const NOTHING_TRAINED = 'No trained model to export yet: training has not started.';

export function ChartFigure({ title, caption, exportName, exportMeta, exportJson, children }: ChartFigureProps) {
  const body = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

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
  const exportModels = () => {
    const data = exportJson?.();
    if (data == null) {
      setError(NOTHING_TRAINED);
      return;
    }
    setError(null);
    downloadText(safeFileName(exportName, 'json'), JSON.stringify(data), 'application/json');
  };

  return (
    <figure className="chart-figure" data-figure={exportName}>
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        <span className="export-group">
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
              aria-label={`Export the model behind “${title}” as JSON`}
              title={exportJson ? 'Weights, biases, metrics and loss history as JSON' : NOTHING_TRAINED}
            >
              JSON
            </button>
          ) : null}
        </span>
      </figcaption>
      <div className="chart-body" ref={body}>
        {children}
      </div>
      {caption ? <p className="chart-caption">{caption}</p> : null}
      {error ? (
        <p className="chart-error" role="alert">
          {error}
        </p>
      ) : null}
    </figure>
  );
}
