/**
 * The footnotes' vector charts rendered in Node: the tip-to-tail sum, direction arrows in the plane
 * and the cosine matrix between two sets of vectors; well-formed standalone SVG with no
 * NaN/Infinity in any attribute (also for degenerate input).
 */
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CosineMatrix } from '../../src/charts/CosineMatrix';
import { DirectionArrows2D } from '../../src/charts/DirectionArrows2D';
import { VectorSum2D } from '../../src/charts/VectorSum2D';
import { elements, expectCleanSvg, legendLabels, num, withAttr } from './svg';

const NAN = [NaN, Infinity, -Infinity, 0, NaN];

describe('VectorSum2D', () => {
  it('draws the terms tip to tail and the sum from the origin to the last tip', () => {
    const svg = renderToStaticMarkup(
      <VectorSum2D
        terms={[
          { label: 'x₀W₀', vector: [1, 0], color: '#4477AA' },
          { label: 'x₁W₁', vector: [0, 0.5], color: '#EE6677' },
        ]}
        reference={[1, 0, 0, 1, -0.7, -0.7]}
        referenceLabels={['0', '1', '2']}
        sumLabel="h"
      />,
    );
    expectCleanSvg(svg);
    expect(withAttr(svg, 'g', 'data-reference')).toHaveLength(3);
    const terms = withAttr(svg, 'g', 'data-term').map((g) => g.getElementsByTagName('line')[0]);
    expect(terms).toHaveLength(2);
    expect(num(terms[1], 'x1')).toBeCloseTo(num(terms[0], 'x2'), 6);
    expect(num(terms[1], 'y1')).toBeCloseTo(num(terms[0], 'y2'), 6);
    const sum = withAttr(svg, 'g', 'data-layer', 'sum')[0].getElementsByTagName('line')[0];
    expect(num(sum, 'x1')).toBeCloseTo(num(terms[0], 'x1'), 6);
    expect(num(sum, 'x2')).toBeCloseTo(num(terms[1], 'x2'), 6);
    expect(num(sum, 'y2')).toBeCloseTo(num(terms[1], 'y2'), 6);
    expect(elements(svg, 'polygon')).toHaveLength(3); // arrowheads: two terms and the sum
    const empty = renderToStaticMarkup(<VectorSum2D terms={[]} reference={NAN} />);
    expectCleanSvg(empty);
    expect(empty).toContain('the sum is 0');
  });
});

describe('DirectionArrows2D', () => {
  it('one group per set, one arrow per vector, legend per set', () => {
    const svg = renderToStaticMarkup(
      <DirectionArrows2D
        sets={[
          { name: 'features', vectors: [1, 0, 0, 1, -1, 0], color: '#333', labels: ['0', '1', '2'] },
          { name: 'atoms', vectors: [0.99, 0.1, 0, -1], color: '#c31', dashed: true },
        ]}
      />,
    );
    expectCleanSvg(svg);
    const sets = withAttr(svg, 'g', 'data-set');
    expect(sets.map((g) => g.getElementsByTagName('line').length)).toEqual([3, 2]);
    expect(legendLabels(svg)).toEqual(['features', 'atoms']);
    expect(withAttr(svg, 'line', 'stroke-dasharray').length).toBeGreaterThanOrEqual(2);
    expectCleanSvg(renderToStaticMarkup(<DirectionArrows2D sets={[{ name: 'bad', vectors: NAN, color: '#000' }]} />));
  });
});

describe('CosineMatrix', () => {
  it('rows × cols cells in the given column order; matches (|cos| ≥ threshold) outlined', () => {
    // 2 features × 3 atoms, signed cosines.
    const values = [0.1, 0.95, -0.2, -0.92, 0.3, 0.5];
    const svg = renderToStaticMarkup(
      <CosineMatrix values={values} rows={2} cols={3} colOrder={[1, 0, 2]} rowLabels={['3', '7']} threshold={0.9} />,
    );
    expectCleanSvg(svg);
    const cells = withAttr(svg, 'rect', 'data-cell');
    expect(cells).toHaveLength(6);
    // Each column is a group placed by its transform: row 0 read left to right follows colOrder.
    const columnX = (c: Element) =>
      Number(/translate\(([-\d.]+)/.exec(c.parentElement!.getAttribute('transform')!)![1]);
    const row0 = cells.filter((c) => c.getAttribute('data-cell')!.startsWith('0,'));
    expect(row0.sort((a, b) => columnX(a) - columnX(b)).map((c) => c.getAttribute('data-cell'))).toEqual([
      '0,1',
      '0,0',
      '0,2',
    ]);
    const matches = withAttr(svg, 'rect', 'data-match').map((c) => c.getAttribute('data-cell'));
    expect(matches.sort()).toEqual(['0,1', '1,0']);
    const markup = (c: Element) => new XMLSerializer().serializeToString(c);
    // Another column order moves the column groups and nothing else (a live matrix restyles no cell).
    const reordered = renderToStaticMarkup(
      <CosineMatrix values={values} rows={2} cols={3} colOrder={[2, 1, 0]} rowLabels={['3', '7']} threshold={0.9} />,
    );
    expect(withAttr(reordered, 'rect', 'data-cell').map(markup)).toEqual(cells.map(markup));
    // |cos| drives the colour: −0.92 and 0.95 are both dark, 0.1 light.
    const fill = (id: string) => cells.find((c) => c.getAttribute('data-cell') === id)!.getAttribute('fill')!;
    const lum = (hex: string) => {
      const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(hex) ?? /#(..)(..)(..)/.exec(hex)!;
      return m[0].startsWith('#')
        ? parseInt(m[1], 16) + parseInt(m[2], 16) + parseInt(m[3], 16)
        : Number(m[1]) + Number(m[2]) + Number(m[3]);
    };
    expect(lum(fill('1,0'))).toBeLessThan(lum(fill('0,0')));
    expect(withAttr(svg, 'g', 'data-layer', 'legend')).toHaveLength(1);
    expect(withAttr(svg, 'g', 'data-layer', 'row-labels')[0].getElementsByTagName('text')[1].textContent).toBe('7');
    expectCleanSvg(renderToStaticMarkup(<CosineMatrix values={NAN} rows={1} cols={5} />));
    expectCleanSvg(renderToStaticMarkup(<CosineMatrix values={[]} rows={0} cols={0} />));
  });
});
