/** "What the footnotes claim", its five experiments inside, rendered statically: hooks idle, charts framed, no NaN. */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { constantVector, geometricImportance } from '../../../src/model/config';
import { Rng } from '../../../src/model/rng';
import { EXPERIMENTS } from '../../../src/experiments';
import { CompressedSensing } from '../../../src/experiments/compressed-sensing/Section';
import { DictionaryLearning } from '../../../src/experiments/dictionary-learning/Section';
import { Footnotes as FootnotesSection } from '../../../src/experiments/footnotes/Section';
import { ForwardPass } from '../../../src/experiments/forward-pass/Section';
import { GaussianLatents } from '../../../src/experiments/gaussian-latents/Section';
import { L1Margin } from '../../../src/experiments/l1-margin/Section';
import type { FootnoteModel } from '../../../src/experiments/shared/footnote-model';
import { defaults } from '../../../src/state/url-params';
import { badAttributes } from '../../charts/svg';

/**
 * Every experiment's settings at their defaults (one object: the footnotes' fields do not collide); a static render
 * never changes them.
 */
const urlState = { state: Object.assign({}, ...EXPERIMENTS.map((e) => defaults(e.params))), onChange: () => {} };

/** The footnotes section with its five experiments inside, as the page renders them (without the lazy loading). */
function Footnotes(props: typeof urlState & { model: FootnoteModel | null }) {
  return (
    <FootnotesSection {...props}>
      <ForwardPass {...props} />
      <DictionaryLearning {...props} />
      <L1Margin {...props} />
      <GaussianLatents {...props} />
      <CompressedSensing {...props} />
    </FootnotesSection>
  );
}

describe('Footnotes section (static render)', () => {
  const pentagon = (n: number) =>
    Float32Array.from(
      Array.from({ length: n }, (_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]).flat(),
    );
  const model = (n: number, m: number, W: Float32Array): FootnoteModel => ({
    W,
    b: new Float32Array(n).fill(-0.1),
    n,
    m,
    kind: 'relu',
    importance: geometricImportance(n, 0.9),
    density: constantVector(n, 0.05),
    step: 10_000,
    runKey: '',
    label: `n=${n}, m=${m}`,
  });

  it('renders every sub-section with its hooks, idle before it is on screen; m = 2 draws the tip-to-tail sum', () => {
    const html = renderToStaticMarkup(<Footnotes model={model(5, 2, pentagon(5))} {...urlState} />);
    for (const id of ['fn-forward', 'fn-dictionary', 'fn-l1', 'fn-gaussian', 'fn-cs']) {
      expect(html).toMatch(new RegExp(`data-testid="${id}" data-state="idle"`));
    }
    expect(html).toContain('data-chart="vector-sum-2d"');
    expect(html).toContain('data-chart="forward-output"');
    expect(html).toContain('data-chart="cs-scale"');
    expect((html.match(/data-action="fn-toggle"/g) ?? []).length).toBe(5);
    expect(html).toMatch(/footnotes 25, 27, 19/);
    expect(badAttributes(html)).toEqual([]);
    // Default input: features 0 and 1 on → two terms in the sum.
    expect((html.match(/data-term="/g) ?? []).length).toBe(2);
    // Every rendered chart sits in a frame with an export name.
    expect((html.match(/<svg /g) ?? []).length).toBe((html.match(/data-figure="footnote-/g) ?? []).length);
  });

  it('m ≠ 2 draws h as stacked bars over the hidden dimensions; no model shows the waiting notes', () => {
    const rng = new Rng(1);
    const html = renderToStaticMarkup(
      <Footnotes
        model={model(
          6,
          3,
          Float32Array.from({ length: 18 }, () => rng.normal() * 0.5),
        )}
        {...urlState}
      />,
    );
    expect(html).toContain('data-chart="hidden-contributions"');
    expect(html).not.toContain('data-chart="vector-sum-2d"');
    expect(badAttributes(html)).toEqual([]);
    const none = renderToStaticMarkup(<Footnotes model={null} {...urlState} />);
    expect(none).toContain('Waiting for the model');
    expect(none).toContain('data-testid="fn-gaussian" data-state="idle"');
  });
});
