import { useMemo, useState, type JSX } from 'react';
import { AlertBadges } from '../components/AlertBadges.js';
import { Link } from '../components/Link.js';
import { PageHeading } from '../components/PageHeading.js';
import { Empty, ErrorPanel, Loading } from '../components/Status.js';
import { SyntheticBanner } from '../components/SyntheticBanner.js';
import { TextField } from '../components/fields.js';
import { date, dayMonth, dayRange, num } from '../format.js';
import { instrumentName, useInstruments } from '../instruments.js';
import type { DashboardForecast, DashboardItem, Instrument, Trend } from '../types.js';
import { useResource } from '../use-resource.js';
import { NewPatientForm } from './NewPatientForm.js';

const TREND: Record<Trend, { shape: string; words: string }> = {
  better: { shape: '▼', words: 'better' },
  worse: { shape: '▲', words: 'worse' },
  same: { shape: '■', words: 'no change' },
};

/**
 * The work queue: who needs me today? Urgent alerts first, then relief likely ending, then other alerts, then the rest.
 */
export function Dashboard(): JSX.Element {
  const { data, error, loading, reload } = useResource<{ items: DashboardItem[]; forecast: DashboardForecast }>(
    '/api/v1/dashboard',
  );
  const instruments = useInstruments();
  const [search, setSearch] = useState('');
  const [alertsOnly, setAlertsOnly] = useState(false);
  const [adding, setAdding] = useState(false);
  const items = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (data?.items ?? []).filter(
      (item) =>
        (!alertsOnly || total(item) > 0) &&
        (needle === '' ||
          item.patient.label.toLowerCase().includes(needle) ||
          (item.patient.name ?? '').toLowerCase().includes(needle)),
    );
  }, [data, search, alertsOnly]);
  const withAlerts = (data?.items ?? []).filter((item) => total(item) > 0).length;

  return (
    <>
      <SyntheticBanner show={data?.items.some((item) => item.patient.synthetic) ?? false} />
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
      {data === null ? null : data.items.length === 0 ? (
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
            {data.items.length} patients · <strong>{withAlerts}</strong> with open alerts. Urgent alerts come first,
            then relief likely ending, then other alerts.
          </p>
          <ForecastStatus
            forecast={data.forecast}
            ending={data.items.filter((item) => item.reliefEnding !== null).length}
          />
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
                onChange={(event) => setAlertsOnly(event.target.checked)}
              />
              <label htmlFor="queue-alerts">Only patients with open alerts</label>
            </div>
          </div>
          <QueueTable items={items} instruments={instruments} forecast={data.forecast} />
        </>
      )}
    </>
  );
}

function total(item: DashboardItem): number {
  return item.openAlerts.urgent + item.openAlerts.warning + item.openAlerts.info;
}

/** Where the relief forecast stands, with its n and where it is defined; or why there is none. */
function ForecastStatus({ forecast, ending }: { forecast: DashboardForecast; ending: number }): JSX.Element {
  if (forecast.status !== 'fitted') return <p className="muted forecast-status">{forecast.text}</p>;
  return (
    <p className="muted forecast-status">
      {ending === 0 ? `No patient's relief is likely to end within ${forecast.withinDays} days. ` : null}
      {forecastBasis(forecast)}
    </p>
  );
}

function forecastBasis(forecast: Extract<DashboardForecast, { status: 'fitted' }>): string {
  return `Relief forecast from ${forecast.episodes} relief episodes of this clinic (${forecast.patients} patients; median predicted end of relief after the latest dose, with its 80% window); docs: Forecast.`;
}

/**
 * "Relief likely ending within 3 days (predicted around 4 Dec; 80% window 2–7 Dec)", or that the predicted end has
 * passed.
 */
function reliefEndingWords(ending: NonNullable<DashboardItem['reliefEnding']>, now: number): string {
  const when = `predicted around ${dayMonth(ending.predictedEndAt)}; 80% window ${dayRange(ending.windowFrom, ending.windowTo)}`;
  return Date.parse(ending.predictedEndAt) < now
    ? `Relief likely ended or ending (${when}); the last check-in still showed relief`
    : `Relief likely ending within ${ending.withinDays} days (${when})`;
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
