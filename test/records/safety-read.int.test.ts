// The safety rules read a patient's assessments through a narrow query (loadAssessmentsForSafety):
// it must give exactly the fields of the full records, for that patient only, on both engines.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assessmentService, loadAssessmentsForSafety } from '../../src/assessments/assessment.service.js';
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
    ctx = await aClinicContext(test.handle.db, engine);
    const patient = await aPatient(ctx);
    patientId = patient.id;
    const course = await aCourse(ctx, patientId);
    await assessmentService.create(ctx, { patientId, courseId: course.id, instrument: 'gad7', completedAt: '2026-01-03T09:00:00Z', answers: [3, 3, 2, 2, 1, 1, 3] });
    // Item 9 positive: the suicidality flag and the answer the rule re-reads.
    await assessmentService.create(ctx, { patientId, instrument: 'phq9', completedAt: '2026-01-02T09:00:00Z', answers: [1, 1, 1, 1, 1, 1, 1, 1, 2] });
    // Incomplete: no total, not complete.
    await assessmentService.create(ctx, { patientId, courseId: course.id, instrument: 'gad7', completedAt: '2026-01-04T09:00:00Z', answers: [3, 3, null, 2, 1, 1, 3] });
    const otherPatient = await aPatient(ctx);
    await assessmentService.create(ctx, { patientId: otherPatient.id, instrument: 'gad7', completedAt: '2026-01-03T09:00:00Z', answers: [0, 0, 0, 0, 0, 0, 0] });
    const otherClinic = await aClinicContext(test.handle.db, engine);
    const stranger = await aPatient(otherClinic);
    await assessmentService.create(otherClinic, { patientId: stranger.id, instrument: 'gad7', completedAt: '2026-01-03T09:00:00Z', answers: [1, 1, 1, 1, 1, 1, 1] });
  });
  afterAll(async () => {
    await test.drop();
  });

  it('gives the fields of the full records, for this patient of this clinic only', async () => {
    const full = (await assessmentService.loadForPatient(ctx, patientId)).map(picked).sort(byId);
    const narrow = [...(await loadAssessmentsForSafety(ctx, patientId))].sort(byId);
    expect(narrow).toEqual(full);
    expect(narrow).toHaveLength(3);
    const phq9 = narrow.find((a) => a.instrument === 'phq9');
    expect(phq9?.flags).toContain('suicidality-item-positive');
    expect(phq9?.total).toBe(10);
    const incomplete = narrow.find((a) => !a.complete);
    expect(incomplete?.total).toBeNull();
    expect(incomplete?.answers).toMatchObject({ '3': null });
  });
});
