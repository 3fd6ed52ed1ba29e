import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/audit.service.js';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/app/main.js';
import { openSqlite } from '../../src/db/database.js';
import { buildApp } from '../../src/app/compose.js';
import { createUser } from '../../src/users/user.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { aClinicContext, aCourse, aDose, aPatient } from '../support/builders.js';
import { freshSqlite } from '../support/databases.js';
import { PASSWORD, signInHeaders } from '../support/api-world.js';
import { DAY_MS, MINUTE_MS } from '../../src/shared/time.js';

const original = await freshSqlite();
afterAll(async () => {
  await original.drop();
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(['node', 'onset', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

it('a backup taken under write load is consistent; a restored copy answers the same pages as the original', async () => {
  const ctx = { ...(await aClinicContext(original.handle)), now: () => new Date() };
  await createUser(ctx, { email: 'restore@example.org', role: 'clinician', password: PASSWORD });
  const patients = [];
  for (let i = 0; i < 5; i++) {
    const patient = await aPatient(ctx);
    const course = await aCourse(ctx, patient.id);
    await aDose(ctx, patient.id, course.id);
    patients.push(patient.id);
  }

  // Writes keep arriving while the backup runs: one a minute from thirty days ago, so that however long the backup
  // takes none is dated in the future.
  const loadStart = Date.now() - 30 * DAY_MS;
  const load$ = { writing: true };
  let written = 0;
  const load = (async () => {
    while (load$.writing) {
      const patientId = patients[written % patients.length]!;
      await assessmentService.create(ctx, {
        patientId,
        instrument: 'gad7',
        completedAt: new Date(loadStart + written * MINUTE_MS).toISOString(),
        answers: [3, 2, 2, 1, written % 4, 1, 2],
      });
      written += 1;
    }
  })();
  while (written < 20) await new Promise((r) => setTimeout(r, 5));
  const underLoad = join(original.dir, 'under-load.sqlite');
  expect((await run(['backup', underLoad, '--data', original.dir])).code).toBe(0);
  load$.writing = false;
  await load;

  const copy = new Database(underLoad, { readonly: true });
  expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
  const orphans = copy
    .prepare(
      "SELECT COUNT(*) AS n FROM assessments a WHERE NOT EXISTS (SELECT 1 FROM audit_entries e WHERE e.entity = 'assessment' AND e.entity_id = a.id)",
    )
    .get() as { n: number };
  expect(orphans.n).toBe(0);
  copy.close();
  const underLoadHandle = openSqlite(underLoad);
  expect((await verifyChain({ db: underLoadHandle.db, clinicId: ctx.clinicId })).ok).toBe(true);
  await underLoadHandle.close();

  // Quiet now: back up, restore into an empty folder, and compare what both serve.
  const quiet = join(original.dir, 'quiet.sqlite');
  expect((await run(['backup', quiet, '--data', original.dir])).code).toBe(0);
  const restoredDir = join(original.dir, 'restored');
  const restore = await run(['restore', quiet, '--data', restoredDir]);
  expect(restore).toMatchObject({ code: 0, out: expect.stringMatching(/^restored /) as unknown });
  expect((await run(['restore', quiet, '--data', restoredDir])).err).toMatch(/already exists/);

  const restoredHandle = openSqlite(join(restoredDir, 'onset.sqlite'));
  // The restored folder has the original's audit key (the backup carries it), so its MACs still verify.
  expect((await verifyChain({ db: restoredHandle.db, clinicId: ctx.clinicId })).ok).toBe(true);
  const appA = await buildApp({ database: original.handle, logLevel: 'silent' });
  const appB = await buildApp({ database: restoredHandle, logLevel: 'silent' });
  const headersA = await signInHeaders(appA, 'restore@example.org');
  const headersB = await signInHeaders(appB, 'restore@example.org');
  const pages = [
    '/api/v1/dashboard',
    '/api/v1/patients',
    ...patients.flatMap((id) => [
      `/api/v1/patients/${id}`,
      `/api/v1/patients/${id}/outcomes`,
      `/api/v1/assessments?patient=${id}`,
      `/api/v1/doses?patient=${id}`,
    ]),
  ];
  for (const url of pages) {
    const a = await appA.inject({ method: 'GET', url, headers: headersA });
    const b = await appB.inject({ method: 'GET', url, headers: headersB });
    expect(a.statusCode, url).toBe(200);
    expect(b.json(), url).toEqual(a.json());
  }
  await appA.close();
  await appB.close();
  await restoredHandle.close();
});
