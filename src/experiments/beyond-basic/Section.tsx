/**
 * "Beyond the basic model" (issue 5): correlated and anticorrelated features, a privileged basis
 * (ReLU hidden layer), computation in superposition (absolute value) and adversarial
 * vulnerability. One preset of model/variants/presets.ts trains at a time in the section's own
 * worker (the variant trainer on the JS path); the charts show the best seed of each density.
 */
import { fmtCount, formatDuration } from '../../model/format';
import { useMemo, type ReactNode } from 'react';
import { weightRows } from '../../model/io/model-json';
import { instanceParams, weightsPerInstance } from '../../model/variants/model';
import type { VariantPreset } from '../../model/variants/presets';
import { runKey } from '../../state/run-key';
import { ownValues } from '../../state/url-params';
import { EnumSelect, Slider } from '../../ui/controls';
import {
  RunAnnouncement,
  RunNotice,
  TrainingPlaybar,
  statusText,
  useTrainWhileVisible,
} from '../../ui/training-controls';
import { useTrainingRun } from '../../ui/use-training';
import { useVisible } from '../../ui/use-visible';
import type { Snapshot } from '../../worker/protocol';
import type { SectionProps } from '../experiment';
import { useDrawnSettings } from '../shared/drawn-settings';
import './beyond.css';
import {
  BEYOND_LABELS,
  BEYOND_PARAMS,
  BEYOND_RUN_KEYS,
  BEYOND_VARIANTS,
  type BeyondState,
  type BeyondVariantId,
} from './params';
import { PresetProse } from './Prose';
import { beyondPreset, beyondSteps, pickBest } from './run';
import { BeyondView } from './Views';
import { EmbedControls } from '../../ui/embed';

const VARIANT_OPTIONS = BEYOND_VARIANTS.map((value) => ({ value, label: BEYOND_LABELS[value] }));

export function BeyondBasic({ state, onChange }: SectionProps<BeyondState>) {
  const id = state.variant;
  const visible = useVisible<HTMLElement>();
  return (
    <section id="beyond-basic" aria-labelledby="beyond-basic-title" className="section" ref={visible.ref}>
      <h2 id="beyond-basic-title">Beyond the basic model</h2>
      <p className="lede">
        The basic toy model assumes independent features, no hidden nonlinearity and a task that only asks the model to
        copy its input. The second half of the paper relaxes each assumption in turn. Pick one experiment below; it
        trains live in its own worker (plain JavaScript on the CPU), several seeds per density, and every chart shows
        the lowest-loss seed of each density.
      </p>
      <EmbedControls>
        <div className="beyond-controls" role="group" aria-label="Variant experiment settings">
          <label className="control">
            <span>experiment</span>
            <EnumSelect
              name="vpreset"
              testId="beyond-preset"
              value={id}
              options={VARIANT_OPTIONS}
              onChange={(variant) => onChange({ variant })}
            />
          </label>
          <Slider
            label={
              <>
                step limit <output>{fmtCount(beyondSteps(id, state.steps))}</output>
              </>
            }
            name="vsteps"
            min={BEYOND_PARAMS.steps.min}
            max={BEYOND_PARAMS.steps.max}
            step={500}
            value={state.steps}
            onChange={(steps) => onChange({ steps })}
          />
          <label className="control beyond-number">
            <span>first seed</span>
            <input
              type="number"
              name="vseed"
              min={BEYOND_PARAMS.seed.min}
              max={BEYOND_PARAMS.seed.max}
              step={1}
              value={state.seed}
              onChange={(e) => {
                const v = Math.round(Number(e.target.value));
                if (Number.isFinite(v) && v >= BEYOND_PARAMS.seed.min && v <= BEYOND_PARAMS.seed.max)
                  onChange({ seed: v });
              }}
            />
          </label>
        </div>
      </EmbedControls>
      <PresetProse id={id} steps={beyondSteps(id, state.steps)} />
      {/* a fresh worker per experiment: no stale snapshot of another preset can reach its charts */}
      <BeyondRun key={`${id}:${state.seed}`} id={id} state={ownValues(BEYOND_PARAMS, state)} seen={visible.visible} />
    </section>
  );
}

interface RunProps {
  id: BeyondVariantId;
  state: BeyondState;
  seen: boolean;
}

