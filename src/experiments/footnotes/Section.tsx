/**
 * "What the footnotes claim": the seed passage's footnotes (19–27) as small live experiments on
 * the model shown in "Superposition at a glance" (or on random problems where the claim is about
 * something else). Each claim is an experiment of its own (src/experiments/forward-pass, …),
 * rendered inside this section; the heavy parts run in a task worker (each experiment's run.ts,
 * listed in src/experiments/tasks.ts), only while a claim is on screen, debounced, with a visible
 * progress or error state.
 */
import { fmtCount } from '../../model/format';
import type { SectionProps } from '../experiment';
import './footnotes.css';

export function Footnotes({ model = null, children }: SectionProps<Record<never, never>>) {
  return (
    <section id="footnotes" aria-labelledby="footnotes-title" className="section footnotes" data-testid="footnotes">
      <h2 id="footnotes-title">What the footnotes claim</h2>
      <p className="lede">
        Several of the paper&apos;s claims live in its footnotes, stated in a sentence and left at that. Each one below
        is turned into a small experiment you can run and poke at: most use the model trained in “Superposition at a
        glance” (change it there and these follow), the rest use random problems of their own. The heavy parts run in a
        background worker, only while a part is on screen.
      </p>
      <p className="fn-model" data-testid="fn-model">
        {model ? (
          <>
            Model: <strong>{model.label}</strong> · step {fmtCount(model.step)} ·{' '}
            {model.kind === 'relu' ? 'ReLU output' : 'linear output'}
          </>
        ) : (
          'Waiting for the model in “Superposition at a glance” to train its first steps…'
        )}
      </p>
      {children}
    </section>
  );
}
