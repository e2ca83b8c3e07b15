/**
 * A titled figure around one chart, with an "Export SVG" button that downloads exactly the
 * SVG on screen as a standalone file.
 */
import { useRef, useState, type ReactNode } from 'react';
import { downloadText, safeFileName, standaloneSvg, type ExportMeta } from './export';

export interface ChartFrameProps {
  title: string;
  caption?: ReactNode;
  /** File name stem of the exported SVG. */
  exportName: string;
  exportMeta?: ExportMeta;
  children: ReactNode;
}

export function ChartFrame({ title, caption, exportName, exportMeta, children }: ChartFrameProps) {
  const body = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  const exportSvg = () => {
    const svg = body.current?.querySelector('svg');
    if (!svg) {
      setError('Nothing to export yet: the chart has not been drawn.');
      return;
    }
    setError(null);
    downloadText(safeFileName(exportName, 'svg'), standaloneSvg(svg.outerHTML, exportMeta ?? { description: title }), 'image/svg+xml');
  };

  return (
    <figure className="chart-frame" data-chart-frame={exportName}>
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        <button type="button" className="export" data-action="export-svg" onClick={exportSvg} aria-label={`Export “${title}” as SVG`}>
          Export SVG
        </button>
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
