/** The geometry section's prose: its opening, and what the size probe found or how long a big sweep takes. */
import { fmtCount, formatDuration } from '../../model/format';
import { estimatedCpuSeconds, type GeometryState } from './params';
import type { ShippedSweep } from './shipped';
import type { SizeProbe } from './size-probe';

/**
 * Where the sweep shown comes from and how long training it here takes: the shipped sweep's label
 * (what trained it, the seed, the steps, the command that remakes it) with "train it live here" and
 * its time on this machine; a note when the section opened live because this machine is fast; and
 * for big live sweeps the kernel's estimate.
 */
export function SizeNotes({
  probe,
  openedLive,
  shipped,
  shippedShown,
  trainsShipped,
  onChange,
  big,
  state,
  size,
  path,
  cores,
}: {
  probe: SizeProbe | null;
  /** The section opened live by itself (this machine trains the paper's sweep in a few minutes). */
  openedLive: boolean;
  /** The shipped sweep of these settings, loading or loaded; null where there is none. */
  shipped: ShippedSweep | null;
  /** The charts draw it (not a previous run while it loads). */
  shippedShown: boolean;
  /** A shipped sweep is being trained live at the reader's request. */
  trainsShipped: boolean;
  onChange(patch: Partial<GeometryState>): void;
  big: boolean;
  state: GeometryState;
  size: string;
  path: string | null;
  /** Workers the sweep is split over. */
  cores: number;
}) {
  const eta = probe && Number.isFinite(probe.paper) ? (state.n === 400 ? probe.paper : probe.notebook) : null;
  const estimate = eta ?? estimatedCpuSeconds(state, cores);
  const etaText = `about ${formatDuration(estimate)} on ${probe?.workers ?? cores} cores here${
    eta === null ? ' (estimated; timing this machine…)' : ' (timed just now)'
  }`;
  const header = shipped?.asset?.header;
  return (
    <>
      {shipped?.error ? (
        <div className="notice" role="alert" data-testid="geometry-shipped-error">
          The shipped sweep could not be shown: {shipped.error}. Train it live here instead ({etaText}):{' '}
          <button type="button" onClick={() => onChange({ live: true })}>
            Train it live here
          </button>
        </div>
      ) : shipped && !(header && shippedShown) ? (
        <p className="panel-note" data-testid="geometry-shipped-loading">
          Loading the shipped {shipped.size === 'paper' ? "paper's" : "notebook's"} sweep…
        </p>
      ) : null}
      {header && shippedShown ? (
        <div className="notice geometry-shipped" role="note" data-testid="geometry-shipped-note">
          <b>Shipped with this page, not trained here.</b> These {header.settings.sparsities} models were trained by
          this project&apos;s {header.path} kernel (seed {header.settings.seed}, {fmtCount(header.settings.steps)}{' '}
          steps, batch 1,024, the paper&apos;s optimizer) on {header.trainedAt.slice(0, 10)} with{' '}
          <code>{header.command}</code>, which remakes them exactly; the weights are kept in half precision. Every view
          below works on them as on a live run.{' '}
          <button type="button" data-action="geometry-train-live-note" onClick={() => onChange({ live: true })}>
            Train it live here
          </button>{' '}
          <span data-testid="geometry-live-eta">{etaText}</span>.
        </div>
      ) : null}
      {trainsShipped ? (
        <div className="notice" role="note" data-testid="geometry-live-note">
          {openedLive && probe
            ? `Training live: this machine trains the paper's sweep in about ${formatDuration(probe.paper)} (timed ` +
              `just now on the ${probe.path} path). `
            : 'Training live here. '}
          The same sweep ships trained with the page:{' '}
          <button type="button" onClick={() => onChange({ live: false })}>
            Show the shipped sweep
          </button>
        </div>
      ) : null}
      {big && !shipped ? (
        <div className="notice" role="note" data-testid="geometry-gpu-note">
          {size} × {state.sparsities} models: about {formatDuration(estimatedCpuSeconds(state, cores))} on {cores} CPU
          cores of the simd path
          {path
            ? path === 'webgl' || path === 'webgpu'
              ? `; this page is training on ${path === 'webgl' ? 'WebGL' : 'WebGPU'}.`
              : ` (this page trains on the ${path} path)`
            : ''}
          . The status line below shows the time left as it trains.
        </div>
      ) : null}
    </>
  );
}

/** The section's opening: the two measures, and what the default size can and cannot show. */
export function GeometryIntro() {
  return (
    <>
      <p className="lede">
        Now give every feature the same importance and the same sparsity <i>S</i>, and train one model per sparsity. How
        many dimensions does each feature get? Two measures answer it. <i>m</i>/‖<i>W</i>‖²<sub>F</sub> is the number of
        hidden dimensions per represented feature (‖<i>W</i>‖²<sub>F</sub> roughly counts the features a model keeps).
        And each feature&apos;s <b>dimensionality</b> <i>D</i>
        <sub>i</sub> = ‖<i>W</i>
        <sub>i</sub>‖² / Σ<sub>j</sub> (<i>Ŵ</i>
        <sub>i</sub>·<i>W</i>
        <sub>j</sub>)² is the fraction of a dimension it gets: 1 for a dimension of its own, ½ for one half of an
        antipodal pair. The paper found that <i>m</i>/‖<i>W</i>‖²<sub>F</sub> &ldquo;sticks&rdquo; at 1 and at ½ as
        sparsity grows, and that the <i>D</i>
        <sub>i</sub> cluster at the fractions of uniform polytopes — ¾ tetrahedra, ⅔ triangles, ½ digons, ⅖ pentagons, ⅜
        square antiprisms — with the features split into orthogonal groups (tegum factors).
      </p>
      <p className="lede geometry-scale-note" data-testid="geometry-scale-note">
        <b>About the size.</b> The paper uses <i>n</i> = 400 features in <i>m</i> = 30 dimensions (its notebook: 200 in
        20). Trained by this page&apos;s SIMD WebAssembly kernel, a sweep of 20 such models × 10,000 steps takes about
        16 to 25 minutes on two laptop-class cores (the notebook&apos;s 5 to 8), so both ship with the page already
        trained by the same kernel, and the section opens on the paper&apos;s at every machine (live where this machine
        trains it in under three minutes). The size menu&apos;s small size, <i>n</i> = 40 in <i>m</i> = 4, trains here
        in seconds — and is honest about less: with only 4 dimensions the ½ plateau is short and mostly approached from
        above (around 1/(1 − S) ≈ 2–3 the model keeps three digons and shares its fourth dimension among many weak
        features, <i>m</i>/‖<i>W</i>‖²<sub>F</sub> ≈ 0.55–0.58; only one or two sparsities near 4–5 sit at 0.49 with
        four digons), and pentagons or antiprisms show up only for some seeds. Sparser still, most features crowd into
        one large factor (&ldquo;other&rdquo;). The size menu has the notebook and paper sizes.
      </p>
    </>
  );
}

/**
 * In place of the learning-dynamics timeline for a shipped sweep: the file keeps the last step only (each
 * checkpoint of the paper's sweep would cost as much again as the whole file), so the dynamics are one click away.
 */
export function ShippedDynamicsNote({ onTrainLive }: { onTrainLive(): void }) {
  return (
    <div className="panel-note geometry-dynamics-shipped" data-testid="geometry-dynamics-shipped">
      <b>Learning dynamics.</b> The shipped sweep keeps only its last step (every earlier one would cost as much again
      as the whole file). Train it here to watch this model&apos;s features find their places, step by step:{' '}
      <button type="button" onClick={onTrainLive}>
        Train it live here
      </button>
    </div>
  );
}
