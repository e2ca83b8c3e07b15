/**
 * "Dictionary learning with sparse autoencoders": SAEs trained live in the lab's workers on a toy
 * model's hidden activations, many at once, each scored exactly against the true features.
 */
import { memo, useMemo, useState } from 'react';
import { Tex } from '../../ui/Tex';
import { useTask } from '../../ui/use-task';
import { useVisible } from '../../ui/use-visible';
import type { SectionProps } from '../experiment';
import { modelFingerprint } from '../shared/footnote-model';
import { footnoteTasks } from '../task-clients';
import { LabControls } from './Controls';
import { LabBody } from './LabBody';
import { fileLabModel, givenLabModel, TOY_MODELS, type LabModel } from './models';
import { isToyModel, labSettings, type SaeState } from './params';
import type { ModelRequest, SaeFistaResult } from './task';
import { useLabRun } from './use-lab-run';
import './sae.css';
import { EmbedControls } from '../../ui/embed';

interface FileModel {
  name: string;
  model: LabModel | null;
  error: string | null;
}

export function SparseAutoencoders({ state, onChange, model = null }: SectionProps<SaeState>) {
  const screen = useVisible<HTMLElement>('200px');
  const [file, setFile] = useState<FileModel | null>(null);
  const choice = state.model;
  const request: ModelRequest | null = useMemo(() => {
    if (isToyModel(choice)) return { preset: choice };
    const lab =
      choice === 'glance' ? (model ? givenLabModel(model, `at a glance: ${model.label}`) : null) : file?.model;
    return lab ? { given: { label: lab.label, source: lab.source } } : null;
  }, [choice, model, file]);
  const features = isToyModel(choice)
    ? TOY_MODELS[choice].n
    : request && 'given' in request
      ? request.given.source.n
      : 0;
  const settings = useMemo(() => labSettings(state, Math.max(1, features)), [state, features]);
  const modelKey = isToyModel(choice) ? choice : choice === 'glance' ? modelFingerprint(model) : (file?.name ?? '');
  const runKey = [
    `model=${choice}`,
    `kind=${settings.kind}`,
    `latents=${settings.latents}`,
    `lambda=${settings.coefficient}`,
    `k=${settings.k}`,
    `tied=${settings.tied}`,
    `resample=${settings.resample}`,
    `aux=${settings.auxK}`,
    `warmup=${settings.warmup}`,
    `nest=${settings.matryoshka}`,
    `sweep=${settings.sweep}`,
    `seeds=${settings.seeds}`,
    `seed=${settings.seed}`,
    `steps=${settings.steps}`,
  ].join(';');
  const run = useLabRun({
    enabled: screen.visible && features > 0,
    model: request,
    settings,
    features,
    key: `${runKey}§${modelKey}`,
    debounceMs: choice === 'glance' ? 800 : 300,
  });
  const done = run.status === 'done' && run.runKey === `${runKey}§${modelKey}`;
  const fista = useTask<SaeFistaResult>({
    client: footnoteTasks(),
    enabled: screen.visible && done && request !== null,
    controlsKey: runKey,
    modelKey,
    run: () => footnoteTasks().run('sae-fista', { model: request!, k: settings.latents, seed: settings.seed }),
  });
  const loadFile = (f: File) => {
    f.text().then(
      (text) => {
        try {
          setFile({ name: `${f.name}:${text.length}`, model: fileLabModel(text, f.name), error: null });
        } catch (e) {
          setFile({ name: f.name, model: null, error: `${f.name}: ${e instanceof Error ? e.message : String(e)}` });
        }
      },
      () => setFile({ name: f.name, model: null, error: `${f.name}: could not be read` }),
    );
  };

  return (
    <section id="sparse-autoencoders" aria-labelledby="sparse-autoencoders-title" className="section" ref={screen.ref}>
      <h2 id="sparse-autoencoders-title">Dictionary learning with sparse autoencoders</h2>
      <Intro />
      <EmbedControls>
        <LabControls state={state} onChange={onChange} features={features} onFile={loadFile} />
      </EmbedControls>
      {choice === 'file' && file?.error ? (
        <p className="notice" role="alert" data-testid="sae-file-error">
          {file.error}
        </p>
      ) : null}
      {choice === 'glance' && !model ? <p className="sae-note">Waiting for the model at a glance to train…</p> : null}
      {choice === 'file' && !file?.model && !file?.error ? (
        <p className="sae-note">
          Choose a models@1 JSON file the page or <code>npm run train</code> exported.
        </p>
      ) : null}
      <LabBody
        run={run}
        runKey={runKey}
        settings={settings}
        fista={fista.result && !fista.stale ? fista.result : null}
        fistaStatus={fista.status}
        model={request}
      />
    </section>
  );
}

/** Fixed prose: memoised, so KaTeX does not typeset it again on every update of a run (5 a second). */
const Intro = memo(function Intro() {
  return (
    <>
      <p className="lede">
        Footnote 20 asks for the features back from the activations alone. Interpretability does that today with{' '}
        <em>sparse autoencoders</em>: an encoder that maps a hidden vector <Tex>h</Tex> to a few non-negative latents,
        and a decoder whose rows are the dictionary. In a toy model the true features are known — they are the rows{' '}
        <Tex>{'W_i'}</Tex> — so every SAE below is scored exactly.
      </p>
      <Tex display>
        {'z = \\sigma\\big(W_{\\text{enc}}(h - b_{\\text{dec}}) + b_{\\text{enc}}\\big),\\quad \\hat h = ' +
          'W_{\\text{dec}}^{\\top} z + b_{\\text{dec}},\\quad \\lVert d_j \\rVert = 1,\\quad \\mathcal L = ' +
          '\\tfrac1m\\lVert \\hat h - h\\rVert^2 + \\lambda \\textstyle\\sum_j z_j'}
      </Tex>
      <p>
        σ is a ReLU with the L1 penalty, TopK (the k largest, no penalty), or JumpReLU (a learned threshold, an L0
        penalty through a straight-through estimator). Adam, batch 1024; decoder rows kept at unit norm (the gradient
        along each row removed, then renormalised). Many SAEs train side by side — seeds, values of λ, sizes, k, or
        remedies for latents that die or share a feature — and each is matched to the features one-to-one (Hungarian, on
        |cos|): its MCC is the mean |cos| of the matched pairs.
      </p>
    </>
  );
});
