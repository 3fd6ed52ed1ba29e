import { afterAll, beforeAll, expect, it } from 'vitest';
import { adverseEventService } from '../adverse-events/adverse-event.service.js';
import { assessmentService } from '../assessments/assessment.service.js';
import { listEntries } from '../audit/audit.repository.js';
import type { DoseInput } from '../doses/dose.schema.js';
import { computeCohortReport } from '../outcomes/cohort/compute.js';
import type { CohortPatientInput } from '../outcomes/cohort/types.js';
import type { PatientInput } from '../patients/patient.schema.js';
import type { ServiceContext } from '../records/context.js';
import type { AdverseCategory } from '../shared/vocabulary.js';
import { aClinicContext, aCourse, aDose, aPatient } from '../../test/support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../../test/support/databases.js';
import { loadCohortInputs, outcomeDefinition } from './cohort-inputs.js';
import { cohortReport } from './cohort.service.js';

/** One patient as recorded: times are UTC ISO strings; a GAD-7 total of null is an unfinished form. */
interface Spec {
  conditions: NonNullable<PatientInput['conditions']>;
  /** Default price of each course (the patient's first course is course 0). */
  courses?: (number | null)[];
  doses: {
    at: string;
    course?: number;
    route?: DoseInput['route'];
    setting?: DoseInput['setting'];
    priceUsd?: number | null;
  }[];
  gad7?: [string, number | null][];
  phq9?: [string, number][];
  events?: [string, AdverseCategory][];
}

/** Answers of an instrument whose items run 0–3 summing to `total` (3s first), or one item left blank. */
function answersFor(items: number, total: number | null): (number | null)[] {
  if (total === null) return [1, 1, 1, 1, 1, 1, null];
  return Array.from({ length: items }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
}

/**
 * Records the patient through the real services and returns what the cohort loader should read back:
 * each dose priced by itself or its own course's default, GAD-7 totals only, times in epoch ms.
 */
async function recordPatient(ctx: ServiceContext, spec: Spec): Promise<CohortPatientInput> {
  const patient = await aPatient(ctx, { conditions: spec.conditions });
  const courses = [];
  for (const price of spec.courses ?? [450]) courses.push(await aCourse(ctx, patient.id, { defaultPriceUsd: price }));
  const doses = [];
  for (const d of spec.doses) {
    const course = courses[d.course ?? 0]!;
    const dose = await aDose(ctx, patient.id, course.id, {
      givenAt: d.at,
      route: d.route ?? 'iv',
      setting: d.setting ?? 'clinic',
      priceUsd: d.priceUsd ?? null,
    });
    doses.push({
      at: Date.parse(d.at),
      priceUsd: d.priceUsd ?? course.defaultPriceUsd,
      route: dose.route,
      setting: dose.setting,
    });
  }
  for (const [at, total] of spec.gad7 ?? []) {
    await assessmentService.create(ctx, {
      patientId: patient.id,
      courseId: courses[0]!.id,
      instrument: 'gad7',
      completedAt: at,
      answers: answersFor(7, total),
    });
  }
  for (const [at, total] of spec.phq9 ?? []) {
    await assessmentService.create(ctx, {
      patientId: patient.id,
      instrument: 'phq9',
      completedAt: at,
      answers: answersFor(9, total),
    });
  }
  for (const [at, category] of spec.events ?? []) {
    await adverseEventService.create(ctx, { patientId: patient.id, category, grade: 1, onsetAt: at });
  }
  return {
    patientId: patient.id,
    conditions: spec.conditions,
    doses,
    assessments: (spec.gad7 ?? []).map(([at, total]) => ({ at: Date.parse(at), total, complete: total !== null })),
    defaultPriceUsd: null,
    adverseEvents: (spec.events ?? []).map(([at, category]) => ({ at: Date.parse(at), category })),
  };
}

const JANUARY = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) };
const byId = (a: CohortPatientInput, b: CohortPatientInput): number => (a.patientId < b.patientId ? -1 : 1);

