/** The geometry section's prose: its opening, and what the size probe found or how long a big sweep takes. */
import { formatDuration } from '../../model/format';
import { estimatedCpuSeconds, type GeometryState } from './params';
import type { SizeProbe } from './size-probe';

/**
 * What the size probe is doing or found, and for big sweeps how long they take here: the probe's
 * measured time where it opened the section big, else the kernel's estimate.
 */
export function SizeNotes({
  probe,
  probing,
  atDefault,
  big,
  state,
  size,
  path,
  cores,
}: {
  probe: SizeProbe | null;
  probing: boolean;
  atDefault: boolean;
  big: boolean;
  state: GeometryState;
  size: string;
  path: string | null;
  /** Workers the sweep is split over. */
  cores: number;
}) {
  const openedBig = probe !== null && probe.id !== 'small' && !probing;
  return (
    <>
      {probing ? (
        <p className="panel-note" data-testid="geometry-size-probe">
          Timing a few steps of the notebook&apos;s sweep on this machine, to open at the biggest size that trains in a
          few minutes…
        </p>
      ) : null}
      {probe && probe.id === 'small' && Number.isFinite(probe.seconds) && atDefault ? (
        <p className="panel-note" data-testid="geometry-size-note">
          Timed just now: the notebook&apos;s sweep (n = 200, m = 20) would take about {formatDuration(probe.seconds)}{' '}
          on this machine, so the section opened at the small size; the size menu has the bigger ones.
        </p>
      ) : null}
      {openedBig ? (
        <div className="notice" role="note" data-testid="geometry-size-note">
          Opened at the {probe.id === 'paper' ? "paper's" : "notebook's"} size: this machine trains it in about{' '}
          {formatDuration(probe.seconds)} (timed just now on the {probe.path} path). The small size (n = 40, m = 4) is
          in the size menu.
        </div>
      ) : null}
      {big && !openedBig ? (
        <div className="notice" role="note" data-testid="geometry-gpu-note">
          {size} × {state.sparsities} models: about {formatDuration(estimatedCpuSeconds(state, cores))} on {cores} CPU
          cores of the simd path
          {path
            ? path === 'webgl'
              ? '; this page is training on WebGL.'
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
        16 minutes on two laptop-class cores (the notebook&apos;s about 5); where this machine trains the
        notebook&apos;s or the paper&apos;s sweep in under three minutes, the section opens at that size. Otherwise it
        opens at <i>n</i> = 40 in <i>m</i> = 4, which trains in seconds — and is honest about less: with only 4
        dimensions the ½ plateau is short and mostly approached from above (around 1/(1 − S) ≈ 2–3 the model keeps three
        digons and shares its fourth dimension among many weak features, <i>m</i>/‖<i>W</i>‖²<sub>F</sub> ≈ 0.55–0.58;
        only one or two sparsities near 4–5 sit at 0.49 with four digons), and pentagons or antiprisms show up only for
        some seeds. Sparser still, most features crowd into one large factor (&ldquo;other&rdquo;). The size menu has
        the notebook and paper sizes.
      </p>
    </>
  );
}
