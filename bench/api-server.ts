/**
 * The server side of `npm run bench:api`, run as its own process so the load generator does not share
 * its event loop. `onset` mode: the real Onset app on a fresh SQLite database with a clinic of patients;
 * `bare` mode: a Fastify route that inserts one row into SQLite with the same pragmas. Prints one JSON
 * line with the port (and, for onset, the bearer token and patient/course ids), then serves.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { createApiToken } from '../src/auth/api-token.service.js';
import { courseService } from '../src/courses/course.service.js';
import { createClinic } from '../src/clinics/clinic.service.js';
import { openSqlite, openPostgres, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { startWalCheckpointer } from '../src/db/wal-checkpointer.js';
import { buildApp, wireServices } from '../src/app/compose.js';
import { patientService } from '../src/patients/patient.service.js';
import { systemContext, type ServiceContext } from '../src/records/context.js';
import { createUser } from '../src/users/user.service.js';

wireServices();

const mode = process.argv[2];
const pgUrl = process.argv[3];
const PATIENTS = 500;

async function onset(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'onset-bench-api-'));
  const handle: DatabaseHandle = pgUrl === undefined ? openSqlite(join(dir, 'onset.sqlite')) : openPostgres(pgUrl);
  await migrateToLatest(handle);
  const clinic = await createClinic(handle.db, { name: 'Bench clinic' });
  const ctx: ServiceContext = systemContext(handle, clinic.id);
  const user = await createUser(ctx, {
    email: `bench-${Date.now()}@example.org`,
    role: 'clinician',
    password: 'benchmark password',
  });
  const { token } = await createApiToken(ctx, user.id, 'bench');
  const patients: { patientId: string; courseId: string }[] = [];
  for (let i = 0; i < PATIENTS; i++) {
    const patient = await patientService.create(ctx, {
      label: `BENCH-${i}`,
      weightKg: 70,
      conditions: ['gad'],
      synthetic: true,
    });
    const course = await courseService.create(ctx, {
      patientId: patient.id,
      startedAt: '2026-01-01T00:00:00Z',
      primaryInstrument: 'gad7',
    });
    patients.push({ patientId: patient.id, courseId: course.id });
  }
  // As `onset start` runs it: the WAL is checkpointed on a worker thread.
  if (handle.engine === 'sqlite')
    startWalCheckpointer(handle.location, (error) => process.stderr.write(`${error.message}\n`), {
      writer: handle.sqlite ?? undefined,
    });
  const app = await buildApp({ database: handle, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port, token, patients })}\n`);
}

async function bare(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'onset-bench-bare-'));
  const handle = openSqlite(join(dir, 'bare.sqlite'));
  const sqlite = handle.sqlite;
  if (sqlite === null) throw new Error('bare mode needs SQLite');
  sqlite.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL, at TEXT NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO rows (body, at) VALUES (?, ?)');
  const app = Fastify();
  app.post('/rows', async (request, reply) => {
    insert.run(JSON.stringify(request.body), new Date().toISOString());
    return reply.status(201).send({ ok: true });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  process.stdout.write(
    `${JSON.stringify({ port: typeof address === 'object' && address !== null ? address.port : 0 })}\n`,
  );
}

await (mode === 'bare' ? bare() : onset());
