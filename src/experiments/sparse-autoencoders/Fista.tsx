/**
 * Footnote 20's two answers side by side on the same activations: the shown SAE (an encoder that
 * amortises the sparse code) and FISTA + MOD (the code optimised per sample, the dictionary by least
 * squares), each matched to the features the same way.
 */
import { ChartFigure } from '../../charts/ChartFigure';
import { CosineMatrix } from '../../charts/CosineMatrix';
import { DirectionArrows2D } from '../../charts/DirectionArrows2D';
import { arrowsTable, cosineTable } from '../../charts/tables';
import type { ActivationSource } from '../../model/sae/activations';
import { cosProps, dictionaryCard, geometryProps, type Hover } from './chart-props';
import type { InstanceState } from './run';
import type { SaeFistaResult } from './task';

const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '–');

export function FistaComparison(p: {
  source: ActivationSource;
  sae: InstanceState;
  index: number;
  fista: SaeFistaResult | null;
  status: string;
  hover: Hover;
  exportJson(): unknown;
  meta: { description: string; config: unknown };
}) {
  const { source, sae, fista } = p;
  const rows = [
    ['MCC', f3(sae.card.mcc), fista ? f3(fista.score.mcc) : '…'],
    [
      'features at |cos| ≥ 0.99',
      `${sae.card.recovered}/${sae.card.represented.length}`,
      fista ? `${fista.score.recovered}/${fista.score.represented.length}` : '…',
    ],
    ['L0 (active per sample)', f3(sae.card.l0), fista ? f3(fista.score.l0) : '…'],
    ['FVU', f3(sae.card.fvu), fista ? f3(fista.score.fvu) : '…'],
  ];
  const fistaInst: InstanceState | null = fista
    ? {
        ...sae,
        card: dictionaryCard(fista.score),
        params: { ...sae.params, latents: fista.score.k, wDec: fista.atoms },
      }
    : null;
  return (
    <div className="sae-fista" data-testid="sae-fista" data-status={p.status}>
      <table className="sae-table" data-testid="sae-fista-table">
        <caption>SAE #{p.index} beside FISTA + MOD with as many atoms, on the same activations</caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Measure</span>
            </th>
            <th scope="col">SAE (amortised encoder)</th>
            <th scope="col">FISTA + MOD (code optimised per sample)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, a, b]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{a}</td>
              <td>{b}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {fistaInst ? (
        <ChartFigure
          title="FISTA + MOD: atoms against the features"
          exportName="sae-fista"
          exportMeta={p.meta}
          exportJson={p.exportJson}
          table={() =>
            source.m === 2
              ? arrowsTable(geometryProps(source, fistaInst, p.hover, 'FISTA + MOD atoms'))
              : cosineTable(cosProps(fistaInst.card, p.hover, 'atoms'))
          }
          caption={`${fista!.score.samples} activations, k = ${fista!.score.k} atoms, λ = 0.05 · RMS‖h‖; ${fista!.seconds.toFixed(1)} s.`}
        >
          {source.m === 2 ? (
            <DirectionArrows2D {...geometryProps(source, fistaInst, p.hover, 'FISTA + MOD atoms')} />
          ) : (
            <CosineMatrix {...cosProps(fistaInst.card, p.hover, 'atoms')} />
          )}
        </ChartFigure>
      ) : (
        <p className="sae-note">
          {p.status === 'error' ? 'FISTA + MOD failed.' : 'FISTA + MOD runs once the SAEs are done…'}
        </p>
      )}
    </div>
  );
}
