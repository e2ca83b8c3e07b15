/**
 * Every chart component with fixed, hand-made props (no training): the golden test renders these
 * and compares them with tests/golden/charts/, so a change to the shared chart frame shows up in
 * every chart, including those the figures CLI does not draw. `npm run golden:update` rewrites
 * them; `tsx tests/golden/chart-gallery.tsx <file.html>` writes them all into one page to look at.
 */
import { writeFileSync } from 'node:fs';
import { createElement, type FunctionComponent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { BarChart } from '../../src/charts/BarChart';
import { CosineMatrix } from '../../src/charts/CosineMatrix';
import { DimensionalityScatter } from '../../src/charts/DimensionalityScatter';
import { DimsPerFeatureChart } from '../../src/charts/DimsPerFeatureChart';
import { DirectionArrows2D } from '../../src/charts/DirectionArrows2D';
import { DynamicsChart } from '../../src/charts/DynamicsChart';
import { FeatureGeometry2D } from '../../src/charts/FeatureGeometry2D';
import { DEFAULT_VIEW, FeatureGeometry3D } from '../../src/charts/FeatureGeometry3D';
import { FeatureNormBars } from '../../src/charts/FeatureNormBars';
import { GeometryGraphChart } from '../../src/charts/GeometryGraphChart';
import { GramHeatmap } from '../../src/charts/GramHeatmap';
import { HistogramChart } from '../../src/charts/HistogramChart';
import { LineChart } from '../../src/charts/LineChart';
import { LossCurve } from '../../src/charts/LossCurve';
import { NeuronStackChart } from '../../src/charts/NeuronStackChart';
import { PentagonLossChart, PentagonStrip } from '../../src/charts/PentagonCharts';
import { PhaseDiagramChart } from '../../src/charts/PhaseDiagramChart';
import { PolytopeGallery } from '../../src/charts/PolytopeGallery';
import { QQPlot } from '../../src/charts/QQPlot';
import { SetGeometry2D } from '../../src/charts/SetGeometry2D';
import { StackedBarChart } from '../../src/charts/StackedBarChart';
import { VectorSum2D } from '../../src/charts/VectorSum2D';
import { WeightGlyph } from '../../src/charts/WeightGlyph';
import { WeightMatrixChart } from '../../src/charts/WeightMatrixChart';
import {
  D,
  R,
  W20x5,
  W5,
  W8x3,
  boundaries,
  factorWeights,
  gramOf,
  losses,
  norms20,
  phases,
  rng,
  round,
  steps,
  sup20,
  sweep,
  theoryPhases,
  weights,
} from './gallery-fixtures';

export interface GalleryEntry {
  name: string;
  svg: string;
}

function entry<P extends object>(name: string, component: FunctionComponent<P>, props: P): GalleryEntry {
  return { name, svg: renderToStaticMarkup(createElement(component, props)) };
}

/** Plots on axes: bars, stacked bars, lines, histograms, Q–Q, the loss curve. `r` draws the random bars. */
function plotEntries(r: () => number): GalleryEntry[] {
  const edges = Array.from({ length: 25 }, (_, k) => round(-3 + (6 * k) / 24));
  const density = edges
    .slice(0, -1)
    .map((e, k) => round(Math.exp(-(((e + edges[k + 1]) / 2) ** 2) / 2) / 2.5066 + (k === 12 ? 0.6 : 0)));
  const qq = Array.from({ length: 40 }, (_, k) => round(-2.2 + (4.4 * k) / 39));
  return [
    entry('bar-chart', BarChart, {
      categories: Array.from({ length: 8 }, (_, i) => `x${i}`),
      series: [
        {
          name: 'pre-activation',
          values: [0.5, -0.3, 0.8, 0.1, -0.6, 0.2, 0.9, -0.1],
          color: '#4477AA',
          style: 'outline',
        },
        {
          name: 'output',
          values: [0.5, 0, 0.8, 0.1, 0, 0.2, 0.9, 0],
          color: '#228833',
          highlight: [false, false, true, false, false, false, false, false],
        },
      ],
      yLabel: 'value',
      xLabel: 'feature i',
      title: 'Bar chart',
      highlightLabel: 'removed feature',
    }),
    entry('bar-chart-many', BarChart, {
      categories: Array.from({ length: 50 }, (_, i) => String(i)),
      series: [{ name: 'weight', values: Array.from({ length: 50 }, () => round(r() * 2 - 1)), color: '#4477AA' }],
      yLabel: 'W',
      title: 'Many bars',
      yDomain: [-1, 1],
      width: 520,
    }),
    entry('stacked-bar-chart', StackedBarChart, {
      categories: ['h₀', 'h₁', 'h₂'],
      segments: [
        { name: 'x₀W₀', values: [0.6, -0.2, 0.1], color: '#4477AA' },
        { name: 'x₁W₁', values: [-0.3, 0.5, 0.4], color: '#EE6677' },
        { name: 'x₂W₂', values: [0.2, 0.3, -0.7], color: '#228833' },
      ],
      yLabel: 'h',
      xLabel: 'hidden dimension',
      title: 'Stacked bars',
    }),
    entry('line-chart-log', LineChart, {
      series: [
        {
          name: 'recovered',
          color: '#4477AA',
          points: sweep.map((x, k) => ({
            x,
            y: round(0.1 + 0.08 * k),
            label: k % 3 === 0 ? `k=${k}` : undefined,
            highlight: k === 4,
          })),
        },
        {
          name: 'theory',
          color: '#EE6677',
          dashed: true,
          markers: false,
          points: sweep.map((x, k) => ({ x, y: round(0.12 + 0.075 * k) })),
        },
        {
          name: 'dots',
          color: '#228833',
          line: false,
          points: sweep.map((x, k) => ({ x, y: round(0.05 + 0.09 * k) })),
        },
      ],
      xLabel: '1/(1 − S)',
      yLabel: 'fraction',
      title: 'Line chart, log x',
      xScale: 'log',
      references: [
        { axis: 'y', value: 0.5, label: 'half' },
        { axis: 'x', value: 4, label: 'x = 4', color: '#CC3311' },
        { axis: 'y', value: 0.2, label: 'start', labelAt: 'start' },
      ],
    }),
    entry('line-chart-loglog', LineChart, {
      series: [{ name: 'loss', color: '#4477AA', points: steps.slice(1).map((x, k) => ({ x, y: losses[k + 1] })) }],
      xLabel: 'step',
      yLabel: 'loss',
      title: 'Line chart, log-log',
      xScale: 'log',
      yScale: 'log',
      legend: false,
      chart: 'custom-line',
    }),
    entry('line-chart-empty', LineChart, { series: [], xLabel: 'x', yLabel: 'y', title: 'No data' }),
    entry('histogram', HistogramChart, {
      edges,
      density,
      curve: density.map((v, k) => round(v * (k === 12 ? 0.5 : 1))),
      xLabel: 'activation',
      title: 'Histogram',
    }),
    entry('histogram-log', HistogramChart, {
      edges,
      density: density.map((v, k) => (k % 7 === 0 ? 0 : v)),
      curve: density,
      xLabel: 'activation',
      logY: true,
      title: 'Histogram, log y',
    }),
    entry('qq-plot', QQPlot, { theoretical: qq, sample: qq.map((v) => round(v ** 3 / 3)) }),
    entry('loss-curve', LossCurve, { steps, losses }),
    entry('loss-curve-empty', LossCurve, { steps: [], losses: [] }),
  ];
}

/** Per-feature bars and matrices: norms, WᵀW heatmaps, W, cosines. `r` draws the random cosines. */
function featureEntries(r: () => number): GalleryEntry[] {
  return [
    entry('feature-norm-bars', FeatureNormBars, { norms: norms20, superposition: sup20, n: 20, m: 5 }),
    entry('feature-norm-bars-many', FeatureNormBars, {
      norms: Array.from({ length: 60 }, (_, i) => round(1.1 - i / 60)),
      superposition: Array.from({ length: 60 }, (_, i) => round(i / 50)),
      n: 60,
      m: 10,
    }),
    entry('gram-heatmap', GramHeatmap, {
      gram: gramOf(W20x5, 20, 5),
      bias: Array.from({ length: 20 }, (_, i) => round(-0.05 * i)),
      n: 20,
    }),
    entry('gram-heatmap-small', GramHeatmap, {
      gram: gramOf(W5, 5, 2),
      bias: [0.1, -0.2, 0, 0.3, -0.4],
      n: 5,
      size: 180,
    }),
    entry('gram-heatmap-large', GramHeatmap, {
      gram: gramOf(weights(45, 8, 9), 45, 8),
      bias: new Float32Array(45),
      n: 45,
    }),
    entry('weight-matrix', WeightMatrixChart, { W: W20x5.subarray(0, 8 * 5), n: 8, m: 5, rowOrder: [4, 3, 2, 1, 0] }),
    entry('cosine-matrix', CosineMatrix, {
      values: Array.from({ length: 6 * 8 }, (_, k) => (k % 9 === 0 ? 0.97 : round(r() * 0.6 - 0.3))),
      rows: 6,
      cols: 8,
      colOrder: [0, 1, 2, 3, 4, 5, 7, 6],
      colLabels: Array.from({ length: 8 }, (_, j) => `a${j}`),
    }),
  ];
}

/** Pictures in the plane and per neuron: 2-D geometry, arrows, vector sums, weight glyphs, neuron stacks. */
function planeEntries(): GalleryEntry[] {
  return [
    entry('feature-geometry-2d', FeatureGeometry2D, { W: W5, n: 5, importance: [1, 0.7, 0.49, 0.34, 0.24] }),
    entry('set-geometry-2d', SetGeometry2D, {
      W: weights(6, 2, 4, [5]),
      n: 6,
      setOf: [0, 0, 1, 1, -1, -1],
      note: 'density 0.1',
    }),
    entry('direction-arrows-2d', DirectionArrows2D, {
      sets: [
        { name: 'true features', vectors: W5, color: '#4477AA', labels: ['0', '1', '2', '3', '4'] },
        {
          name: 'learned atoms',
          vectors: Array.from(W5, (v) => round(v * 0.8 + 0.05)),
          color: '#EE6677',
          dashed: true,
        },
      ],
    }),
    entry('vector-sum-2d', VectorSum2D, {
      terms: [
        { label: 'x₀W₀', vector: [0.8, 0.1], color: '#4477AA' },
        { label: 'x₂W₂', vector: [-0.3, 0.6], color: '#EE6677' },
      ],
      reference: W5,
      referenceLabels: ['W₀', 'W₁', 'W₂', 'W₃', 'W₄'],
    }),
    entry('vector-sum-2d-empty', VectorSum2D, { terms: [] }),
    entry('weight-glyph-m1', WeightGlyph, { W: [0.9, -0.8, 0, 0.02], n: 4, m: 1, importance: [1, 0.8, 0.6, 0.4] }),
    entry('weight-glyph-m2', WeightGlyph, { W: W5, n: 5, m: 2, size: 120 }),
    entry('weight-glyph-m3', WeightGlyph, {
      W: W8x3,
      n: 8,
      m: 3,
      importance: Array.from({ length: 8 }, (_, i) => 0.9 ** i),
      size: 200,
      title: 'Glyph',
    }),
    entry('neuron-stack', NeuronStackChart, {
      columns: [0, 1, 2, 3].map((neuron) => {
        let up = 0;
        let down = 0;
        const segments = [0, 1, 2].map((feature) => {
          const weight = round(Math.sin(neuron * 3 + feature * 2));
          const seg =
            weight >= 0
              ? { feature, weight, y0: up, y1: (up += weight) }
              : { feature, weight, y0: (down += weight), y1: down - weight };
          return seg;
        });
        return { neuron, status: ['monosemantic', 'polysemantic', 'dead', 'polysemantic'][neuron], segments };
      }),
      n: 3,
      highlight: [1],
      title: 'Neuron stacks',
    }),
  ];
}

/** The phase diagram, the geometry sweep and one model's geometry (graph, polytopes, 3-D, pentagon). */
function phaseAndGeometryEntries(): GalleryEntry[] {
  return [
    entry('phase-diagram', PhaseDiagramChart, {
      rValues: R,
      densityValues: D,
      phases: phases(2),
      boundaries,
      selected: 30,
    }),
    entry('phase-diagram-disagreement', PhaseDiagramChart, {
      rValues: R,
      densityValues: D,
      phases: phases(0),
      reference: theoryPhases,
      mode: 'disagreement',
      boundaries,
      title: 'Trained vs theory',
    }),
    entry('dims-per-feature', DimsPerFeatureChart, {
      points: sweep.map((invDensity, k) => ({
        invDensity,
        dimensionsPerFeature: k === 0 ? Infinity : round(1.05 - 0.07 * k),
      })),
      selected: 3,
    }),
    entry('dimensionality-scatter', DimensionalityScatter, {
      models: sweep.map((invDensity, j) => ({
        invDensity,
        dimensionalities: Array.from({ length: 12 }, (_, i) => [1, 0.5, 0.4, 0.75, 0][(i + j) % 5]),
      })),
      selected: 2,
    }),
    entry('dynamics', DynamicsChart, {
      steps,
      dimensionalities: steps.map((_, t) => [1, t > 20 ? 0.5 : 0.9, t > 40 ? 0.4 : 0.5, 0]),
      losses,
      n: 4,
      cursor: 1500,
    }),
    entry('dynamics-empty', DynamicsChart, { steps: [], dimensionalities: [], losses: [], n: 3 }),
    entry('geometry-graph', GeometryGraphChart, { W: factorWeights(), n: 9, m: 5 }),
    entry('polytope-gallery', PolytopeGallery, {
      counts: { dedicated: 1, digon: 1, triangle: 0, tetrahedron: 0, pentagon: 1, 'square-antiprism': 0, other: 0 },
      features: { digon: [0, 1], pentagon: [2, 3, 4, 5, 6] },
    }),
    entry('feature-geometry-3d', FeatureGeometry3D, {
      W: W8x3,
      n: 8,
      view: DEFAULT_VIEW,
      colors: Array.from({ length: 8 }, (_, i) => (i < 4 ? '#4477AA' : '#EE6677')),
    }),
    entry('pentagon-strip', PentagonStrip, {
      relativeDensities: [0.5, 1, 2],
      solutions: [W5, weights(5, 2, 5, [4]), null],
      types: ['pentagon', 'digons', null],
      sources: ['from the pentagon', null, null],
      selected: 1,
    }),
    entry('pentagon-loss', PentagonLossChart, {
      relativeDensities: [0.3, 0.5, 1, 2, 4],
      pentagon: [0.02, 0.025, 0.03, 0.04, null],
      digons: [0.05, 0.04, 0.031, 0.03, 0.029],
      fits: [
        { loss: 0.021, type: 'pentagon' },
        null,
        { loss: 0.03, type: 'pentagon' },
        { loss: 0.031, type: 'digons' },
        null,
      ],
    }),
  ];
}

/** The gallery: one or more fixed renders of every chart component, in a stable order. */
export function chartGallery(): GalleryEntry[] {
  // One generator for the whole gallery, drawn from in this order: the random bars, then the cosines.
  const r = rng(7);
  return [...plotEntries(r), ...featureEntries(r), ...planeEntries(), ...phaseAndGeometryEntries()];
}

/** `tsx tests/golden/chart-gallery.tsx out.html`: every gallery entry on one page, for a screenshot. */
if (process.argv[1] && /chart-gallery\.tsx$/.test(process.argv[1])) {
  const out = process.argv[2] ?? 'chart-gallery.html';
  const body = chartGallery()
    .map(
      (e) =>
        `<figure style="display:inline-block;vertical-align:top;margin:8px"><figcaption style="font:12px sans-serif">${e.name}</figcaption>${e.svg}</figure>`,
    )
    .join('\n');
  writeFileSync(out, `<!doctype html><meta charset="utf-8"><body style="background:#fff;margin:8px">${body}</body>`);
  process.stdout.write(`wrote ${out}\n`);
}
