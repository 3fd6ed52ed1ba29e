import type { JSX } from 'react';
import { formatCsv } from '../../../../../src/shared/csv.js';
import { download } from '../../components/DataTable.js';
import type { Study } from '../../types.js';

/**
 * The evidence table: every row with its confirmed DOI (or a mark where none was confirmed); unverified rows marked;
 * funding "unknown".
 */
export function StudiesTable({ studies }: { studies: readonly Study[] }): JSX.Element {
  const csv = (): string =>
    formatCsv(
      [
        'key',
        'citation',
        'doi',
        'design',
        'n',
        'population',
        'dose / route',
        'instrument, timing',
        'result',
        'caveats',
        'funding',
        'verified',
      ],
      studies.map((s) => [
        s.key,
        s.citation,
        s.doi ?? '',
        s.design,
        s.n,
        s.population,
        s.doseRoute,
        s.instrumentTiming,
        s.result,
        s.caveats,
        s.funding,
        s.verified ? 'yes' : s.unverifiedNote,
      ]),
    );
  return (
    <div className="data-table">
      <div className="table-scroll">
        <table className="table evidence-table">
          <caption className="table-caption">Published studies of ketamine for anxiety ({studies.length})</caption>
          <thead>
            <tr>
              <th scope="col">Study</th>
              <th scope="col">Design</th>
              <th scope="col" className="numeric">
                n
              </th>
              <th scope="col">Population</th>
              <th scope="col">Dose / route</th>
              <th scope="col">Instrument, timing</th>
              <th scope="col">Key result</th>
              <th scope="col">Caveats</th>
              <th scope="col">Funding</th>
            </tr>
          </thead>
          <tbody>
            {studies.map((s) => (
              <tr key={s.key}>
                <th scope="row">
                  {s.citation}
                  <br />
                  {s.doi === null ? (
                    <span className="mark-doi">no DOI confirmed</span>
                  ) : (
                    <a href={`https://doi.org/${s.doi}`} rel="noreferrer noopener" target="_blank">
                      doi:{s.doi}
                    </a>
                  )}
                  {s.verified ? null : (
                    <>
                      <br />
                      <span className="mark-unverified">{s.unverifiedNote ?? 'UNVERIFIED'}</span>
                    </>
                  )}
                </th>
                <td>{s.design}</td>
                <td className="numeric">
                  {s.n === null ? '—' : s.n.toLocaleString('en-US')}
                  {s.nNote === null ? null : <span className="muted"> ({s.nNote})</span>}
                </td>
                <td>{s.population}</td>
                <td>{s.doseRoute}</td>
                <td>{s.instrumentTiming}</td>
                <td>{s.result}</td>
                <td>{s.caveats}</td>
                <td>{s.funding}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button
        type="button"
        className="button button-small button-secondary no-print"
        onClick={() => download('evidence-studies.csv', csv())}
      >
        Download CSV<span className="visually-hidden"> of the studies table</span>
      </button>
    </div>
  );
}
