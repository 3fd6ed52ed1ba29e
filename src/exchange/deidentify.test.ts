import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PatientRecords } from '../fhir/load.js';
import {
  aCourseRecord,
  aDoseRecord,
  aMedicationRecord,
  aPatientRecord,
  aSessionReadingsRecord,
  aTherapySessionRecord,
  anAdverseEventRecord,
  anAssessmentRecord,
} from '../fhir/map/test-records.js';
import {
  MAX_SHIFT_DAYS,
  deidentifyRecords,
  deidentifySecret,
  pseudonymId,
  pseudonymLabel,
  shiftDate,
  shiftDays,
} from './deidentify.js';
import { DAY_MS } from '../shared/time.js';

const UUID_V8 = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const secret = fc.uint8Array({ minLength: 16, maxLength: 64 }).map((bytes) => Buffer.from(bytes));

function records(): PatientRecords {
  return {
    patient: aPatientRecord(),
    courses: [aCourseRecord()],
    doses: [
      aDoseRecord(),
      aDoseRecord({ id: '44444444-4444-4444-8444-444444444445', givenAt: '2026-01-08T10:30:00.000Z' }),
    ],
    assessments: [anAssessmentRecord('gad7', [3, 3, 2, 2, 2, 2, 2], { enteredBy: 'user-1' })],
    adverseEvents: [anAdverseEventRecord()],
    therapySessions: [aTherapySessionRecord()],
    medications: [aMedicationRecord()],
    remsReadings: [aSessionReadingsRecord()],
  };
}

/** Every instant of a patient's records, in a fixed order, as milliseconds. */
function instants(r: PatientRecords): number[] {
  return [
    ...r.courses.map((c) => c.startedAt),
    ...r.doses.map((d) => d.givenAt),
    ...r.assessments.map((a) => a.completedAt),
    ...r.adverseEvents.map((e) => e.onsetAt),
    ...r.therapySessions.map((s) => s.heldAt),
    ...r.medications.flatMap((m) => [`${m.startedOn}T00:00:00Z`, `${m.stoppedOn ?? m.startedOn}T00:00:00Z`]),
    ...r.remsReadings.flatMap((s) => [
      ...[s.beforeAt, s.fortyMinuteAt, s.dischargeAt].filter((t): t is string => t !== null),
      s.updatedAt,
      ...s.pulseOximetry.map((reading) => reading.at),
    ]),
  ].map((t) => Date.parse(t));
}

describe('pseudonyms', () => {
  it('are stable for one secret, UUID-shaped (version 8), and differ between ids and between secrets', () => {
    fc.assert(
      fc.property(secret, secret, fc.uuid(), fc.uuid(), (s1, s2, id1, id2) => {
        expect(pseudonymId(s1, id1)).toBe(pseudonymId(s1, id1));
        expect(pseudonymId(s1, id1)).toMatch(UUID_V8);
        if (id1 !== id2) expect(pseudonymId(s1, id1)).not.toBe(pseudonymId(s1, id2));
        if (!s1.equals(s2)) expect(pseudonymId(s2, id1)).not.toBe(pseudonymId(s1, id1));
        expect(pseudonymLabel(s1, id1)).toMatch(/^R-[0-9a-f]{12}$/);
      }),
    );
  });

  it('without ONSET_DEIDENTIFY_SECRET, each export gets a new random secret', () => {
    const one = deidentifySecret({});
    const two = deidentifySecret({});
    expect(one.fromEnv).toBe(false);
    expect(one.secret.equals(two.secret)).toBe(false);
    expect(deidentifySecret({ ONSET_DEIDENTIFY_SECRET: 'kept' })).toEqual({
      secret: Buffer.from('kept'),
      fromEnv: true,
    });
  });
});

