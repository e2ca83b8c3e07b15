/** A run of the lab on screen: its status and timeline, the shown SAE's pictures and tables, the run's summary. */
import { useEffect, useRef, useState } from 'react';
import { downloadText } from '../../charts/export';
import { NO_HOVER, type Hover } from './chart-props';
import { labJson } from './exports';
import { FistaComparison } from './Fista';
import type { LabSettings } from './lab';
import { CosPanel, FiringPanel, FrontierPanel, GeometryPanel } from './Panels';
import { summariseGroups, type InstanceState } from './run';
import { FeatureTable, GroupTable, RunTable } from './Tables';
import type { SaeFistaResult } from './task';
import type { LabView } from './use-lab-run';

function bestOf(states: readonly (InstanceState | null)[]): number {
  let best = -1;
  states.forEach((s, j) => {
    if (s && (best < 0 || s.card.mcc > states[best]!.card.mcc)) best = j;
  });
  return best;
}

/**
 * `value`, but while `live` at most once per `ms` (the latest one, trailing): the charts redraw once a
 * second while the workers stream, the tables follow every update (the n = 20 |cos| matrix alone is
 * 800 cells: redrawn five times a second it held the page's frames).
 */
function useThrottled<T>(value: T, ms: number, live: boolean): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (!live) return;
    const wait = last.current + ms - performance.now();
    const t = setTimeout(
      () => {
        last.current = performance.now();
        setShown(value);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(t);
  }, [value, ms, live]);
  return live ? shown : value;
}

export function LabBody(p: {
  run: LabView;
  runKey: string;
  settings: LabSettings;
  fista: SaeFistaResult | null;
  fistaStatus: string;
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
  const training = run.status === 'training';
  const chartInst = useThrottled(inst, 1000, training);
  const chartStates = useThrottled(states, 1000, training);
  const info = run.info;
  const hierarchy = (info?.source.hierarchy.length ?? 0) > 0;
  const complete = states.every((s) => s !== null);
  const groups =
    complete && states.length ? summariseGroups(run.instances, { step, instances: states as InstanceState[] }) : [];
  const json = () =>
    info
      ? labJson({
          label: info.label,
          source: info.source,
          settings: p.settings,
          step,
          instances: run.instances,
          states,
          groups,
          fista: p.fista,
        })
      : null;
  const meta = {
    description: `SAE lab on ${info?.label ?? '…'} at step ${step}`,
    config: { settings: p.settings, step },
  };
  const status =
    run.status === 'training'
      ? `Training ${run.instances.length} SAEs: step ${run.step.toLocaleString('en-US')} of ${p.settings.steps.toLocaleString('en-US')}`
      : run.status === 'done'
        ? `${run.instances.length} SAEs trained for ${p.settings.steps.toLocaleString('en-US')} steps in ${run.seconds.toFixed(1)} s${at !== null ? ` — showing step ${step.toLocaleString('en-US')}` : ''}`
        : run.status === 'error'
          ? `The run failed: ${run.error}`
          : 'The lab trains when this section is on screen.';

  return (
    <div className="sae-lab">
      <p
        className="status"
        aria-live="polite"
        data-testid="sae-status"
        data-status={run.status}
        data-run-key={run.runKey ?? ''}
        data-step={step}
      >
        {status}
      </p>
      {run.status === 'done' && run.timeline.length > 1 ? (
        <label className="control sae-timeline">
          <span>Rewind: step {step.toLocaleString('en-US')}</span>
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
      {info && inst && chartInst ? (
        <>
          <div className="sae-panels">
            <GeometryPanel
              source={info.source}
              inst={chartInst}
              index={selected}
              hover={hover}
              onHover={setHover}
              exportJson={json}
              meta={meta}
            />
            <CosPanel
              source={info.source}
              inst={chartInst}
              index={selected}
              hover={hover}
              onHover={setHover}
              exportJson={json}
              meta={meta}
            />
            <FiringPanel
              source={info.source}
              inst={chartInst}
              index={selected}
              hover={hover}
              onHover={setHover}
              exportJson={json}
              meta={meta}
              history={run.status === 'done' ? run.timeline.slice(0, (at ?? run.timeline.length - 1) + 1) : []}
            />
            <FrontierPanel
              instances={run.instances}
              states={chartStates}
              selected={selected}
              exportJson={json}
              meta={meta}
            />
          </div>
          <FeatureTable inst={inst} hover={hover} onHover={setHover} />
          <RunTable
            instances={run.instances}
            states={states}
            selected={selected}
            onSelect={(index) => setPick({ key: run.runKey, index })}
            hierarchy={hierarchy}
          />
          {groups.length > 1 || p.settings.sweep === 'remedies' ? (
            <GroupTable groups={groups} hierarchy={hierarchy} />
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