describeEachEngine('cohort report from the database', (engine) => {
  let test: TestDatabase;
  let clinic: ServiceContext;
  let other: ServiceContext;
  let inMemory: CohortPatientInput[];
  let otherPatientId: string;

  beforeAll(async () => {
    test = await freshDatabase(engine);
    clinic = await aClinicContext(test.handle, 'Clinic A');
    other = await aClinicContext(test.handle, 'Clinic B');
    inMemory = [
      // A: baseline 16 → responds at 6 (≤ 8) on 6 Jan; 3 doses: $450 (course default) + $500 + $450.
      await recordPatient(clinic, {
        conditions: ['gad', 'sad'],
        doses: [
          { at: '2026-01-05T10:00:00Z' },
          { at: '2026-01-12T10:00:00Z', priceUsd: 500 },
          { at: '2026-01-19T10:00:00Z' },
        ],
        gad7: [
          ['2026-01-04T09:00:00Z', 16],
          ['2026-01-06T09:00:00Z', 6],
          ['2026-01-10T09:00:00Z', 12],
          ['2026-01-13T09:00:00Z', 4],
          ['2026-01-20T09:00:00Z', 10],
        ],
        phq9: [['2026-01-04T09:00:00Z', 12]],
        events: [['2026-01-05T14:00:00Z', 'nausea']],
      }),
      // B: started in December, dosed again in January (in the January cohort); sublingual at home.
      // Baseline 14 on 18 Dec → 7 on 21 Dec responds; an unfinished form on 10 Jan. 2 × $150.
      await recordPatient(clinic, {
        conditions: ['panic'],
        doses: [
          { at: '2025-12-20T10:00:00Z', route: 'sublingual', setting: 'home-alone', priceUsd: 150 },
          { at: '2026-01-08T10:00:00Z', route: 'sublingual', setting: 'home-alone', priceUsd: 150 },
        ],
        gad7: [
          ['2025-12-18T09:00:00Z', 14],
          ['2025-12-21T09:00:00Z', 7],
          ['2026-01-09T09:00:00Z', 5],
          ['2026-01-10T09:00:00Z', null],
        ],
      }),
      // C: dosed only in December: in the clinic's cohort, not in January's.
      await recordPatient(clinic, {
        conditions: ['gad'],
        doses: [{ at: '2025-12-10T10:00:00Z' }],
        gad7: [['2025-12-09T09:00:00Z', 15]],
      }),
      // E: two courses; dose 1 takes course 1's default $300, dose 2 (course 2, no default) is $800.
      // Baseline 10 → 9, 8: never ≤ 5, a non-responder.
      await recordPatient(clinic, {
        conditions: ['ptsd'],
        courses: [300, null],
        doses: [{ at: '2026-01-06T10:00:00Z' }, { at: '2026-01-20T10:00:00Z', course: 1, priceUsd: 800 }],
        gad7: [
          ['2026-01-05T09:00:00Z', 10],
          ['2026-01-07T09:00:00Z', 9],
          ['2026-01-21T09:00:00Z', 8],
        ],
      }),
    ].sort(byId);
    // D: enrolled and assessed, never dosed: in no cohort.
    await recordPatient(clinic, { conditions: ['gad'], doses: [], gad7: [['2026-01-04T09:00:00Z', 18]] });
    // Clinic B's patient, dosed in January: must never appear in clinic A's numbers.
    otherPatientId = (
      await recordPatient(other, {
        conditions: ['gad'],
        doses: [{ at: '2026-01-07T10:00:00Z' }],
        gad7: [
          ['2026-01-06T09:00:00Z', 20],
          ['2026-01-08T09:00:00Z', 2],
        ],
        events: [['2026-01-07T12:00:00Z', 'urinary']],
      })
    ).patientId;
  });
  afterAll(async () => {
    await test.drop();
  });

  it('loads every dosed patient of the clinic with all records, prices resolved and times in ms', async () => {
    expect(await loadCohortInputs(clinic, { instrument: 'gad7' })).toEqual(inMemory);
  });

  it('loads only patients with a dose in the period, with all of their records', async () => {
    const january = await loadCohortInputs(clinic, { instrument: 'gad7', ...JANUARY });
    const dosedInJanuary = inMemory.filter((p) => p.doses.some((d) => d.at >= JANUARY.from && d.at < JANUARY.to));
    expect(dosedInJanuary).toHaveLength(3);
    expect(january).toEqual(dosedInJanuary);
    expect(january.find((p) => p.conditions.includes('panic'))?.doses).toHaveLength(2);
  });

  it('gives the same report as the outcome engine on the same data built in memory', async () => {
    const { definition, report } = await cohortReport(clinic, { instrument: 'gad7', filter: JANUARY });
    expect(definition).toEqual({ instrument: 'gad7', responseFraction: 0.5, remissionMax: 4, reliableChange: 4 });
    expect(report).toEqual(computeCohortReport({ definition, patients: inMemory, filter: JANUARY }));
  });

  it('has the hand-worked January numbers', async () => {
    const { report } = await cohortReport(clinic, { instrument: 'gad7', filter: JANUARY });
    // A, B (dosed in January) and E; C was dosed only in December, D never.
    expect(report.n).toBe(3);
    expect(report.withoutBaseline).toBe(0);
    // Costs: A $1,400, B $300, E $1,100 = $2,800; responders A and B → $1,400 per responder.
    expect(report.costPerResponder).toMatchObject({ totalCostUsd: 2800, responders: 2, valueUsd: 1400 });
    // One nausea event over 3 + 2 + 2 = 7 doses → 14.29 per 100 doses (clinic B's urinary event is not here).
    expect(report.adverseEvents.doses).toBe(7);
    expect(report.adverseEvents.byCategory).toEqual([{ category: 'nausea', count: 1, per100Doses: (1 / 7) * 100 }]);
    // Onset: A on day 1 (6 Jan 09:00 − 5 Jan 10:00 = 23 h), B 23 h after 20 Dec; E censored.
    expect(report.onset.overall?.table[0]).toMatchObject({ time: 23 / 24, nEvent: 2 });
  });

  it('filters on a dose by route and setting, and on condition', async () => {
    expect((await cohortReport(clinic, { instrument: 'gad7', filter: { route: 'sublingual' } })).report.n).toBe(1);
    expect(
      (await cohortReport(clinic, { instrument: 'gad7', filter: { setting: 'clinic', ...JANUARY } })).report.n,
    ).toBe(2);
    expect((await cohortReport(clinic, { instrument: 'gad7', filter: { condition: 'gad' } })).report.n).toBe(2);
  });

  it('never shows another clinic’s patients', async () => {
    const all = await loadCohortInputs(clinic, { instrument: 'gad7' });
    expect(all.map((p) => p.patientId)).not.toContain(otherPatientId);
    const theirs = await cohortReport(other, { instrument: 'gad7' });
    expect(theirs.report.n).toBe(1);
    expect(theirs.report.adverseEvents.byCategory.map((c) => c.category)).toEqual(['urinary']);
  });

  it('keeps to the clinic even when another clinic has records under the same patient id', async () => {
    // Ids are unique only within a clinic (primary key clinic_id + id): give clinic B a twin of A's first
    // patient, with a course, a dose, a GAD-7 and an adverse event of its own.
    const twin = inMemory[0]!.patientId;
    const stamp = '2026-02-01T00:00:00.000Z';
    const db = test.handle.db;
    const b = other.clinicId;
    await db
      .insertInto('patients')
      .values({
        clinic_id: b,
        id: twin,
        label: 'TWIN',
        label_key: 'twin',
        name: null,
        email: null,
        phone: null,
        birth_year: null,
        sex: null,
        weight_kg: null,
        conditions: '["ocd"]',
        history: '[]',
        synthetic: 0,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    await db
      .insertInto('courses')
      .values({
        clinic_id: b,
        id: 'twin-course',
        patient_id: twin,
        started_at: stamp,
        ended_at: null,
        phase: 'induction',
        primary_instrument: 'gad7',
        modality: 'none',
        default_price_cents: 99_900,
        usual_drug: null,
        usual_route: null,
        usual_mg: null,
        notes: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    await db
      .insertInto('doses')
      .values({
        clinic_id: b,
        id: 'twin-dose',
        patient_id: twin,
        course_id: 'twin-course',
        given_at: '2026-01-15T10:00:00.000Z',
        drug: 'esketamine',
        route: 'intranasal',
        mg: 56,
        mg_per_kg: null,
        setting: 'clinic',
        observation_minutes: null,
        systolic_before: null,
        diastolic_before: null,
        heart_rate_before: null,
        spo2_before: null,
        systolic_after: null,
        diastolic_after: null,
        heart_rate_after: null,
        spo2_after: null,
        dissociation: null,
        price_cents: null,
        notes: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    await db
      .insertInto('assessments')
      .values({
        clinic_id: b,
        id: 'twin-gad7',
        patient_id: twin,
        course_id: null,
        instrument: 'gad7',
        completed_at: '2026-01-15T12:00:00.000Z',
        source: 'import',
        entered_by: null,
        answers: '{}',
        total: 0,
        subscales: '{}',
        band: 'minimal',
        complete: 1,
        prorated: 0,
        flags: '[]',
        created_at: stamp,
      })
      .execute();
    await db
      .insertInto('adverse_events')
      .values({
        clinic_id: b,
        id: 'twin-event',
        patient_id: twin,
        dose_id: null,
        category: 'bp-rise',
        grade: 2,
        onset_at: '2026-01-15T11:00:00.000Z',
        action: null,
        outcome: 'resolved',
        notes: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();

    expect(await loadCohortInputs(clinic, { instrument: 'gad7' })).toEqual(inMemory);
    expect((await cohortReport(clinic, { instrument: 'gad7', filter: { route: 'intranasal' } })).report.n).toBe(0);
    const theirs = await loadCohortInputs(other, { instrument: 'gad7' });
    expect(theirs.find((p) => p.patientId === twin)).toEqual({
      patientId: twin,
      conditions: ['ocd'],
      doses: [{ at: Date.UTC(2026, 0, 15, 10), priceUsd: 999, route: 'intranasal', setting: 'clinic' }],
      assessments: [{ at: Date.UTC(2026, 0, 15, 12), total: 0, complete: true }],
      defaultPriceUsd: null,
      adverseEvents: [{ category: 'bp-rise', at: Date.UTC(2026, 0, 15, 11) }],
    });
  });

  it('audits each report as one read of the cohort report', async () => {
    const before = (await listEntries(test.handle.db, clinic.clinicId, { afterSeq: 0, limit: 1000 })).length;
    await cohortReport(clinic, { instrument: 'gad7', filter: JANUARY });
    const entries = await listEntries(test.handle.db, clinic.clinicId, { afterSeq: before });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'read', entity: 'cohort-report', patient_id: null });
    expect(JSON.parse(entries[0]?.detail ?? '{}')).toEqual({ instrument: 'gad7', patients: 3 });
  });

  it('refuses an unknown instrument and an empty period, naming the field', async () => {
    await expect(cohortReport(clinic, { instrument: 'gad8' })).rejects.toThrow(
      'instrument: "gad8" is not an instrument Onset knows',
    );
    await expect(loadCohortInputs(clinic, { instrument: 'gad7', from: JANUARY.to, to: JANUARY.from })).rejects.toThrow(
      'filter.to: must be later than filter.from',
    );
  });

  it('reads the outcome thresholds from the instrument library', () => {
    expect(outcomeDefinition('ybocs')).toMatchObject({ instrument: 'ybocs', responseFraction: 0.35 });
  });
});
