import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet, type Kysely } from 'kysely';
import type { DatabaseHandle, Engine } from './database.js';
import { patientSummaryRepository } from '../patients/patient-summary.repository.js';
import { failureReason } from './unavailable.js';
import * as clinicalRecords from './migrations/0001-clinical-records.js';
import * as access from './migrations/0002-access.js';
import * as schedules from './migrations/0003-schedules.js';
import * as alertMail from './migrations/0004-alert-mail.js';
import * as assessmentHistoryIndex from './migrations/0005-assessment-history-index.js';
import * as auditIntegrity from './migrations/0006-audit-integrity.js';
import * as authHardening from './migrations/0007-auth-hardening.js';
import * as patientLabelKey from './migrations/0008-patient-label-key.js';
import * as alertFollowUp from './migrations/0010-alert-follow-up.js';
import * as patientSafetyState from './migrations/0011-patient-safety-state.js';
import * as patientSummary from './migrations/0012-patient-summary.js';
import * as queueTriage from './migrations/0014-queue-triage.js';
import * as remsSessions from './migrations/0015-rems-sessions.js';

interface EngineMigration {
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

/** The one migration set, in order; each receives the engine for its few engine-specific column types. */
const MIGRATIONS: Record<string, EngineMigration> = {
  '0001-clinical-records': clinicalRecords,
  '0002-access': access,
  '0003-schedules': schedules,
  '0004-alert-mail': alertMail,
  '0005-assessment-history-index': assessmentHistoryIndex,
  '0006-audit-integrity': auditIntegrity,
  '0007-auth-hardening': authHardening,
  '0008-patient-label-key': patientLabelKey,
  '0010-alert-follow-up': alertFollowUp,
  '0011-patient-safety-state': patientSafetyState,
  '0012-patient-summary': patientSummary,
  '0014-queue-triage': queueTriage,
  '0015-rems-sessions': remsSessions,
};

class EngineMigrationProvider implements MigrationProvider {
  constructor(private readonly engine: Engine) {}

  getMigrations(): Promise<Record<string, Migration>> {
    const entries = Object.entries(MIGRATIONS).map(([name, m]): [string, Migration] => [
      name,
      { up: (db: Kysely<unknown>) => m.up(db, this.engine) },
    ]);
    return Promise.resolve(Object.fromEntries(entries));
  }
}

function migratorOf(handle: DatabaseHandle): Migrator {
  return new Migrator({
    db: handle.db,
    provider: new EngineMigrationProvider(handle.engine),
    migrationTableName: 'onset_migrations',
    migrationLockTableName: 'onset_migrations_lock',
  });
}

/** The names a run applied, or the error that names the failed migration (or the database that would not open). */
function appliedOrThrow(handle: DatabaseHandle, result: MigrationResultSet): string[] {
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = failureReason(result.error);
    // No migration ran: the database itself could not be opened (refused, unknown, wrong password).
    if (failed === undefined) throw new Error(`cannot open the database ${handle.location}: ${reason}`);
    throw new Error(`migration ${failed} failed: ${reason}`);
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Brings the schema up to date; every migration runs in its own transaction. Returns the names applied. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const applied = appliedOrThrow(handle, await migratorOf(handle).migrateToLatest());
  // Patients written before migration 0012, or restored or loaded without one, get their work-queue row.
  await patientSummaryRepository.fillMissing(handle.db, new Date().toISOString());
  return applied;
}

/** Brings the schema up to and including `name`: a database as that version left it (upgrade tests). */
export async function migrateTo(handle: DatabaseHandle, name: string): Promise<string[]> {
  return appliedOrThrow(handle, await migratorOf(handle).migrateTo(name));
}
