import { randomBytes } from 'node:crypto';
import { expireInfoAlerts } from '../alerts/alert-expiry.service.js';
import { alertRepository } from '../alerts/alert.repository.js';
import { transitionAlert } from '../alerts/alert.service.js';
import { createClinic } from '../clinics/clinic.service.js';
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { patientService } from '../patients/patient.service.js';
import { systemContext, type ServiceContext } from '../records/context.js';
import { afterClinicalWrite } from '../records/write-hooks.js';
import { inTransaction } from '../db/transaction.js';
import { DAY_MS } from '../shared/time.js';
import { generatePatients } from '../synthetic/generate.js';
import { demoCohortOptions } from './demo-cohort.js';
import { loadSyntheticCohort } from '../synthetic/load.js';
import type { SyntheticPatient } from '../synthetic/types.js';
import { createUser } from '../users/user.service.js';
import { setCourseSchedule } from '../schedules/course-schedule.service.js';
import { settleCompletions } from '../schedules/completions.js';

export const DEMO_EMAIL = 'demo@onset.local';
export const DEMO_CLINIC_NAME = 'Onset demo clinic (synthetic demo data)';
/** The demo clinic's three staff accounts; they share one random password, printed when the clinic is made. */
export const DEMO_ACCOUNTS = [
  { email: DEMO_EMAIL, displayName: 'Demo clinician', role: 'clinician' },
  { email: 'admin@onset.local', displayName: 'Demo administrator', role: 'admin' },
  { email: 'research@onset.local', displayName: 'Demo researcher', role: 'researcher' },
] as const;
/** The ready-made measurement schedule for each primary instrument (src/schedules/templates.ts). */
const TEMPLATE_FOR: Readonly<Record<string, string>> = { gad7: 'anxiety-intensive', pcl5: 'ptsd', ybocs: 'ocd' };

export interface DemoClinic {
  clinicId: string;
  email: string;
  password: string;
  patients: number;
}

/**
 * The demo accounts a sign-in page may name: those of the synthetic demo clinic that still exist and are
 * not disabled, in the order above. Empty on a server without the demo clinic. Never the password.
 */
export async function demoAccounts(db: Kysely<Database>): Promise<{ email: string; role: string }[]> {
  const rows = await db
    .selectFrom('users as u')
    .innerJoin('clinics as c', 'c.clinic_id', 'u.clinic_id')
    .select(['u.email', 'u.role'])
    .where('c.name', '=', DEMO_CLINIC_NAME)
    .where(
      'u.email',
      'in',
      DEMO_ACCOUNTS.map((a) => a.email),
    )
    .where('u.disabled_at', 'is', null)
    .execute();
  const emails: readonly string[] = DEMO_ACCOUNTS.map((a) => a.email);
  return rows.sort((a, b) => emails.indexOf(a.email) - emails.indexOf(b.email));
}

/** Keeps only what has happened by `now`: a demo clinic has no records from the future. */
export function clipToNow(patient: SyntheticPatient, now: number): SyntheticPatient | null {
  if (patient.course.startedAt > now) return null;
  return {
    ...patient,
    doses: patient.doses.filter((d) => d.at <= now),
    assessments: patient.assessments.filter((a) => a.at <= now),
    adverseEvents: patient.adverseEvents.filter((e) => e.at <= now),
    therapySessions: patient.therapySessions.filter((s) => s.at <= now),
    medications: patient.medications
      .filter((m) => m.startedAt <= now)
      .map((m) => ({ ...m, stoppedAt: m.stoppedAt !== null && m.stoppedAt > now ? null : m.stoppedAt })),
  };
}

/**
 * The synthetic demo clinic `npm start` creates on an empty database: generated patients shaped by the
 * published time course (every one marked synthetic), a clinician who signs in as demo@onset.local
 * with a random password, measurement schedules with due, completed and missed assessments, and the
 * alerts the safety rules raise over their histories.
 */
export async function createDemoClinic(
  handle: DatabaseHandle,
  options: { patients?: number; seed?: number; now?: Date } = {},
): Promise<DemoClinic> {
  const now = options.now ?? new Date();
  const clinic = await createClinic(handle.db, { name: DEMO_CLINIC_NAME, timeZone: 'America/New_York' }, now);
  const ctx = systemContext(handle, clinic.id, { now });
  const password = randomBytes(9).toString('base64url');
  let clinicianId = '';
  for (const account of DEMO_ACCOUNTS) {
    const user = await createUser(ctx, { ...account, password });
    if (account.role === 'clinician') clinicianId = user.id;
  }

  // Every patient answers the 24-hour anxiety check-in (anxiety-vas) around each dose, on the demo's
  // known relief truth (demo-cohort.ts).
  const generated = [...generatePatients(demoCohortOptions(now, options))];
  const patients = generated.map((p) => clipToNow(p, now.getTime())).filter((p): p is SyntheticPatient => p !== null);
  await loadSyntheticCohort(handle, { clinicId: clinic.id, patients, now });

  // Each course follows the ready-made schedule for its primary instrument; its past questionnaires
  // close the due items they answer, and what went unanswered counts as missed.
  const courses = await handle.db
    .selectFrom('courses')
    .select(['id', 'patient_id', 'primary_instrument'])
    .where('clinic_id', '=', clinic.id)
    .execute();
  for (const course of courses) {
    await setCourseSchedule(ctx, course.id, {
      templateId: TEMPLATE_FOR[course.primary_instrument] ?? 'anxiety-intensive',
    });
    await inTransaction(ctx, (tx) => settleCompletions(tx, course.patient_id));
  }
  for (const patient of await patientService.list(ctx, { limit: 1000 })) {
    await inTransaction(ctx, (tx) => afterClinicalWrite(tx, patient.id));
  }
  // The demo's staff have kept up (docs/safety.md "The demo clinic"): information alerts past the expiry
  // close as a running server closes them, and the demo clinician reviewed and closed every warning raised
  // more than a week ago. Urgent alerts stay open for a clinician to handle.
  await expireInfoAlerts(ctx);
  await closeReviewedWarnings({ ...ctx, actor: { type: 'user', id: clinicianId, ip: null } });
  return { clinicId: clinic.id, email: DEMO_EMAIL, password, patients: patients.length };
}

/** Warnings older than this were reviewed by the demo clinician (synthetic: a clinic that keeps up). */
const DEMO_REVIEWED_AFTER_DAYS = 7;

async function closeReviewedWarnings(ctx: ServiceContext): Promise<void> {
  const before = new Date(ctx.now().getTime() - DEMO_REVIEWED_AFTER_DAYS * DAY_MS).toISOString();
  for (const id of await alertRepository.unresolvedBefore(ctx.db, ctx.clinicId, 'warning', before)) {
    await transitionAlert(ctx, id, 'resolved', {
      comment: 'Reviewed with the patient at the next visit (synthetic demo data).',
    });
  }
}
