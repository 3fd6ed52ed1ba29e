import type { JSX } from 'react';
import { query } from '../../api.js';
import { Link } from '../../components/Link.js';
import { PageHeading } from '../../components/PageHeading.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { SyntheticBanner } from '../../components/SyntheticBanner.js';
import { useLocation } from '../../router.js';
import { useSession } from '../../session.js';
import { CohortSections } from './CohortSections.js';
import { ForecastCalibration } from './ForecastCalibration.js';
import { useCohort } from './use-cohort.js';
import { filterFrom, Filters } from './Filters.js';

/**
 * Cohort outcomes: response by dose (ITT and per protocol), onset and relief curves, harms, boosters, cost; how far to
 * trust the forecast.
 */
export function CohortPage(): JSX.Element {
  const location = useLocation();
  const filter = filterFrom(location.searchParams);
  const search = query({ ...filter });
  const { data, error, loading, reload } = useCohort(`/api/v1/cohort${search}`);
  const session = useSession();
  return (
    <>
      <SyntheticBanner show={session.synthetic} />
      <div className="page-head">
        <PageHeading title="Cohort outcomes" />
        <Link to={`/report${search}`} className="button button-secondary">
          Printable clinic report
        </Link>
      </div>
      <Filters key={search} filter={filter} path="/cohort" />
      {error === null ? null : <ErrorPanel problem={error} retry={reload} />}
      {loading ? <Loading what="the cohort" /> : null}
      {data === null || loading ? null : <CohortSections report={data} filter={filter} />}
      <ForecastCalibration />
    </>
  );
}

export default CohortPage;
