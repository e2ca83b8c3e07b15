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
  const latents = Math.max(1, Math.round(state.size * features));
  return (
    <div className="sae-controls" data-testid="sae-controls">
      <label className="control">
        <span>Activations of</span>
        <EnumSelect
          name="saemodel"
          action="sae-model"
          value={state.model}
          options={SAE_PARAMS.model.values.map((v) => ({ value: v, label: MODEL_LABELS[v] }))}
          onChange={(v) => onChange({ model: v })}
        />
      </label>
      {state.model === 'file' ? (
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
          value={state.kind}
          options={[
            { value: 'l1', label: 'L1 (ReLU)' },
            { value: 'topk', label: 'TopK' },
            { value: 'jumprelu', label: 'JumpReLU (L0)' },
          ]}
          onChange={(v) => onChange({ kind: v })}
        />
      </label>
      <label className="control">
        <span>
          Latents <output data-testid="sae-latents">{latents}</output>
        </span>
        <EnumSelect
          name="saesize"
          action="sae-size"
          value={state.size}
          options={SIZE_FACTORS.map((f) => ({ value: f, label: `${f} × n` }))}
          onChange={(v) => onChange({ size: v })}
        />
      </label>
      {state.kind === 'topk' ? (
        <NumberField label="k" name="saek" spec={SAE_PARAMS.k} value={state.k} onCommit={(v) => onChange({ k: v })} />
      ) : (
        <Slider
          label={
            <>
              λ <output data-testid="sae-lambda">{state.lambda.toPrecision(2)}</output>
            </>
          }
          name="saelambda"
          action="sae-lambda"
          min={LOG_MIN}
          max={LOG_MAX}
          step={(LOG_MAX - LOG_MIN) / 28}
          value={logLambda(state.lambda)}
          onChange={(t) => onChange({ lambda: Number(Math.pow(10, t).toPrecision(2)) })}
        />
      )}
      <Remedies state={state} onChange={onChange} />
      <label className="control">
        <span>Side by side</span>
        <EnumSelect
          name="saesweep"
          action="sae-sweep"
          value={state.sweep}
          options={SAE_PARAMS.sweep.values.map((v) => ({ value: v, label: SWEEP_LABELS[v] }))}
          onChange={(v) => onChange({ sweep: v })}
        />
      </label>
      <NumberField
        label="seeds"
        name="saeseeds"
        spec={SAE_PARAMS.seeds}
        value={state.seeds}
        onCommit={(v) => onChange({ seeds: v })}
      />
      <NumberField
        label="steps"
        name="saesteps"
        spec={SAE_PARAMS.steps}
        value={state.steps}
        onCommit={(v) => onChange({ steps: v })}
      />
      <NumberField
        label="seed"
        name="saeseed"
        spec={SAE_PARAMS.seed}
        value={state.seed}
        onCommit={(v) => onChange({ seed: v })}
      />
    </div>
  );
}

function Remedies({ state, onChange }: { state: SaeState; onChange(patch: Partial<SaeState>): void }) {
  const box = (key: 'tied' | 'aux' | 'nested', label: string, disabled = false) => (
    <label className="control check">
      <input
        type="checkbox"
        name={SAE_PARAMS[key].key}
        data-action={SAE_PARAMS[key].key}
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
          value={state.resample}
          options={[
            { value: 'none', label: 'left dead' },
            { value: 'inputs', label: 'resampled to inputs' },
            { value: 'loss', label: 'resampled by loss²' },
          ]}
          onChange={(v) => onChange({ resample: v })}
        />
      </label>
      {box('aux', 'TopK aux loss', state.kind !== 'topk')}
      {box('tied', 'tied weights')}
      {box('nested', 'Matryoshka')}
      <NumberField
        label="λ warm-up steps"
        name="saewarmup"
        spec={SAE_PARAMS.warmup}
        value={state.warmup}
        onCommit={(v) => onChange({ warmup: v })}
      />
    </>
  );
}
