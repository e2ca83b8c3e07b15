/**
 * The lab's JSON export (page and CLI alike): the toy model's W and data distribution, the settings,
 * and every SAE's encoder, decoder, biases, thresholds and scorecard at the shown step (and the FISTA
 * + MOD dictionary, when there is one). Rows are nested arrays: W[i][k], W_enc[j][k], W_dec[j][k].
 */
import { weightRows } from '../../model/io/model-json';
import type { ActivationSource } from '../../model/sae/activations';
import type { DictionaryScore } from '../../model/sae/dictionary-score';
import type { LabInstance, LabSettings } from './lab';
import type { GroupSummary, InstanceState } from './run';

export const SAE_FORMAT = 'superposition-explorable/sae-lab@1';

const num = (v: number) => (Number.isFinite(v) ? Math.fround(v) : null);

export function labJson(run: {
  label: string;
  source: ActivationSource;
  settings: LabSettings;
  step: number;
  instances: LabInstance[];
  states: readonly (InstanceState | null)[];
  groups: GroupSummary[];
  fista?: { atoms: Float32Array; score: DictionaryScore } | null;
}) {
  const { source } = run;
  return {
    format: SAE_FORMAT,
    layout:
      'model.W[i][k] = component k of feature i; instances[j].W_enc[l][k], W_dec[l][k] = component k of latent l ' +
      '(decoder rows unit norm); z = σ(W_enc (h − b_dec) + b_enc), ĥ = W_decᵀ z + b_dec',
    model: {
      label: run.label,
      n: source.n,
      m: source.m,
      W: weightRows(source.W, source.n, source.m, (v) => num(v) as number),
      density: Array.from(source.density, num),
      hierarchy: source.hierarchy,
      magnitude: source.magnitude ?? 'uniform',
    },
    settings: run.settings,
    step: run.step,
    instances: run.instances.map((inst, j) => {
      const st = run.states[j];
      const p = st?.params;
      return {
        index: j,
        setting: inst.group,
        spec: inst.spec,
        W_enc: p ? weightRows(p.wEnc, p.latents, p.m, (v) => num(v) as number) : null,
        W_dec: p ? weightRows(p.wDec, p.latents, p.m, (v) => num(v) as number) : null,
        b_enc: p ? Array.from(p.bEnc, num) : null,
        b_dec: p ? Array.from(p.bDec, num) : null,
        threshold: p && inst.spec.kind === 'jumprelu' ? Array.from(p.threshold, num) : null,
        scorecard: st ? jsonSafe(st.card) : null,
        trainFrequency: st ? st.trainFrequency.map(num) : null,
        dead: st?.dead ?? null,
        resampled: st?.resampled ?? null,
      };
    }),
    groups: run.groups.map(jsonSafe),
    fista: run.fista
      ? {
          atoms: weightRows(run.fista.atoms, run.fista.score.k, source.m, (v) => num(v) as number),
          score: jsonSafe(run.fista.score),
        }
      : null,
  };
}

/** NaN and ±∞ become null (JSON has neither). */
function jsonSafe<T>(v: T): unknown {
  return JSON.parse(JSON.stringify(v, (_, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x)));
}
