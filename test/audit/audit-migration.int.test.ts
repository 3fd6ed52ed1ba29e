import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/audit-verify.js';
import type { Engine } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';
import { patientService } from '../../src/patients/patient.service.js';
import type { ServiceContext } from '../../src/records/context.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

/** A database as it stood before migration 0006, migrated through the product's own migrator. */
function databaseBefore0006(engine: Engine): Promise<TestDatabase> {
  return freshDatabase(engine, '0005-assessment-history-index');
}

const CLINIC = '00000000-0000-4000-8000-000000000001';
const PATIENT = '00000000-0000-4000-8000-000000000002';
const AT = '2026-01-01T09:00:00.000Z';

/** The hash of an entry as Onset computed it before MACs: SHA-256 over these twelve fields. */
function oldHash(fields: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

async function writeLegacyData(db: Kysely<Database>): Promise<void> {
  await sql`INSERT INTO clinics (clinic_id, name, time_zone, settings, created_at, updated_at) VALUES (${CLINIC}, 'Old clinic', 'UTC', '{}', ${AT}, ${AT})`.execute(
    db,
  );
  await sql`INSERT INTO patients (clinic_id, id, label, name, email, phone, birth_year, sex, weight_kg, conditions, history, synthetic, created_at, updated_at)
    VALUES (${CLINIC}, ${PATIENT}, 'OLD-1', NULL, NULL, NULL, 1980, 'male', 80, '["gad"]', '[]', 0, ${AT}, ${AT})`.execute(
    db,
  );
  let prev = '0'.repeat(64);
  const entries: [string, string, string | null][] = [
    ['create', 'patient', PATIENT],
    ['read', 'patient', PATIENT],
  ];
  for (const [seq, [action, entity, entityId]] of entries.entries()) {
    const fields = [CLINIC, seq + 1, AT, 'user', 'u1', action, entity, entityId, PATIENT, '127.0.0.1', '{}', prev];
    const hash = oldHash(fields);
    await sql`INSERT INTO audit_entries (clinic_id, seq, at, actor_type, actor_id, action, entity, entity_id, patient_id, ip, detail, prev_hash, hash)
      VALUES (${CLINIC}, ${seq + 1}, ${AT}, 'user', 'u1', ${action}, ${entity}, ${entityId}, ${PATIENT}, '127.0.0.1', '{}', ${prev}, ${hash})`.execute(
      db,
    );
    prev = hash;
  }
}

describeEachEngine('audit trail written before migration 0006', (engine: Engine) => {
  let database: TestDatabase;
  let ctx: ServiceContext;

  beforeAll(async () => {
    database = await databaseBefore0006(engine);
    await writeLegacyData(database.handle.db);
    expect((await migrateToLatest(database.handle))[0]).toBe('0006-audit-integrity');
    ctx = {
      db: database.handle.db,
      reader: database.handle.reader,
      engine,
      clinicId: CLINIC,
      actor: { type: 'user', id: 'u1', ip: '127.0.0.1' },
      now: () => new Date('2026-02-01T09:00:00Z'),
    };
  });
  afterAll(async () => {
    await database.drop();
  });

  it('still verifies after migrating: its entries by their plain hash, reported as not MAC-protected, its record as not checked', async () => {
    expect(await verifyAudit(database.handle.db, CLINIC)).toMatchObject({
      ok: true,
      entries: 2,
      notMacProtected: 2,
      firstBroken: null,
      records: {
        changed: [],
        deleted: [],
        inserted: [],
        matched: 1,
        notChecked: { beforeRecordHashes: 1, syntheticBulkLoad: 0 },
      },
    });
  });

  it('new entries extend the old chain with MACs; a record written again is checked from then on', async () => {
    await patientService.update(ctx, PATIENT, { weightKg: 81 });
    expect(await verifyAudit(database.handle.db, CLINIC)).toMatchObject({
      ok: true,
      entries: 3,
      notMacProtected: 2,
      records: { matched: 2, notChecked: { beforeRecordHashes: 0 } },
    });
    await sql`UPDATE patients SET weight_kg = 120 WHERE id = ${PATIENT}`.execute(database.handle.db);
    expect((await verifyAudit(database.handle.db, CLINIC)).records?.changed).toEqual([
      { table: 'patients', id: PATIENT },
    ]);
    await sql`UPDATE patients SET weight_kg = 81 WHERE id = ${PATIENT}`.execute(database.handle.db);
  });

  it('an old entry is still checked by its hash, and an entry without a MAC after MAC-protected ones is refused', async () => {
    await sql`UPDATE audit_entries SET action = 'list' WHERE clinic_id = ${CLINIC} AND seq = 2`.execute(
      database.handle.db,
    );
    expect((await verifyAudit(database.handle.db, CLINIC)).firstBroken).toEqual({
      seq: 2,
      reason: 'its content does not match its hash',
    });
    await sql`UPDATE audit_entries SET action = 'read' WHERE clinic_id = ${CLINIC} AND seq = 2`.execute(
      database.handle.db,
    );
    await sql`UPDATE audit_entries SET mac = NULL WHERE clinic_id = ${CLINIC} AND seq = 3`.execute(database.handle.db);
    expect((await verifyAudit(database.handle.db, CLINIC)).firstBroken?.seq).toBe(3);
  });
});
