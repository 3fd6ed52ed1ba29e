import type { JSX } from 'react';
import type { EvidenceView } from '../../types.js';

type LateResponse = EvidenceView['lateResponse'];
type Figure = LateResponse['figures'][number];

/**
 * "Turkoz I, Daly E, … J Clin Psychiatry 2021;82(4)…" → "Turkoz et al. 2021": first author and the year before the
 * volume.
 */
export function shortCitation(citation: string): string {
  const author = citation.split(' ')[0] ?? citation;
  const year = /\b(\d{4});/.exec(citation)?.[1];
  return `${author} et al.${year === undefined ? '' : ` ${year}`}`;
}

/**
 * The published late-responder figures (src/evidence/keep-going.ts, docs/outcomes.md "Keep going?"),
 * each as its source states it, with its definition, n and source, and the caveat that they come from
 * other populations: shown beside the clinic's own "keep going?" estimate, never mixed with it.
 */
export function LateResponseFigures({ lateResponse }: { lateResponse: LateResponse }): JSX.Element {
  return (
    <div className="published-figures">
      <p className="published-caveat">{lateResponse.caveat}</p>
      <ul>
        {lateResponse.figures.map((f) => (
          <PublishedFigure key={f.key} figure={f} />
        ))}
      </ul>
    </div>
  );
}

function PublishedFigure({ figure: f }: { figure: Figure }): JSX.Element {
  return (
    <li className="published-figure">
      <strong>Published:</strong> {f.figure}{' '}
      <span className="published-source">
        ({shortCitation(f.citation)},{' '}
        <a href={`https://doi.org/${f.doi}`} rel="noreferrer noopener" target="_blank">
          doi:{f.doi}
        </a>
        )
      </span>
      <span className="metric-n">
        {' '}
        n = {f.n === null ? 'not given' : f.n.toLocaleString('en-US')} ({f.nNote}).
        {f.depressionNotAnxiety ? ' Depression, not anxiety.' : ''}
      </span>
      <details className="definition">
        <summary>
          Definition and source<span className="visually-hidden">: {shortCitation(f.citation)}</span>
        </summary>
        <p>{f.definition}</p>
        <p>
          Population: {f.population}. Drug and route: {f.drugRoute}.
        </p>
        <p className="definition-source">
          Source: {f.citation}. Checked: {f.checked}.
        </p>
      </details>
    </li>
  );
}
