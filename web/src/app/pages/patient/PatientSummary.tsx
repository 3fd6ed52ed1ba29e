import { useMemo, type JSX } from 'react';
import { Link } from '../../components/Link.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PrintButton } from '../../components/PrintButton.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { SyntheticBanner } from '../../components/SyntheticBanner.js';
import { SeverityBadge } from '../../components/AlertBadges.js';
import { date, dateTime, duration, num, percent, RULE_WORDS, usd, words } from '../../format.js';
import { plural } from '../../../../../src/shared/plural.js';
import type { Alert, Dose, PatientOutcomesView } from '../../types.js';
import { useSession } from '../../session.js';
import { AlertList } from './AlertList.js';
import { BillingLines } from './BillingLines.js';
import { OutcomeSummary } from './OutcomeSummary.js';
import { PatientFacts } from './PatientHeader.js';
import { RecordLists } from './RecordLists.js';
import { Timeline } from './Timeline.js';
import { summaryOf, timelineData } from './timeline-data.js';
import { usePatientData } from './use-patient-data.js';

/** The per-patient figures the outcome cards show, whose definitions the printed glossary carries. */
const PATIENT_METRICS = [
  'baseline',
  'response',
  'remission',
  'reliableChange',
  'onset',
  'reliefEpisode',
  'coverage',
  'dosesPer30Days',
  'maxDosesIn30Days',
  'costToDate',
  'costPerReliefDay',
  'toleranceFlag',
] as const;

/** A printable patient summary: facts, outcomes with definitions, timeline, open alerts, records. */
export function PatientSummary({ id }: { id: string }): JSX.Element {
  const { data, error, reload } = usePatientData(id);
  const session = useSession();
  const timeline = useMemo(
    () =>
      data === null
        ? null
        : timelineData({
            doses: data.doses,
            assessments: data.assessments,
            adverseEvents: data.adverseEvents,
            alerts: data.alerts,
            outcomes: data.outcomes.instruments,
            ranges: new Map(
              data.instruments.map((i) => [i.id, { min: i.totalMin, max: i.totalMax, name: i.shortName }]),
            ),
          }),
    [data],
  );
  if (error !== null) return <ErrorPanel problem={error} retry={reload} />;
  if (data === null || timeline === null) return <Loading what="the summary" />;
  const open = data.alerts.filter((a) => a.status !== 'resolved');
  return (
    <article className="report patient-summary">
      <SyntheticBanner show={data.patient.synthetic} />
      <p className="no-print">
        <Link to={`/patients/${id}`}>Back to {data.patient.label}</Link>
      </p>
      <div className="page-head">
        <PageHeading title={`Patient summary: ${data.patient.label}`} />
        <PrintButton />
      </div>
      <p className="report-meta">
        {session.clinic?.name ?? ''} · printed {dateTime(new Date().toISOString())} by {session.user.displayName}
      </p>
      <PatientFacts patient={data.patient} courses={data.courses} instruments={data.instruments} />
      {/* Outcomes first, then the course over time, then what is open: two pages for a typical patient. */}
      <h2>Outcomes</h2>
      <OutcomesAtAGlance view={data.outcomes} doses={data.doses} />
      <div className="no-print">
        <OutcomeSummary view={data.outcomes} doses={data.doses} />
      </div>
      <h2>Timeline</h2>
      <Timeline data={timeline} patientLabel={data.patient.label} />
      <h2>Open alerts ({open.length})</h2>
      {open.length === 0 ? (
        <p>None.</p>
      ) : (
        <>
          <OpenAlertsTable alerts={open} />
          <div className="no-print">
            <AlertList alerts={open} onChanged={reload} limit={Infinity} />
          </div>
        </>
      )}
      <h2>Records</h2>
      <RecordLists
        label={data.patient.label}
        doses={data.doses}
        adverseEvents={data.adverseEvents}
        therapy={data.therapy}
        medications={data.medications}
      />
      <div className="no-print">
        <BillingLines patientId={id} label={data.patient.label} />
      </div>
      {/* On paper each definition is printed once, here, rather than beside every card (docs/outcomes.md). */}
      <section className="print-only" aria-hidden="true">
        <h2>Definitions</h2>
        <dl className="glossary">
          {PATIENT_METRICS.map((key) => data.outcomes.definitions[key]).map((d) => (
            <div key={d.label}>
              <dt>{d.label}</dt>
              <dd>{d.definition}</dd>
            </div>
          ))}
        </dl>
        <p className="definition-source">Source: docs/outcomes.md</p>
      </section>
    </article>
  );
}

