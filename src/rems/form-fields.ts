import type { Dose } from '../doses/dose.schema.js';
import type { Patient } from '../patients/patient.schema.js';
import type { FieldProblem } from '../shared/errors.js';
import { localDateOf } from '../shared/time-zone.js';
import { localTimeOf, wholeMinutes } from './monitoring.js';
import type { RemsSession } from './rems-session.schema.js';

/**
 * The SPRAVATO REMS Patient Monitoring Form as Onset fills it from the record (pure). The sections and
 * their fields follow the published form, section by section; docs/rems.md lists each field with its
 * source and marks the ones Onset adds (device count, pulse oximetry readings, the observation notes).
 */

export interface FormField {
  /** The AcroForm field name in the PDF, e.g. 'treatment.lotNumber'. */
  name: string;
  label: string;
  value: string;
}

export interface FormSection {
  title: string;
  fields: FormField[];
}

/** What the form is filled from. */
export interface FormSource {
  session: RemsSession;
  dose: Pick<Dose, 'givenAt' | 'mg' | 'drug'>;
  patient: Pick<Patient, 'name' | 'label' | 'sex'>;
  timeZone: string;
}

const yesNo = (value: boolean | null): string => (value === null ? '' : value ? 'Yes' : 'No');
const withNote = (value: boolean | null, note: string | null): string =>
  value === true && note !== null && note !== '' ? `Yes: ${note}` : yesNo(value);
/** 'YYYY-MM-DD' as the form writes dates, MM/DD/YYYY. */
const usDate = (date: string | null): string =>
  date === null ? '' : `${date.slice(5, 7)}/${date.slice(8, 10)}/${date.slice(0, 4)}`;

/** The patient's name as the form's first and last name: the last word is the last name (docs/rems.md). */
export function splitName(name: string | null): { first: string; last: string } {
  const words = (name ?? '')
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  if (words.length === 0) return { first: '', last: '' };
  if (words.length === 1) return { first: '', last: words[0] ?? '' };
  return { first: words.slice(0, -1).join(' '), last: words[words.length - 1] ?? '' };
}

const SEX: Readonly<Record<string, string>> = { female: 'Female', male: 'Male', other: 'Other', unknown: '' };

/** The dose as the form offers it: 56 mg, 84 mg, or Other with the amount. */
export function doseChoice(mg: number): string {
  return mg === 56 || mg === 84 ? `${mg} mg` : `Other: ${mg} mg`;
}

function pressure(s: RemsSession, reading: 'before' | 'fortyMinute' | 'discharge', zone: string): string {
  const systolic = s[`${reading}Systolic`];
  const diastolic = s[`${reading}Diastolic`];
  const at = s[`${reading}At`];
  if (systolic === null || diastolic === null) return '';
  return `${systolic}/${diastolic} mmHg${at === null ? '' : ` at ${localTimeOf(Date.parse(at), zone)}`}`;
}

