// Patients with a course, a GAD-7 baseline of 18, doses and later GAD-7 totals, for the forecast tests:
// with a baseline of 18 and GAD-7's 50% response, a total of 9 or less is a response.
import { assessmentService } from '../../src/assessments/assessment.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { aCourse, aDose, aPatient } from './builders.js';

const DAY = 86_400_000;
/** Day 0 of every treated patient. */
export const TREATMENT_START = Date.parse('2026-01-05T10:00:00Z');

/** A GAD-7 answered so that it totals `total` (items of 3 first). */
export function gad7(total: number): number[] {
  return Array.from({ length: 7 }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));
}

/** A patient with a baseline of 18 on day −1, doses at `doseDays` and GAD-7 totals at [day, total] from TREATMENT_START. */
export async function aTreatedPatient(ctx: ServiceContext, doseDays: number[], scores: [number, number][], label?: string): Promise<string> {
  const at = (days: number): string => new Date(TREATMENT_START + days * DAY).toISOString();
  const patient = await aPatient(ctx, { conditions: ['gad'], ...(label === undefined ? {} : { label }) });
  const course = await aCourse(ctx, patient.id, { startedAt: at(-2) });
  await assessmentService.create(ctx, { patientId: patient.id, courseId: course.id, instrument: 'gad7', completedAt: at(-1), answers: gad7(18) });
  for (const d of doseDays) await aDose(ctx, patient.id, course.id, { givenAt: at(d) });
  for (const [d, total] of scores) await assessmentService.create(ctx, { patientId: patient.id, courseId: course.id, instrument: 'gad7', completedAt: at(d), answers: gad7(total) });
  return patient.id;
}
