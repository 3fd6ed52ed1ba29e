import { useMemo, useState, type JSX } from 'react';
import { Link } from '../../components/Link.js';
import { PageHeading } from '../../components/PageHeading.js';
import { ErrorPanel, Loading } from '../../components/Status.js';
import { SyntheticBanner } from '../../components/SyntheticBanner.js';
import { dateTime, num, ROUTE_WORDS, words } from '../../format.js';
import type { Assessment, Instrument } from '../../types.js';
import { AlertList } from './AlertList.js';
import { CourseSchedules } from './CourseSchedules.js';
import { AdverseEventForm } from './forms/AdverseEventForm.js';
import { ContactForm } from './forms/ContactForm.js';
import { CourseForm } from './forms/CourseForm.js';
import { DoseForm } from './forms/DoseForm.js';
import { LinkIssuer } from './forms/LinkIssuer.js';
import { MedicationForm } from './forms/MedicationForm.js';
import { RatingForm } from './forms/RatingForm.js';
import { TherapySessionForm } from './forms/TherapySessionForm.js';
import { ForecastCard } from './ForecastCard.js';
import { OutcomeSummary } from './OutcomeSummary.js';
import { PatientFacts } from './PatientHeader.js';
import { PatientLinks } from './PatientLinks.js';
import { RecordLists } from './RecordLists.js';
import { Timeline } from './Timeline.js';
import { timelineData } from './timeline-data.js';
import { usePatientData, type PatientData } from './use-patient-data.js';
import { usePatientForecast } from './use-patient-forecast.js';

type FormKind = 'dose' | 'rating' | 'adverse' | 'therapy' | 'medication' | 'link' | 'course' | 'contact';
const FORMS: { kind: FormKind; label: string }[] = [
  { kind: 'dose', label: 'Record a dose' },
  { kind: 'rating', label: 'Clinician rating' },
  { kind: 'adverse', label: 'Adverse event' },
  { kind: 'therapy', label: 'Therapy session' },
  { kind: 'medication', label: 'Medication' },
  { kind: 'link', label: 'Send a link' },
  { kind: 'course', label: 'New course' },
  { kind: 'contact', label: 'Contact details' },
];

/** One patient: alerts, the timeline, outcomes with definitions, the record forms and the record lists. */
export function PatientPage({ id }: { id: string }): JSX.Element {
  const { data, error, reload } = usePatientData(id);
  if (error !== null) return <ErrorPanel problem={error} retry={reload} />;
  if (data === null) return <Loading what="the patient" />;
  return <Loaded data={data} reload={reload} />;
}

export default PatientPage;

