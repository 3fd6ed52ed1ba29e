import type { Kysely } from 'kysely';
import { submitQuestionnaire } from '../../src/assessments/submit-questionnaire.js';
import { createApiToken } from '../../src/auth/api-token.service.js';
import { issuePatientLink, resolvePatientLink } from '../../src/auth/patient-link.service.js';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/app/main.js';
import type { DatabaseHandle, Engine } from '../../src/db/database.js';
import type { AuditRow } from '../../src/audit/audit.repository.js';
import type { Database } from '../../src/db/schema.js';
import type { ServiceContext } from '../../src/records/context.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext, aCourse, aDose, aPatient, FIXED_NOW } from '../support/builders.js';

/**
 * A small clinic built through the real services: a user, a patient with a course and a dose, a used link and its
 * answers, an API token.
 */
export interface SmallClinic {
  ctx: ServiceContext;
  userId: string;
  doseId: string;
  linkId: string;
  assessmentId: string;
}

let users = 0;

export async function aSmallClinic(handle: Pick<DatabaseHandle, 'db' | 'reader' | 'engine'>): Promise<SmallClinic> {
  const ctx = await aClinicContext(handle);
  const user = await createUser(ctx, {
    email: `tamper-${++users}-${ctx.clinicId.slice(0, 8)}@example.org`,
    role: 'clinician',
    password: 'a long enough password',
  });
  const patient = await aPatient(ctx);
  const course = await aCourse(ctx, patient.id);
  const dose = await aDose(ctx, patient.id, course.id);
  const issued = await issuePatientLink(ctx, patient.id, { purpose: 'questionnaire', instrument: 'gad7' });
  const { identity } = await resolvePatientLink(handle.db, issued.token, FIXED_NOW);
  if (identity === null) throw new Error('the link just issued does not resolve');
  const patientCtx: ServiceContext = { ...ctx, actor: { type: 'patient-link', id: issued.link.id, ip: '127.0.0.1' } };
  const { assessment } = await submitQuestionnaire(patientCtx, {
    patientId: patient.id,
    instrument: 'gad7',
    answers: [2, 2, 1, 2, 1, 2, 1],
    completedAt: '2026-02-28T10:00:00Z',
    link: identity,
  });
  await createApiToken(ctx, user.id, 'EHR');
  return { ctx, userId: user.id, doseId: dose.id, linkId: issued.link.id, assessmentId: assessment.id };
}

export async function entriesOf(db: Kysely<Database>, clinicId: string): Promise<AuditRow[]> {
  return db.selectFrom('audit_entries').selectAll().where('clinic_id', '=', clinicId).orderBy('seq').execute();
}

/** Replaces a clinic's whole chain with `rows`, as someone with write access to the database could. */
export async function replaceChain(db: Kysely<Database>, clinicId: string, rows: AuditRow[]): Promise<void> {
  await db.deleteFrom('audit_entries').where('clinic_id', '=', clinicId).execute();
  for (const row of rows) await db.insertInto('audit_entries').values(row).execute();
}

/**
 * `onset audit verify` through the CLI's entry point, on the engine the test database runs on
 * (`location`: the SQLite data folder, or the PostgreSQL URL).
 */
export async function cliVerify(
  engine: Engine,
  location: string,
  clinicId: string,
  extra: string[] = [],
): Promise<{ code: number; out: string; err: string }> {
  return cli(engine, location, ['audit', 'verify', '--clinic', clinicId, ...extra]);
}

export async function cli(
  engine: Engine,
  location: string,
  args: string[],
): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const previous = process.env.ONSET_DATABASE_URL;
  if (engine === 'postgres') process.env.ONSET_DATABASE_URL = location;
  try {
    const code = await main(['node', 'onset', ...args, ...(engine === 'sqlite' ? ['--data', location] : [])], io);
    return { code, out: io.stdout(), err: io.stderr() };
  } finally {
    if (previous === undefined) delete process.env.ONSET_DATABASE_URL;
    else process.env.ONSET_DATABASE_URL = previous;
  }
}
