// Through the database on both engines: a dose or questionnaire write evaluates the safety rules from its
// new record on (safety/hooks.ts, with the patient's stored basis), other writes evaluate the whole history.
// For random histories written one record at a time, every write must raise exactly the episodes a
// whole-history evaluation of the stored history finds that were not raised before it. A change of the
// clinic's baseline window, or of a course, makes the next write evaluate the whole history again.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { courseService } from '../../src/courses/course.service.js';
import { getInstrument } from '../../src/instruments/registry.js';
import { answersTotalling } from '../../src/instruments/fixtures.js';
import type { ServiceContext } from '../../src/records/context.js';
import { histories, shrinkingRelief, timesOf, type Event } from '../../src/safety/fixtures.js';
import { loadHistoryWithAlerts } from '../../src/safety/history.service.js';
import { evaluateSafety, resolveSafetySettings } from '../../src/safety/index.js';
import { updateSafetySettings } from '../../src/safety/safety-settings.service.js';
import { HOUR_MS } from '../../src/shared/time.js';
import { aClinicContext, aCourse, aDose, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

// Histories end before the builders' fixed clock (2026-03-01T12:00Z): nothing is in the future.
const START = Date.parse('2025-12-01T09:00:00Z');

describeEachEngine('safety rules from the change, through the database', (engine) => {
  let test: TestDatabase;
  let ctx: ServiceContext;

  beforeAll(async () => {
    test = await freshDatabase(engine);
    ctx = await aClinicContext(test.handle);
    await updateSafetySettings(ctx, { safety: { maxDosesIn30Days: 4 } });
  });
  afterAll(async () => {
    await test.drop();
  });

  async function raised(patientId: string): Promise<Set<string>> {
    const rows = await test.handle.db
      .selectFrom('alerts')
      .select(['rule', 'episode_key'])
      .where('clinic_id', '=', ctx.clinicId)
      .where('patient_id', '=', patientId)
      .execute();
    return new Set(rows.map((r) => `${r.rule} ${r.episode_key}`));
  }

  /** The episodes a whole-history evaluation of what is stored finds. */
  async function wholeHistory(patientId: string): Promise<Set<string>> {
    const clinic = await test.handle.db
      .selectFrom('clinics')
      .select(['settings', 'time_zone'])
      .where('clinic_id', '=', ctx.clinicId)
      .executeTakeFirstOrThrow();
    const { history } = await loadHistoryWithAlerts(ctx, patientId, clinic.time_zone);
    const settings = resolveSafetySettings((JSON.parse(clinic.settings) as { safety?: object }).safety ?? {});
    return new Set(evaluateSafety(history, settings).map((f) => `${f.rule} ${f.episodeKey}`));
  }

  async function write(patientId: string, courseId: string, e: Event, at: string): Promise<void> {
    if (e.kind === 'dose') {
      await aDose(ctx, patientId, courseId, {
        givenAt: at,
        systolicBefore: e.systolic,
        diastolicBefore: 80,
        observationMinutes: e.observation,
        route: 'intranasal',
        drug: 'esketamine',
        mg: 56,
      });
      return;
    }
    const [instrument, answers] =
      e.kind === 'score'
        ? [e.instrument, answersTotalling(getInstrument(e.instrument), e.total)]
        : e.kind === 'phq9'
          ? ['phq9', [1, 1, 1, 1, 1, 1, 1, 1, e.item9]]
          : ['urinary', [e.worst, 0, 0, 0, 0]];
    await assessmentService.create(ctx, { patientId, courseId, instrument, completedAt: at, answers });
  }

  it('each write raises exactly what a whole-history evaluation finds new', async () => {
    let episodes = 0;
    await fc.assert(
      fc.asyncProperty(histories, async (events) => {
        const patient = await aPatient(ctx);
        const course = await aCourse(ctx, patient.id, {
          startedAt: new Date(START).toISOString(),
          primaryInstrument: 'gad7',
        });
        const times = timesOf(events, START);
        for (const [i, e] of events.entries()) {
          const before = await raised(patient.id);
          await write(patient.id, course.id, e, new Date(times[i]!.datedAt).toISOString());
          const after = await raised(patient.id);
          const found = await wholeHistory(patient.id);
          const expected = [...found].filter((k) => !before.has(k)).sort();
          expect([...after].filter((k) => !before.has(k)).sort()).toEqual(expected);
          episodes += expected.length;
        }
      }),
      {
        numRuns: 8,
        // Besides the random ones: a deterioration begun by the record just written, and shrinking relief.
        examples: [
          [
            [
              { kind: 'score', gapHours: 1, backHours: 0, instrument: 'gad7', total: 8 },
              { kind: 'dose', gapHours: 24, backHours: 0, systolic: 120, observation: 120 },
              { kind: 'score', gapHours: 24, backHours: 0, instrument: 'gad7', total: 15 },
              { kind: 'score', gapHours: 24, backHours: 0, instrument: 'gad7', total: 16 },
            ],
          ],
          [shrinkingRelief(5)],
        ],
      },
    );
    expect(episodes).toBeGreaterThan(0);
  });

  it('evaluates the whole history again after the baseline window or a course changes', async () => {
    const patient = await aPatient(ctx);
    const course = await aCourse(ctx, patient.id, { startedAt: '2025-12-01T09:00:00Z', primaryInstrument: 'gad7' });
    const gad7 = (total: number, at: string): Promise<unknown> =>
      assessmentService.create(ctx, {
        patientId: patient.id,
        courseId: course.id,
        instrument: 'gad7',
        completedAt: at,
        answers: answersTotalling(getInstrument('gad7'), total),
      });
    // Baseline 8 on day 0, first dose on day 20: 20 days before it, outside a 14-day window, inside a 30-day one.
    await gad7(8, '2025-12-01T10:00:00Z');
    await aDose(ctx, patient.id, course.id, { givenAt: '2025-12-21T10:00:00Z' });
    await gad7(15, '2025-12-22T10:00:00Z');
    const basis = async (): Promise<string | undefined> =>
      (
        await test.handle.db
          .selectFrom('patient_safety_state')
          .select('basis')
          .where('clinic_id', '=', ctx.clinicId)
          .where('patient_id', '=', patient.id)
          .executeTakeFirst()
      )?.basis;
    const first = await basis();
    expect(first).toContain('"baselineWindowDays"');
    expect([...(await raised(patient.id))].some((k) => k.startsWith('reliable-deterioration'))).toBe(false);
    // A wider baseline window makes the day-0 score a baseline, and the day-22 score a deterioration
    // (+7 ≥ 4) raised before this write: the next write, a later score, must evaluate the whole history.
    await updateSafetySettings(ctx, { safety: { maxDosesIn30Days: 4, baselineWindowDays: 30 } });
    await gad7(9, '2025-12-23T10:00:00Z');
    expect(await basis()).not.toBe(first);
    expect([...(await raised(patient.id))].filter((k) => k.startsWith('reliable-deterioration'))).toHaveLength(1);
    // Everything the whole history shows is raised (alerts are never withdrawn, so more may be: the dose's
    // missed follow-up was raised when the dose was written, before the later answers came).
    const isRaised = async (): Promise<string[]> => {
      const all = await raised(patient.id);
      return [...(await wholeHistory(patient.id))].filter((k) => !all.has(k));
    };
    expect(await isRaised()).toEqual([]);
  });

  it('evaluates the whole history when a course changes what the tolerance rule reads', async () => {
    // Relief that shrinks dose after dose on GAD-7, in a course whose primary instrument is PHQ-9: the
    // tolerance rule reads the primary instrument, so it finds nothing until the course names GAD-7.
    const patient = await aPatient(ctx);
    const course = await aCourse(ctx, patient.id, {
      startedAt: new Date(START).toISOString(),
      primaryInstrument: 'phq9',
    });
    let time = START;
    for (const e of shrinkingRelief(6)) {
      time += e.gapHours * HOUR_MS;
      await write(patient.id, course.id, e, new Date(time).toISOString());
    }
    expect([...(await raised(patient.id))].some((k) => k.startsWith('tolerance'))).toBe(false);
    await courseService.update(ctx, course.id, { primaryInstrument: 'gad7' });
    expect([...(await raised(patient.id))].some((k) => k.startsWith('tolerance'))).toBe(true);
  });
});
