/**
 * Geometry of the phase diagram's log grid, with no drawing in it: the cell edges of a log-spaced
 * grid and polylines clipped to a box (by arithmetic rather than a <clipPath>, which would need a
 * document-wide id).
 */
import { finite } from './theme';

/**
 * Grid values → log10 cell edges. Each edge sits at the geometric midpoint of its two
 * neighbours; the outer edges extend half a log step. Grids that are not strictly monotone,
 * positive and finite (degenerate input) fall back to an even log grid over `fallback`, so the
 * picture stays well-formed instead of leaking NaN.
 */
export function logCellEdges(values: ArrayLike<number>, fallback: [number, number]): number[] {
  const count = Math.max(0, Math.floor(finite(values.length)));
  if (count === 0) return [Math.log10(fallback[0]), Math.log10(fallback[1])];
  let logs = Array.from({ length: count }, (_, i) => Math.log10(values[i]));
  const dir = count > 1 ? Math.sign(logs[1] - logs[0]) : 1;
  const valid =
    logs.every((l, i) => Number.isFinite(l) && (i === 0 || Math.sign(l - logs[i - 1]) === dir)) && dir !== 0;
  if (!valid) {
    const [a, b] = [Math.log10(fallback[0]), Math.log10(fallback[1])];
    logs = Array.from({ length: count }, (_, i) => (count === 1 ? (a + b) / 2 : a + ((b - a) * i) / (count - 1)));
  }
  if (count === 1) return [logs[0] - 0.5, logs[0] + 0.5];
  const edges = [logs[0] - (logs[1] - logs[0]) / 2];
  for (let i = 0; i < count - 1; i++) edges.push((logs[i] + logs[i + 1]) / 2);
  edges.push(logs[count - 1] + (logs[count - 1] - logs[count - 2]) / 2);
  return edges;
}

/** Liang–Barsky: the part of segment a→b inside the box, or null. */
function clipSegment(
  a: [number, number],
  b: [number, number],
  box: { x0: number; x1: number; y0: number; y1: number },
): [[number, number], [number, number]] | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, a[0] - box.x0],
    [dx, box.x1 - a[0]],
    [-dy, a[1] - box.y0],
    [dy, box.y1 - a[1]],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  if (t0 > t1) return null;
  const at = (t: number): [number, number] => [
    Math.min(box.x1, Math.max(box.x0, a[0] + t * dx)),
    Math.min(box.y1, Math.max(box.y0, a[1] + t * dy)),
  ];
  return [at(t0), at(t1)];
}

/** Polyline clipped to the box, as runs of visible points (a run breaks where it leaves). */
export function clipPolyline(
  points: ([number, number] | null)[],
  box: { x0: number; x1: number; y0: number; y1: number },
): [number, number][][] {
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  const close = () => {
    if (run.length > 1) runs.push(run);
    run = [];
  };
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k];
    const b = points[k + 1];
    if (!a || !b) {
      close();
      continue;
    }
    const seg = clipSegment(a, b, box);
    if (!seg) {
      close();
      continue;
    }
    const last = run[run.length - 1];
    if (!last || last[0] !== seg[0][0] || last[1] !== seg[0][1]) {
      close();
      run.push(seg[0]);
    }
    run.push(seg[1]);
    // Leaving the box ends the run, so a boundary re-entering starts a fresh subpath.
    if (seg[1][0] !== b[0] || seg[1][1] !== b[1]) close();
  }
  close();
  return runs;
}