function BeyondRun({ id, state, seen }: RunProps) {
  const preset = useMemo(() => beyondPreset(id, state.seed), [id, state.seed]);
  const { config } = preset;
  const run = useTrainingRun(config, {
    runKey: runKey(BEYOND_PARAMS, BEYOND_RUN_KEYS, state),
    maxSteps: beyondSteps(id, state.steps),
    warmStart: false,
    path: 'js',
    convergence: null,
    autoStart: false,
    keepHistory: false,
    maxHz: id === 'abs-sweep' ? 2 : 5,
  });
  // What is drawn and exported: the snapshot with the settings it was trained with (a change of
  // the step limit restarts the run; the charts go on showing the previous one meanwhile).
  const drawn = useDrawnSettings(BEYOND_PARAMS, BEYOND_RUN_KEYS, run.snapshot, state);
  const steps = beyondSteps(id, drawn.steps);
  const per = weightsPerInstance(config);
  const snap =
    run.snapshot &&
    run.snapshot.W.length === config.instances.length * per &&
    run.snapshot.b.length === config.instances.length * config.n
      ? run.snapshot
      : null;

  // Train only while the reader can see the section (and not after they paused it themselves).
  const userPaused = useTrainWhileVisible(run, snap, seen);

  const settled = !!snap && snap.step > 0 && (snap.status === 'done' || snap.status === 'paused');
  const best = useMemo(() => (snap && snap.step > 0 ? pickBest(preset, snap, settled) : null), [snap, preset, settled]);
  const exportMeta = {
    description: `${preset.title}: best of ${preset.seeds} seed(s) per density, step ${snap?.step ?? 0}`,
    config: { ...drawn, steps, step: snap?.step ?? 0 },
  };
  const eta =
    snap && snap.status === 'running' && snap.stepsPerSecond > 0 ? (steps - snap.step) / snap.stepsPerSecond : null;

  let body: ReactNode = null;
  if (snap && best) {
    body = (
      <BeyondView
        id={id}
        preset={preset}
        snap={snap}
        best={best}
        exportMeta={exportMeta}
        exportJson={() => variantJson(preset, snap, best)}
        settled={settled}
      />
    );
  }

  return (
    <>
      <EmbedControls>
        <div className="beyond-controls beyond-playbar">
          <TrainingPlaybar run={run} snap={snap} userPaused={userPaused} prefix="beyond" />
        </div>
      </EmbedControls>
      <RunAnnouncement snap={snap} what="The variant's models" />
      <p className="status beyond-status">
        <span data-testid="beyond-status" data-run={snap?.runId ?? -1} data-run-key={snap?.runKey}>
          {statusText(snap, userPaused)}
        </span>{' '}
        · step <strong data-testid="beyond-step">{fmtCount(snap?.step ?? 0)}</strong> / {fmtCount(steps)} ·{' '}
        {config.instances.length} models ({preset.densities.length} densities × {preset.seeds} seed
        {preset.seeds === 1 ? '' : 's'})
        {snap && snap.stepsPerSecond > 0 ? ` · ${Math.round(snap.stepsPerSecond)} steps/s` : ''}
        {snap ? ` · ${(snap.trainingMs / 1000).toFixed(1)} s of training` : ''}
        {eta !== null ? ` · about ${formatDuration(eta)} left` : ''}
        {best && !settled && preset.seeds > 1
          ? ' · best seed by current minibatch loss (re-evaluated when paused or done)'
          : ''}
      </p>
      <RunNotice run={run} />
      {body ? (
        <div data-testid="beyond-chart-ready" data-preset={id}>
          {body}
        </div>
      ) : (
        <p className="panel-note">Charts appear once training has started.</p>
      )}
    </>
  );
}

/** The run's models as drawn: the best seed of each density at the snapshot's step. */
function variantJson(preset: VariantPreset, snap: Snapshot, best: number[]) {
  const { config } = preset;
  return {
    format: 'superposition-explorable/variant@1',
    preset: preset.id,
    title: preset.title,
    step: snap.step,
    config: {
      n: config.n,
      m: config.m,
      kind: config.kind,
      featureSets: config.featureSets ?? [],
      seeds: preset.seeds,
    },
    layout: 'W1[i][k]: feature i → neuron k; W2[i][k]: neuron k → output i (W2 = W1 when tied)',
    models: best.map((j, g) => {
      const p = instanceParams(config, snap.W, snap.b, j);
      const rows = (A: Float32Array) => weightRows(A, config.n, config.m);
      return {
        density: preset.densities[g],
        seed: config.instances[j].seed,
        loss: snap.loss[j],
        W1: rows(p.W1),
        ...(p.W2 !== p.W1 ? { W2: rows(p.W2) } : {}),
        b: Array.from(p.b),
      };
    }),
  };
}
