import type { JSX } from 'react';
import { PageHeading } from '../../components/PageHeading.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { SyntheticBanner } from '../../components/SyntheticBanner.js';
import { useSession } from '../../session.js';
import type { EvidenceView } from '../../types.js';
import { useResource } from '../../use-resource.js';
import { useCohort } from '../cohort/use-cohort.js';
import { LateResponseFigures } from './LateResponseFigures.js';
import { StudiesTable } from './StudiesTable.js';
import { TimeCourse } from './TimeCourse.js';

/** What the published evidence says, beside what this clinic measures, and how ketamine is thought to work. */
export function EvidencePage(): JSX.Element {
  const evidence = useResource<EvidenceView>('/api/v1/evidence');
  const cohort = useCohort('/api/v1/cohort?instrument=gad7');
  const session = useSession();
  return (
    <>
      <SyntheticBanner show={session.synthetic} />
      <PageHeading title="Evidence" />
      <p className="lede">
        Published studies of ketamine for anxiety are small, often uncontrolled, and often run or funded by clinics or
        patent holders. This page puts them beside what this clinic measures.
      </p>
      {evidence.error === null ? null : <ErrorPanel problem={evidence.error} retry={evidence.reload} />}
      {evidence.data === null ? (
        evidence.loading ? (
          <Loading what="the evidence" />
        ) : null
      ) : (
        <>
          <h2>Time course: published and this clinic</h2>
          <TimeCourse points={evidence.data.timeCourse} cohort={cohort.data} citedAs={evidence.data.citedAs} />

          <h2>Studies</h2>
          <ul className="hint">
            {evidence.data.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
          <StudiesTable studies={evidence.data.studies} />
          <p className="hint">
            Sessions cost about ${evidence.data.costAndFrequency.sessionPriceUsd.min.toLocaleString('en-US')}–$
            {evidence.data.costAndFrequency.sessionPriceUsd.max.toLocaleString('en-US')} each; maintenance “boosters”
            are commonly {evidence.data.costAndFrequency.boostersPerMonth.min}–
            {evidence.data.costAndFrequency.boostersPerMonth.max} sessions a month (
            {evidence.data.costAndFrequency.source}).
          </p>

          <h2>Late responders: published figures</h2>
          <p className="hint">
            Shown on a patient&apos;s forecast beside this clinic&apos;s own &ldquo;keep going?&rdquo; estimate after
            doses without response.
          </p>
          <LateResponseFigures lateResponse={evidence.data.lateResponse} />

          <h2>How ketamine is thought to work</h2>
          <p className="callout">{evidence.data.mechanism.caveat}</p>
          <ol className="mechanism">
            {evidence.data.mechanism.steps.map((step) => (
              <li key={step.label}>
                <strong>{step.label}</strong>
                <p>
                  {step.text}{' '}
                  <span className="muted">
                    ({step.references.map((key) => evidence.data?.citedAs[key] ?? key).join('; ')})
                  </span>
                </p>
              </li>
            ))}
          </ol>
          <h3>References</h3>
          <ul className="references">
            {evidence.data.mechanism.references.map((ref) => (
              <li key={ref.key}>
                {ref.citation}.{' '}
                <a href={`https://doi.org/${ref.doi}`} rel="noreferrer noopener" target="_blank">
                  doi:{ref.doi}
                </a>{' '}
                <span className="muted">({ref.checked})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export default EvidencePage;
