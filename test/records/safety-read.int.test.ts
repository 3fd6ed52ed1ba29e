// The safety rules read a patient's assessments through a narrow query (loadAssessmentsForSafety; on
// SQLite one JSON document built from a covering index): it must give exactly the fields of the full
// records, for that patient only, on both engines.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assessmentService,
  loadAssessmentsForSafety,
  safetyHistoryOfPatient,
} from '../../src/assessments/assessment.service.js';
import type { Assessment } from '../../src/assessments/assessment.schema.js';
import type { Engine } from '../../src/db/database.js';
import type { ServiceContext } from '../../src/records/context.js';
import type { SafetyAssessment } from '../../src/safety/types.js';
import { aClinicContext, aCourse, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

function picked(a: Assessment): SafetyAssessment {
  return {
    id: a.id,
    courseId: a.courseId,
    instrument: a.instrument,
    completedAt: a.completedAt,
    answers: a.answers,
    total: a.total,
    band: a.band,
    complete: a.complete,
    flags: a.flags,
  };
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describeEachEngine('assessments as the safety rules read them', (engine: Engine) => {
  let test: TestDatabase;
  let ctx: ServiceContext;
  let patientId: string;
  beforeAll(async () => {
    test = await freshDatabase(engine);
    ctx = await aClinicContext(test.handle);
    const patient = await aPatient(ctx);
    patientId = patient.id;
    const course = await aCourse(ctx, patientId);
    await assessmentService.create(ctx, {
      patientId,
      courseId: course.id,
      instrument: 'gad7',
      completedAt: '2026-01-03T09:00:00Z',
      answers: [3, 3, 2, 2, 1, 1, 3],
    });
    // Item 9 positive: the suicidality flag and the answer the rule re-reads.
    await assessmentService.create(ctx, {
      patientId,
      instrument: 'phq9',
      completedAt: '2026-01-02T09:00:00Z',
      answers: [1, 1, 1, 1, 1, 1, 1, 1, 2],
    });
    // Incomplete: no total, not complete.
    await assessmentService.create(ctx, {
      patientId,
      courseId: course.id,
      instrument: 'gad7',
      completedAt: '2026-01-04T09:00:00Z',
      answers: [3, 3, null, 2, 1, 1, 3],
    });
    // Totals that are not whole numbers (as a clinic-loaded instrument's mean scoring could give) must read
    // back as exactly the same doubles.
    for (const [day, total] of [
      ['05', 13.714285714285714],
      ['06', 0.1 + 0.2],
      ['07', 1 / 3],
    ] as const) {
      const a = await assessmentService.create(ctx, {
        patientId,
        instrument: 'gad7',
        completedAt: `2026-01-${day}T09:00:00Z`,
        answers: [1, 1, 1, 1, 1, 1, 1],
      });
      await sql`update assessments set total = ${total} where clinic_id = ${ctx.clinicId} and id = ${a.id}`.execute(
        test.handle.db,
      );
    }
    const otherPatient = await aPatient(ctx);
    await assessmentService.create(ctx, {
      patientId: otherPatient.id,
      instrument: 'gad7',
      completedAt: '2026-01-03T09:00:00Z',
      answers: [0, 0, 0, 0, 0, 0, 0],
    });
    const otherClinic = await aClinicContext(test.handle);
    const stranger = await aPatient(otherClinic);
    await assessmentService.create(otherClinic, {
      patientId: stranger.id,
      instrument: 'gad7',
      completedAt: '2026-01-03T09:00:00Z',
      answers: [1, 1, 1, 1, 1, 1, 1],
    });
  });
  afterAll(async () => {
    await test.drop();
  });

  it('gives the fields of the full records, for this patient of this clinic only', async () => {
    const full = (await assessmentService.loadForPatient(ctx, patientId)).map(picked).sort(byId);
    const narrow = [...(await loadAssessmentsForSafety(ctx, patientId))].sort(byId);
    expect(narrow).toEqual(full);
    expect(narrow).toHaveLength(6);
    expect(narrow.map((a) => a.total)).toEqual(expect.arrayContaining([13.714285714285714, 0.1 + 0.2, 1 / 3]));
    const phq9 = narrow.find((a) => a.instrument === 'phq9');
    expect(phq9?.flags).toContain('suicidality-item-positive');
    expect(phq9?.total).toBe(10);
    const incomplete = narrow.find((a) => !a.complete);
    expect(incomplete?.total).toBeNull();
    expect(incomplete?.answers).toMatchObject({ '3': null });
  });

  it('reads a patient without assessments as an empty history', async () => {
    const newcomer = await aPatient(ctx);
    expect(await loadAssessmentsForSafety(ctx, newcomer.id)).toEqual([]);
  });
});

describe('the safety read on SQLite', () => {
  let test: TestDatabase;
  afterAll(async () => {
    await test.drop();
  });

  it('reads only the covering index (migration 0005), never the table', async () => {
    test = await freshDatabase('sqlite');
    const ctx = await aClinicContext(test.handle);
    const patient = await aPatient(ctx);
    const plan = test.handle
      .sqlite!.prepare(`EXPLAIN QUERY PLAN ${safetyHistoryOfPatient.sqlFor(test.handle.db)}`)
      .all(ctx.clinicId, patient.id) as { detail: string }[];
    expect(plan.map((step) => step.detail)).toEqual([
      expect.stringContaining('USING COVERING INDEX assessments_history_idx'),
    ]);
  });
});
