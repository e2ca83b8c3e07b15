/**
 * "Beyond the basic model" (issue 5): correlated and anticorrelated features, a privileged basis
 * (ReLU hidden layer), computation in superposition (absolute value) and adversarial
 * vulnerability. One preset of model/variants/presets.ts trains at a time in the section's own
 * worker (the variant trainer on the JS path); the charts show the best seed of each density.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Tex } from '../app/Tex';
import { ChartFrame } from '../charts/ChartFrame';
import { GramHeatmap } from '../charts/GramHeatmap';
import { LineChart } from '../charts/LineChart';
import { NeuronStackChart } from '../charts/NeuronStackChart';
import { SetGeometry2D } from '../charts/SetGeometry2D';
import { formatDuration } from '../charts/theme';
import { WeightMatrixChart } from '../charts/WeightMatrixChart';
import { ANTICORRELATED_CONVENTION, CORRELATED_CONVENTION } from '../model/variants/correlated-data';
import type { NeuronStatus } from '../model/variants/analysis';
import { instanceParams, weightsPerInstance } from '../model/variants/model';
import type { VariantPreset } from '../model/variants/presets';
import {
  absAnalysis,
  ADVERSARIAL_SAMPLES,
  adversarialPoint,
  beyondPreset,
  beyondSteps,
  densityLabel,
  fmtLoss,
  isBeyondPreset,
  localBasesAnalysis,
  perDimensionChartProps,
  pickBest,
  privilegedAnalyses,
  setAngles,
  setGeometryProps,
  vulnerabilityChartProps,
  type AdvPoint,
} from './beyond-run';
import { BEYOND_PARAMS, BEYOND_PRESETS, type BeyondPresetId, type BeyondState } from '../state/beyond';
import type { Snapshot } from '../worker/protocol';
import { useTrainingRun } from './use-training';
import './beyond.css';
import { useVisible } from './use-visible';
import { RunNotice, TrainingPlaybar, statusText, useTrainWhileVisible } from './training-controls';

export interface BeyondBasicProps {
  state: BeyondState;
  onChange(patch: Partial<BeyondState>): void;
}

const PRESET_LABELS: Record<BeyondPresetId, string> = {
  'correlated-pairs': 'Correlated: 2 pairs in m = 2',
  'anticorrelated-pairs': 'Anticorrelated: 2 pairs in m = 2',
  'three-correlated-pairs': 'Correlated: 3 pairs in m = 2',
  'local-orthogonal-bases': 'Local orthogonal bases: n = 20, m = 10',
  'privileged-basis': 'Privileged basis: ReLU hidden layer, n = 10, m = 5',
  'abs-dense': 'Absolute value: n = 3, m = 6 (no superposition)',
  'abs-sweep': 'Absolute value: n = 100, m = 40 sweep (slow)',
  adversarial: 'Adversarial vulnerability: n = 50, m = 5',
};

/** The n = 100, m = 40 sweep's speed on one CPU core (steps/s), for the cost note: its 30,000 steps take most of an hour. */
const ABS_SWEEP_CPU_STEPS_PER_SECOND = 10;
export function BeyondBasic({ state, onChange }: BeyondBasicProps) {
  const id: BeyondPresetId = isBeyondPreset(state.vpreset) ? state.vpreset : 'correlated-pairs';
  const visible = useVisible<HTMLElement>();
  return (
    <section id="beyond-basic" aria-labelledby="beyond-basic-title" className="section" ref={visible.ref}>
      <h2 id="beyond-basic-title">Beyond the basic model</h2>
      <p className="lede">
        The basic toy model assumes independent features, no hidden nonlinearity and a task that only asks the model to copy its input.
        The second half of the paper relaxes each assumption in turn. Pick one experiment below; it trains live in its own worker
        (plain JavaScript on the CPU), several seeds per density, and every chart shows the lowest-loss seed of each density.
      </p>
      <div className="beyond-controls" role="group" aria-label="Variant experiment settings">
        <label className="control">
          <span>experiment</span>
          <select name="vpreset" data-testid="beyond-preset" value={id} onChange={(e) => onChange({ vpreset: e.target.value })}>
            {BEYOND_PRESETS.map((p) => (
              <option key={p} value={p}>
                {PRESET_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        <label className="control">
          <span>
            step limit <output>{beyondSteps(id, state.vsteps).toLocaleString('en-US')}</output>
          </span>
          <input
            type="range"
            name="vsteps"
            min={BEYOND_PARAMS.vsteps.min}
            max={BEYOND_PARAMS.vsteps.max}
            step={500}
            value={state.vsteps}
            onChange={(e) => onChange({ vsteps: Number(e.target.value) })}
          />
        </label>
        <label className="control beyond-number">
          <span>first seed</span>
          <input
            type="number"
            name="vseed"
            min={BEYOND_PARAMS.vseed.min}
            max={BEYOND_PARAMS.vseed.max}
            step={1}
            value={state.vseed}
            onChange={(e) => {
              const v = Math.round(Number(e.target.value));
              if (Number.isFinite(v) && v >= BEYOND_PARAMS.vseed.min && v <= BEYOND_PARAMS.vseed.max) onChange({ vseed: v });
            }}
          />
        </label>
      </div>
      <PresetProse id={id} steps={beyondSteps(id, state.vsteps)} />
      {/* a fresh worker per experiment: no stale snapshot of another preset can reach its charts */}
      <BeyondRun key={`${id}:${state.vseed}`} id={id} state={state} seen={visible.seen} />
    </section>
  );
}

function PresetProse({ id, steps }: { id: BeyondPresetId; steps: number }) {
  switch (id) {
    case 'correlated-pairs':
    case 'three-correlated-pairs':
    case 'anticorrelated-pairs':
      return (
        <div className="beyond-prose">
          <p>
            Features that tend to fire together interfere more often, so the model avoids superposing them: members of a correlated set
            prefer to be orthogonal to each other and share directions with the <em>other</em> sets. Features that never fire together
            cost nothing to superpose, so anticorrelated pairs settle antipodal (opposite directions). With three correlated pairs in two
            dimensions there is not enough room: as density rises the model gives up and represents each pair by one direction, its
            principal component (the pairs “collapse”).
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
            Twenty features in two correlated sets of ten, ten dimensions: each set on its own would fit exactly. The model builds an
            orthogonal basis for each set — the diagonal blocks of <Tex>{'W^\\top W'}</Tex> are nearly the identity — and lets the two sets
            overlap each other, since their members are rarely active together with members of the other set.
          </p>
          <p className="beyond-convention">Data convention — {CORRELATED_CONVENTION}.</p>
        </div>
      );
    case 'privileged-basis':
      return (
        <div className="beyond-prose">
          <p>
            Add a ReLU to the hidden layer, <Tex>{'h = \\mathrm{ReLU}(Wx)'}</Tex>, <Tex>{"x' = \\mathrm{ReLU}(W^\\top h + b)"}</Tex>, and the
            hidden units become a privileged basis: it now matters which features a <em>neuron</em> reads. Each column below is one neuron,
            stacked with its input weight per feature (colour = feature, negative below the axis). Dense data gives monosemantic neurons
            for the five most important features; sparser data packs more features per neuron (polysemantic). Ten features, five neurons,
            importance <Tex>{'0.75^i'}</Tex>, eight seeds per density — the paper kept the best of a thousand, so expect a rougher sweep.
            Below the stacks, the same models' <Tex>{'W'}</Tex> as a matrix: one row per neuron (in the stack plot's order), one column per
            feature, blue negative and red positive (each panel's legend gives its range).
          </p>
        </div>
      );
    case 'abs-dense':
    case 'abs-sweep':
      return (
        <div className="beyond-prose">
          <p>
            Now the model must compute: inputs are uniform on <Tex>{'[-1, 1]'}</Tex> and the target is <Tex>{'|x|'}</Tex>, with an untied
            model <Tex>{"y' = \\mathrm{ReLU}(W_2\\,\\mathrm{ReLU}(W_1 x) + b)"}</Tex>. Without superposition each feature takes two neurons,
            one reading <Tex>{'\\mathrm{ReLU}(x)'}</Tex> and one <Tex>{'\\mathrm{ReLU}(-x)'}</Tex>. Neurons are rescaled so their largest input
            weight is 1 and sorted by the feature they mostly serve. In the sparse sweep some neurons compute two features at once with
            very different input weights, a second neuron cancelling the interference — the paper's <em>asymmetric superposition</em>{' '}
            motif, outlined in red when found.
          </p>
          {id === 'abs-sweep' ? (
            <p className="notice beyond-cost" role="note" data-testid="beyond-cost-note">
              Cost: 7 models of 100 features × 40 neurons, two weight matrices each. On one CPU core this trains roughly ten steps a second,
              so the {steps.toLocaleString('en-US')} steps set here take about {formatDuration(steps / ABS_SWEEP_CPU_STEPS_PER_SECOND)}, and the
              paper's 30,000 steps (trained on a GPU) most of an hour; the status line shows the time left at the speed measured here. Stopped
              early, the sparse models have not finished organising: read the plots as a snapshot of training, not the paper's end state.
            </p>
          ) : null}
        </div>
      );
    case 'adversarial':
      return (
        <div className="beyond-prose">
          <p>
            Superposition has a price in robustness. For each feature the worst small perturbation of a trained model is (to first order)
            along the corresponding row of <Tex>{'W^\\top W'}</Tex>; with an L2 budget of 0.1 × the mean input norm we apply it and compare the
            loss increase with that of a model that stores <Tex>{'m'}</Tex> features on orthogonal axes and drops the rest. The ratio is ≈ 1 for
            dense data and grows as features pack into fewer dimensions. Fifty features, five dimensions, equal importance; the attack is
            evaluated on the main thread once training is done or paused, for the best seed of each density.
          </p>
        </div>
      );
  }
}

interface RunProps {
  id: BeyondPresetId;
  state: BeyondState;
  seen: boolean;
}

function BeyondRun({ id, state, seen }: RunProps) {
  const preset = useMemo(() => beyondPreset(id, state.vseed), [id, state.vseed]);
  const { config } = preset;
  const steps = beyondSteps(id, state.vsteps);
  const run = useTrainingRun(config, { maxSteps: steps, warmStart: false, path: 'js', convergence: null, autoStart: false, keepHistory: false, maxHz: id === 'abs-sweep' ? 2 : 5 });
  const per = weightsPerInstance(config);
  const snap = run.snapshot && run.snapshot.W.length === config.instances.length * per && run.snapshot.b.length === config.instances.length * config.n ? run.snapshot : null;

  // Train only while the reader can see the section (and not after they paused it themselves).
  const userPaused = useTrainWhileVisible(run, snap, seen);

  const settled = !!snap && snap.step > 0 && (snap.status === 'done' || snap.status === 'paused');
  const best = useMemo(() => (snap && snap.step > 0 ? pickBest(preset, snap, settled) : null), [snap, preset, settled]);
  const exportMeta = { description: `${preset.title}: best of ${preset.seeds} seed(s) per density, step ${snap?.step ?? 0}`, config: { ...state, steps, step: snap?.step ?? 0 } };
  const exportJson = () =>
    snap && best
      ? {
          format: 'superposition-explorable/variant@1',
          preset: preset.id,
          title: preset.title,
          step: snap.step,
          config: { n: config.n, m: config.m, kind: config.kind, featureSets: config.featureSets ?? [], seeds: preset.seeds },
          layout: 'W1[i][k]: feature i → neuron k; W2[i][k]: neuron k → output i (W2 = W1 when tied)',
          models: best.map((j, g) => {
            const p = instanceParams(config, snap.W, snap.b, j);
            const rows = (A: Float32Array) => Array.from({ length: config.n }, (_, i) => Array.from(A.subarray(i * config.m, (i + 1) * config.m)));
            return { density: preset.densities[g], seed: config.instances[j].seed, loss: snap.loss[j], W1: rows(p.W1), ...(p.W2 !== p.W1 ? { W2: rows(p.W2) } : {}), b: Array.from(p.b) };
          }),
        }
      : null;
  const eta = snap && snap.status === 'running' && snap.stepsPerSecond > 0 ? (steps - snap.step) / snap.stepsPerSecond : null;

  let body: ReactNode = null;
  if (snap && best) {
    body = <BeyondView id={id} preset={preset} snap={snap} best={best} exportMeta={exportMeta} exportJson={exportJson} settled={settled} />;
  }

  return (
    <>
      <div className="beyond-controls beyond-playbar">
        <TrainingPlaybar run={run} snap={snap} userPaused={userPaused} prefix="beyond" />
      </div>
      <p className="status beyond-status" aria-live="polite">
        <span data-testid="beyond-status" data-run={snap?.runId ?? -1}>
          {statusText(snap, userPaused)}
        </span>{' '}
        · step <strong data-testid="beyond-step">{(snap?.step ?? 0).toLocaleString('en-US')}</strong> / {steps.toLocaleString('en-US')} ·{' '}
        {config.instances.length} models ({preset.densities.length} densities × {preset.seeds} seed{preset.seeds === 1 ? '' : 's'})
        {snap && snap.stepsPerSecond > 0 ? ` · ${Math.round(snap.stepsPerSecond)} steps/s` : ''}
        {snap ? ` · ${(snap.trainingMs / 1000).toFixed(1)} s of training` : ''}
        {eta !== null ? ` · about ${formatDuration(eta)} left` : ''}
        {best && !settled && preset.seeds > 1 ? ' · best seed by current minibatch loss (re-evaluated when paused or done)' : ''}
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

// ---------------------------------------------------------------------------------------------
// Views

export interface ViewProps {
  preset: VariantPreset;
  snap: Snapshot;
  /** Best instance per density group. */
  best: number[];
  exportMeta: { description: string; config: unknown };
  exportJson: () => unknown;
  settled: boolean;
}

function SetsView({ preset, snap, best, exportMeta, exportJson }: ViewProps) {
  const anti = preset.config.featureSets?.[0]?.kind === 'anticorrelated';
  return (
    <div className="beyond-grid">
      {best.map((j, g) => {
        const angles = setAngles(preset.config, snap, j);
        const d = preset.densities[g];
        return (
          <ChartFrame
            key={g}
            title={`${anti ? 'Member' : 'Set'} density ${d >= 0.1 ? d.toFixed(2) : d.toPrecision(2)}`}
            exportName={`beyond-${preset.id}-geometry-${g}`}
            exportMeta={exportMeta}
            exportJson={exportJson}
            caption={angles.length ? `within-set angles: ${angles.map((a) => `${a}°`).join(', ')}` : 'within-set angles: — (a member is dropped)'}
          >
            <SetGeometry2D {...setGeometryProps(preset, snap, j, g)} />
          </ChartFrame>
        );
      })}
    </div>
  );
}

function LocalBasesView({ preset, snap, best, exportMeta, exportJson }: ViewProps) {
  const a = localBasesAnalysis(preset, snap, best[0]);
  const summary = a.sets.map((s) => `set ${s.set}: mean |angle − 90°| = ${Number.isFinite(s.meanDeviation) ? s.meanDeviation.toFixed(1) : '—'}° over ${s.pairs} pairs`);
  return (
    <div className="beyond-grid">
      <ChartFrame title="WᵀW and bias (features 0–9: set 0, 10–19: set 1)" exportName={`beyond-${preset.id}-wtw`} exportMeta={exportMeta} exportJson={exportJson} caption={summary.join('; ')}>
        <GramHeatmap {...a.chart} />
      </ChartFrame>
    </div>
  );
}

function PrivilegedView({ preset, snap, best, exportMeta, exportJson }: ViewProps) {
  const rows = privilegedAnalyses(preset, snap, best);
  return (
    <>
      <div className="beyond-grid">
        {rows.map(({ stacks, counts }, g) => (
          <ChartFrame
            key={g}
            title={densityLabel(preset.densities[g])}
            exportName={`beyond-${preset.id}-stacks-${g}`}
            exportMeta={exportMeta}
            exportJson={exportJson}
            caption={`${counts.monosemantic} mono · ${counts.polysemantic} poly · ${counts.dead} dead · loss ${fmtLoss(snap.loss[best[g]])}`}
          >
            <NeuronStackChart {...stacks} />
          </ChartFrame>
        ))}
      </div>
      <div className="beyond-grid" data-testid="beyond-weight-matrices">
        {rows.map(({ matrix }, g) => (
          <ChartFrame
            key={g}
            title={`W as a matrix, ${densityLabel(preset.densities[g])}`}
            exportName={`beyond-${preset.id}-matrix-${g}`}
            exportMeta={exportMeta}
            exportJson={exportJson}
            caption="Rows: neurons in the stack plot's order. Columns: features, most important first."
          >
            <WeightMatrixChart {...matrix} />
          </ChartFrame>
        ))}
      </div>
      <CountsTable densities={preset.densities} counts={rows.map((r) => r.counts)} />
    </>
  );
}

function CountsTable({ densities, counts }: { densities: readonly number[]; counts: readonly Record<NeuronStatus, number>[] }) {
  return (
    <table className="beyond-table" data-testid="beyond-neuron-counts">
      <caption>Neurons per density (best seed): a neuron is monosemantic when one represented feature holds ≥ 90% of its squared input weight.</caption>
      <thead>
        <tr>
          <th scope="col">1 − S</th>
          <th scope="col">monosemantic</th>
          <th scope="col">polysemantic</th>
          <th scope="col">dead</th>
        </tr>
      </thead>
      <tbody>
        {densities.map((d, g) => (
          <tr key={g}>
            <td>{d >= 0.1 ? d.toFixed(2) : d.toPrecision(2)}</td>
            <td>{counts[g].monosemantic}</td>
            <td>{counts[g].polysemantic}</td>
            <td>{counts[g].dead}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AbsView({ preset, snap, best, exportMeta, exportJson }: ViewProps) {
  const { config } = preset;
  const rows = best.map((j, g) => ({ g, j, ...absAnalysis(preset, snap, j, g) }));
  return (
    <div className={config.n > 10 ? 'beyond-grid beyond-grid-wide' : 'beyond-grid'}>
      {rows.map(({ g, j, stacks, motifs, counts, pairs }) => (
        <ChartFrame
          key={g}
          title={densityLabel(preset.densities[g])}
          exportName={`beyond-${preset.id}-stacks-${g}`}
          exportMeta={exportMeta}
          exportJson={exportJson}
          caption={
            `${counts.monosemantic} mono · ${counts.polysemantic} poly · ${counts.dead} dead · ${pairs} / ${config.n} features with a ReLU(x)/ReLU(−x) pair` +
            ` · ${motifs.length ? `${motifs.length} asymmetric motif${motifs.length === 1 ? '' : 's'} (e.g. neuron ${motifs[0].neuron}: feature ${motifs[0].strong} strong, ${motifs[0].victim} victim)` : 'no asymmetric motif'}` +
            ` · loss ${fmtLoss(snap.loss[j])}`
          }
        >
          <NeuronStackChart {...stacks} />
        </ChartFrame>
      ))}
    </div>
  );
}

function AdversarialView({ preset, snap, best, exportMeta, exportJson, settled }: ViewProps) {
  const [result, setResult] = useState<{ key: string; points: AdvPoint[]; ms: number } | null>(null);
  const key = `${snap.runId}:${snap.step}:${best.join(',')}`;
  // The attack runs on the main thread, one model per task so the page stays responsive.
  useEffect(() => {
    if (!settled) return;
    let cancelled = false;
    const points: AdvPoint[] = [];
    let ms = 0;
    const next = (g: number) => {
      if (cancelled) return;
      if (g === best.length) {
        setResult({ key, points, ms });
        return;
      }
      const t0 = performance.now();
      points.push(adversarialPoint(preset, snap, best[g], g));
      ms += performance.now() - t0;
      timer = window.setTimeout(() => next(g + 1), 0);
    };
    let timer = window.setTimeout(() => next(0), 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // key covers snap, best and the run
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, settled]);
  const current = result && result.key === key ? result : null;
  return (
    <div className="beyond-grid beyond-grid-wide">
      <ChartFrame title="Features per dimension ‖W‖_F² / m (live)" exportName={`beyond-${preset.id}-perdim`} exportMeta={exportMeta} exportJson={exportJson}>
        <LineChart {...perDimensionChartProps(preset, snap, best)} />
      </ChartFrame>
      {current ? (
        <>
          <ChartFrame
            title="Vulnerability ratio vs density"
            exportName={`beyond-${preset.id}-vs-density`}
            exportMeta={exportMeta}
            exportJson={() => ({ ...(exportJson() as object), vulnerability: current.points })}
            caption={`Loss increase under the analytic attack relative to the no-superposition baseline (1 = as robust). ${ADVERSARIAL_SAMPLES} inputs per model; computed in ${Math.round(current.ms)} ms.`}
          >
            <LineChart {...vulnerabilityChartProps(current.points, 'density')} />
          </ChartFrame>
          <ChartFrame title="Vulnerability ratio vs features per dimension" exportName={`beyond-${preset.id}-vs-perdim`} exportMeta={exportMeta} exportJson={() => ({ ...(exportJson() as object), vulnerability: current.points })}>
            <LineChart {...vulnerabilityChartProps(current.points, 'perdim')} />
          </ChartFrame>
        </>
      ) : (
        <p className="panel-note" data-testid="beyond-adversarial-pending">
          {settled ? 'Computing the attack…' : 'The vulnerability ratio is computed when training is done or paused.'}
        </p>
      )}
    </div>
  );
}

/** The per-preset chart views (exported for tests: they render from a snapshot without a worker). */
export function BeyondView({ id, ...props }: ViewProps & { id: BeyondPresetId }) {
  if (id === 'correlated-pairs' || id === 'anticorrelated-pairs' || id === 'three-correlated-pairs') return <SetsView {...props} />;
  if (id === 'local-orthogonal-bases') return <LocalBasesView {...props} />;
  if (id === 'privileged-basis') return <PrivilegedView {...props} />;
  if (id === 'abs-dense' || id === 'abs-sweep') return <AbsView {...props} />;
  return <AdversarialView {...props} />;
}

// ---------------------------------------------------------------------------------------------
// Helpers


