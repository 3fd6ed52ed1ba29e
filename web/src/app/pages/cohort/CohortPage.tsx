import { useEffect, useState, type JSX } from 'react';
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
import { FILTER_LABELS, filterFrom, Filters, type CohortFilter } from './Filters.js';
import type { Problem } from '../../../shared/problem.js';
import { fieldProblems } from '../../../shared/problem.js';

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
  // The last report that loaded, with its filter: a filter the server refuses (an address typed or shared
  // with a bad period, say) leaves it on the page beside the reason, rather than an empty page.
  const [lastGood, setLastGood] = useState<{ data: NonNullable<typeof data>; filter: CohortFilter } | null>(null);
  // Loaded, the data is the current address's (while loading it may still be the last address's).
  useEffect(() => {
    if (!loading && data !== null) setLastGood({ data, filter: filterFrom(new URLSearchParams(search)) });
  }, [data, loading, search]);
  const refused = error?.code === 'VALIDATION_FAILED';
  const shown = data !== null ? { data, filter } : refused ? lastGood : null;
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
      {error === null ? null : refused ? (
        <FilterRefused problem={error} keeping={shown !== null} />
      ) : (
        <ErrorPanel problem={error} retry={reload} />
      )}
      {loading ? <Loading what="the cohort" /> : null}
      {shown === null || loading ? null : <CohortSections report={shown.data} filter={shown.filter} />}
      <ForecastCalibration />
    </>
  );
}

/** A filter's label, or the server's name for a field the page has no box for. */
const label = (field: string): string =>
  field in FILTER_LABELS ? FILTER_LABELS[field as keyof typeof FILTER_LABELS] : field;

/** A filter the server refused: what is wrong, in the labels' words, and no "Try again" that would fail again. */
function FilterRefused({ problem, keeping }: { problem: Problem; keeping: boolean }): JSX.Element {
  const fields = fieldProblems(problem);
  return (
    <div className="error-panel" role="alert">
      <h2>This filter cannot be applied</h2>
      {fields.length === 0 ? (
        <p>{problem.detail}</p>
      ) : (
        <ul>
          {fields.map((f) => (
            <li key={`${f.field} ${f.reason}`}>
              {label(f.field)}: {f.reason.replace(/\b(from|to)\b$/, (w) => `"${label(w)}"`)}
            </li>
          ))}
        </ul>
      )}
      <p>
        Change the filter above and apply it again
        {keeping ? '; the report below is the last one that loaded, for its own filter.' : '.'}
      </p>
    </div>
  );
}

export default CohortPage;
