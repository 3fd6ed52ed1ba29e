// How many statements one write runs, and that the number does not grow with the patient's history
// (a dose, a questionnaire answer). Counted at the connection: every statement the SQLite writer or the
// PostgreSQL pool runs, BEGIN and COMMIT included.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { setCourseSchedule } from '../../src/schedules/course-schedule.service.js';
import { DAY_MS } from '../../src/shared/time.js';
import { aClinicContext, aCourse, aDose, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

const at = (days: number): string => new Date(Date.parse('2026-01-05T10:00:00Z') + days * DAY_MS).toISOString();

/** Statements of one dose write and one questionnaire answer, BEGIN and COMMIT included. */
const DOSE_WRITE = { sqlite: 31, postgres: 21 };
const ANSWER_WRITE = { sqlite: 23, postgres: 13 };

describeEachEngine('statements per write', (engine) => {
  let test: TestDatabase;
  let ctx: ServiceContext;
  const statements: string[] = [];
  let counting = false;

  beforeAll(async () => {
    test = await freshDatabase(engine, undefined, { onStatement: (sql) => counting && statements.push(sql) });
    ctx = await aClinicContext(test.handle);
  });
  afterAll(async () => {
    await test.drop();
  });

  async function counted(work: () => Promise<unknown>): Promise<string[]> {
    statements.length = 0;
    counting = true;
    try {
      await work();
    } finally {
      counting = false;
    }
    return [...statements];
  }

  /** A scheduled patient with `doses` doses behind them, each with a high blood pressure and an answer. */
  async function aPatientWithHistory(doses: number): Promise<{ patientId: string; courseId: string }> {
    const patient = await aPatient(ctx);
    const course = await aCourse(ctx, patient.id, { startedAt: at(-1) });
    await setCourseSchedule(ctx, course.id, { templateId: 'anxiety-intensive' });
    for (let i = 0; i < doses; i++) {
      await aDose(ctx, patient.id, course.id, { givenAt: at(i * 2), systolicBefore: 172, diastolicBefore: 104 });
      await assessmentService.create(ctx, {
        patientId: patient.id,
        courseId: course.id,
        instrument: 'gad7',
        completedAt: at(i * 2 + 1),
        answers: [2, 2, 2, 2, 2, 2, 2],
      });
    }
    return { patientId: patient.id, courseId: course.id };
  }

  // The next dose comes two days after the last, as the ones before it did: the two writes differ only in
  // how much history lies behind them.
  const nextDose = (patient: { patientId: string; courseId: string }, doses: number): Promise<unknown> =>
    aDose(ctx, patient.patientId, patient.courseId, {
      givenAt: at(doses * 2),
      systolicBefore: 172,
      diastolicBefore: 104,
    });

  it('a dose write runs as many statements for a long history as for a short one', async () => {
    const short = await aPatientWithHistory(3);
    const long = await aPatientWithHistory(20);
    const forShort = await counted(() => nextDose(short, 3));
    const forLong = await counted(() => nextDose(long, 20));
    expect(forLong.length).toBe(forShort.length);
    // As measured when the audit entries were appended last, the new alerts inserted in one statement, the
    // clinic read once per transaction and, on PostgreSQL, the safety history read in one statement; SQLite
    // reads the patient's safety basis (migration 0011) with one statement more; the work-queue row
    // (migration 0012) is rewritten in one more on both (before: 47 on SQLite and 48
    // on PostgreSQL; earlier still 84 at 2 doses and 187 at 12 on SQLite). A change that adds statements to
    // every dose write changes this number, on purpose.
    expect(forShort.length).toBe(DOSE_WRITE[engine]);
  });

  it('a questionnaire answer runs as many statements for a long history as for a short one', async () => {
    const short = await aPatientWithHistory(3);
    const long = await aPatientWithHistory(20);
    const answer = (patient: { patientId: string; courseId: string }, doses: number): Promise<unknown> =>
      assessmentService.create(ctx, {
        patientId: patient.patientId,
        courseId: patient.courseId,
        instrument: 'gad7',
        completedAt: at(doses * 2 - 1),
        answers: [1, 1, 1, 1, 1, 1, 1],
      });
    const forShort = await counted(() => answer(short, 3));
    const forLong = await counted(() => answer(long, 20));
    expect(forLong.length).toBe(forShort.length);
    expect(forShort.length).toBe(ANSWER_WRITE[engine]);
  });
});
