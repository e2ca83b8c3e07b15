/** A run of the lab on screen: its status and timeline, the shown SAE's pictures and tables, the run's summary. */
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { fmtCount } from '../../model/format';
import type { ActivationSource } from '../../model/sae/activations';
import { downloadText } from '../../charts/export';
import { NO_HOVER, type Hover } from './chart-props';
import { labJson } from './exports';
import { FistaComparison } from './Fista';
import type { LabSettings } from './lab';
import { saeMovies } from './movie';
import { CosPanel, FiringPanel, FrontierPanel, GeometryPanel, type PanelProps } from './Panels';
import { summariseGroups, type InstanceState, type LabSnapshot } from './run';
import { FeatureTable, GroupTable, RunTable } from './Tables';
import type { ModelRequest, SaeFistaResult } from './task';
import type { LabView } from './use-lab-run';

function bestOf(states: readonly (InstanceState | null)[]): number {
  let best = -1;
  states.forEach((s, j) => {
    if (s && (best < 0 || s.card.mcc > states[best]!.card.mcc)) best = j;
  });
  return best;
}

/**
 * `value`, but while `live` at most once per `ms` (the latest one, trailing), the first time `phase` ms
 * after going live: the views redraw once a second while the workers stream, each group of them in its
 * own frame (the n = 20 |cos| matrix alone is 800 cells; all redrawn together, they held the frames).
 * Out of training (the run done, a rewind) a view with a phase follows `phase / 4` ms late, so the
 * groups still draw in separate frames.
 */
