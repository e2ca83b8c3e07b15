/** Reading a chart's rendered SVG in Node, for the chart tests: parse it, find elements, read attributes, check it. */
import { DOMParser } from '@xmldom/xmldom';
import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { expect } from 'vitest';
import { standaloneSvg } from '../../src/charts/export';

/** The parsed document and any parse errors (a chart must render well-formed SVG). */
export function parse(markup: string) {
  const errors: string[] = [];
  const doc = new DOMParser({ onError: (level, msg) => errors.push(`${level}: ${msg}`) }).parseFromString(
    markup,
    'image/svg+xml',
  );
  return { doc, errors };
}

export type El = ReturnType<ReturnType<typeof parse>['doc']['getElementsByTagName']>[number];

/** Every attribute whose value reads NaN or Infinity (there should be none). */
export function badAttributes(markup: string): string[] {
  return (markup.match(/="[^"]*"/g) ?? []).filter((a) => /NaN|Infinity/.test(a));
}

export const elements = (markup: string, tag: string): El[] => Array.from(parse(markup).doc.getElementsByTagName(tag));

/** The `tag` elements that carry `attr` (with that value, when given). */
export const withAttr = (markup: string, tag: string, attr: string, value?: string): El[] =>
  elements(markup, tag).filter(
    (e) => e.getAttribute(attr) !== null && (value === undefined || e.getAttribute(attr) === value),
  );

export const num = (e: El, a: string) => Number(e.getAttribute(a));

/** The text of an element's own <title> child ('' when it has none). */
export const titleOf = (e: El) => Array.from(e.childNodes).find((c) => c.nodeName === 'title')?.textContent ?? '';

/** Every element in a rendered tree (components without hooks can be called as functions). */
export function findAll(
  node: ReactNode,
  pred: (props: Record<string, unknown>) => boolean,
  out: ReactElement<Record<string, unknown>>[] = [],
) {
  if (Array.isArray(node)) node.forEach((c) => findAll(c, pred, out));
  else if (isValidElement<Record<string, unknown>>(node)) {
    if (pred(node.props)) out.push(node);
    findAll(node.props.children as ReactNode, pred, out);
  }
  return out;
}

/** The data-layer names of a chart's groups, in document order. */
export const layers = (markup: string) => withAttr(markup, 'g', 'data-layer').map((g) => g.getAttribute('data-layer'));

/** The legend's entries, in order. */
export const legendLabels = (markup: string) =>
  withAttr(markup, 'g', 'data-legend-item').map((g) => g.getAttribute('data-legend-item'));

/** Well-formed, no NaN/Infinity, plain presentation SVG (no ids, classes, gradients or clip paths), exportable. */
export function expectCleanSvg(markup: string) {
  expect(parse(markup).errors).toEqual([]);
  expect(badAttributes(markup)).toEqual([]);
  expect(markup).not.toMatch(/\s(id|class|clip-path|style)="/);
  expect(markup).not.toMatch(/<(linearGradient|radialGradient|clipPath|marker|defs|foreignObject)\b/);
  const doc = standaloneSvg(markup, { description: 'test', config: { a: 1 } });
  expect(parse(doc).errors).toEqual([]);
  expect(parse(doc).doc.documentElement!.namespaceURI).toBe('http://www.w3.org/2000/svg');
}
