/** The lab's controls: the model, the SAE (kind, size, λ, k), the remedies, and what varies across the run. */
import type { ChangeEvent } from 'react';
import { EnumSelect, NumberField, Slider } from '../../ui/controls';
import { COEFFICIENT_RANGE, type Sweep } from './lab';
import { TOY_MODELS, type ModelChoice } from './models';
import { SAE_PARAMS, SIZE_FACTORS, type SaeState } from './params';

const MODEL_LABELS: Record<ModelChoice, string> = {
  glance: 'the model at a glance',
  pentagon: TOY_MODELS.pentagon.title,
  n20: TOY_MODELS.n20.title,
  absorption: TOY_MODELS.absorption.title,
  splitting: TOY_MODELS.splitting.title,
  file: 'a models@1 file…',
};

const SWEEP_LABELS: Record<Sweep, string> = {
  seeds: 'seeds only',
  coefficient: '8 values of λ',
  latents: 'dictionary sizes',
  k: 'TopK’s k = 1, 2, …',
  remedies: 'remedies',
};

const logLambda = (v: number) => Math.log10(v);
const LOG_MIN = logLambda(COEFFICIENT_RANGE.min);
const LOG_MAX = logLambda(COEFFICIENT_RANGE.max);

export function LabControls({
  state,
  onChange,
  features,
  onFile,
}: {
  state: SaeState;
  onChange(patch: Partial<SaeState>): void;
  features: number;
  onFile(file: File): void;
}) {
  const latents = Math.max(1, Math.round(state.saesize * features));
  return (
    <div className="sae-controls" data-testid="sae-controls">
      <label className="control">
        <span>Activations of</span>
        <EnumSelect
          name="saemodel"
          action="sae-model"
          value={state.saemodel}
          options={SAE_PARAMS.saemodel.values.map((v) => ({ value: v, label: MODEL_LABELS[v] }))}
          onChange={(saemodel) => onChange({ saemodel })}
        />
      </label>
      {state.saemodel === 'file' ? (
        <label className="control">
          <span>models@1 JSON</span>
          <input
            type="file"
            accept="application/json,.json"
            data-action="sae-file"
            onChange={(e: ChangeEvent<HTMLInputElement>) => {
              const f = e.target.files?.[0];
              if (f) onFile(f);
            }}
          />
        </label>
      ) : null}
      <label className="control">
        <span>SAE</span>
        <EnumSelect
          name="saekind"
          action="sae-kind"
          value={state.saekind}
          options={[
            { value: 'l1', label: 'L1 (ReLU)' },
            { value: 'topk', label: 'TopK' },
            { value: 'jumprelu', label: 'JumpReLU (L0)' },
          ]}
          onChange={(saekind) => onChange({ saekind })}
        />
      </label>
      <label className="control">
        <span>
          Latents <output data-testid="sae-latents">{latents}</output>
        </span>
        <EnumSelect
          name="saesize"
          action="sae-size"
          value={state.saesize}
          options={SIZE_FACTORS.map((f) => ({ value: f, label: `${f} × n` }))}
          onChange={(saesize) => onChange({ saesize })}
        />
      </label>
      {state.saekind === 'topk' ? (
        <NumberField
          label="k"
          name="saek"
          spec={SAE_PARAMS.saek}
          value={state.saek}
          onCommit={(saek) => onChange({ saek })}
        />
      ) : (
        <Slider
          label={
            <>
              λ <output data-testid="sae-lambda">{state.saelambda.toPrecision(2)}</output>
            </>
          }
          name="saelambda"
          action="sae-lambda"
          min={LOG_MIN}
          max={LOG_MAX}
          step={(LOG_MAX - LOG_MIN) / 28}
          value={logLambda(state.saelambda)}
          onChange={(t) => onChange({ saelambda: Number(Math.pow(10, t).toPrecision(2)) })}
        />
      )}
      <Remedies state={state} onChange={onChange} />
      <label className="control">
        <span>Side by side</span>
        <EnumSelect
          name="saesweep"
          action="sae-sweep"
          value={state.saesweep}
          options={SAE_PARAMS.saesweep.values.map((v) => ({ value: v, label: SWEEP_LABELS[v] }))}
          onChange={(saesweep) => onChange({ saesweep })}
        />
      </label>
      <NumberField
        label="seeds"
        name="saeseeds"
        spec={SAE_PARAMS.saeseeds}
        value={state.saeseeds}
        onCommit={(saeseeds) => onChange({ saeseeds })}
      />
      <NumberField
        label="steps"
        name="saesteps"
        spec={SAE_PARAMS.saesteps}
        value={state.saesteps}
        onCommit={(saesteps) => onChange({ saesteps })}
      />
      <NumberField
        label="seed"
        name="saeseed"
        spec={SAE_PARAMS.saeseed}
        value={state.saeseed}
        onCommit={(saeseed) => onChange({ saeseed })}
      />
    </div>
  );
}

function Remedies({ state, onChange }: { state: SaeState; onChange(patch: Partial<SaeState>): void }) {
  const box = (key: 'saetied' | 'saeaux' | 'saenest', label: string, disabled = false) => (
    <label className="control check">
      <input
        type="checkbox"
        name={key}
        data-action={key}
        checked={state[key]}
        disabled={disabled}
        onChange={(e) => onChange({ [key]: e.target.checked })}
      />
      <span>{label}</span>
    </label>
  );
  return (
    <>
      <label className="control">
        <span>Dead latents</span>
        <EnumSelect
          name="saeresample"
          action="sae-resample"
          value={state.saeresample}
          options={[
            { value: 'none', label: 'left dead' },
            { value: 'inputs', label: 'resampled to inputs' },
            { value: 'loss', label: 'resampled by loss²' },
          ]}
          onChange={(saeresample) => onChange({ saeresample })}
        />
      </label>
      {box('saeaux', 'TopK aux loss', state.saekind !== 'topk')}
      {box('saetied', 'tied weights')}
      {box('saenest', 'Matryoshka')}
      <NumberField
        label="λ warm-up steps"
        name="saewarmup"
        spec={SAE_PARAMS.saewarmup}
        value={state.saewarmup}
        onCommit={(saewarmup) => onChange({ saewarmup })}
      />
    </>
  );
}
