/**
 * What the bench servers share: a database opened as `onset start` opens it, a clinic with a clinician's
 * API token, patients with a course created through the services, and serving the real app on a free
 * port. Only APIs that older versions of Onset have too, so that the same bench runs against them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, wireServices } from '../src/app/compose.js';
import { createApiToken } from '../src/auth/api-token.service.js';
import { createClinic } from '../src/clinics/clinic.service.js';
import { courseService } from '../src/courses/course.service.js';
import { openPostgres, openSqlite, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { startWalCheckpointer } from '../src/db/wal-checkpointer.js';
import { patientService } from '../src/patients/patient.service.js';
import { systemContext, type ServiceContext } from '../src/records/context.js';
import { createUser } from '../src/users/user.service.js';

// Scripts that write before the app is built wire the safety rules first, as the app does.
wireServices();

/** A temporary folder, removed when this process exits (the load generator ends it with SIGTERM). */
export function temporaryFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `onset-bench-${prefix}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  if (process.listenerCount('SIGTERM') === 0) process.once('SIGTERM', () => process.exit(0));
  return dir;
}

/** A migrated database: `pgUrl` (a fresh database the load generator created), or a new SQLite file. */
export async function openBenchDatabase(pgUrl: string | undefined, prefix: string): Promise<DatabaseHandle> {
  const handle =
    pgUrl === undefined || pgUrl === ''
      ? openSqlite(join(temporaryFolder(prefix), 'onset.sqlite'))
      : openPostgres(pgUrl);
  await migrateToLatest(handle);
  return handle;
}

export interface BenchClinic {
  clinicId: string;
  ctx: ServiceContext;
  /** A clinician's API token. */
  token: string;
}

/** A clinic with one clinician and an API token of theirs. */
export async function benchClinic(handle: DatabaseHandle, name: string): Promise<BenchClinic> {
  const clinic = await createClinic(handle.db, { name, timeZone: 'UTC' });
  const ctx = systemContext(handle, clinic.id);
  const user = await createUser(ctx, {
    email: `bench-${clinic.id.toLowerCase()}@example.org`,
    role: 'clinician',
    password: 'benchmark password',
  });
  const { token } = await createApiToken(ctx, user.id, 'bench');
  return { clinicId: clinic.id, ctx, token };
}

export interface Target {
  patientId: string;
  courseId: string;
}

/** `count` patients with a GAD-7 course each (started 2026-01-01), created through the services. */
export async function patientsWithCourses(ctx: ServiceContext, count: number, prefix: string): Promise<Target[]> {
  const targets: Target[] = [];
  for (let i = 0; i < count; i++) {
    const patient = await patientService.create(ctx, {
      label: `${prefix}-${i}`,
      weightKg: 70,
      conditions: ['gad'],
      synthetic: true,
    });
    const course = await courseService.create(ctx, {
      patientId: patient.id,
      startedAt: '2026-01-01T00:00:00Z',
      primaryInstrument: 'gad7',
    });
    targets.push({ patientId: patient.id, courseId: course.id });
  }
  return targets;
}

/**
 * Serves the real app as `onset start` does (the WAL checkpointed on a worker thread on SQLite), then
 * prints one JSON line: the port and `info`.
 */
export async function serveAndAnnounce(handle: DatabaseHandle, info: Record<string, unknown>): Promise<void> {
  if (handle.engine === 'sqlite')
    startWalCheckpointer(handle.location, (error) => process.stderr.write(`${error.message}\n`), {
      writer: handle.sqlite ?? undefined,
    });
  const app = await buildApp({ database: handle, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port, engine: handle.engine, ...info })}\n`);
}
