/**
 * "Superposition at a glance": one setting (n, m, per-feature importance and density) trained live
 * as a few seeds in the worker; the panels show the lowest-loss seed, as the paper judges several
 * fits. The reader can take the model in hand: edit each feature's importance and density, place
 * feature vectors by hand, rewind the run, pin a result to compare, and hover a feature anywhere.
 */
import { fmtCount } from '../../model/format';
import { useEffect, useMemo, useRef } from 'react';
import { runKey } from '../../state/run-key';
import { Tex } from '../../ui/Tex';
import { RunNotice } from '../../ui/training-controls';
import { useTrainingRun } from '../../ui/use-training';
import type { SectionProps } from '../experiment';
import { useDrawnSettings } from '../shared/drawn-settings';
import { readout } from './arrangement';
import { GlanceControls } from './Controls';
import { glanceExportJson, glanceExportMeta } from './exports';
import { FeatureEditors } from './FeatureEditors';
import { GlancePanels } from './Panels';
import { GLANCE_PARAMS, GLANCE_RUN_KEYS, glanceTrainConfig, type GlanceState } from './params';
import { decodePin, encodePin } from './pin';
import { PinCard } from './PinCard';
import { ArrangementStatus, FeatureReadout } from './Readouts';
import { SmoothedBest, footnoteModelOf, shownModel } from './run';
import { Timeline } from './Timeline';
import { useHandsOn } from './use-hands-on';
import { EmbedControls } from '../../ui/embed';

const WEBGL_LOST = { path: 'webgl' as const, afterSteps: 200 };
/** Checkpoints to rewind to: every 100 steps, at most 200 (then every 200, 400, …). */
const HISTORY = { every: 100, max: 200 };

/** While training, hand the shown model on at most this often (each hand-off restarts experiments). */
const MODEL_HANDOFF_MS = 3000;

