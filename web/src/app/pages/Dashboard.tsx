import { useEffect, useState, type JSX } from 'react';
import { AlertBadges } from '../components/AlertBadges.js';
import { Link } from '../components/Link.js';
import { PageHeading } from '../components/PageHeading.js';
import { Empty, ErrorPanel, Loading } from '../components/Status.js';
import { SyntheticBanner } from '../components/SyntheticBanner.js';
import { TextField } from '../components/fields.js';
import { ago, date, dayMonth, dayRange, num, RULE_WORDS, words } from '../format.js';
import { instrumentName, useInstruments } from '../instruments.js';
import type { Dashboard as DashboardAnswer, DashboardForecast, DashboardItem, Instrument, Trend } from '../types.js';
import { useResource } from '../use-resource.js';
import { NewPatientForm } from './NewPatientForm.js';
import { plural } from '../../../../src/shared/plural.js';

/** Reliable change of the latest score from the patient's baseline (docs/outcomes.md "Reliable change"). */
const TREND: Record<Trend, { shape: string; words: string }> = {
  better: { shape: '▼', words: 'reliably better than baseline' },
  worse: { shape: '▲', words: 'reliably worse than baseline' },
  same: { shape: '■', words: 'no reliable change from baseline' },
};

/** Patients per page of the work queue. */
const PAGE = 50;
/** How long typing pauses before the search is asked for. */
const SEARCH_PAUSE_MS = 250;

/** The query string of one page of the queue. */
function queuePath(search: string, alertsOnly: boolean, offset: number): string {
  const query = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
  if (search.trim() !== '') query.set('search', search.trim());
  if (alertsOnly) query.set('alertsOnly', 'true');
  return `/api/v1/dashboard?${query.toString()}`;
}

/**
 * The work queue: who needs me today? Urgent alerts first, then relief likely ending, then other alerts, then the
 * rest; a page at a time, searched and filtered by the server.
 */