function Loaded({ data, reload }: { data: PatientData; reload: () => void }): JSX.Element {
  const [form, setForm] = useState<FormKind | null>(null);
  const [saved, setSaved] = useState('');
  const [linksVersion, setLinksVersion] = useState(0);
  const { patient } = data;
  const forecast = usePatientForecast(patient.id, data.doses.length + data.assessments.length);
  const timeline = useMemo(
    () =>
      timelineData({
        doses: data.doses,
        assessments: data.assessments,
        adverseEvents: data.adverseEvents,
        alerts: data.alerts,
        outcomes: data.outcomes.instruments,
        ranges: new Map(data.instruments.map((i) => [i.id, { min: i.totalMin, max: i.totalMax, name: i.shortName }])),
        forecast: forecast.view,
      }),
    [data, forecast.view],
  );
  const done = (message: string) => () => {
    setForm(null);
    setSaved(message);
    reload();
  };
  const open = data.alerts.filter((a) => a.status === 'open').length;
  const noCourse = data.courses.length === 0;

  return (
    <>
      <SyntheticBanner show={patient.synthetic} />
      <div className="page-head">
        <PageHeading title={patient.label}>
          {patient.label}
          {patient.name === null ? null : <span className="heading-sub"> {patient.name}</span>}
        </PageHeading>
        <Link to={`/patients/${patient.id}/summary`} className="button button-secondary">
          Printable summary
        </Link>
      </div>
      <PatientFacts patient={patient} courses={data.courses} instruments={data.instruments} />

      <section aria-labelledby="record-title" className="section record">
        <h2 id="record-title" className="visually-hidden">
          Record
        </h2>
        <div className="toolbar" role="group" aria-label="Record for this patient">
          {FORMS.map((f) => (
            <button
              key={f.kind}
              type="button"
              className={`button ${f.kind === 'dose' ? '' : 'button-secondary'}`}
              aria-expanded={form === f.kind}
              aria-controls="record-panel"
              disabled={noCourse && f.kind === 'dose'}
              onClick={() => {
                setSaved('');
                setForm(form === f.kind ? null : f.kind);
              }}
            >
              {f.label}
            </button>
          ))}
        </div>
        {noCourse ? (
          <p className="callout">No course yet — start a course (“New course”) before recording the first dose.</p>
        ) : null}
        <p role="status" className="saved">
          {saved}
        </p>
        <div id="record-panel">
          {form === 'dose' ? (
            <DoseForm
              patient={patient}
              courses={data.courses}
              onCancel={() => setForm(null)}
              onSaved={(dose) =>
                done(
                  `Dose recorded: ${words(ROUTE_WORDS, dose.route)} ${num(dose.mg)} mg${dose.mgPerKg === null ? '' : ` (${num(dose.mgPerKg, 2)} mg/kg)`} on ${dateTime(dose.givenAt)}.`,
                )()
              }
            />
          ) : null}
          {form === 'rating' ? (
            <RatingForm
              patient={patient}
              courses={data.courses}
              onCancel={() => setForm(null)}
              onSaved={(assessment, instrument) => done(ratingSaved(assessment, instrument))()}
            />
          ) : null}
          {form === 'adverse' ? (
            <AdverseEventForm
              patient={patient}
              doses={data.doses}
              onCancel={() => setForm(null)}
              onSaved={done('Adverse event recorded.')}
            />
          ) : null}
          {form === 'therapy' ? (
            <TherapySessionForm
              patient={patient}
              courses={data.courses}
              onCancel={() => setForm(null)}
              onSaved={done('Therapy session recorded.')}
            />
          ) : null}
          {form === 'medication' ? (
            <MedicationForm patient={patient} onCancel={() => setForm(null)} onSaved={done('Medication recorded.')} />
          ) : null}
          {form === 'link' ? (
            <LinkIssuer
              patient={patient}
              onCancel={() => setForm(null)}
              onIssued={() => setLinksVersion((v) => v + 1)}
            />
          ) : null}
          {form === 'contact' ? (
            <ContactForm patient={patient} onCancel={() => setForm(null)} onSaved={done('Contact details saved.')} />
          ) : null}
          {form === 'course' ? (
            <CourseForm patient={patient} onCancel={() => setForm(null)} onSaved={done('Course started.')} />
          ) : null}
        </div>
      </section>

      <section aria-labelledby="alerts-title" className="section">
        <h2 id="alerts-title">Alerts {open > 0 ? <span className="count">({open} open)</span> : null}</h2>
        <AlertList alerts={data.alerts} onChanged={reload} />
      </section>

      <section aria-labelledby="links-title" className="section">
        <h2 id="links-title">Patient links</h2>
        {/* A new key after a link is issued reads the list afresh. */}
        <PatientLinks key={linksVersion} patientId={patient.id} />
      </section>

      <section aria-labelledby="schedules-title" className="section">
        <h2 id="schedules-title">Measurement schedules</h2>
        <CourseSchedules patientId={patient.id} courses={data.courses} />
      </section>

      <section aria-labelledby="timeline-title" className="section">
        <h2 id="timeline-title">Timeline</h2>
        <Timeline data={timeline} patientLabel={patient.label} />
      </section>

      <section aria-labelledby="forecast-title" className="section">
        <h2 id="forecast-title">Forecast</h2>
        <ForecastCard
          forecast={forecast}
          instrumentName={(id) => data.instruments.find((i) => i.id === id)?.shortName ?? id}
        />
      </section>

      <section aria-labelledby="outcomes-title" className="section">
        <h2 id="outcomes-title">Outcomes</h2>
        <OutcomeSummary view={data.outcomes} doses={data.doses} />
      </section>

      <section aria-labelledby="records-title" className="section">
        <h2 id="records-title">Records</h2>
        <RecordLists
          label={patient.label}
          doses={data.doses}
          adverseEvents={data.adverseEvents}
          therapy={data.therapy}
          medications={data.medications}
        />
      </section>
    </>
  );
}

/** "HAM-A saved: total 23 of 56 (mild to moderate)." — the score the server worked out on saving. */
function ratingSaved(assessment: Assessment, instrument: Instrument | undefined): string {
  const name = instrument?.shortName ?? assessment.instrument;
  if (assessment.total === null) return `${name} saved; some items are unanswered, so it has no total.`;
  const of = instrument === undefined ? '' : ` of ${instrument.totalMax}`;
  const band = assessment.band === null ? '' : ` (${assessment.band})`;
  return `${name} saved: total ${num(assessment.total, 0)}${of}${band}.`;
}