function useThrottled<T>(value: T, ms: number, live: boolean, phase: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef<number | null>(null);
  useEffect(() => {
    if (!live) last.current = null;
    const now = performance.now();
    const wait = live ? (last.current ??= now - ms + phase) + ms - now : phase / 4;
    const t = setTimeout(
      () => {
        if (live) last.current = performance.now();
        // The pictures and curves as a transition: React renders them in slices between frames
        // instead of in one task. The tables (phase 0) carry the scorecard: drawn at once.
        if (phase === 0) setShown(value);
        else startTransition(() => setShown(value));
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(t);
  }, [value, ms, live, phase]);
  return !live && phase === 0 ? value : shown;
}

/** One sentence per state of the run, for screen readers. */
function announcement(run: LabView): string {
  if (run.status === 'training') return `Training ${run.instances.length} sparse autoencoders.`;
  if (run.status === 'done') return `${run.instances.length} sparse autoencoders trained and scored.`;
  if (run.status === 'error') return `The run failed: ${run.error}`;
  return '';
}

type Shown = {
  /** The run these states belong to: a view still on an earlier run's states draws nothing. */
  runKey: string | null;
  inst: InstanceState | null;
  states: readonly (InstanceState | null)[];
  step: number;
};

/**
 * What the charts draw — the shown SAE, every SAE and their step — at most once a second while the
 * run trains, and exports that describe exactly that (memoised, so the charts redraw only when it
 * changes: the n = 20 |cos| matrix alone is 800 cells).
 */
function useChartView(run: LabView, settings: LabSettings, fista: SaeFistaResult | null, live: Shown, phase: number) {
  const throttled = useThrottled(live, 1000, run.status === 'training', phase);
  const chart = useMemo(
    () => (throttled.runKey === live.runKey ? throttled : { ...throttled, inst: null }),
    [throttled, live.runKey],
  );
  const info = run.info;
  const jsonOf = useCallback(
    (at: { states: readonly (InstanceState | null)[]; step: number }) => {
      if (!info) return null;
      const whole = at.states.every((s) => s !== null) && at.states.length > 0;
      const groups = whole
        ? summariseGroups(run.instances, { step: at.step, instances: at.states as InstanceState[] })
        : [];
      return labJson({
        label: info.label,
        source: info.source,
        settings,
        step: at.step,
        instances: run.instances,
        states: at.states,
        groups,
        fista,
      });
    },
    [info, run.instances, settings, fista],
  );
  const chartJson = useCallback(() => jsonOf(chart), [jsonOf, chart]);
  const chartMeta = useMemo(
    () => ({
      description: `SAE lab on ${info?.label ?? '…'} at step ${chart.step}`,
      config: { settings, step: chart.step },
    }),
    [info, settings, chart.step],
  );
  const index = chart.inst ? chart.states.indexOf(chart.inst) : -1;
  return { jsonOf, chart, chartJson, chartMeta, index };
}

type ChartView = ReturnType<typeof useChartView> & { chart: { inst: InstanceState } };

/**
 * The run's pictures (decoder rows, |cos|) and curves (firing, frontier), each group from its own view
 * and drawn once that view has a model (so a run's first drawing, too, spreads over three frames).
 */
function LabPanels(p: {
  source: ActivationSource;
  pics: ChartView | null;
  curves: ChartView | null;
  instances: LabView['instances'];
  history: LabSnapshot[];
  hover: Hover;
  onHover(h: Hover): void;
  movie: PanelProps['movie'];
}) {
  const { source, pics, curves, instances, history, hover, onHover, movie } = p;
  // A panel's props from the view it follows.
  const panel = (v: ChartView) => ({
    source,
    inst: v.chart.inst,
    index: v.index,
    hover,
    onHover,
    exportJson: v.chartJson,
    meta: v.chartMeta,
    movie,
  });
  return (
    <div className="sae-panels">
      {pics ? <GeometryPanel {...panel(pics)} /> : null}
      {pics ? <CosPanel {...panel(pics)} /> : null}
      {curves ? <FiringPanel {...panel(curves)} history={history} /> : null}
      {curves ? (
        <FrontierPanel
          instances={instances}
          states={curves.chart.states}
          selected={curves.index}
          exportJson={curves.chartJson}
          meta={curves.chartMeta}
        />
      ) : null}
    </div>
  );
}

const isShown = (v: ReturnType<typeof useChartView>): v is ChartView => v.chart.inst !== null;

export function LabBody(p: {
  run: LabView;
  runKey: string;
  settings: LabSettings;
  fista: SaeFistaResult | null;
  fistaStatus: string;
  /** The run's model, for the panels' movies. */
  model?: ModelRequest | null;
}) {
  const { run } = p;
  const [pick, setPick] = useState<{ key: string | null; index: number } | null>(null);
  const [rewind, setRewind] = useState<{ key: string | null; at: number } | null>(null);
  const [hover, setHover] = useState<Hover>(NO_HOVER);
  const at = rewind && rewind.key === run.runKey && run.status === 'done' ? rewind.at : null;
  const states = at !== null && run.timeline[at] ? run.timeline[at].instances : run.current;
  const step = at !== null && run.timeline[at] ? run.timeline[at].step : run.step;
  const picked = pick && pick.key === run.runKey && states[pick.index] ? pick.index : null;
  const selected = picked ?? bestOf(states);
  const inst = selected >= 0 ? states[selected] : null;
  const info = run.info;
  const hierarchy = (info?.source.hierarchy.length ?? 0) > 0;
  const { settings } = p;
  const live = useMemo(() => ({ runKey: run.runKey, inst, states, step }), [run.runKey, inst, states, step]);
  // Three views, each redrawn in its own frame while training: the tables, the two pictures, the two curves.
  const tables = useChartView(run, p.settings, p.fista, live, 0);
  const pics = useChartView(run, p.settings, p.fista, live, 333);
  const curves = useChartView(run, p.settings, p.fista, live, 667);
  const { jsonOf } = tables;
  const history = useMemo(
    () => (run.status === 'done' ? run.timeline.slice(0, (at ?? run.timeline.length - 1) + 1) : []),
    [run.status, run.timeline, at],
  );
  const groups = useMemo(
    () =>
      tables.chart.states.length && tables.chart.states.every((s) => s !== null)
        ? summariseGroups(run.instances, {
            step: tables.chart.step,
            instances: tables.chart.states as InstanceState[],
          })
        : [],
    [tables.chart, run.instances],
  );
  const json = () => jsonOf({ states, step });
  const movies = useMemo(
    () => saeMovies(run.status === 'done', p.model ?? null, settings, selected),
    [run.status, p.model, settings, selected],
  );
  const meta = { description: `SAE lab on ${info?.label ?? '…'} at step ${step}`, config: { settings, step } };
  const status =
    run.status === 'training'
      ? `Training ${run.instances.length} SAEs: step ${fmtCount(run.step)} of ${fmtCount(settings.steps)}`
      : run.status === 'done'
        ? `${run.instances.length} SAEs trained for ${fmtCount(settings.steps)} steps in ${run.seconds.toFixed(1)} s${at !== null ? ` — showing step ${fmtCount(step)}` : ''}`
        : run.status === 'error'
          ? `The run failed: ${run.error}`
          : 'The lab trains when this section is on screen.';

  return (
    <div className="sae-lab">
      <p
        className="status"
        data-testid="sae-status"
        data-status={run.status}
        data-run-key={run.runKey ?? ''}
        data-step={step}
      >
        {status}
      </p>
      {/* Announced when the run's state changes, not at every step the status line counts. */}
      <p className="visually-hidden" aria-live="polite">
        {announcement(run)}
      </p>
      {run.status === 'done' && run.timeline.length > 1 ? (
        <label className="control sae-timeline">
          <span>Rewind: step {fmtCount(step)}</span>
          <input
            type="range"
            data-action="sae-rewind"
            min={0}
            max={run.timeline.length - 1}
            value={at ?? run.timeline.length - 1}
            onChange={(e) => setRewind({ key: run.runKey, at: Number(e.target.value) })}
          />
        </label>
      ) : null}
      {info && inst ? (
        <>
          <LabPanels
            source={info.source}
            pics={isShown(pics) ? pics : null}
            curves={isShown(curves) ? curves : null}
            instances={run.instances}
            history={history}
            hover={hover}
            onHover={setHover}
            movie={movies}
          />
          {isShown(tables) ? (
            <>
              <FeatureTable inst={tables.chart.inst} hover={hover} onHover={setHover} />
              <RunTable
                instances={run.instances}
                states={tables.chart.states}
                selected={tables.index}
                onSelect={(index) => setPick({ key: run.runKey, index })}
                hierarchy={hierarchy}
              />
              {groups.length > 1 || p.settings.sweep === 'remedies' ? (
                <GroupTable groups={groups} hierarchy={hierarchy} />
              ) : null}
            </>
          ) : null}
          <button
            type="button"
            data-action="sae-export-json"
            onClick={() => downloadText('sae-lab.json', JSON.stringify(json(), null, 1), 'application/json')}
          >
            Export the run (JSON)
          </button>
          {run.status === 'done' ? (
            <FistaComparison
              source={info.source}
              sae={inst}
              index={selected}
              fista={p.fista}
              status={p.fistaStatus}
              hover={hover}
              exportJson={json}
              meta={meta}
            />
          ) : null}
        </>
      ) : null}
    </div>
  );
}
