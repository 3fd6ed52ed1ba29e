/**
 * A dose's monitoring vitals as FHIR R4 vital-sign Observations (read-only, derived like the score
 * Observations): blood pressure (LOINC 85354-9, components 8480-6 and 8462-4, mm[Hg]), heart rate
 * (8867-4, /min) and oxygen saturation (2708-6 with 59408-5, %), each `partOf` the dose's
 * MedicationAdministration. docs/fhir.md "Vital signs" gives the sources of every code and profile.
 *
 * Where the dose has a REMS monitored session (docs/rems.md), the session's readings are the source:
 * its blood pressure before, at about 40 minutes and before discharge, and each pulse oximetry reading,
 * each at its own time. The dose's post-dose pressure is then the highest systolic and the highest
 * diastolic of the session's post-dose readings, and its post-dose SpO2 the lowest reading, written by the
 * session (rems-session.service.ts dosePatchOf): a summary, not a measurement, so it is not published
 * beside the readings it summarises.
 */
import type { CodeableConcept, Coding, Observation, ObservationComponent, Period, Quantity } from '@medplum/fhirtypes';
import type { Dose } from '../../doses/dose.schema.js';
import type { RemsSession } from '../../rems/rems-session.schema.js';
import { MINUTE_MS } from '../../shared/time.js';
import { DATA_ABSENT_REASON, LOINC, OBSERVATION_CATEGORY, UCUM } from '../constants.js';
import { concept } from './codes.js';
import { metaOf } from './common.js';
import type { Linker } from './reference.js';

/** What a session contributes to the vital signs: its readings and their times, nothing else of the form. */
export type SessionReadings = Pick<
  RemsSession,
  | 'doseId'
  | 'beforeSystolic'
  | 'beforeDiastolic'
  | 'beforeAt'
  | 'fortyMinuteSystolic'
  | 'fortyMinuteDiastolic'
  | 'fortyMinuteAt'
  | 'dischargeSystolic'
  | 'dischargeDiastolic'
  | 'dischargeAt'
  | 'pulseOximetry'
  | 'updatedAt'
>;

/** The readings of a session, without the form's other fields. */
export function sessionReadingsOf(session: SessionReadings): SessionReadings {
  return {
    doseId: session.doseId,
    beforeSystolic: session.beforeSystolic,
    beforeDiastolic: session.beforeDiastolic,
    beforeAt: session.beforeAt,
    fortyMinuteSystolic: session.fortyMinuteSystolic,
    fortyMinuteDiastolic: session.fortyMinuteDiastolic,
    fortyMinuteAt: session.fortyMinuteAt,
    dischargeSystolic: session.dischargeSystolic,
    dischargeDiastolic: session.dischargeDiastolic,
    dischargeAt: session.dischargeAt,
    pulseOximetry: session.pulseOximetry,
    updatedAt: session.updatedAt,
  };
}

export type VitalKind = 'bp' | 'hr' | 'spo2';

/** When a reading was taken: its own time, or the span it is known to fall in (FHIR Period: start, end). */
export type Effective = { at: string } | { start?: string; end?: string };

export interface PressureReading {
  kind: 'bp';
  /** The id suffix: `<dose id>.<slot>`. */
  slot: string;
  systolic: number | null;
  diastolic: number | null;
  effective: Effective;
  /** The record the reading is read from: the dose itself, or its REMS monitored session. */
  source: Source;
}

export interface RateReading {
  kind: 'hr' | 'spo2';
  slot: string;
  value: number;
  effective: Effective;
  source: Source;
}

/** Where a reading comes from, with that record's last change (the Observation's meta.lastUpdated). */
export interface Source {
  record: 'dose' | 'rems-session';
  updatedAt: string;
}

export type VitalReading = PressureReading | RateReading;

