// Queries prepared once (src/db/prepared.ts) answer exactly as the same Kysely query built each time,
// on both engines, inside and outside a transaction.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../../src/db/database.js';
import { prepared, preparedInsert } from '../../src/db/prepared.js';
import { unitConnection } from '../../src/db/statement-cache.js';
import type { ServiceContext } from '../../src/records/context.js';
import { inTransaction } from '../../src/db/transaction.js';
import { aClinicContext, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

const patientsOf = prepared<{ clinicId: string; from: string }, { id: string; label: string }>(
  (db, a) =>
    db
      .selectFrom('patients')
      .select(['id', 'label'])
      .where('clinic_id', '=', a.clinicId)
      .where('label', '>=', a.from)
      .orderBy('label')
      .limit(sql.lit(2)),
  ['clinicId', 'from'],
);

const relabel = prepared<{ clinicId: string; from: string; to: string }, never>(
  (db, a) =>
    db.updateTable('patients').set({ label: a.to }).where('clinic_id', '=', a.clinicId).where('label', '=', a.from),
  ['clinicId', 'from', 'to'],
);

describeEachEngine('prepared queries', (engine: Engine) => {
  let test: TestDatabase;
  let ctx: ServiceContext;
  let other: ServiceContext;
  beforeAll(async () => {
    test = await freshDatabase(engine);
    ctx = await aClinicContext(test.handle);
    other = await aClinicContext(test.handle);
    for (const label of ['P-C', 'P-A', 'P-D', 'P-B']) await aPatient(ctx, { label });
    await aPatient(other, { label: 'P-B2' });
  });
  afterAll(async () => {
    await test.drop();
  });

  it('binds fresh arguments on every run and keeps literals in the SQL', async () => {
    const built = (from: string) =>
      test.handle.db
        .selectFrom('patients')
        .select(['id', 'label'])
        .where('clinic_id', '=', ctx.clinicId)
        .where('label', '>=', from)
        .orderBy('label')
        .limit(2)
        .execute();
    for (const from of ['P-A', 'P-B', 'P-D', 'Z']) {
      expect((await patientsOf(test.handle.db, { clinicId: ctx.clinicId, from })).rows).toEqual(await built(from));
    }
    expect(
      (await patientsOf(test.handle.db, { clinicId: other.clinicId, from: 'P' })).rows.map((r) => r.label),
    ).toEqual(['P-B2']);
  });

  it('runs inside a transaction, on its connection', async () => {
    const labels = await inTransaction(ctx, async (tx) => {
      await aPatient(tx, { label: 'P-AA' });
      return (await patientsOf(tx.db, { clinicId: ctx.clinicId, from: 'P-A' })).rows.map((r) => r.label);
    });
    expect(labels).toEqual(['P-A', 'P-AA']);
  });

  it('inside a unit of a group commit, runs straight on the SQLite connection with the same rows and counts, only while the unit runs', async () => {
    let unit: object | undefined;
    const seen = await inTransaction(ctx, async (tx) => {
      unit = tx.db;
      const direct = unitConnection(tx.db) !== undefined;
      await aPatient(tx, { label: 'P-U1' });
      const read = (await patientsOf(tx.db, { clinicId: ctx.clinicId, from: 'P-U' })).rows.map((r) => r.label);
      const changed = (await relabel(tx.db, { clinicId: ctx.clinicId, from: 'P-U1', to: 'P-U2' })).numAffectedRows;
      const none = (await relabel(tx.db, { clinicId: ctx.clinicId, from: 'absent', to: 'x' })).numAffectedRows;
      return { direct, read, changed, none };
    });
    expect(seen).toEqual({ direct: engine === 'sqlite', read: ['P-U1'], changed: 1n, none: 0n });
    expect(unit === undefined ? 'no unit' : unitConnection(unit)).toBeUndefined();

    // A unit that fails is rolled back alone, its direct writes with it.
    await expect(
      inTransaction(ctx, async (tx) => {
        await relabel(tx.db, { clinicId: ctx.clinicId, from: 'P-U2', to: 'P-U3' });
        throw new Error('the unit fails');
      }),
    ).rejects.toThrow('the unit fails');
    const labels = await test.handle.db
      .selectFrom('patients')
      .select('label')
      .where('clinic_id', '=', ctx.clinicId)
      .where('label', 'like', 'P-U%')
      .execute();
    expect(labels.map((r) => r.label)).toEqual(['P-U2']);
  });

  it('refuses a builder that leaves an argument unbound', async () => {
    const careless = prepared<{ clinicId: string; id: string }, unknown>(
      (db, a) => db.selectFrom('patients').selectAll().where('clinic_id', '=', a.clinicId),
      ['clinicId', 'id'],
    );
    await expect(careless(test.handle.db, { clinicId: ctx.clinicId, id: 'x' })).rejects.toThrow(/does not bind id/);
  });

  it('inserts rows through one statement per set of columns; an undefined field is left out', async () => {
    const insert = preparedInsert('idempotency_keys');
    const now = '2026-01-05T09:00:00.000Z';
    const row = {
      clinic_id: ctx.clinicId,
      key: 'k-1',
      principal: 'user:x',
      request_hash: 'h',
      status_code: 201,
      response: '{}',
      created_at: now,
    };
    await insert(test.handle.db, row);
    await insert(test.handle.db, { ...row, key: 'k-2', status_code: 200, unknown_column: undefined });
    const stored = await test.handle.db
      .selectFrom('idempotency_keys')
      .select(['key', 'status_code'])
      .where('clinic_id', '=', ctx.clinicId)
      .orderBy('key')
      .execute();
    expect(stored).toEqual([
      { key: 'k-1', status_code: 201 },
      { key: 'k-2', status_code: 200 },
    ]);
  });
});
