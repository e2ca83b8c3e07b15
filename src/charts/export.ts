/**
 * Standalone SVG export. The charts already render with presentation attributes, generic fonts
 * and no ids or external references, so exporting is: take the markup, make sure it declares
 * its namespaces, and record what it shows (settings, step) in <metadata> for reproducibility.
 */
export interface ExportMeta {
  /** One line describing the picture; becomes the SVG's <desc>. */
  description: string;
  /** Settings behind the picture, stored as JSON in <metadata>. */
  config?: unknown;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Turn one chart's `<svg …>…</svg>` markup into a complete standalone SVG document. */
export function standaloneSvg(markup: string, meta?: ExportMeta): string {
  const open = markup.match(/^\s*<svg\b[^>]*>/);
  if (!open) throw new Error('standaloneSvg: markup does not start with an <svg> element');
  let head = open[0];
  if (!/\sxmlns=/.test(head)) head = head.replace(/^(\s*<svg)/, `$1 xmlns="${SVG_NS}"`);
  let inner = '';
  if (meta) {
    inner += `<desc>${escapeXml(meta.description)}</desc>`;
    if (meta.config !== undefined) {
      inner += `<metadata>${escapeXml(JSON.stringify({ generator: 'superposition-explorable', ...{ settings: meta.config } }))}</metadata>`;
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head.trim()}${inner}${markup.slice(open[0].length)}\n`;
}

/** File names from chart names: lowercase letters, digits and dashes only. */
export function safeFileName(name: string, ext: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'figure';
  return `${base}.${ext}`;
}

/** Browser download of a text file through a temporary object URL (revoked afterwards). */
export function downloadText(fileName: string, text: string, mime: string): void {
  downloadBlob(fileName, new Blob([text], { type: mime }));
}

/** Rasterise a standalone SVG at `scale`× its size (for slides); resolves to a PNG blob. */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas available');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke on the next tick: some browsers start the download asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
