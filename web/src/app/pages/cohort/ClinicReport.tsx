import type { JSX } from 'react';
import { query } from '../../api.js';
import { Link } from '../../components/Link.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PrintButton } from '../../components/PrintButton.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { SyntheticBanner } from '../../components/SyntheticBanner.js';
import { dateTime } from '../../format.js';
import { useLocation } from '../../router.js';
import { useSession } from '../../session.js';
import { CohortSections } from './CohortSections.js';
import { useCohort } from './use-cohort.js';
import { filterFrom } from './Filters.js';

/** The clinic outcome report: every patient who started counts (intention to treat); printable. */
export function ClinicReport(): JSX.Element {
  const location = useLocation();
  const filter = filterFrom(location.searchParams);
  const search = query({ ...filter });
  const { data, error, loading, reload } = useCohort(`/api/v1/cohort${search}`);
  const session = useSession();
  return (
    <article className="report">
      <SyntheticBanner show={session.synthetic} />
      <p className="no-print">
        <Link to={`/cohort${search}`}>Change the filters on the cohort page</Link>
        {session.user.role === 'researcher' ? null : (
          <>
            {' · '}
            <Link to="/report/payer">Outcomes for payers, on one page</Link>
          </>
        )}
      </p>
      <div className="page-head">
        <PageHeading title={`Clinic outcome report${session.clinic === null ? '' : `: ${session.clinic.name}`}`} />
        <PrintButton />
      </div>
      <p className="report-meta">
        Prepared {dateTime(new Date().toISOString())} by {session.user.displayName}. Every patient who started treatment
        is counted (intention to treat); per-protocol figures are shown beside them.
      </p>
      {error === null ? null : <ErrorPanel problem={error} retry={reload} />}
      {loading ? <Loading what="the report" /> : null}
      {data === null || loading ? null : <CohortSections report={data} filter={filter} />}
    </article>
  );
}

export default ClinicReport;
