import { describe, expect, it } from 'vitest';
import { AdverseEventInput } from '../adverse-events/adverse-event.schema.js';
import { AssessmentInput } from '../assessments/assessment.schema.js';
import { CourseInput } from '../courses/course.schema.js';
import { DoseInput } from '../doses/dose.schema.js';
import { isInstrumentId } from '../instruments/registry.js';
import { scoreAnswers } from '../instruments/score.js';
import { MedicationInput } from '../medications/medication.schema.js';
import { PatientInput } from '../patients/patient.schema.js';
import { validate } from '../shared/validate.js';
import { TherapySessionInput } from '../therapy-sessions/therapy-session.schema.js';
import { generateCohort } from './generate.js';
import { timeOrderedIds } from '../shared/ids.js';
import { addPatientRows, emptyRows, precedingDoseId, type SyntheticRows } from './rows.js';
import type { SyntheticDose } from './types.js';

const cohort = generateCohort({ seed: 7, patients: 60, start: Date.UTC(2025, 0, 1) });
const rows: SyntheticRows = emptyRows();
const context = { clinicId: 'clinic-1', stamp: '2026-03-01T12:00:00.000Z', newId: timeOrderedIds() };
for (const patient of cohort) addPatientRows(rows, patient, context);

const dollars = (cents: number | null | undefined): number | null => (cents == null ? null : cents / 100);
const parse = (text: string): unknown => JSON.parse(text);

