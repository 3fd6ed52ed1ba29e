/**
 * Patients whose GAD-7 history gives the forecast relief episodes to fit (docs/outcomes.md "Forecast"):
 * a baseline of 18 the day before the first dose, then the given totals at day offsets from 2026-01-05.
 */
import { assessmentService } from '../../src/assessments/assessment.service.js';
import type { PatientInput } from '../../src/patients/patient.schema.js';
import type { ServiceContext } from '../../src/records/context.js';
import { aCourse, aDose, aPatient } from './builders.js';
import { DAY_MS } from '../../src/shared/time.js';

/** A GAD-7 answered so that it totals `total` (items of 3 first). */
export function gad7(total: number): number[] {
  return Array.from({ length: 7 }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
}

/** A patient with a baseline of 18, doses at `doseDays` and GAD-7 totals at day offsets from 2026-01-05. */
export async function aTreatedPatient(
  ctx: ServiceContext,
  doseDays: number[],
  scores: [number, number][],
  patient: Partial<PatientInput> = {},
): Promise<string> {
  const start = Date.parse('2026-01-05T10:00:00Z');
  const at = (days: number): string => new Date(start + days * DAY_MS).toISOString();
  const created = await aPatient(ctx, { conditions: ['gad'], ...patient });
  const course = await aCourse(ctx, created.id, { startedAt: at(-2) });
  await assessmentService.create(ctx, {
    patientId: created.id,
    courseId: course.id,
    instrument: 'gad7',
    completedAt: at(-1),
    answers: gad7(18),
  });
  for (const d of doseDays) await aDose(ctx, created.id, course.id, { givenAt: at(d) });
  for (const [d, total] of scores)
    await assessmentService.create(ctx, {
      patientId: created.id,
      courseId: course.id,
      instrument: 'gad7',
      completedAt: at(d),
      answers: gad7(total),
    });
  return created.id;
}

/** 12 patients with two ended relief episodes each: relief lost between day 3 and 7, or between day 1 and 3. */
export async function aClinicWithReliefHistory(ctx: ServiceContext): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const lostBy = i % 2 === 0 ? 7 : 3;
    await aTreatedPatient(
      ctx,
      [0, 10],
      [
        [1, 6],
        [lostBy === 7 ? 3 : 1.5, 7],
        [lostBy, 16],
        [11, 6],
        [13, 7],
        [10 + lostBy, 16],
      ],
    );
  }
}

/** In relief: responded 2 days after the latest dose (day 10). */
export function aPatientInRelief(ctx: ServiceContext, patient: Partial<PatientInput> = {}): Promise<string> {
  return aTreatedPatient(
    ctx,
    [0, 10],
    [
      [1, 6],
      [3, 7],
      [7, 16],
      [11, 6],
      [12, 7],
    ],
    patient,
  );
}
