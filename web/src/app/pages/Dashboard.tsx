import { useMemo, useState, type JSX } from 'react';
import { AlertBadges } from '../components/AlertBadges.js';
import { Link } from '../components/Link.js';
import { PageHeading } from '../components/PageHeading.js';
import { Empty, ErrorPanel, Loading } from '../components/Status.js';
import { SyntheticBanner } from '../components/SyntheticBanner.js';
import { TextField } from '../components/fields.js';
import { date, num } from '../format.js';
import { instrumentName, useInstruments } from '../instruments.js';
import type { DashboardItem, Instrument, Trend } from '../types.js';
import { useResource } from '../use-resource.js';
import { NewPatientForm } from './NewPatientForm.js';

const TREND: Record<Trend, { shape: string; words: string }> = {
  better: { shape: '▼', words: 'better' },
  worse: { shape: '▲', words: 'worse' },
  same: { shape: '■', words: 'no change' },
};

/** The work queue: who needs me today? Patients with open alerts first (urgent first), then the rest. */
export function Dashboard(): JSX.Element {
  const { data, error, loading, reload } = useResource<{ items: DashboardItem[] }>('/api/v1/dashboard');
  const instruments = useInstruments();
  const [search, setSearch] = useState('');
  const [alertsOnly, setAlertsOnly] = useState(false);
  const [adding, setAdding] = useState(false);
  const items = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (data?.items ?? []).filter(
      (item) =>
        (!alertsOnly || total(item) > 0) &&
        (needle === '' || item.patient.label.toLowerCase().includes(needle) || (item.patient.name ?? '').toLowerCase().includes(needle)),
    );
  }, [data, search, alertsOnly]);
  const withAlerts = (data?.items ?? []).filter((item) => total(item) > 0).length;

  return (
    <>
      <SyntheticBanner show={data?.items.some((item) => item.patient.synthetic) ?? false} />
      <div className="page-head">
        <PageHeading title="Work queue" />
        <button type="button" className="button button-secondary" aria-expanded={adding} onClick={() => setAdding(!adding)}>
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
            {data.items.length} patients · <strong>{withAlerts}</strong> with open alerts. Open alerts come first, urgent first.
          </p>
          <div className="filters" role="search">
            <TextField id="queue-search" label="Find a patient" hint="Label or name" type="search" width="medium" value={search} onChange={setSearch} />
            <div className="checkbox filter-check">
              <input id="queue-alerts" type="checkbox" checked={alertsOnly} onChange={(event) => setAlertsOnly(event.target.checked)} />
              <label htmlFor="queue-alerts">Only patients with open alerts</label>
            </div>
          </div>
          <QueueTable items={items} instruments={instruments} />
        </>
      )}
    </>
  );
}

function total(item: DashboardItem): number {
  return item.openAlerts.urgent + item.openAlerts.warning + item.openAlerts.info;
}

function QueueTable({ items, instruments }: { items: DashboardItem[]; instruments: Instrument[] }): JSX.Element {
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
                        <span aria-hidden="true">{TREND[item.latest.trend].shape}</span> {TREND[item.latest.trend].words}
                      </span>
                    )}
                    <span className="muted"> · {date(item.latest.at)}</span>
                  </>
                )}
              </td>
              <td className="numeric" data-label="Days since last dose">{item.daysSinceLastDose === null ? <span className="muted">no doses</span> : item.daysSinceLastDose}</td>
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
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