export function Dashboard(): JSX.Element {
  const [search, setSearch] = useState('');
  const [asked, setAsked] = useState('');
  const [alertsOnly, setAlertsOnly] = useState(false);
  const [offset, setOffset] = useState(0);
  const [adding, setAdding] = useState(false);
  // Only a changed search goes back to the first page: a pause in typing that leaves the words as they were (the
  // first render, say) must not undo a page the user has just turned to.
  useEffect(() => {
    if (search === asked) return undefined;
    const timer = window.setTimeout(() => {
      setAsked(search);
      setOffset(0);
    }, SEARCH_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [search, asked]);
  const { data, error, loading, reload } = useResource<DashboardAnswer>(queuePath(asked, alertsOnly, offset));
  const instruments = useInstruments();

  return (
    <>
      <SyntheticBanner show={data?.counts.synthetic ?? false} />
      <div className="page-head">
        <PageHeading title="Work queue" />
        <button
          type="button"
          className="button button-secondary"
          aria-expanded={adding}
          onClick={() => setAdding(!adding)}
        >
          Add a patient
        </button>
      </div>
      {adding ? <NewPatientForm onCancel={() => setAdding(false)} /> : null}
      {loading && data === null ? <Loading what="the work queue" /> : null}
      {error === null ? null : <ErrorPanel problem={error} retry={reload} />}
      {data === null ? null : data.counts.patients === 0 ? (
        <Empty>
          <h2>No patients yet</h2>
          <p>Add the first patient to start recording doses and questionnaires.</p>
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add a patient
          </button>
        </Empty>
      ) : (
        <>
          <p className="lede">
            {plural(data.counts.patients, 'patient')} · <strong>{data.counts.needsAction}</strong> need action today (an
            open urgent alert, an open warning or an overdue REMS form) · {data.counts.withAlerts} with open alerts.
            Urgent alerts come first, then relief likely ending, then other alerts.
          </p>
          <p data-testid="rems-queue-link">
            <Link to="/rems">REMS Patient Monitoring Forms</Link>:{' '}
            {data.counts.remsFormsOverdue === 0
              ? 'none overdue.'
              : `${data.counts.remsFormsOverdue} overdue (counted among the warnings).`}
          </p>
          <ForecastStatus forecast={data.forecast} ending={data.counts.reliefEnding} />
          <div className="filters" role="search">
            <TextField
              id="queue-search"
              label="Find a patient"
              hint="Label or name"
              type="search"
              width="medium"
              value={search}
              onChange={setSearch}
            />
            <div className="checkbox filter-check">
              <input
                id="queue-alerts"
                type="checkbox"
                checked={alertsOnly}
                onChange={(event) => {
                  setAlertsOnly(event.target.checked);
                  setOffset(0);
                }}
              />
              <label htmlFor="queue-alerts">Only patients with open alerts</label>
            </div>
          </div>
          <QueueTable items={data.items} instruments={instruments} forecast={data.forecast} />
          <Pager page={data.page} onPage={setOffset} />
        </>
      )}
    </>
  );
}

/** "Patients 51–100 of 1,234" with the pages before and after, when there is more than one page. */
function Pager({
  page,
  onPage,
}: {
  page: DashboardAnswer['page'];
  onPage: (offset: number) => void;
}): JSX.Element | null {
  if (page.total <= page.limit && page.offset === 0) return null;
  const last = Math.min(page.offset + page.limit, page.total);
  return (
    <nav className="pager" aria-label="Pages of the work queue">
      <p>
        Patients {num(page.offset + 1, 0)}–{num(last, 0)} of {num(page.total, 0)}
      </p>
      <button
        type="button"
        className="button button-secondary"
        disabled={page.offset === 0}
        onClick={() => onPage(Math.max(0, page.offset - page.limit))}
      >
        Previous page
      </button>
      <button
        type="button"
        className="button button-secondary"
        disabled={last >= page.total}
        onClick={() => onPage(page.offset + page.limit)}
      >
        Next page
      </button>
    </nav>
  );
}

/** Where the relief forecast stands, with its n and where it is defined; or why there is none. */
function ForecastStatus({ forecast, ending }: { forecast: DashboardForecast; ending: number }): JSX.Element {
  if (forecast.status !== 'fitted') return <p className="muted forecast-status">{forecast.text}</p>;
  return (
    <p className="muted forecast-status">
      {ending === 0 ? `No patient's relief is likely to end within ${plural(forecast.withinDays, 'day')}. ` : null}
      {forecastBasis(forecast)}
    </p>
  );
}

function forecastBasis(forecast: Extract<DashboardForecast, { status: 'fitted' }>): string {
  return `Relief forecast from ${plural(forecast.episodes, 'relief episode')} of this clinic (${plural(forecast.patients, 'patient')}; median predicted end of relief after the latest dose, with its 80% window); docs: Forecast.`;
}

/**
 * "Relief likely ending within 3 days (predicted around 4 Dec; 80% window 2–7 Dec)", or that the predicted end has
 * passed.
 */
function reliefEndingWords(ending: NonNullable<DashboardItem['reliefEnding']>, now: number): string {
  const when = `predicted around ${dayMonth(ending.predictedEndAt)}; 80% window ${dayRange(ending.windowFrom, ending.windowTo)}`;
  return Date.parse(ending.predictedEndAt) < now
    ? `Relief likely ended or ending (${when}); the last check-in still showed relief`
    : `Relief likely ending within ${plural(ending.withinDays, 'day')} (${when})`;
}

function QueueTable({
  items,
  instruments,
  forecast,
}: {
  items: DashboardItem[];
  instruments: Instrument[];
  forecast: DashboardForecast;
}): JSX.Element {
  if (items.length === 0) return <p>No patients match. Clear the search or untick “Only patients with open alerts”.</p>;
  const now = Date.now();
  return (
    <div className="table-scroll">
      <table className="table queue">
        <caption className="visually-hidden">Patients, open alerts first</caption>
        <thead>
          <tr>
            <th scope="col">Patient</th>
            <th scope="col">Open alerts</th>
            <th scope="col">Latest score</th>
            <th scope="col" className="numeric">
              Days since last dose
            </th>
            <th scope="col">Next questionnaire</th>
            <th scope="col">Relief forecast</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.patient.id}>
              <th scope="row">
                <Link to={`/patients/${item.patient.id}`}>{item.patient.label}</Link>
                {item.patient.name === null ? null : <span className="muted"> {item.patient.name}</span>}
              </th>
              <td data-label="Open alerts">
                <AlertBadges counts={item.openAlerts} />
                {item.topAlert === null ? null : (
                  <span className="top-alert">
                    {words(RULE_WORDS, item.topAlert.rule)} · {ago(item.topAlert.raisedAt)}
                  </span>
                )}
              </td>
              <td data-label="Latest score">
                {item.latest === null ? (
                  <span className="muted">no questionnaire yet</span>
                ) : (
                  <>
                    {instrumentName(instruments, item.latest.instrument)} <strong>{num(item.latest.total, 0)}</strong>
                    {item.latest.band === null ? '' : ` ${item.latest.band}`}
                    {item.latest.trend === null ? null : (
                      <span className={`trend trend-${item.latest.trend}`}>
                        {' '}
                        <span aria-hidden="true">{TREND[item.latest.trend].shape}</span>{' '}
                        {TREND[item.latest.trend].words}
                        {item.latest.baseline === null ? '' : ` (${num(item.latest.baseline, 0)})`}
                      </span>
                    )}
                    <span className="muted"> · {date(item.latest.at)}</span>
                  </>
                )}
              </td>
              <td className="numeric" data-label="Days since last dose">
                {item.daysSinceLastDose === null ? <span className="muted">no doses</span> : item.daysSinceLastDose}
              </td>
              <td data-label="Next questionnaire">
                {item.nextDue === null ? (
                  <span className="muted">none scheduled</span>
                ) : (
                  <>
                    {instrumentName(instruments, item.nextDue.instrument)} {date(item.nextDue.dueAt)}
                    {Date.parse(item.nextDue.dueAt) < now ? <strong className="overdue"> overdue</strong> : null}
                  </>
                )}
              </td>
              <td data-label="Relief forecast">
                {item.reliefEnding === null ? (
                  <span className="muted">—</span>
                ) : (
                  <span
                    className="relief-ending"
                    title={forecast.status === 'fitted' ? forecastBasis(forecast) : undefined}
                  >
                    {reliefEndingWords(item.reliefEnding, now)}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
