import { useEffect, useState, type JSX } from 'react';
import { localTimeOf, monitoringClock, MINIMUM_MONITORING_MINUTES } from '../../../../../src/rems/monitoring.js';
import { api } from '../../api.js';
import { RecordForm, useForm } from '../../components/Form.js';
import { Link } from '../../components/Link.js';
import { PageHeading } from '../../components/PageHeading.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { dateTime } from '../../format.js';
import { useSession } from '../../session.js';
import type { Dose, Page, Patient, RemsSession } from '../../types.js';
import { useResource } from '../../use-resource.js';
import { RemsFormPanel } from './RemsFormPanel.js';
import { RemsSessionForm } from './RemsSessionForm.js';

/** The page's clock, moved on every 15 seconds. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date()), 15_000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/** Minutes since the dose and the next reading due, in words; overdue says "Overdue" (not colour alone). */
function Clock({
  dose,
  session,
  now,
  zone,
}: {
  dose: Dose;
  session: RemsSession | null;
  now: Date;
  zone: string;
}): JSX.Element {
  const clock = monitoringClock({
    givenAt: dose.givenAt,
    now,
    timeZone: zone,
    recorded: {
      before: session?.beforeSystolic != null,
      fortyMinute: session?.fortyMinuteSystolic != null,
      discharge: session?.dischargeSystolic != null,
    },
  });
  const next = clock.nextVital;
  return (
    <section className="panel" aria-labelledby="rems-clock-title">
      <h2 id="rems-clock-title">Monitoring clock</h2>
      <p className="rems-clock" data-testid="rems-minutes">
        <strong>{clock.minutesSinceDose} minutes</strong> since the dose (given{' '}
        {localTimeOf(Date.parse(dose.givenAt), zone)}).
      </p>
      {next === null ? (
        <p>All three blood pressure readings are recorded.</p>
      ) : (
        <p className={`rems-next rems-next-${next.status}`} data-testid="rems-next-vital">
          {next.status === 'overdue' ? <span className="badge badge-warning">■ Overdue</span> : null} {next.text}
        </p>
      )}
    </section>
  );
}

/** Records discharge now; refused (the button disabled, with the reason) before the minimum monitoring time. */
function Discharge(props: {
  dose: Dose;
  session: RemsSession;
  now: Date;
  zone: string;
  onSaved: () => void;
}): JSX.Element {
  const form = useForm('discharge');
  const { dose, session, now, zone } = props;
  const clock = monitoringClock({
    givenAt: dose.givenAt,
    now,
    timeZone: zone,
    recorded: { before: true, fortyMinute: true, discharge: true },
  });
  if (session.dischargedAt !== null) {
    const minutes = Math.floor((Date.parse(session.dischargedAt) - Date.parse(dose.givenAt)) / 60_000);
    return (
      <section className="panel" aria-labelledby="discharge-title">
        <h2 id="discharge-title">Discharge</h2>
        <p>
          Discharged at {localTimeOf(Date.parse(session.dischargedAt), zone)}, after {minutes} minutes of monitoring.
        </p>
      </section>
    );
  }
  const earliest = localTimeOf(Date.parse(clock.dischargeEarliestAt), zone);
  const reason = clock.canDischarge
    ? `The ${MINIMUM_MONITORING_MINUTES}-minute minimum has passed (since ${earliest}).`
    : `Discharge can be recorded from ${earliest}: the SPRAVATO REMS requires at least ${MINIMUM_MONITORING_MINUTES} minutes of monitoring after the dose (${clock.minutesUntilDischarge} minutes to go).`;
  return (
    <RecordForm
      form={form}
      title="Discharge"
      level={2}
      intro={<p id="discharge-reason">{reason}</p>}
      onSubmit={async () => {
        const saved = await form.run({}, () =>
          api.patch<RemsSession>(`/api/v1/rems-sessions/${session.id}`, { dischargedAt: new Date().toISOString() }),
        );
        if (saved.ok) props.onSaved();
      }}
      actions={
        <button
          type="submit"
          className="button"
          disabled={!clock.canDischarge || form.busy}
          aria-describedby="discharge-reason"
        >
          Record discharge now
        </button>
      }
    >
      {null}
    </RecordForm>
  );
}

/** An esketamine dose's monitored session: the clock, the REMS readings, discharge and the form. */
export default function RemsSessionPage({ doseId }: { doseId: string }): JSX.Element {
  const zone = useSession().clinic?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const now = useNow();
  const dose = useResource<Dose>(`/api/v1/doses/${doseId}`);
  const patientId = dose.data?.patientId ?? null;
  const patient = useResource<Patient>(patientId === null ? null : `/api/v1/patients/${patientId}`);
  const sessions = useResource<Page<RemsSession>>(
    patientId === null ? null : `/api/v1/rems-sessions?patient=${patientId}&limit=1000`,
  );
  const start = useForm('start');
  const saved = (): void => sessions.reload();
  const error = dose.error ?? patient.error ?? sessions.error;
  if (error !== null) return <ErrorPanel problem={error} retry={dose.reload} />;
  if (dose.data === null || sessions.data === null || patient.data === null) return <Loading what="the session" />;
  const session = sessions.data.items.find((s) => s.doseId === doseId) ?? null;
  const title = `Esketamine session of ${patient.data.label}`;
  if (dose.data.drug !== 'esketamine') {
    return (
      <>
        <PageHeading title={title} />
        <p>This dose is not esketamine: the REMS monitoring record is for esketamine doses only.</p>
      </>
    );
  }
  return (
    <>
      <PageHeading title={title} />
      <p className="lede">
        <Link to={`/patients/${patient.data.id}`}>{patient.data.label}</Link> · {dose.data.mg} mg intranasal esketamine,
        given {dateTime(dose.data.givenAt, zone)}.
      </p>
      <Clock dose={dose.data} session={session} now={now} zone={zone} />
      {session === null ? (
        <RecordForm
          form={start}
          title="REMS monitoring record"
          level={2}
          intro={<p>No monitoring record yet: start it to record the readings of this session.</p>}
          onSubmit={async () => {
            const created = await start.run({}, () => api.post<RemsSession>('/api/v1/rems-sessions', { doseId }));
            if (created.ok) saved();
          }}
          submit="Start the monitoring record"
        >
          {null}
        </RecordForm>
      ) : (
        <>
          <RemsSessionForm key={`${session.id}:${session.updatedAt}`} session={session} onSaved={saved} />
          <Discharge dose={dose.data} session={session} now={now} zone={zone} onSaved={saved} />
          <RemsFormPanel key={session.updatedAt} session={session} onSubmitted={saved} />
        </>
      )}
    </>
  );
}
