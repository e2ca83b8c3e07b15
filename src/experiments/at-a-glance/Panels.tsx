/**
 * The at-a-glance panels: WᵀW and bias, the feature norms, the hidden plane (where vectors are
 * placed by hand), the loss curve (with the rewind cursor) and each feature's share of the expected
 * loss. All draw the same view (live, rewound or hand-placed), highlight the same hovered feature,
 * and draw a pinned result dashed under the live one.
 */
import { BarChart } from '../../charts/BarChart';
import { ChartFigure } from '../../charts/ChartFigure';
import type { ExportMeta } from '../../charts/export';
import { FeatureGeometry2D } from '../../charts/FeatureGeometry2D';
import { FeatureNormBars } from '../../charts/FeatureNormBars';
import { GramHeatmap } from '../../charts/GramHeatmap';
import { LossCurve } from '../../charts/LossCurve';
import { fmtLoss } from '../../model/format';
import { featureNorms } from '../../model/metrics';
import type { LossHistory } from '../../ui/use-training';
import type { Readout } from './arrangement';
import type { PinnedModel } from './pin';
import { glanceMovie, type GlanceMovieRun } from './movie';
import { HandReadout } from './Readouts';
import { glanceTables, lossSharesProps, type GlancePanel } from './tables';
import type { HandsOn } from './use-hands-on';

export interface PanelsProps {
  hands: HandsOn;
  n: number;
  m: number;
  importance: Float32Array;
  history: LossHistory;
  shown: number;
  pin: PinnedModel | null;
  pinned: Readout | null;
  /** Checkpoints to snap a click on the loss curve to. */
  checkpoints: readonly number[];
  exportMeta: ExportMeta;
  exportJson: (() => unknown) | null;
  /** The run the panels' movies re-train (null: none drawn yet). */
  movie: GlanceMovieRun | null;
  onSetM2(): void;
}

export function GlancePanels({
  hands,
  n,
  m,
  importance,
  history,
  shown,
  pin,
  pinned,
  checkpoints,
  exportMeta,
  exportJson,
  movie,
  onSetM2,
}: PanelsProps) {
  const { view, hovered, setHovered: onHover } = hands;
  const pinNorms = pin ? featureNorms(pin.W, pin.n, pin.m) : null;
  const editing = view?.source === 'hand-placed';
  const shares = hands.readout?.shares;
  const sharesChart = shares ? lossSharesProps(shares, n, { editing, hovered, pin, pinned }) : null;
  const tables = glanceTables({ view, n, m, importance, history, shown, pinNorms, shares: sharesChart });
  const frame = (name: GlancePanel) => ({
    exportName: name,
    exportMeta,
    exportJson,
    table: tables[name],
    movie: glanceMovie(name, movie, m),
  });
  const seek = (step: number) => {
    const at = checkpoints.filter((c) => c <= step).at(-1);
    if (at !== undefined) hands.scrub(at);
  };
  return (
    <div className="panels" data-view={view?.source ?? 'none'} data-step={view?.step ?? -1}>
      <ChartFigure
        title="WᵀW and bias"
        {...frame('wtw-bias')}
        caption={`Blue negative, red positive. Off-diagonal entries are interference between features.${editing ? ' The bias is the best response to your W.' : ''}`}
      >
        {view ? (
          <GramHeatmap gram={view.metrics.gram} bias={view.b} n={n} highlight={hovered} onHover={onHover} />
        ) : (
          <Waiting />
        )}
      </ChartFigure>
      <ChartFigure
        title="Feature norms ‖Wᵢ‖"
        {...frame('feature-norms')}
        caption={
          'Bar length: how strongly a feature is represented. Colour: its superposition with the others (dark = ' +
          'its own dimension).'
        }
      >
        {view ? (
          <FeatureNormBars
            norms={view.metrics.norms}
            superposition={view.metrics.superposition}
            n={n}
            m={m}
            ghost={pinNorms}
            highlight={hovered}
            onHover={onHover}
          />
        ) : (
          <Waiting />
        )}
      </ChartFigure>
      <ChartFigure
        title="Feature geometry"
        {...frame('feature-geometry')}
        caption={`Each feature's column Wᵢ as a vector in the hidden plane; colour = importance. Take it in hand: drag a tip, or focus a feature (Tab) and turn it with the arrow keys, scale it with + / −; training pauses meanwhile.${pin && pin.m === 2 ? ' Dashed: the pinned result.' : ''}`}
      >
        {m !== 2 ? (
          <p className="panel-note">
            The geometry view draws the hidden plane, so it needs m = 2 (now m = {m}).{' '}
            <button type="button" onClick={onSetM2}>
              Set m = 2
            </button>
          </p>
        ) : view ? (
          <>
            <FeatureGeometry2D
              W={view.W}
              n={n}
              importance={importance}
              ghost={pin && pin.m === 2 ? { W: pin.W, n: pin.n } : null}
              highlight={hovered}
              onHover={onHover}
              onPlace={hands.place}
              onKeyEdit={hands.keyEdit}
            />
            <HandReadout hands={hands} />
          </>
        ) : (
          <Waiting />
        )}
      </ChartFigure>
      <ChartFigure
        title="Loss"
        {...frame('loss-curve')}
        caption={
          'Importance-weighted squared error of the shown seed (mean over batch and features). Click to look ' +
          'back at that step.'
        }
      >
        <LossCurve
          steps={history.step}
          losses={history.loss[shown] ?? []}
          cursor={view?.source === 'rewound' ? view.step : null}
          reference={pinned ? { value: pinned.loss, label: 'pinned (expected)' } : null}
          onSeek={checkpoints.length > 1 ? seek : undefined}
        />
      </ChartFigure>
      <ChartFigure
        title="Loss by feature"
        {...frame('loss-shares')}
        caption={
          <>
            Each feature&apos;s part of the expected loss (over every on/off pattern of the features, weighted by its
            probability). They add up to{' '}
            <output data-testid="expected-loss" data-value={hands.readout?.loss ?? ''}>
              {hands.readout ? fmtLoss(hands.readout.loss) : '…'}
            </output>
            , the expected loss of the model shown.
          </>
        }
      >
        {sharesChart ? <BarChart {...sharesChart} onHover={onHover} /> : <Waiting />}
      </ChartFigure>
    </div>
  );
}

function Waiting() {
  return <p className="panel-note">Starting the trainer…</p>;
}
