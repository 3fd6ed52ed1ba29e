/**
 * Small builders for the safety tests: one patient's records, scored the way the product scores them
 * (assessments go through the instrument library, so totals, completeness and flags are real).
 */
import type { AdverseEvent } from '../adverse-events/adverse-event.schema.js';
import type { Assessment } from '../assessments/assessment.schema.js';
import type { Course } from '../courses/course.schema.js';
import type { Dose } from '../doses/dose.schema.js';
import { answersTotalling } from '../instruments/fixtures.js';
import { getInstrument } from '../instruments/registry.js';
import { scoreAnswers } from '../instruments/score.js';
import type { Answers } from '../instruments/types.js';
import type { Medication } from '../medications/medication.schema.js';
import type { Patient } from '../patients/patient.schema.js';
import { DAY_MS } from '../shared/time.js';
import { resolveSafetySettings, type SafetySettings, type SafetySettingsInput } from './settings.js';
import type { SafetyHistory } from './types.js';

/** Day 0 of every test history: Monday 5 January 2026, 09:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** The UTC ISO time `days` (fractional allowed) after day 0. */
export function day(days: number): string {
  return new Date(T0 + days * DAY_MS).toISOString();
}

const CREATED = '2026-01-01T00:00:00.000Z';
const counters = new Map<string, number>();

function nextId(prefix: string): string {
  const n = (counters.get(prefix) ?? 0) + 1;
  counters.set(prefix, n);
  return `${prefix}-${n}`;
}

/** A synthetic GAD patient, patient-1 of clinic-1. */
export function aPatient(overrides: Partial<Patient> = {}): Patient {
  return {
    id: 'patient-1',
    clinicId: 'clinic-1',
    label: 'P-001',
    name: null,
    email: null,
    phone: null,
    birthYear: 1985,
    sex: 'female',
    weightKg: 70,
    conditions: ['gad'],
    history: [],
    synthetic: true,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

/** Course course-1 of patient-1, primary instrument GAD-7, started a week before day 0. */
export function aCourse(overrides: Partial<Course> = {}): Course {
  return {
    id: 'course-1',
    clinicId: 'clinic-1',
    patientId: 'patient-1',
    startedAt: day(-7),
    endedAt: null,
    phase: 'induction',
    primaryInstrument: 'gad7',
    modality: 'none',
    defaultPriceUsd: null,
    usualDrug: null,
    usualRoute: null,
    usualMg: null,
    notes: null,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

/** A dose of intranasal esketamine 56 mg at day 0, vitals unrecorded, 120 minutes observed. */
export function aDose(overrides: Partial<Dose> = {}): Dose {
  return {
    id: nextId('dose'),
    clinicId: 'clinic-1',
    patientId: 'patient-1',
    courseId: 'course-1',
    givenAt: day(0),
    drug: 'esketamine',
    route: 'intranasal',
    mg: 56,
    mgPerKg: 0.8,
    setting: 'clinic',
    observationMinutes: 120,
    systolicBefore: null,
    diastolicBefore: null,
    heartRateBefore: null,
    spo2Before: null,
    systolicAfter: null,
    diastolicAfter: null,
    heartRateAfter: null,
    spo2After: null,
    dissociation: null,
    priceUsd: null,
    notes: null,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

/** Doses at the given days, ids `<prefix>-<day>` so tests can name them. */
export function dosesOnDays(days: readonly number[], overrides: Partial<Dose> = {}, prefix = 'd'): Dose[] {
  return days.map((d) => aDose({ id: `${prefix}-${d}`, givenAt: day(d), ...overrides }));
}

export interface AssessmentSpec extends Partial<Omit<Assessment, 'answers'>> {
  instrument: string;
  answers: Answers;
}

/** An assessment scored by the instrument library from its answers (array in item order, or by linkId). */
export function anAssessment(spec: AssessmentSpec): Assessment {
  const { answers, ...rest } = spec;
  const score = scoreAnswers(spec.instrument, answers);
  return {
    id: nextId(spec.instrument),
    clinicId: 'clinic-1',
    patientId: 'patient-1',
    courseId: null,
    completedAt: day(0),
    source: 'patient-link',
    enteredBy: null,
    answers: score.answers,
    total: score.total,
    subscales: score.subscales,
    band: score.band,
    complete: score.complete,
    prorated: score.prorated,
    flags: score.flags,
    createdAt: CREATED,
    ...rest,
  };
}

/** A complete assessment of `instrument` totalling `total` (items filled to their maximum from item 1). */
export function aScore(
  instrument: string,
  days: number,
  total: number,
  overrides: Partial<Assessment> = {},
): Assessment {
  return anAssessment({
    instrument,
    answers: answersTotalling(getInstrument(instrument), total),
    completedAt: day(days),
    ...overrides,
  });
}

/** A grade 2 urinary adverse event beginning at day 0, ongoing. */
export function anAdverseEvent(overrides: Partial<AdverseEvent> = {}): AdverseEvent {
  return {
    id: nextId('ae'),
    clinicId: 'clinic-1',
    patientId: 'patient-1',
    doseId: null,
    category: 'urinary',
    grade: 2,
    onsetAt: day(0),
    action: null,
    outcome: 'ongoing',
    notes: null,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

/** Lorazepam (a benzodiazepine) taken since 2025-12-01, not stopped. */
export function aMedication(overrides: Partial<Medication> = {}): Medication {
  return {
    id: nextId('med'),
    clinicId: 'clinic-1',
    patientId: 'patient-1',
    name: 'lorazepam',
    drugClass: 'benzodiazepine',
    doseText: null,
    startedOn: '2025-12-01',
    stoppedOn: null,
    createdAt: CREATED,
    updatedAt: CREATED,
    ...overrides,
  };
}

/** One patient's history: one course, nothing recorded, clinic in UTC, `now` a year after day 0. */
export function aHistory(overrides: Partial<SafetyHistory> = {}): SafetyHistory {
  return {
    patient: aPatient(),
    courses: [aCourse()],
    doses: [],
    assessments: [],
    adverseEvents: [],
    medications: [],
    timeZone: 'UTC',
    now: new Date(T0 + 365 * DAY_MS),
    ...overrides,
  };
}

/** The product defaults with some settings changed (validated like a clinic's stored settings). */
export function settingsWith(overrides: SafetySettingsInput = {}): SafetySettings {
  return resolveSafetySettings(overrides);
}
