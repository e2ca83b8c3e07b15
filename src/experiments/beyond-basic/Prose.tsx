/** The prose above each "Beyond the basic model" experiment: what it shows and, for the big sweep, what it costs. */
import { fmtCount, formatDuration } from '../../model/format';
import { ANTICORRELATED_CONVENTION, CORRELATED_CONVENTION } from '../../model/variants/correlated-data';
import { Tex } from '../../ui/Tex';
import type { BeyondVariantId } from './params';

/**
 * The n = 100, m = 40 sweep's speed on one CPU core (steps/s), for the cost note: its 30,000 steps take most of an
 * hour.
 */
const ABS_SWEEP_CPU_STEPS_PER_SECOND = 10;

export function PresetProse({ id, steps }: { id: BeyondVariantId; steps: number }) {
  switch (id) {
    case 'correlated-pairs':
    case 'three-correlated-pairs':
    case 'anticorrelated-pairs':
      return (
        <div className="beyond-prose">
          <p>
            Features that tend to fire together interfere more often, so the model avoids superposing them: members of a
            correlated set prefer to be orthogonal to each other and share directions with the <em>other</em> sets.
            Features that never fire together cost nothing to superpose, so anticorrelated pairs settle antipodal
            (opposite directions). With three correlated pairs in two dimensions there is not enough room: as density
            rises the model gives up and represents each pair by one direction, its principal component (the pairs
            “collapse”).
          </p>
          <p className="beyond-convention">
            Data convention — {id === 'anticorrelated-pairs' ? ANTICORRELATED_CONVENTION : CORRELATED_CONVENTION}.
          </p>
        </div>
      );
    case 'local-orthogonal-bases':
      return (
        <div className="beyond-prose">
          <p>
            Twenty features in two correlated sets of ten, ten dimensions: each set on its own would fit exactly. The
            model builds an orthogonal basis for each set — the diagonal blocks of <Tex>{'W^\\top W'}</Tex> are nearly
            the identity — and lets the two sets overlap each other, since their members are rarely active together with
            members of the other set.
          </p>
          <p className="beyond-convention">Data convention — {CORRELATED_CONVENTION}.</p>
        </div>
      );
    case 'privileged-basis':
      return (
        <div className="beyond-prose">
          <p>
            Add a ReLU to the hidden layer, <Tex>{'h = \\mathrm{ReLU}(Wx)'}</Tex>,{' '}
            <Tex>{"x' = \\mathrm{ReLU}(W^\\top h + b)"}</Tex>, and the hidden units become a privileged basis: it now
            matters which features a <em>neuron</em> reads. Each column below is one neuron, stacked with its input
            weight per feature (colour = feature, negative below the axis). Dense data gives monosemantic neurons for
            the five most important features; sparser data packs more features per neuron (polysemantic). Ten features,
            five neurons, importance <Tex>{'0.75^i'}</Tex>, eight seeds per density — the paper kept the best of a
            thousand, so expect a rougher sweep. Below the stacks, the same models' <Tex>{'W'}</Tex> as a matrix: one
            row per neuron (in the stack plot's order), one column per feature, blue negative and red positive (each
            panel's legend gives its range).
          </p>
        </div>
      );
    case 'abs-dense':
    case 'abs-sweep':
      return (
        <div className="beyond-prose">
          <p>
            Now the model must compute: inputs are uniform on <Tex>{'[-1, 1]'}</Tex> and the target is{' '}
            <Tex>{'|x|'}</Tex>, with an untied model <Tex>{"y' = \\mathrm{ReLU}(W_2\\,\\mathrm{ReLU}(W_1 x) + b)"}</Tex>
            . Without superposition each feature takes two neurons, one reading <Tex>{'\\mathrm{ReLU}(x)'}</Tex> and one{' '}
            <Tex>{'\\mathrm{ReLU}(-x)'}</Tex>. Neurons are rescaled so their largest input weight is 1 and sorted by the
            feature they mostly serve. In the sparse sweep some neurons compute two features at once with very different
            input weights, a second neuron cancelling the interference — the paper's <em>asymmetric superposition</em>{' '}
            motif, outlined in red when found.
          </p>
          {id === 'abs-sweep' ? (
            <p className="notice beyond-cost" role="note" data-testid="beyond-cost-note">
              Cost: 7 models of 100 features × 40 neurons, two weight matrices each. On one CPU core this trains roughly
              ten steps a second, so the {fmtCount(steps)} steps set here take about{' '}
              {formatDuration(steps / ABS_SWEEP_CPU_STEPS_PER_SECOND)}, and the paper's 30,000 steps (trained on a GPU)
              most of an hour; the status line shows the time left at the speed measured here. Stopped early, the sparse
              models have not finished organising: read the plots as a snapshot of training, not the paper's end state.
            </p>
          ) : null}
        </div>
      );
    case 'adversarial':
      return (
        <div className="beyond-prose">
          <p>
            Superposition has a price in robustness. For each feature the worst small perturbation of a trained model is
            (to first order) along the corresponding row of <Tex>{'W^\\top W'}</Tex>; with an L2 budget of 0.1 × the
            mean input norm we apply it and compare the loss increase with that of a model that stores <Tex>{'m'}</Tex>{' '}
            features on orthogonal axes and drops the rest. The ratio is ≈ 1 for dense data and grows as features pack
            into fewer dimensions. Fifty features, five dimensions, equal importance; the attack is evaluated on the
            main thread once training is done or paused, for the best seed of each density.
          </p>
        </div>
      );
  }
}
