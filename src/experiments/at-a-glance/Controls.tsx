/** The settings column of "Superposition at a glance": model settings, the play bar and the run's status. */
import { fmtCount, fmtDensity, fmtLoss } from '../../model/format';
import type { PathReport, Snapshot } from '../../worker/protocol';
import { EnumSelect, LogDensitySlider, Slider } from '../../ui/controls';
import type { TrainingRun } from '../../ui/use-training';
import { resizeList } from './features';
import { GLANCE_PARAMS, type GlanceState } from './params';

export interface GlanceControlsProps {
  state: GlanceState;
  onChange(patch: Partial<GlanceState>): void;
  run: TrainingRun;
  snap: Snapshot | null;
  /** Loss of the shown seed, null before the first snapshot of this setting. */
  loss: number | null;
  shownSeed: number;
  instances: number;
  report: PathReport | null;
  /** The run's step cap (the URL's steps, or more after hand-set weights were let go of a finished run). */
  maxSteps: number;
  /** What the panels show when it is not the run's latest step ("step 400 (rewound)"), else null. */
  showing: string | null;
}

const KIND_OPTIONS = [
  { value: 'relu', label: 'ReLU output: ReLU(WᵀWx + b)' },
  { value: 'linear', label: 'linear: WᵀWx + b' },
] as const;

const BACKEND_OPTIONS = [
  { value: 'auto', label: 'auto (fastest measured)' },
  { value: 'simd', label: 'WebAssembly SIMD (fused kernel)' },
  { value: 'js', label: 'JavaScript (fused step)' },
  { value: 'wasm', label: 'tfjs WASM' },
  { value: 'webgl', label: 'tfjs WebGL' },
  { value: 'webgpu', label: 'tfjs WebGPU' },
  { value: 'cpu', label: 'tfjs CPU' },
] as const;

export function GlanceControls({
  state,
  onChange,
  run,
  snap,
  loss,
  shownSeed,
  instances,
  report,
  maxSteps,
  showing,
}: GlanceControlsProps) {
  const running = snap?.status === 'running';
  return (
    <form className="controls" aria-label="Model settings" onSubmit={(e) => e.preventDefault()}>
      <Slider
        label={
          <>
            features n <output>{state.n}</output>
          </>
        }
        ariaLabel="features n"
        name="n"
        value={state.n}
        min={GLANCE_PARAMS.n.min}
        max={GLANCE_PARAMS.n.max}
        onChange={(n) =>
          onChange({ n, importances: resizeList(state.importances, n), densities: resizeList(state.densities, n) })
        }
      />
      <Slider
        label={
          <>
            hidden dims m <output>{state.m}</output>
          </>
        }
        ariaLabel="hidden dims m"
        name="m"
        value={state.m}
        min={GLANCE_PARAMS.m.min}
        max={GLANCE_PARAMS.m.max}
        onChange={(m) => onChange({ m })}
      />
      <LogDensitySlider
        caption="feature density 1−S"
        outputTestId="density-value"
        note={
          <small>
            {state.densities.length
              ? '(set per feature on the right; moving this sets them all)'
              : `(sparsity S = ${fmtDensity(1 - state.density)})`}
          </small>
        }
        name="density"
        ariaLabel="feature density 1 minus S, logarithmic"
        value={state.density}
        onChange={(density) => onChange({ density, densities: [] })}
      />
      <Slider
        label={
          <>
            importance decay <output>{state.decay.toFixed(2)}</output>{' '}
            <small>
              {state.importances.length ? (
                '(set per feature on the right; moving this goes back to decayⁱ)'
              ) : (
                <>
                  (I<sub>i</sub> = decay<sup>i</sup>)
                </>
              )}
            </small>
          </>
        }
        ariaLabel="importance decay"
        name="decay"
        min={0.5}
        max={1}
        step={0.01}
        value={state.decay}
        onChange={(decay) => onChange({ decay, importances: [] })}
      />
      <label className="control">
        <span>model</span>
        <EnumSelect name="kind" value={state.kind} options={KIND_OPTIONS} onChange={(kind) => onChange({ kind })} />
      </label>
      <RunSettings state={state} onChange={onChange} />
      <div className="playbar" role="group" aria-label="Training">
        {running ? (
          <button type="button" onClick={run.pause} data-action="pause">
            ❚❚ Pause
          </button>
        ) : (
          <button
            type="button"
            onClick={run.play}
            data-action="play"
            disabled={snap?.status === 'done' || snap?.status === 'error'}
          >
            ▶ Play
          </button>
        )}
        <button type="button" onClick={() => run.stepBy(100)} data-action="step" title="Run 100 steps">
          +100 steps
        </button>
        <button type="button" onClick={run.reset} data-action="reset">
          ↺ Reset
        </button>
      </div>
      <GlanceStatus
        snap={snap}
        loss={loss}
        shownSeed={shownSeed}
        instances={instances}
        report={report}
        maxSteps={maxSteps}
        showing={showing}
      />
    </form>
  );
}