describe('date shifts', () => {
  it('move back between 1 and 365 whole days', () => {
    fc.assert(
      fc.property(secret, fc.uuid(), (s, id) => {
        const days = shiftDays(s, id);
        expect(Number.isInteger(days)).toBe(true);
        expect(days).toBeGreaterThanOrEqual(1);
        expect(days).toBeLessThanOrEqual(MAX_SHIFT_DAYS);
      }),
    );
  });

  it('shift a date-time by exactly that many days, and a date to the same calendar day', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 365 }),
        (when, days) => {
          const iso = when.toISOString();
          expect(Date.parse(iso) - Date.parse(shiftDate(iso, days))).toBe(days * DAY_MS);
          const day = iso.slice(0, 10);
          expect(shiftDate(day, days)).toBe(shiftDate(`${day}T00:00:00.000Z`, days).slice(0, 10));
        },
      ),
    );
  });

  it('keep every interval within a patient exact, whatever the secret', () => {
    const original = records();
    const gaps = (times: number[]): number[] => times.map((t) => t - (times[0] ?? 0));
    fc.assert(
      fc.property(secret, (s) => {
        const shifted = deidentifyRecords(original, { secret: s, now: new Date('2026-03-01T00:00:00Z') });
        expect(gaps(instants(shifted))).toEqual(gaps(instants(original)));
        expect((instants(original)[0] ?? 0) - (instants(shifted)[0] ?? 0)).toBe(
          shiftDays(s, original.patient.id) * DAY_MS,
        );
      }),
    );
  });
});

describe('deidentifyRecords', () => {
  const key = { secret: Buffer.from('test secret'), now: new Date('2026-03-01T00:00:00Z') };

  it('removes names, contacts and free text, and replaces every id and reference consistently', () => {
    const out = deidentifyRecords(records(), key);
    expect(out.patient).toMatchObject({
      name: null,
      email: null,
      phone: null,
      label: pseudonymLabel(key.secret, records().patient.id),
    });
    expect(out.courses[0]?.notes).toBeNull();
    expect(out.doses.map((d) => d.notes)).toEqual([null, null]);
    expect(out.adverseEvents[0]?.notes).toBeNull();
    expect(out.therapySessions[0]?.notes).toBeNull();
    expect(out.medications[0]).toMatchObject({ name: 'ssri (name withheld)', doseText: null });
    expect(out.assessments[0]?.enteredBy).toBeNull();
    const patientId = out.patient.id;
    expect(
      [...out.courses, ...out.doses, ...out.assessments, ...out.adverseEvents].every((r) => r.patientId === patientId),
    ).toBe(true);
    expect(out.doses[0]?.courseId).toBe(out.courses[0]?.id);
    expect(out.adverseEvents[0]?.doseId).toBe(out.doses[0]?.id);
    expect(out.remsReadings[0]?.doseId).toBe(out.doses[0]?.id);
    expect(JSON.stringify(out)).not.toMatch(
      /22222222-2222|33333333-3333|44444444-4444|Ada|example\.org|floaty|Sertraline/,
    );
  });

  it('keeps the clinical values (weight, answers, scores, vitals)', () => {
    const out = deidentifyRecords(records(), key);
    expect(out.patient.weightKg).toBe(68.5);
    expect(out.assessments[0]).toMatchObject({ total: 16, band: 'severe', answers: { 1: 3, 7: 2 } });
    expect(out.doses[0]).toMatchObject({ mg: 35, systolicBefore: 128, dissociation: 4 });
    expect(out.remsReadings[0]).toMatchObject({
      fortyMinuteSystolic: 146,
      pulseOximetry: [{ spo2: 95 }, { spo2: 97 }],
    });
  });

  it('keeps the birth year up to age 89 and drops it from 90 (HIPAA Safe Harbor)', () => {
    const year = (birthYear: number): number | null =>
      deidentifyRecords({ ...records(), patient: aPatientRecord({ birthYear }) }, key).patient.birthYear;
    expect(year(1937)).toBe(1937); // 2026 − 1937 = 89
    expect(year(1936)).toBeNull(); // 2026 − 1936 = 90
  });
});