describe('rows of synthetic patients', () => {
  it('carries the 24-hour check-ins, scored, and stores no true relief length', () => {
    const checkIns = rows.assessments.filter((a) => a.instrument === 'anxiety-vas');
    const generated = cohort.flatMap((p) => p.assessments.filter((a) => a.instrument === 'anxiety-vas'));
    expect(checkIns).toHaveLength(generated.length);
    expect(checkIns.length).toBeGreaterThan(60); // at least the baseline check-in of each of the 60 patients
    expect(checkIns.map((a) => a.total)).toEqual(generated.map((a) => a.answers[0]));
    for (const dose of rows.doses) expect(Object.keys(dose).some((key) => /relief/i.test(key))).toBe(false);
  });

  it('has one row per generated record in every table', () => {
    const sum = (pick: (p: (typeof cohort)[number]) => number): number => cohort.reduce((n, p) => n + pick(p), 0);
    expect(rows.patients).toHaveLength(60);
    expect(rows.courses).toHaveLength(60);
    expect(rows.doses).toHaveLength(sum((p) => p.doses.length));
    expect(rows.assessments).toHaveLength(sum((p) => p.assessments.length));
    expect(rows.adverse_events).toHaveLength(sum((p) => p.adverseEvents.length));
    expect(rows.therapy_sessions).toHaveLength(sum((p) => p.therapySessions.length));
    expect(rows.medications).toHaveLength(sum((p) => p.medications.length));
  });

  // The bulk load skips the services, so every row must be one the services would have accepted.
  it('holds only records that pass the services’ own input schemas and cross-field rules', () => {
    for (const p of rows.patients) {
      validate(PatientInput, {
        label: p.label,
        email: p.email,
        birthYear: p.birth_year,
        sex: p.sex,
        weightKg: p.weight_kg,
        conditions: parse(p.conditions),
        history: parse(p.history),
        synthetic: true,
      });
      expect(p.birth_year).toBeLessThanOrEqual(2026);
    }
    for (const c of rows.courses) {
      validate(CourseInput, {
        patientId: c.patient_id,
        startedAt: c.started_at,
        phase: c.phase,
        primaryInstrument: c.primary_instrument,
        modality: c.modality,
        defaultPriceUsd: dollars(c.default_price_cents),
        usualDrug: c.usual_drug,
        usualRoute: c.usual_route,
        usualMg: c.usual_mg,
      });
      expect(isInstrumentId(c.primary_instrument)).toBe(true);
    }
    for (const d of rows.doses) {
      validate(DoseInput, {
        patientId: d.patient_id,
        courseId: d.course_id,
        givenAt: d.given_at,
        drug: d.drug,
        route: d.route,
        mg: d.mg,
        setting: d.setting,
        observationMinutes: d.observation_minutes,
        systolicBefore: d.systolic_before,
        diastolicBefore: d.diastolic_before,
        heartRateBefore: d.heart_rate_before,
        spo2Before: d.spo2_before,
        systolicAfter: d.systolic_after,
        diastolicAfter: d.diastolic_after,
        dissociation: d.dissociation,
        priceUsd: dollars(d.price_cents),
      });
      expect(d.diastolic_before ?? 0).toBeLessThan(d.systolic_before ?? 0);
      expect(d.diastolic_after ?? 0).toBeLessThan(d.systolic_after ?? 0);
    }
    for (const a of rows.assessments) {
      validate(AssessmentInput, {
        patientId: a.patient_id,
        courseId: a.course_id,
        instrument: a.instrument,
        completedAt: a.completed_at,
        source: a.source,
        answers: parse(a.answers),
      });
    }
    // The sample holds events with actions, so the vocabulary of actions is exercised too.
    expect(rows.adverse_events.filter((e) => e.action !== null).length).toBeGreaterThan(0);
    for (const e of rows.adverse_events) {
      validate(AdverseEventInput, {
        patientId: e.patient_id,
        doseId: e.dose_id,
        category: e.category,
        grade: e.grade,
        onsetAt: e.onset_at,
        action: e.action,
        outcome: e.outcome,
      });
    }
    for (const s of rows.therapy_sessions) {
      validate(TherapySessionInput, {
        patientId: s.patient_id,
        courseId: s.course_id,
        heldAt: s.held_at,
        kind: s.kind,
        modality: s.modality,
        minutes: s.minutes,
      });
    }
    for (const m of rows.medications) {
      validate(MedicationInput, {
        patientId: m.patient_id,
        name: m.name,
        drugClass: m.drug_class,
        startedOn: m.started_on,
        stoppedOn: m.stopped_on,
      });
      expect(m.stopped_on == null || m.stopped_on >= m.started_on).toBe(true);
    }
  });

  it('marks every patient synthetic and keeps the SYN label', () => {
    expect(rows.patients.every((p) => p.synthetic === 1 && /^SYN-\d{5}$/.test(p.label))).toBe(true);
  });

  it('scores each assessment with the instrument library, as the assessment service does', () => {
    const first = cohort[0]!;
    const generated = first.assessments[0]!;
    const row = rows.assessments[0]!;
    const expected = scoreAnswers(generated.instrument, generated.answers);
    expect(row).toMatchObject({
      instrument: generated.instrument,
      completed_at: new Date(generated.at).toISOString(),
      total: expected.total,
      band: expected.band,
      complete: 1,
      answers: JSON.stringify(expected.answers),
      flags: JSON.stringify(expected.flags),
    });
    // The baseline GAD-7 of 7 items 0–3: its total is the plain sum of the answers.
    expect(generated.instrument).toBe('gad7');
    expect(row.total).toBe(generated.answers.reduce((s, v) => s + v, 0));
  });

  it('derives mg/kg from the weight to three decimals and money in cents', () => {
    const patient = cohort[0]!;
    const dose = patient.doses[0]!;
    expect(rows.doses[0]?.mg_per_kg).toBe(Math.round((dose.mg / patient.weightKg) * 1000) / 1000);
    expect(rows.doses[0]?.price_cents).toBe(dose.priceUsd === null ? null : Math.round(dose.priceUsd * 100));
  });

  it('puts a course with boosters beyond the 6-dose induction in maintenance', () => {
    cohort.forEach((patient, i) => {
      expect(rows.courses[i]?.phase).toBe(patient.doses.length > 6 ? 'maintenance' : 'induction');
    });
  });
});

describe('the dose an adverse event followed', () => {
  const dose = (at: number): SyntheticDose => ({ ...cohort[0]!.doses[0]!, at });
  const doses = [dose(100), dose(200), dose(300)];
  const ids = ['d1', 'd2', 'd3'];

  it('is the latest dose at or before the event', () => {
    expect(precedingDoseId(doses, ids, 250)).toBe('d2');
    expect(precedingDoseId(doses, ids, 300)).toBe('d3');
    expect(precedingDoseId(doses, ids, 5000)).toBe('d3');
  });

  it('is none for an event before the first dose', () => {
    expect(precedingDoseId(doses, ids, 99)).toBeNull();
  });
});
