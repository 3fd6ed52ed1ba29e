import { useMemo, type JSX } from 'react';
import { Link } from '../../components/Link.js';
import { PageHeading } from '../../components/PageHeading.js';
import { PrintButton } from '../../components/PrintButton.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { SyntheticBanner } from '../../components/SyntheticBanner.js';
import { dateTime } from '../../format.js';
import { useSession } from '../../session.js';
import { AlertList } from './AlertList.js';
import { BillingLines } from './BillingLines.js';
import { OutcomeSummary } from './OutcomeSummary.js';
import { PatientFacts } from './PatientHeader.js';
import { RecordLists } from './RecordLists.js';
import { Timeline } from './Timeline.js';
import { timelineData } from './timeline-data.js';
import { usePatientData } from './use-patient-data.js';

/** A printable patient summary: facts, open alerts, timeline, outcomes with definitions, records. */
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
    <article className="report">
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
      <h2>Open alerts ({open.length})</h2>
      {open.length === 0 ? <p>None.</p> : <AlertList alerts={open} onChanged={reload} limit={Infinity} />}
      <h2>Timeline</h2>
      <Timeline data={timeline} patientLabel={data.patient.label} />
      <h2>Outcomes</h2>
      <OutcomeSummary view={data.outcomes} doses={data.doses} />
      <h2>Records</h2>
      <RecordLists
        label={data.patient.label}
        doses={data.doses}
        adverseEvents={data.adverseEvents}
        therapy={data.therapy}
        medications={data.medications}
      />
      <BillingLines patientId={id} label={data.patient.label} />
    </article>
  );
}

export default PatientSummary;
