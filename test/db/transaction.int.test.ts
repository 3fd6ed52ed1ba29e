import { afterAll, beforeAll, expect, it } from 'vitest';
import { inSnapshot, inTransaction } from '../../src/db/transaction.js';
import { patientService } from '../../src/patients/patient.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { aClinicContext, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

describeEachEngine('the transaction module (src/db/transaction.ts)', (engine) => {
  let test: TestDatabase;
  let ctx: ServiceContext;
  beforeAll(async () => {
    test = await freshDatabase(engine);
    ctx = await aClinicContext(test.handle);
  });
  afterAll(async () => {
    await test.drop();
  });
  const labels = async (tx: ServiceContext): Promise<string[]> =>
    (
      await tx.db.selectFrom('patients').select('label').where('clinic_id', '=', tx.clinicId).orderBy('label').execute()
    ).map((p) => p.label);

  /**
   * Renames a patient in a write committed at once beside any open snapshot. On SQLite it runs straight on
   * the writer connection (not through Kysely, which would queue it behind a transaction holding that
   * connection): were a snapshot on the writer, the write would land inside it and the snapshot would see it.
   */
  const renameBeside = async (from: string, to: string): Promise<void> => {
    if (test.handle.sqlite !== null)
      test.handle.sqlite
        .prepare('UPDATE patients SET label = ? WHERE clinic_id = ? AND label = ?')
        .run(to, ctx.clinicId, from);
    else
      await test.handle.db
        .updateTable('patients')
        .set({ label: to })
        .where('clinic_id', '=', ctx.clinicId)
        .where('label', '=', from)
        .execute();
  };

  it('a snapshot reads on the reader and keeps reading what it first saw while a write commits beside it', async () => {
    await aPatient(ctx, { label: `SNAP-A-${engine}` });
    const [before, after] = await inSnapshot(ctx, async (tx) => {
      const seen = await labels(tx);
      await renameBeside(`SNAP-A-${engine}`, `SNAP-B-${engine}`);
      return [seen, await labels(tx)];
    });
    expect(before).toEqual([`SNAP-A-${engine}`]);
    expect(after).toEqual(before);
    expect(await labels(ctx)).toEqual([`SNAP-B-${engine}`]);
  });

  it('a snapshot cannot write, and what it tried to write is not stored', async () => {
    const before = await labels(ctx);
    const write = inSnapshot(ctx, (tx) =>
      tx.db.updateTable('patients').set({ label: 'OVERWRITTEN' }).where('clinic_id', '=', tx.clinicId).execute(),
    );
    await expect(write).rejects.toThrow(engine === 'sqlite' ? /readonly database/ : /read-only transaction/);
    expect(await labels(ctx)).toEqual(before);
  });

  it('inside a write transaction, a snapshot reads that transaction (its own uncommitted writes)', async () => {
    const seen = await inTransaction(ctx, async (tx) => {
      await patientService.create(tx, { label: `SNAP-C-${engine}` });
      return inSnapshot(tx, labels);
    });
    expect(seen).toContain(`SNAP-C-${engine}`);
  });
});
