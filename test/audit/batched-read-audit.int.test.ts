// Reads of patient data are audited after their snapshot, and the entries of reads of one clinic that
// arrive while an append runs are appended together (src/audit/audit.service.ts inAuditedRead): fewer
// transactions than reads, every entry in the chain before its read returns, and a chain that verifies.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/audit-verify.js';
import { patientService } from '../../src/patients/patient.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { aClinicContext, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

const READS = 20;

describeEachEngine('batched audit of reads', (engine) => {
  let test: TestDatabase;
  let ctx: ServiceContext;
  let counting = false;
  const appends: string[] = [];

  beforeAll(async () => {
    test = await freshDatabase(engine, undefined, {
      onStatement: (sql) => counting && /^\s*insert into "audit_entries"/i.test(sql) && appends.push(sql),
    });
    ctx = await aClinicContext(test.handle);
  });
  afterAll(async () => {
    await test.drop();
  });

  async function readEntries(): Promise<number> {
    const rows = await test.handle.db
      .selectFrom('audit_entries')
      .select('seq')
      .where('clinic_id', '=', ctx.clinicId)
      .where('entity', '=', 'patient')
      .where('action', '=', 'read')
      .execute();
    return rows.length;
  }

  it('appends the entries of concurrent reads in fewer transactions, each before its read returns', async () => {
    // Created concurrently in a clinic whose chain has no entry yet: the first appends race to start it.
    const patients = await Promise.all(Array.from({ length: READS }, () => aPatient(ctx)));
    counting = true;
    const entriesSeen = await Promise.all(
      patients.map(async (p) => {
        await patientService.get(ctx, p.id);
        return readEntries();
      }),
    );
    counting = false;
    // Each read found its own entry (at least) in the chain when it returned.
    for (const seen of entriesSeen) expect(seen).toBeGreaterThanOrEqual(1);
    expect(await readEntries()).toBe(READS);
    // Each append is one multi-row insert of the entries waiting for it.
    expect(appends.length).toBeGreaterThan(0);
    expect(appends.length).toBeLessThan(READS / 2);
    expect(await verifyAudit(test.handle.db, ctx.clinicId)).toMatchObject({ ok: true, firstBroken: null });
  });
});
