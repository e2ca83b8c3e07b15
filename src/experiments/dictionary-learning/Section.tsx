/**
 * "Dictionary learning finds the features again" (footnote 20): sample hidden vectors from the
 * model shown at a glance, learn a sparse non-negative dictionary of them in the task worker,
 * and count the features an atom points at; then how that depends on density and on k.
 */
import { EnumSelect, LogDensitySlider } from '../../ui/controls';
import { Tex } from '../../ui/Tex';
import { useVisible } from '../../ui/use-visible';
import type { SectionProps } from '../experiment';
import { Claim, NeedsModel, TaskStatusLine, taskState } from '../footnotes/claim';
import { useTask } from '../../ui/use-task';
import { modelFingerprint } from '../shared/footnote-model';
import { footnoteTasks } from '../task-clients';
import type { DictionaryCurvesResult, DictionaryResult } from './run';
import { DICT_K_FACTORS, curvesRequest, dictionaryRequest, dictionarySettings, type DictionaryState } from './params';
import { dictionaryMeta } from './charts';
import { DictionaryResultView, RecoveryCurves } from './Results';
import { EmbedControls } from '../../ui/embed';

export function DictionaryLearning({ model = null, state, onChange }: SectionProps<DictionaryState>) {
  const screen = useVisible<HTMLElement>('200px');
  const kFactor = state.atomsPerFeature;
  const { k, lambda, chosen: densityChoice, density } = dictionarySettings(model, state);
  const fingerprint = modelFingerprint(model);
  const n = model?.n ?? 0;
  const m = model?.m ?? 0;
  const controls = JSON.stringify({ kFactor, lambda, density: densityChoice });
  const main = useTask<DictionaryResult>({
    client: footnoteTasks(),
    enabled: screen.visible && !!model,
    controlsKey: controls,
    modelKey: fingerprint,
    run: () => footnoteTasks().run('dictionary', dictionaryRequest(model!, state)),
  });
  const curves = useTask<DictionaryCurvesResult>({
    client: footnoteTasks(),
    enabled: screen.visible && !!model && main.status === 'ready' && !main.stale,
    controlsKey: controls,
    modelKey: fingerprint,
    run: (onProgress) =>
      footnoteTasks().run('dictionary-curves', curvesRequest(model!, state, main.result), { onProgress }),
  });
  const r = main.result && model && main.result.n === n && main.result.m === m ? main.result : null;
  const meta = dictionaryMeta(model, { k, lambda, density });

  return (
    <Claim
      id="fn-dictionary"
      testId="fn-dictionary"
      title="Dictionary learning finds the features again"
      footnotes="footnote 20"
      state={model ? taskState(main) : 'idle'}
      runKey={main.resultKey}
      runs={main.runs}
      stale={main.stale}
      claimRef={screen.ref}
    >
      <p>
        If hidden vectors really are sparse, non-negative mixtures of <Tex>n</Tex> directions, those directions can be
        dug back out of the activations alone — even with more features than dimensions, where no choice of basis for
        the hidden space lines up with them. Sample hidden vectors <Tex>{'H \\in \\mathbb{R}^{d \\times m}'}</Tex> from
        the model (inputs with at least one active feature) and factor
      </p>
      <Tex display>
        {'H \\approx A B, \\qquad \\min_{A \\ge 0,\\ \\lVert B_j \\rVert = 1} \\tfrac12 \\lVert H - AB ' +
          '\\rVert^2 + \\lambda \\textstyle\\sum A,'}
      </Tex>
      <p>
        with a sparse code <Tex>{'A \\in \\mathbb{R}^{d \\times k}'}</Tex> and <Tex>k</Tex> unit-length atoms{' '}
        <Tex>B</Tex>, alternating a batched sparse-coding step (FISTA) with a least-squares update of the atoms. A
        feature counts as recovered when some atom points within <Tex>{'|\\cos| \\ge 0.9'}</Tex> of it. The way
        interpretability does this today, a sparse autoencoder trained on the activations, is the{' '}
        <a href="#sparse-autoencoders">section after the footnotes</a>.
      </p>
      {model ? (
        <>
          <DictionaryControls
            n={n}
            kFactor={kFactor}
            lambda={lambda}
            density={density}
            modelsOwn={densityChoice === null}
            onChange={onChange}
          />
          <TaskStatusLine task={main} testId="fn-dictionary" />
          {r ? <DictionaryResultView r={r} m={m} meta={meta} /> : null}
          <h4>How recovery depends on sparsity and on the number of atoms</h4>
          <TaskStatusLine task={curves} testId="fn-dictionary-curves" idle="Computed after the result above." />
          {curves.result ? (
            <RecoveryCurves
              curves={curves.result}
              status={curves.status}
              density={density}
              kFactor={kFactor}
              meta={meta}
            />
          ) : null}
        </>
      ) : (
        <NeedsModel />
      )}
    </Claim>
  );
}

/** k, λ and the data density; the density falls back to the model's own. */
function DictionaryControls({
  n,
  kFactor,
  lambda,
  density,
  modelsOwn,
  onChange,
}: {
  n: number;
  kFactor: DictionaryState['atomsPerFeature'];
  lambda: number;
  density: number;
  modelsOwn: boolean;
  onChange(patch: Partial<DictionaryState>): void;
}) {
  return (
    <EmbedControls>
      <div className="fn-controls" role="group" aria-label="Dictionary learning settings">
        <label className="control">
          <span>atoms k</span>
          <EnumSelect
            name="dict-k"
            action="dict-k"
            value={kFactor}
            options={DICT_K_FACTORS.map((kf) => ({ value: kf, label: `${kf === 1 ? 'n' : `${kf}n`} = ${kf * n}` }))}
            onChange={(atomsPerFeature) => onChange({ atomsPerFeature })}
          />
        </label>
        <label className="control">
          <span>
            L1 strength <output>{lambda.toPrecision(2)}</output> <small>× RMS ‖h‖</small>
          </span>
          <input
            type="range"
            name="dict-lambda"
            data-action="dict-lambda"
            aria-label="L1 strength, logarithmic"
            min={-2.5}
            max={-0.5}
            step={0.05}
            value={Math.log10(lambda)}
            onChange={(e) => onChange({ lambda: Number(Math.pow(10, Number(e.target.value)).toPrecision(2)) })}
          />
        </label>
        <LogDensitySlider
          caption="data density 1−S"
          note={modelsOwn ? <small>(the model&apos;s)</small> : null}
          name="dict-density"
          action="dict-density"
          ariaLabel="density of the sampled inputs, logarithmic"
          value={density}
          onChange={(density) => onChange({ density })}
        />
        {!modelsOwn ? (
          <button type="button" data-action="dict-density-reset" onClick={() => onChange({ density: 0 })}>
            Use the model&apos;s density
          </button>
        ) : null}
      </div>
    </EmbedControls>
  );
}
