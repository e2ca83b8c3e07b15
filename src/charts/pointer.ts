/**
 * Dragging marks of a chart with the pointer: the pointer's position in the chart's own
 * coordinates (whatever CSS scaling the page applies), and a drag of one mark at a time, captured
 * by the chart's root so it follows the pointer outside the mark.
 */
import { useRef, type PointerEvent } from 'react';

/** Client coordinates → the SVG's user coordinates (null where the browser cannot say). */
export function svgPoint(svg: SVGSVGElement, clientX: number, clientY: number): [number, number] | null {
  const ctm = svg.getScreenCTM?.();
  if (!ctm) return null;
  const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
  return [p.x, p.y];
}

export type DragPhase = 'start' | 'move' | 'end';

/** The root <svg> of an element inside a chart (or the root itself). */
const rootOf = (el: Element): SVGSVGElement | null =>
  el instanceof SVGSVGElement ? el : (el as SVGElement).ownerSVGElement;

/**
 * A drag of mark `target`: `begin` goes on the mark's onPointerDown, `root` on the chart's root
 * <svg>. `onDrag` gets the pointer in chart coordinates at the start, on every move and at the end.
 */
export function usePointerDrag(onDrag: (target: number, point: [number, number], phase: DragPhase) => void) {
  const drag = useRef<{ id: number; target: number; last: [number, number] } | null>(null);
  const at = (e: PointerEvent<Element>) => {
    const svg = rootOf(e.currentTarget);
    return svg ? svgPoint(svg, e.clientX, e.clientY) : null;
  };
  const begin = (e: PointerEvent<Element>, target: number) => {
    if (e.button !== 0) return;
    const p = at(e);
    if (!p) return;
    e.preventDefault();
    rootOf(e.currentTarget)?.setPointerCapture?.(e.pointerId);
    drag.current = { id: e.pointerId, target, last: p };
    onDrag(target, p, 'start');
  };
  const finish = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    drag.current = null;
    onDrag(d.target, at(e) ?? d.last, 'end');
  };
  const root = {
    onPointerMove: (e: PointerEvent<SVGSVGElement>) => {
      const d = drag.current;
      if (!d || d.id !== e.pointerId) return;
      const p = at(e);
      if (!p) return;
      d.last = p;
      onDrag(d.target, p, 'move');
    },
    onPointerUp: finish,
    onPointerCancel: finish,
  };
  return { begin, root, active: () => drag.current !== null };
}

/**
 * The index in attribute `attr` of the nearest element at or above `target` that has it (`data-cell="3,4"`
 * gives 3): a chart listens once on a layer and learns which row the pointer is over.
 */
export function indexAt(target: EventTarget | null, attr: string): number | null {
  const el = target instanceof Element ? target.closest(`[${attr}]`) : null;
  const v = el ? parseInt(el.getAttribute(attr) ?? '', 10) : NaN;
  return Number.isInteger(v) ? v : null;
}
