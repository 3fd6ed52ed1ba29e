/**
 * The server for the HTTP crash test: the real Onset app on the database named by argv (a SQLite file
 * or a postgres:// URL). On first start it creates a clinic, a clinician with an API token and a few
 * patients, and writes them to `<state>.json`; every start prints `{"port":…}` when it is listening.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createApiToken } from '../../src/auth/api-token.service.js';
import { createClinic } from '../../src/clinics/clinic.service.js';
import { courseService } from '../../src/courses/course.service.js';
import { openPostgres, openSqlite } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { startWalCheckpointer } from '../../src/db/wal-checkpointer.js';
import { buildApp, wireServices } from '../../src/app/compose.js';
import { patientService } from '../../src/patients/patient.service.js';
import { systemContext, type ServiceContext } from '../../src/records/context.js';
import { createUser } from '../../src/users/user.service.js';

wireServices();

const [target, stateFile] = process.argv.slice(2);
if (target === undefined || stateFile === undefined) throw new Error('usage: http-server DB STATE.json');
const handle = target.startsWith('postgres') ? openPostgres(target) : openSqlite(target);
await migrateToLatest(handle);
if (!existsSync(stateFile)) {
  const clinic = await createClinic(handle.db, { name: 'Crash test clinic' });
  const ctx: ServiceContext = systemContext(handle, clinic.id);
  const user = await createUser(ctx, {
    email: `crash-${Date.now()}@example.org`,
    role: 'clinician',
    password: 'crash test password',
  });
  const { token } = await createApiToken(ctx, user.id, 'crash');
  const patients = [];
  for (let i = 0; i < 8; i++) {
    const patient = await patientService.create(ctx, { label: `CRASH-${i}`, weightKg: 70 });
    const course = await courseService.create(ctx, {
      patientId: patient.id,
      startedAt: '2026-01-01T00:00:00Z',
      primaryInstrument: 'gad7',
    });
    patients.push({ patientId: patient.id, courseId: course.id });
  }
  writeFileSync(stateFile, JSON.stringify({ clinicId: clinic.id, token, patients }));
}
// As `onset start` runs it, so the kills also land while the WAL is being checkpointed in the background.
if (handle.engine === 'sqlite')
  startWalCheckpointer(handle.location, (error) => process.stderr.write(`${error.message}\n`), {
    writer: handle.sqlite ?? undefined,
  });
const app = await buildApp({ database: handle, logLevel: 'silent' });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(
  `${JSON.stringify({ port: typeof address === 'object' && address !== null ? address.port : 0, state: JSON.parse(readFileSync(stateFile, 'utf8')) as unknown })}\n`,
);
