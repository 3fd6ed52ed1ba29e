import type { JSX } from 'react';
import { CONDITION_WORDS, date, num, usd, words } from '../../format.js';
import { instrumentName } from '../../instruments.js';
import type { Course, Instrument, Patient } from '../../types.js';
import { MODALITY_WORDS } from './forms/TherapySessionForm.js';

/** Who the patient is and which course they are on, in one glance. */
export function PatientFacts({
  patient,
  courses,
  instruments,
}: {
  patient: Patient;
  courses: readonly Course[];
  instruments: readonly Instrument[];
}): JSX.Element {
  const course = courses[courses.length - 1];
  const age = patient.birthYear === null ? null : new Date().getFullYear() - patient.birthYear;
  return (
    <dl className="facts">
      <div>
        <dt>Conditions</dt>
        <dd>
          {patient.conditions.length === 0
            ? 'none recorded'
            : patient.conditions.map((c) => words(CONDITION_WORDS, c)).join(', ')}
        </dd>
      </div>
      <div>
        <dt>Age, sex</dt>
        <dd>
          {age === null ? 'age unknown' : `about ${age}`}, {patient.sex ?? 'sex not recorded'}
        </dd>
      </div>
      <div>
        <dt>Weight</dt>
        <dd>
          {patient.weightKg === null ? 'not recorded (mg/kg cannot be worked out)' : `${num(patient.weightKg)} kg`}
        </dd>
      </div>
      <div>
        <dt>Contact</dt>
        <dd>
          {patient.email === null && patient.phone === null
            ? 'no e-mail address or phone recorded'
            : [patient.email, patient.phone].filter((c) => c !== null).join(' · ')}
        </dd>
      </div>
      {patient.history.length === 0 ? null : (
        <div>
          <dt>History</dt>
          <dd>{patient.history.join(', ').replace(/-/g, ' ')}</dd>
        </div>
      )}
      <div>
        <dt>Course</dt>
        <dd>
          {course === undefined
            ? 'no course yet'
            : `since ${date(course.startedAt)} · ${course.phase} · primary ${instrumentName(instruments, course.primaryInstrument)} · ${MODALITY_WORDS[course.modality] ?? course.modality} integration · ${course.defaultPriceUsd === null ? 'no default price' : `${usd(course.defaultPriceUsd)} per session`}`}
        </dd>
      </div>
    </dl>
  );
}
