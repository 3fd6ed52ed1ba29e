import type { JSX } from 'react';
import { Link } from '../components/Link.js';
import { PageHeading } from '../components/PageHeading.js';
import { SyntheticBanner } from '../components/SyntheticBanner.js';
import { useSession } from '../session.js';

/** What a researcher may open: the clinic's figures for groups of patients, never one patient's record. */
export function ResearcherHome(): JSX.Element {
  const session = useSession();
  return (
    <>
      <SyntheticBanner show={session.synthetic} />
      <PageHeading title="Research" />
      <p className="lede">
        As a researcher you see {session.clinic === null ? 'the clinic' : session.clinic.name}’s outcomes for groups of
        patients. No page shows you a patient’s own record, and groups too small to keep a patient unrecognisable are
        left out of the figures.
      </p>
      <ul className="link-list">
        <li className="link-item">
          <span>
            <Link to="/cohort">Cohort outcomes</Link>
            <span className="muted">
              {' '}
              — response, remission and relief over time for the patients you choose by instrument, condition and
              period.
            </span>
          </span>
        </li>
        <li className="link-item">
          <span>
            <Link to="/report">Clinic report</Link>
            <span className="muted">
              {' '}
              — the same figures as one printable report, every patient who started counted.
            </span>
          </span>
        </li>
        <li className="link-item">
          <span>
            <Link to="/evidence">Evidence</Link>
            <span className="muted"> — the published studies and time course beside the clinic’s own numbers.</span>
          </span>
        </li>
      </ul>
    </>
  );
}