/** The LOINC codes, their displays and units, as the FHIR R4 vital-signs profiles fix them (docs/fhir.md). */
export const VITAL_CODES = {
  bp: { code: '85354-9', display: 'Blood pressure panel with all children optional', text: 'Blood pressure' },
  systolic: { code: '8480-6', display: 'Systolic blood pressure' },
  diastolic: { code: '8462-4', display: 'Diastolic blood pressure' },
  hr: { code: '8867-4', display: 'Heart rate', text: 'Heart rate' },
  spo2: { code: '2708-6', display: 'Oxygen saturation in Arterial blood', text: 'Oxygen saturation' },
  pulseOximetry: { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry' },
} as const;

/** UCUM code and the unit as shown, per kind (mm[Hg] for both pressures). */
export const VITAL_UNITS = {
  bp: { code: 'mm[Hg]', unit: 'mmHg' },
  hr: { code: '/min', unit: 'beats/minute' },
  spo2: { code: '%', unit: '%' },
} as const;

/** The FHIR R4 core profiles (each derived from http://hl7.org/fhir/StructureDefinition/vitalsigns). */
export const VITAL_PROFILES: Readonly<Record<VitalKind, string>> = {
  bp: 'http://hl7.org/fhir/StructureDefinition/bp',
  hr: 'http://hl7.org/fhir/StructureDefinition/heartrate',
  spo2: 'http://hl7.org/fhir/StructureDefinition/oxygensat',
};

const SLOT = /^(bp-before|bp-40min|bp-discharge|bp-after|hr-before|hr-after|spo2-before|spo2-after|spo2-[1-9]\d?)$/;

/** The dose id and slot of a vital-sign Observation's id (`<dose id>.bp-before`), or undefined. */
export function parseVitalId(id: string): { doseId: string; slot: string } | undefined {
  const dot = id.indexOf('.');
  const doseId = id.slice(0, dot);
  const slot = id.slice(dot + 1);
  if (dot === -1 || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(doseId)) return undefined;
  return SLOT.test(slot) ? { doseId, slot } : undefined;
}

/** Before the dose, no time recorded: at some time up to the dose. */
const beforeDose = (d: Dose): Effective => ({ end: d.givenAt });

/** After the dose, no time recorded: from the dose to the end of observation when that is known. */
function afterDose(d: Dose): Effective {
  if (d.observationMinutes === null) return { start: d.givenAt };
  const end = new Date(Date.parse(d.givenAt) + d.observationMinutes * MINUTE_MS).toISOString();
  return { start: d.givenAt, end };
}

const timed = (at: string | null, otherwise: Effective): Effective => (at === null ? otherwise : { at });

function pressure(
  slot: string,
  systolic: number | null,
  diastolic: number | null,
  effective: Effective,
  source: Source,
): PressureReading[] {
  return systolic === null && diastolic === null ? [] : [{ kind: 'bp', slot, systolic, diastolic, effective, source }];
}

function rate(
  kind: 'hr' | 'spo2',
  slot: string,
  value: number | null,
  effective: Effective,
  source: Source,
): RateReading[] {
  return value === null ? [] : [{ kind, slot, value, effective, source }];
}

/**
 * The readings a dose's vitals stand for. A session reading with a value replaces the dose's field it
 * was written into: the session's pre-dose pressure replaces the dose's; its 40-minute and discharge
 * pressures replace the dose's post-dose pressure (their highest values); its pulse oximetry readings
 * replace the dose's post-dose SpO2 (their lowest). Heart rates and the pre-dose SpO2 are the dose's own.
 */
export function vitalReadings(d: Dose, session: SessionReadings | null): VitalReading[] {
  const fromSession = session === null ? emptySession : sessionReadings(d, session);
  const at: Source = { record: 'dose', updatedAt: d.updatedAt };
  const { before: sessionBefore, after: sessionAfter, oximetry } = fromSession;
  return [
    ...(sessionBefore.length > 0
      ? sessionBefore
      : pressure('bp-before', d.systolicBefore, d.diastolicBefore, beforeDose(d), at)),
    ...(sessionAfter.length > 0
      ? sessionAfter
      : pressure('bp-after', d.systolicAfter, d.diastolicAfter, afterDose(d), at)),
    ...rate('hr', 'hr-before', d.heartRateBefore, beforeDose(d), at),
    ...rate('hr', 'hr-after', d.heartRateAfter, afterDose(d), at),
    ...rate('spo2', 'spo2-before', d.spo2Before, beforeDose(d), at),
    ...(oximetry.length > 0 ? oximetry : rate('spo2', 'spo2-after', d.spo2After, afterDose(d), at)),
  ];
}

const emptySession = { before: [], after: [], oximetry: [] };

/** A session's readings: the pre-dose pressure, the post-dose pressures and the pulse oximetry, in time order. */
function sessionReadings(
  d: Dose,
  s: SessionReadings,
): { before: PressureReading[]; after: PressureReading[]; oximetry: RateReading[] } {
  const source: Source = { record: 'rems-session', updatedAt: s.updatedAt };
  const after = afterDose(d);
  return {
    before: pressure('bp-before', s.beforeSystolic, s.beforeDiastolic, timed(s.beforeAt, beforeDose(d)), source),
    after: [
      ...pressure('bp-40min', s.fortyMinuteSystolic, s.fortyMinuteDiastolic, timed(s.fortyMinuteAt, after), source),
      ...pressure('bp-discharge', s.dischargeSystolic, s.dischargeDiastolic, timed(s.dischargeAt, after), source),
    ],
    oximetry: [...s.pulseOximetry]
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
      .map((reading, i) => ({
        kind: 'spo2',
        slot: `spo2-${i + 1}`,
        value: reading.spo2,
        effective: { at: reading.at },
        source,
      })),
  };
}

const loinc = (c: { code: string; display: string }): Coding => ({ system: LOINC, code: c.code, display: c.display });

function vitalQuantity(kind: VitalKind, value: number): Quantity {
  return { value, unit: VITAL_UNITS[kind].unit, system: UCUM, code: VITAL_UNITS[kind].code };
}

function pressureComponent(code: { code: string; display: string }, value: number | null): ObservationComponent {
  return {
    code: concept([loinc(code)]),
    ...(value === null
      ? {
          dataAbsentReason: {
            coding: [{ system: DATA_ABSENT_REASON, code: 'unknown', display: 'Unknown' }],
            text: 'not recorded',
          },
        }
      : { valueQuantity: vitalQuantity('bp', value) }),
  };
}

function codeOf(kind: VitalKind): CodeableConcept {
  if (kind === 'bp') return concept([loinc(VITAL_CODES.bp)], VITAL_CODES.bp.text);
  if (kind === 'hr') return concept([loinc(VITAL_CODES.hr)], VITAL_CODES.hr.text);
  return concept([loinc(VITAL_CODES.spo2), loinc(VITAL_CODES.pulseOximetry)], VITAL_CODES.spo2.text);
}

function effectiveOf(effective: Effective): Pick<Observation, 'effectiveDateTime' | 'effectivePeriod'> {
  if ('at' in effective) return { effectiveDateTime: effective.at };
  const period: Period = {
    ...(effective.start === undefined ? {} : { start: effective.start }),
    ...(effective.end === undefined ? {} : { end: effective.end }),
  };
  return { effectivePeriod: period };
}

/** The Observation of one reading of dose `d`. */
export function vitalToObservation(reading: VitalReading, d: Dose, link: Linker): Observation {
  return {
    resourceType: 'Observation',
    id: `${d.id}.${reading.slot}`,
    meta: { ...metaOf(reading.source.updatedAt), profile: [VITAL_PROFILES[reading.kind]] },
    status: 'final',
    category: [concept([{ system: OBSERVATION_CATEGORY, code: 'vital-signs', display: 'Vital Signs' }], 'Vital Signs')],
    code: codeOf(reading.kind),
    subject: { reference: link('Patient', d.patientId) },
    partOf: [{ reference: link('MedicationAdministration', d.id) }],
    ...effectiveOf(reading.effective),
    ...(reading.kind === 'bp'
      ? {
          component: [
            pressureComponent(VITAL_CODES.systolic, reading.systolic),
            pressureComponent(VITAL_CODES.diastolic, reading.diastolic),
          ],
        }
      : { valueQuantity: vitalQuantity(reading.kind, reading.value) }),
  };
}

/** Every vital-sign Observation of dose `d` (with its session's readings, when it has a session). */
export function doseVitalObservations(d: Dose, session: SessionReadings | null, link: Linker): Observation[] {
  return vitalReadings(d, session).map((reading) => vitalToObservation(reading, d, link));
}

/** The session of each dose, by dose id. */
export function sessionsByDose(sessions: readonly SessionReadings[]): ReadonlyMap<string, SessionReadings> {
  return new Map(sessions.map((s) => [s.doseId, s]));
}

/** The vital-sign Observations of a patient's doses, dose by dose. */
export function vitalObservationsOf(
  doses: readonly Dose[],
  sessions: readonly SessionReadings[],
  link: Linker,
): Observation[] {
  const byDose = sessionsByDose(sessions);
  return doses.flatMap((d) => doseVitalObservations(d, byDose.get(d.id) ?? null, link));
}