/** How the setting is trained: its seeds, warm starts and the path. */
function RunSettings({ state, onChange }: Pick<GlanceControlsProps, 'state' | 'onChange'>) {
  return (
    <>
      <div className="control-row">
        <label className="control">
          <span>seed</span>
          <input
            type="number"
            name="seed"
            min={1}
            max={GLANCE_PARAMS.seed.max}
            value={state.seed}
            onChange={(e) => validInt(e.target.value, 1, GLANCE_PARAMS.seed.max, (seed) => onChange({ seed }))}
          />
        </label>
        <label className="control">
          <span>seeds (best shown)</span>
          <input
            type="number"
            name="seeds"
            min={1}
            max={8}
            value={state.seeds}
            onChange={(e) => validInt(e.target.value, 1, 8, (seeds) => onChange({ seeds }))}
          />
        </label>
      </div>
      <label className="control checkbox">
        <input
          type="checkbox"
          name="warm"
          checked={state.warm}
          onChange={(e) => onChange({ warm: e.target.checked })}
        />
        <span>warm start from the current weights when a slider moves</span>
      </label>
      <label className="control">
        <span>path</span>
        <EnumSelect
          name="backend"
          value={state.path}
          options={BACKEND_OPTIONS}
          onChange={(path) => onChange({ path })}
        />
      </label>
    </>
  );
}

/** The run's status line (its step, status word and run key, loss, path) and what the path trial measured. */
function GlanceStatus({
  snap,
  loss,
  shownSeed,
  instances,
  report,
  maxSteps,
  showing,
}: Pick<GlanceControlsProps, 'snap' | 'loss' | 'shownSeed' | 'instances' | 'report' | 'maxSteps' | 'showing'>) {
  return (
    <>
      {/* Not a live region: it changes with every snapshot. The end of a run is announced once (ArrangementStatus). */}
      <p className="status">
        step <strong data-testid="step">{snap?.step ?? 0}</strong> / {fmtCount(maxSteps)} ·{' '}
        <span data-testid="status" data-run={snap?.runId ?? -1} data-run-key={snap?.runKey} data-seq={snap?.seq}>
          {snap?.status ?? 'starting'}
        </span>
        <br />
        loss <strong data-testid="loss">{loss !== null ? fmtLoss(loss) : '—'}</strong> · path{' '}
        <strong data-testid="path">{snap?.path ?? '…'}</strong>
        {snap && snap.stepsPerSecond > 0 ? ` · ${fmtCount(Math.round(snap.stepsPerSecond))} steps/s` : ''}
        {instances > 1 ? ` · showing seed ${shownSeed} of ${instances}` : ''}
        {showing ? (
          <>
            <br />
            <strong data-testid="showing">panels: {showing}</strong>
          </>
        ) : null}
      </p>
      {report?.timings.length ? (
        <p className="fine">
          measured: {report.timings.map((t) => `${t.path} ${Math.round(t.stepsPerSecond)}/s`).join(', ')}
          {report.softwareRenderer ? ' · WebGL is software-rendered here, so it is not tried' : ''}
          {report.softwareWebgpu ? ' · WebGPU is a software adapter here, so it is not tried' : ''}
        </p>
      ) : null}
      {report && !report.simd ? (
        <p className="fine" data-testid="no-simd">
          This browser’s WebAssembly has no SIMD, so the fast kernel cannot run: training on the JavaScript path
          instead.
        </p>
      ) : null}
    </>
  );
}

function validInt(raw: string, lo: number, hi: number, set: (v: number) => void) {
  const v = Number(raw);
  if (Number.isInteger(v) && v >= lo && v <= hi) set(v);
}
