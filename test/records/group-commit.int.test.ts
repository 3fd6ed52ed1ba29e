import { afterAll, beforeAll, expect, it } from 'vitest';
import { patientService } from '../../src/patients/patient.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { inTransaction } from '../../src/db/transaction.js';
import { aClinicContext } from '../support/builders.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';

let test: TestDatabase;
let ctx: ServiceContext;
beforeAll(async () => {
  test = await freshSqlite();
  ctx = await aClinicContext(test.handle);
});
afterAll(async () => {
  await test.drop();
});

it('concurrent writes commit together; a failing one is rolled back alone, with nothing half-written', async () => {
  const labels = Array.from({ length: 30 }, (_, i) => `GC-${i}`);
  const results = await Promise.allSettled(
    labels.map((label, i) =>
      inTransaction(ctx, async (tx) => {
        const patient = await patientService.create(tx, { label });
        if (i % 3 === 0) throw new Error(`unit ${i} fails after writing`);
        return patient.id;
      }),
    ),
  );
  const failed = results.filter((r) => r.status === 'rejected');
  expect(failed).toHaveLength(10);
  const stored = await test.handle.db
    .selectFrom('patients')
    .select('label')
    .where('clinic_id', '=', ctx.clinicId)
    .execute();
  expect(stored.map((p) => p.label).sort()).toEqual(labels.filter((_, i) => i % 3 !== 0).sort());
  // Each stored patient has exactly its own audit entry, and the failed units left none.
  const audit = await test.handle.db
    .selectFrom('audit_entries')
    .select(['seq', 'entity'])
    .where('clinic_id', '=', ctx.clinicId)
    .orderBy('seq')
    .execute();
  expect(audit.filter((e) => e.entity === 'patient')).toHaveLength(20);
  expect(audit.map((e) => e.seq)).toEqual(audit.map((_, i) => i + 1));
});

it('a unit that fails validation inside a batch does not disturb the others', async () => {
  const results = await Promise.allSettled([
    patientService.create(ctx, { label: 'OK-1' }),
    patientService.create(ctx, { label: 'OK-1' }), // same label: refused inside the transaction
    patientService.create(ctx, { label: 'OK-2' }),
  ]);
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'VALIDATION_FAILED' });
});
