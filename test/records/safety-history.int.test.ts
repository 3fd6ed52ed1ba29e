// On PostgreSQL the safety rules read a patient's whole history in one statement (src/safety/history.service.ts,
// JSON built by the server); it must give exactly what the per-table reads give, record for record, and
// only that patient's. SQLite reads the lists one by one with those same per-table reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adverseEventService } from '../../src/adverse-events/adverse-event.service.js';
import { loadAssessmentsForSafety, assessmentService } from '../../src/assessments/assessment.service.js';
import { courseService } from '../../src/courses/course.service.js';
import { doseService } from '../../src/doses/dose.service.js';
import { medicationService } from '../../src/medications/medication.service.js';
import { patientService } from '../../src/patients/patient.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { alertRepository } from '../../src/alerts/alert.repository.js';
import { setCourseSchedule } from '../../src/schedules/course-schedule.service.js';
import { followUpsForSafety } from '../../src/schedules/due-list.service.js';
import { loadHistoryWithAlerts } from '../../src/safety/history.service.js';
import { aClinicContext, aCourse, aDose, aPatient } from '../support/builders.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';

describe('the safety history in one statement [postgres]', () => {
  let test: TestDatabase;
  let ctx: ServiceContext;
  let patientId: string;

  beforeAll(async () => {
    test = await freshDatabase('postgres');
    ctx = await aClinicContext(test.handle);
    const patient = await aPatient(ctx, { weightKg: 71.3 });
    patientId = patient.id;
    const course = await aCourse(ctx, patientId, { startedAt: '2026-01-01T08:00:00Z', defaultPriceUsd: 450.5 });
    await setCourseSchedule(ctx, course.id, { templateId: 'anxiety-intensive' });
    const dose = await aDose(ctx, patientId, course.id, {
      givenAt: '2026-01-05T10:15:30.250Z',
      mg: 35.65,
      systolicBefore: 190,
      diastolicBefore: 112,
      observationMinutes: 40,
    });
    await aDose(ctx, patientId, course.id, { givenAt: '2026-01-08T10:00:00Z' });
    await assessmentService.create(ctx, {
      patientId,
      courseId: course.id,
      instrument: 'gad7',
      completedAt: '2026-01-04T09:00:00Z',
      answers: [3, 3, 2, 2, 1, 1, 3],
    });
    await assessmentService.create(ctx, {
      patientId,
      instrument: 'phq9',
      completedAt: '2026-01-06T09:00:00Z',
      answers: [1, 1, 1, 1, 1, 1, 1, 1, 2],
    });
    await assessmentService.create(ctx, {
      patientId,
      instrument: 'gad7',
      completedAt: '2026-01-07T09:00:00Z',
      answers: [3, null, 2, 2, 1, 1, 3],
    });
    await adverseEventService.create(ctx, {
      patientId,
      doseId: dose.id,
      category: 'urinary',
      grade: 2,
      onsetAt: '2026-01-06T08:00:00+02:00',
      action: 'urology-referral',
    });
    await medicationService.create(ctx, {
      patientId,
      name: 'Lorazepam',
      drugClass: 'benzodiazepine',
      doseText: '0.5 mg at night',
      startedOn: '2025-11-01',
    });
    // Another patient of the clinic, whose records must not appear.
    const other = await aPatient(ctx);
    const otherCourse = await aCourse(ctx, other.id);
    await aDose(ctx, other.id, otherCourse.id, { givenAt: '2026-01-05T11:00:00Z', systolicBefore: 185 });
  });
  afterAll(async () => {
    await test.drop();
  });

  it('gives the records, follow-ups and raised episodes the per-table reads give', async () => {
    const { history, alerted } = await loadHistoryWithAlerts(ctx, patientId, 'Europe/London');
    const [patient] = await patientService.loadForPatient(ctx, patientId);
    expect(history.patient).toEqual(patient);
    expect(history.courses).toEqual(await courseService.loadForPatient(ctx, patientId));
    expect(history.doses).toEqual(await doseService.loadForPatient(ctx, patientId));
    expect(history.doses).toHaveLength(2);
    const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : 1);
    expect([...history.assessments].sort(byId)).toEqual((await loadAssessmentsForSafety(ctx, patientId)).sort(byId));
    expect(history.assessments).toHaveLength(3);
    expect(history.adverseEvents).toEqual(await adverseEventService.loadForPatient(ctx, patientId));
    expect(history.medications).toEqual(await medicationService.loadForPatient(ctx, patientId));
    expect(history.followUps).toEqual(await followUpsForSafety(ctx, patientId, 'Europe/London'));
    expect(history.followUps?.length).toBeGreaterThan(0);
    expect(alerted).toEqual(await alertRepository.episodesOfPatient(ctx.db, ctx.clinicId, patientId));
    // High blood pressure, short observation, suicidality, urinary, sedative: raised by the writes above.
    expect(alerted.size).toBeGreaterThanOrEqual(5);
  });

  it('names a patient that is not there', async () => {
    await expect(loadHistoryWithAlerts(ctx, 'no-such-patient', 'UTC')).rejects.toThrow(/patient/);
  });
});
