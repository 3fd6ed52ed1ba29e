/**
 * Server for `npm run bench:soak`: the real Onset app on a fresh SQLite database holding the synthetic
 * demo clinic. Prints one JSON line with the port, tokens and patient ids, then serves until killed.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken } from '../src/auth/api-token.service.js';
import { openSqlite } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { startWalCheckpointer } from '../src/db/wal-checkpointer.js';
import { createDemoClinic } from '../src/demo/demo-clinic.js';
import { buildApp } from '../src/app/compose.js';
import { userRepository } from '../src/users/user.repository.js';

const handle = openSqlite(join(mkdtempSync(join(tmpdir(), 'onset-soak-')), 'onset.sqlite'));
await migrateToLatest(handle);
const demo = await createDemoClinic(handle, { patients: 120 });
const ctx = {
  db: handle.db,
  reader: handle.reader,
  engine: handle.engine,
  clinicId: demo.clinicId,
  actor: { type: 'system' as const, id: null, ip: null },
  now: () => new Date(),
};
const tokenFor = async (email: string): Promise<string> => {
  const user = await userRepository.findByEmailForSignIn(handle.db, email);
  if (user === undefined) throw new Error(`no ${email}`);
  return (await createApiToken(ctx, user.id, 'soak')).token;
};
const clinician = await tokenFor(demo.email);
const admin = await tokenFor('admin@onset.local');
const patients = await handle.db
  .selectFrom('courses')
  .select(['patient_id', 'id'])
  .where('clinic_id', '=', demo.clinicId)
  .execute();
// As `onset start` runs it: the WAL is checkpointed on a worker thread.
startWalCheckpointer(handle.location, (error) => process.stderr.write(`${error.message}\n`), {
  writer: handle.sqlite ?? undefined,
});
const app = await buildApp({ database: handle, logLevel: 'silent' });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(
  `${JSON.stringify({
    port: typeof address === 'object' && address !== null ? address.port : 0,
    clinician,
    admin,
    email: demo.email,
    password: demo.password,
    patients: patients.map((p) => ({ patientId: p.patient_id, courseId: p.id })),
  })}\n`,
);