export function AtAGlance({ state, onChange, presets, onModel }: SectionProps<GlanceState>) {
  const requested = useMemo(() => glanceTrainConfig(state), [state]);
  const run = useTrainingRun(requested, {
    runKey: runKey(GLANCE_PARAMS, GLANCE_RUN_KEYS, state),
    maxSteps: state.steps,
    warmStart: state.warm,
    path: state.path,
    simulateFailure: state.fault === 'webgl-lost' ? WEBGL_LOST : null,
    history: HISTORY,
    // A released slider retrains at once; a drag waits until it ends or rests.
    restartOnRelease: true,
  });
  const snap = run.snapshot;
  // Everything drawn and exported is the snapshot with the settings it was trained with: while a
  // change restarts the run, the panels (and their exports) go on showing the previous run, whole.
  const drawn = useDrawnSettings(GLANCE_PARAMS, GLANCE_RUN_KEYS, snap, state);
  const config = useMemo(() => glanceTrainConfig(drawn), [drawn]);
  // A movie re-trains the drawn run on the path it trained on (the one 'auto' picked, or a fallback's).
  const moviePath = snap?.path ?? (drawn.path !== 'auto' ? drawn.path : null);
  const movie = useMemo(() => (moviePath ? { state: drawn, path: moviePath } : null), [drawn, moviePath]);
  const shape = snap && snap.W.length === config.n * config.m * config.instances.length ? snap : null;
  const best = useRef(new SmoothedBest());
  const shown = useMemo(() => best.current.update(shape?.loss ?? null, shape?.runId ?? -1), [shape]);
  const { n, m } = config;
  const live = useMemo(() => (shape ? shownModel(shape.W, shape.b, shown, n, m) : null), [shape, shown, n, m]);
  const hands = useHandsOn(run, shape, shown, config, drawn.steps);
  const { view } = hands;

  const pin = useMemo(() => {
    const r = state.pin ? decodePin(state.pin) : null;
    return r?.ok ? r.pin : null;
  }, [state.pin]);
  const pinned = useMemo(
    () =>
      pin
        ? readout(pin.W, pin.b, { importance: pin.importance, density: pin.density, m: pin.m, kind: pin.kind })
        : null,
    [pin],
  );

  const lastHandoff = useRef(0);
  useEffect(() => {
    if (!onModel) return;
    if (!live || !shape) return onModel(null);
    const now = performance.now();
    if (shape.status === 'running' && now - lastHandoff.current < MODEL_HANDOFF_MS) return;
    lastHandoff.current = now;
    onModel(footnoteModelOf(live, config, shown, shape, drawn));
  }, [live, shape, onModel, config, shown, drawn]);

  const inst = config.instances[shown] ?? config.instances[0];
  const exportMeta = glanceExportMeta(drawn, view, drawn.seed + shown, pin);
  // The state behind every panel, in the CLI's models@1 format (parseModelJson reads it); none
  // before the first snapshot (the button says so).
  const exportJson =
    view && shape
      ? () =>
          glanceExportJson({
            config,
            runKey: shape.runKey,
            view,
            snapshot: hands.viewSnap,
            history: run.history,
            shown,
            expectedLoss: hands.readout?.loss ?? null,
            pin,
            pinnedLoss: pinned?.loss ?? null,
          })
      : null;
  const pinNow = () => {
    if (!view) return;
    const handPlaced = view.source === 'hand-placed';
    onChange({
      pin: encodePin({
        n,
        m,
        kind: drawn.kind,
        step: view.step,
        handPlaced,
        W: view.W,
        b: view.b,
        importance: inst.importance,
        density: inst.density,
      }),
    });
  };

  return (
    <section id="at-a-glance" aria-labelledby="at-a-glance-title" className="section">
      <h2 id="at-a-glance-title">Superposition at a glance</h2>
      {presets}
      <GlanceIntro />
      <div className="glance">
        <EmbedControls>
          <GlanceControls
            state={state}
            onChange={onChange}
            run={run}
            snap={snap}
            loss={live && shape ? shape.loss[shown] : null}
            shownSeed={drawn.seed + shown}
            instances={config.instances.length}
            report={run.report}
            maxSteps={hands.cap ?? drawn.steps}
            showing={view && view.source !== 'live' ? `step ${fmtCount(view.step)} (${view.source})` : null}
          />
        </EmbedControls>
        <RunNotice run={run} onReset={snap?.status === 'error' ? run.reset : undefined} />
        <div className="glance-main">
          <ArrangementStatus snap={shape} W={live?.W ?? null} state={state} n={n} m={m} />
          <EmbedControls>
            <FeatureEditors state={state} onChange={onChange} hovered={hands.hovered} onHover={hands.setHovered} />
          </EmbedControls>
          <Timeline
            snap={shape}
            peekStep={hands.peekStep}
            onScrub={hands.scrub}
            onResume={hands.resumeHere}
            disabled={hands.edit !== null}
          />
          <PinCard
            pin={pin}
            pinnedLoss={pinned?.loss ?? null}
            view={view}
            loss={hands.readout?.loss ?? null}
            onPin={pinNow}
            onUnpin={() => onChange({ pin: '' })}
          />
          <FeatureReadout hands={hands} importance={inst.importance} density={inst.density} />
          <GlancePanels
            hands={hands}
            n={n}
            m={m}
            importance={inst.importance}
            history={run.history}
            shown={shown}
            pin={pin}
            pinned={pinned}
            checkpoints={shape?.checkpoints ?? []}
            exportMeta={exportMeta}
            exportJson={exportJson}
            movie={movie}
            onSetM2={() => onChange({ m: 2 })}
          />
        </div>
      </div>
    </section>
  );
}

/** The section's opening: the model, its loss, and what the reader can do with it. */
function GlanceIntro() {
  return (
    <>
      <p className="lede">
        A toy model squeezes <Tex>n</Tex> features through <Tex>{'m < n'}</Tex> hidden dimensions, <Tex>{'h = Wx'}</Tex>
        , and tries to read them back out with the same matrix:
      </p>
      <Tex display>
        {"x' = \\operatorname{ReLU}(W^\\top W x + b), \\qquad L = \\sum_x \\sum_i I_i \\,(x_i - x'_i)^2"}
      </Tex>
      <p className="lede">
        Each feature is zero with probability <Tex>{'S_i'}</Tex> (the sparsity) and otherwise uniform on [0, 1]; feature{' '}
        <Tex>i</Tex> matters with importance <Tex>{'I_i'}</Tex>. When features are dense the model keeps only the{' '}
        <Tex>m</Tex> most important ones, each in a direction of its own. Make them sparse and it starts storing more
        features than it has dimensions — in superposition — accepting a little interference, because two rare features
        are seldom active together. Drag the density slider and watch a real model retrain; then take it in hand: set
        each feature’s importance and density, place its vector yourself, rewind, pin a result and compare.
      </p>
    </>
  );
}