/** The form's sections with every value as text, in the published order. */
export function formSections(source: FormSource): FormSection[] {
  const { session: s, dose, patient, timeZone: zone } = source;
  const givenMs = Date.parse(dose.givenAt);
  const minutesAfterDose = (iso: string | null): string =>
    iso === null ? '' : String(wholeMinutes(givenMs, Date.parse(iso)));
  const name = splitName(patient.name);
  const oximetry = s.pulseOximetry.map((r) => `${r.spo2}% at ${localTimeOf(Date.parse(r.at), zone)}`).join('; ');
  return [
    {
      title: 'Patient information',
      fields: [
        { name: 'patient.firstName', label: 'First name', value: name.first },
        { name: 'patient.lastName', label: 'Last name', value: name.last },
        { name: 'patient.birthDate', label: 'Birthdate (MM/DD/YYYY)', value: usDate(s.patientBirthDate) },
        { name: 'patient.sex', label: 'Sex', value: SEX[patient.sex ?? 'unknown'] ?? '' },
      ],
    },
    {
      title: 'Concomitant medication (may cause sedation or blood pressure changes)',
      fields: [
        { name: 'medication.benzodiazepines', label: 'Benzodiazepines', value: yesNo(s.benzodiazepines) },
        {
          name: 'medication.nonBenzodiazepineSedativeHypnotics',
          label: 'Non-benzodiazepine sedative hypnotics',
          value: yesNo(s.nonBenzodiazepineSedativeHypnotics),
        },
        { name: 'medication.psychostimulants', label: 'Psychostimulants', value: yesNo(s.psychostimulants) },
        { name: 'medication.maois', label: 'Monoamine oxidase inhibitors (MAOIs)', value: yesNo(s.maois) },
      ],
    },
    {
      title: 'Healthcare provider conducting patient monitoring',
      fields: [
        { name: 'provider.name', label: 'Name', value: s.providerName ?? '' },
        { name: 'provider.phone', label: 'Telephone', value: s.providerPhone ?? '' },
        { name: 'provider.email', label: 'Email', value: s.providerEmail ?? '' },
      ],
    },
    {
      title: 'Healthcare setting',
      fields: [
        { name: 'setting.name', label: 'Healthcare setting name', value: s.settingName ?? '' },
        { name: 'setting.address', label: 'Address', value: s.settingAddress ?? '' },
      ],
    },
    {
      title: 'Treatment session (administration and monitoring)',
      fields: [
        { name: 'treatment.date', label: 'Treatment date (MM/DD/YYYY)', value: usDate(localDateOf(givenMs, zone)) },
        { name: 'treatment.dose', label: 'Dose administered', value: doseChoice(dose.mg) },
        { name: 'treatment.lotNumber', label: 'Lot number', value: s.lotNumber ?? '' },
        {
          name: 'treatment.devices',
          label: 'Devices used',
          value: s.devicesUsed === null ? '' : String(s.devicesUsed),
        },
        {
          name: 'treatment.totalMinutes',
          label: 'Total time, minutes (first device to completion of monitoring)',
          value: minutesAfterDose(s.dischargedAt),
        },
        {
          name: 'treatment.readyToLeaveMinutes',
          label: 'Ready to leave without the 2-hour minimum, minutes from start',
          value: minutesAfterDose(s.readyToLeaveAt),
        },
      ],
    },
    {
      title: 'Monitoring of vital signs',
      fields: [
        {
          name: 'vitals.acceptableBefore',
          label: 'Vital signs acceptable prior to administration',
          value: yesNo(s.vitalsAcceptableBefore),
        },
        {
          name: 'vitals.acceptableAtCompletion',
          label: 'Vital signs acceptable prior to session completion',
          value: yesNo(s.vitalsAcceptableAtCompletion),
        },
        { name: 'bp.before', label: 'Blood pressure prior to administration', value: pressure(s, 'before', zone) },
        {
          name: 'bp.fortyMinute',
          label: 'Blood pressure 40 min post-administration',
          value: pressure(s, 'fortyMinute', zone),
        },
        {
          name: 'bp.discharge',
          label: 'Blood pressure prior to session completion',
          value: pressure(s, 'discharge', zone),
        },
        { name: 'vitals.pulseOximetry', label: 'Pulse oximetry', value: oximetry },
      ],
    },
    {
      title: 'Observed during monitoring',
      fields: [
        { name: 'observed.sedation', label: 'Sedation', value: withNote(s.sedation, s.sedationNote) },
        { name: 'observed.dissociation', label: 'Dissociation', value: withNote(s.dissociation, s.dissociationNote) },
        {
          name: 'observed.respiratoryDepression',
          label: 'Respiratory depression',
          value: withNote(s.respiratoryDepression, s.respiratoryDepressionNote),
        },
        {
          name: 'observed.seriousAdverseEvent',
          label: 'Serious adverse event',
          value: withNote(s.seriousAdverseEvent, s.seriousAdverseEventDescription),
        },
      ],
    },
  ];
}

/** Every form field in order. */
export const formFields = (source: FormSource): FormField[] => formSections(source).flatMap((s) => s.fields);

const REQUIRED = 'is required for the Patient Monitoring Form';

/**
 * What the form still lacks, each as the session field (or patient field) to fill. The form cannot be
 * submitted while any is missing; pulse oximetry and the notes are not required (docs/rems.md).
 */
export function missingForForm(source: Pick<FormSource, 'session' | 'patient'>): FieldProblem[] {
  const { session: s, patient } = source;
  const problems: FieldProblem[] = [];
  const need = (field: string, missing: boolean, reason = REQUIRED): void => {
    if (missing) problems.push({ field, reason });
  };
  need('patient.name', splitName(patient.name).first === '', `${REQUIRED}: record the patient's first and last name`);
  need('patient.sex', patient.sex === null || patient.sex === 'unknown', `${REQUIRED}: record it on the patient`);
  need('patientBirthDate', s.patientBirthDate === null);
  for (const field of ['benzodiazepines', 'nonBenzodiazepineSedativeHypnotics', 'psychostimulants', 'maois'] as const)
    need(field, s[field] === null);
  for (const field of ['providerName', 'providerPhone', 'providerEmail', 'settingName', 'settingAddress'] as const)
    need(field, s[field] === null || s[field].trim() === '');
  need('lotNumber', s.lotNumber === null);
  for (const reading of ['before', 'fortyMinute', 'discharge'] as const) {
    need(`${reading}Systolic`, s[`${reading}Systolic`] === null);
    need(`${reading}Diastolic`, s[`${reading}Diastolic`] === null);
    need(`${reading}At`, s[`${reading}At`] === null);
  }
  need('vitalsAcceptableBefore', s.vitalsAcceptableBefore === null);
  need('vitalsAcceptableAtCompletion', s.vitalsAcceptableAtCompletion === null);
  for (const field of ['sedation', 'dissociation', 'respiratoryDepression', 'seriousAdverseEvent'] as const)
    need(field, s[field] === null);
  need('readyToLeaveAt', s.readyToLeaveAt === null);
  need('dischargedAt', s.dischargedAt === null);
  return problems;
}
