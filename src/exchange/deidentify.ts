/**
 * De-identification for research exports. From one secret: every id becomes a stable pseudonym
 * (HMAC-SHA256, shaped as a UUID), each patient's dates move back by the same secret number of days
 * (1–365, so intervals within a patient are exact), names, contacts and free text are removed, and the
 * birth year is kept only under age 90 (HIPAA Safe Harbor aggregates ages over 89).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Alert } from '../alerts/alert.schema.js';
import type { PatientRecords } from '../fhir/load.js';
import { DAY_MS } from '../shared/time.js';

export const SECRET_ENV = 'ONSET_DEIDENTIFY_SECRET';
/** Dates move back 1–365 days: a year of uncertainty about any real date, never into the future. */
export const MAX_SHIFT_DAYS = 365;
/** HIPAA Safe Harbor (45 CFR 164.514(b)(2)(i)(C)): ages over 89 are aggregated; Onset drops their birth year. */
export const OLDEST_AGE_WITH_BIRTH_YEAR = 89;

export interface DeidentifyKey {
  secret: Buffer;
  /** The export's date: decides who is 90 or older. */
  now: Date;
}

/** The secret from ONSET_DEIDENTIFY_SECRET (stable pseudonyms across exports) or a fresh random one. */
export function deidentifySecret(env: NodeJS.ProcessEnv = process.env): { secret: Buffer; fromEnv: boolean } {
  const configured = env[SECRET_ENV];
  if (configured !== undefined && configured !== '') return { secret: Buffer.from(configured, 'utf8'), fromEnv: true };
  return { secret: randomBytes(32), fromEnv: false };
}

function hmac(secret: Buffer, message: string): Buffer {
  return createHmac('sha256', secret).update(message).digest();
}

/** A stable pseudonym for a record id, shaped as a UUID (version 8, RFC 9562) so exports stay importable. */
export function pseudonymId(secret: Buffer, id: string): string {
  const bytes = hmac(secret, `id:${id}`).subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The patient's label in a research export: "R-" and 12 hex digits of the HMAC of their id. */
export function pseudonymLabel(secret: Buffer, patientId: string): string {
  return `R-${hmac(secret, `label:${patientId}`).toString('hex').slice(0, 12)}`;
}

/** How many days (1–365) this patient's dates move back; the same for every date of the patient. */
export function shiftDays(secret: Buffer, patientId: string): number {
  return 1 + (hmac(secret, `shift:${patientId}`).readUInt32BE(0) % MAX_SHIFT_DAYS);
}

/** Moves a UTC ISO date-time, or a YYYY-MM-DD date, back by whole days. */
export function shiftDate(value: string, days: number): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Date(Date.parse(`${value}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
  return new Date(Date.parse(value) - days * DAY_MS).toISOString();
}

/** One patient's records, de-identified. */
export function deidentifyRecords(records: PatientRecords, key: DeidentifyKey): PatientRecords {
  const { secret } = key;
  const days = shiftDays(secret, records.patient.id);
  const id = (value: string): string => pseudonymId(secret, value);
  const optionalId = (value: string | null): string | null => (value === null ? null : id(value));
  const at = (value: string): string => shiftDate(value, days);
  const optionalAt = (value: string | null): string | null => (value === null ? null : at(value));
  const stamps = <T extends { createdAt: string }>(r: T): Pick<T, 'createdAt'> => ({ createdAt: at(r.createdAt) });
  const both = <T extends { createdAt: string; updatedAt: string }>(r: T): Pick<T, 'createdAt' | 'updatedAt'> => ({
    createdAt: at(r.createdAt),
    updatedAt: at(r.updatedAt),
  });
  const p = records.patient;
  const patientId = id(p.id);
  return {
    patient: {
      ...p,
      ...both(p),
      id: patientId,
      label: pseudonymLabel(secret, p.id),
      name: null,
      email: null,
      phone: null,
      birthYear: birthYearKept(p.birthYear, key.now),
    },
    courses: records.courses.map((c) => ({
      ...c,
      ...both(c),
      id: id(c.id),
      patientId,
      startedAt: at(c.startedAt),
      endedAt: optionalAt(c.endedAt),
      notes: null,
    })),
    doses: records.doses.map((d) => ({
      ...d,
      ...both(d),
      id: id(d.id),
      patientId,
      courseId: id(d.courseId),
      givenAt: at(d.givenAt),
      notes: null,
    })),
    assessments: records.assessments.map((a) => ({
      ...a,
      ...stamps(a),
      id: id(a.id),
      patientId,
      courseId: optionalId(a.courseId),
      completedAt: at(a.completedAt),
      enteredBy: null,
    })),
    adverseEvents: records.adverseEvents.map((e) => ({
      ...e,
      ...both(e),
      id: id(e.id),
      patientId,
      doseId: optionalId(e.doseId),
      onsetAt: at(e.onsetAt),
      notes: null,
    })),
    therapySessions: records.therapySessions.map((s) => ({
      ...s,
      ...both(s),
      id: id(s.id),
      patientId,
      courseId: optionalId(s.courseId),
      heldAt: at(s.heldAt),
      notes: null,
    })),
    // The name is free text typed by a clinician: only the drug class goes to research.
    medications: records.medications.map((m) => ({
      ...m,
      ...both(m),
      id: id(m.id),
      patientId,
      name: `${m.drugClass} (name withheld)`,
      doseText: null,
      startedOn: at(m.startedOn),
      stoppedOn: optionalAt(m.stoppedOn),
    })),
    // Only the readings of a session are loaded for an export (no provider, setting or notes); their times move.
    remsReadings: records.remsReadings.map((s) => ({
      ...s,
      doseId: id(s.doseId),
      beforeAt: optionalAt(s.beforeAt),
      fortyMinuteAt: optionalAt(s.fortyMinuteAt),
      dischargeAt: optionalAt(s.dischargeAt),
      pulseOximetry: s.pulseOximetry.map((reading) => ({ ...reading, at: at(reading.at) })),
      updatedAt: at(s.updatedAt),
    })),
  };
}

/**
 * An alert, de-identified: evidence, comments and who handled it are left out (they hold values, dates and free text).
 */
export function deidentifyAlert(alert: Alert, key: DeidentifyKey): Alert {
  const days = shiftDays(key.secret, alert.patientId);
  const at = (value: string | null): string | null => (value === null ? null : shiftDate(value, days));
  return {
    ...alert,
    id: pseudonymId(key.secret, alert.id),
    clinicId: '',
    patientId: pseudonymId(key.secret, alert.patientId),
    episodeKey: hmac(key.secret, `episode:${alert.episodeKey}`).toString('hex').slice(0, 16),
    raisedAt: shiftDate(alert.raisedAt, days),
    evidence: {},
    acknowledgedBy: null,
    acknowledgedByName: null,
    acknowledgedAt: at(alert.acknowledgedAt),
    acknowledgeComment: null,
    resolvedBy: null,
    resolvedByName: null,
    resolvedAt: at(alert.resolvedAt),
    resolveComment: null,
    createdAt: shiftDate(alert.createdAt, days),
    updatedAt: shiftDate(alert.updatedAt, days),
  };
}

function birthYearKept(birthYear: number | null, now: Date): number | null {
  if (birthYear === null) return null;
  return now.getUTCFullYear() - birthYear > OLDEST_AGE_WITH_BIRTH_YEAR ? null : birthYear;
}