/**
 * On paper: each questionnaire's outcomes on one line, with each figure's n (the cards with their definitions
 * are the screen's; the definitions follow in the glossary). The same figures as OutcomeSummary.
 */
function OutcomesAtAGlance({ view, doses }: { view: PatientOutcomesView; doses: readonly Dose[] }): JSX.Element {
  if (view.instruments.length === 0) return <p className="print-only">No outcomes yet.</p>;
  const first = [...doses].sort((a, b) => a.givenAt.localeCompare(b.givenAt))[0]?.givenAt ?? null;
  return (
    <table className="table table-compact print-only">
      <caption className="visually-hidden">Outcomes by questionnaire</caption>
      <thead>
        <tr>
          <th scope="col">Questionnaire</th>
          <th scope="col">Baseline</th>
          <th scope="col">Onset</th>
          <th scope="col">Relief episodes</th>
          <th scope="col">Relief coverage</th>
          <th scope="col">Booster rate</th>
          <th scope="col">Cost to date</th>
          <th scope="col">Cost per relief-day</th>
          <th scope="col">Tolerance signal</th>
        </tr>
      </thead>
      <tbody>
        {view.instruments.map(({ instrument, name, outcomes: o }) => {
          const after = first === null ? 0 : o.assessments.filter((a) => a.at > first && a.total !== null).length;
          const lost = o.reliefEpisodes.filter((e) => !e.censored).length;
          return (
            <tr key={instrument}>
              <th scope="row">{name}</th>
              <td>{o.baseline === null ? 'none' : `${num(o.baseline.total, 0)} (${date(o.baseline.at)})`}</td>
              <td>
                {o.onset === null
                  ? 'no response yet'
                  : `${duration(o.onset.days)}, after ${plural(o.onset.doses, 'dose')}`}{' '}
                (n = {after})
              </td>
              <td>
                {o.reliefEpisodes.length} ({lost} ended)
              </td>
              <td>
                {percent(o.coverage)} (n = {Math.max(0, after - 1)} intervals)
              </td>
              <td>{o.dosesPer30Days === null ? 'needs 2 doses' : `${num(o.dosesPer30Days)} per 30 days`}</td>
              <td>{usd(o.costToDate)}</td>
              <td>{usd(o.costPerReliefDay)}</td>
              <td>
                {o.tolerance.flag === null ? 'not enough episodes' : o.tolerance.flag ? 'yes' : 'no'} (n ={' '}
                {o.reliefEpisodes.length})
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The open alerts as one line each, most severe and most recent first: what the printed summary carries. */
function OpenAlertsTable({ alerts }: { alerts: readonly Alert[] }): JSX.Element {
  const rank: Readonly<Record<string, number>> = { urgent: 0, warning: 1, info: 2 };
  const sorted = [...alerts].sort(
    (a, b) => (rank[a.severity] ?? 3) - (rank[b.severity] ?? 3) || b.raisedAt.localeCompare(a.raisedAt),
  );
  return (
    <table className="table table-compact print-only">
      <caption className="visually-hidden">Open alerts</caption>
      <thead>
        <tr>
          <th scope="col">Severity</th>
          <th scope="col">Alert</th>
          <th scope="col">What happened</th>
          <th scope="col">Raised</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((alert) => (
          <tr key={alert.id}>
            <td>
              <SeverityBadge severity={alert.severity} />
            </td>
            <td>{words(RULE_WORDS, alert.rule)}</td>
            <td>{summaryOf(alert)}</td>
            <td>{date(alert.raisedAt)}</td>
            <td>
              {alert.status}
              {alert.acknowledgedByName === null ? '' : ` by ${alert.acknowledgedByName}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default PatientSummary;
