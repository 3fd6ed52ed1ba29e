import { afterAll, beforeAll, expect, it } from 'vitest';
import { listAlerts } from '../../src/alerts/alert.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { courseService } from '../../src/courses/course.service.js';
import { allAt } from '../../src/instruments/fixtures.js';
import { getInstrument } from '../../src/instruments/registry.js';
import { listDue } from '../../src/schedules/due-list.service.js';
import { aDose } from '../support/builders.js';
import { describeEachEngine } from '../support/databases.js';
import { aScheduledCourse, freshScheduleDb, type ScheduleTestDb, YBOCS_ONLY } from './support.js';

/**
 * The write hooks in the dose, assessment and course services (and the safety history), without any explicit refresh.
 */
describeEachEngine('schedule hooks in the record services', (engine) => {
  let test: ScheduleTestDb;
  beforeAll(async () => {
    test = await freshScheduleDb(engine);
  });
  afterAll(async () => {
    await test.drop();
  });

  it('a dose write expands, an assessment write closes, a course end trims, and the safety rule reads missed items', async () => {
    const s = await aScheduledCourse(test.handle, '2026-01-20T12:00:00Z', YBOCS_ONLY);
    const dose = await aDose(s.ctx, s.patientId, s.courseId, { givenAt: '2026-01-06T15:00:00Z' });
    const keys = async (): Promise<string[]> => (await listDue(s.ctx, { patientId: s.patientId })).map((i) => i.key);
    expect(await keys()).toEqual([
      'baseline:ybocs',
      `after-dose:${dose.id}:+24h:ybocs`,
      `after-dose:${dose.id}:+168h:ybocs`,
    ]);

    // Both follow-ups expired unanswered by 01-20 (01-11T15:00 and 01-17T15:00): the alert is raised at the first
    // expiry.
    const [alert] = await listAlerts(s.ctx, { patientId: s.patientId, limit: 10, offset: 0 });
    expect(alert).toMatchObject({
      rule: 'missed-follow-up',
      severity: 'warning',
      raisedAt: '2026-01-11T15:00:00.000Z',
    });

    await assessmentService.create(s.ctx, {
      patientId: s.patientId,
      instrument: 'ybocs',
      completedAt: '2026-01-07T20:00:00Z',
      answers: allAt(getInstrument('ybocs'), 1),
    });
    expect((await listDue(s.ctx, { patientId: s.patientId, statuses: ['completed'] })).map((i) => i.key)).toEqual([
      `after-dose:${dose.id}:+24h:ybocs`,
    ]);

    // The course ended on 01-10: the day-7 follow-up (due 01-13) is no longer asked for.
    await courseService.update(s.ctx, s.courseId, { endedAt: '2026-01-10T00:00:00Z' });
    expect(await keys()).toEqual(['baseline:ybocs', `after-dose:${dose.id}:+24h:ybocs`]);
  });
});
