import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';
import { columnTypes } from './0001-clinical-records.js';

/**
 * Tamper evidence for the audit trail. Each entry gains the hash of the record it wrote and a MAC under
 * the audit key; each clinic gains a head row, kept outside the chain and rewritten with every append,
 * so a chain cut short or deleted whole no longer verifies. Entries already written keep no MAC and no
 * record hash (the migration has no key): verify checks them by their plain hash and counts them as not
 * MAC-protected. Existing chains get a head carried over from their last entry, without a MAC until the
 * next append, so a chain that existed before this migration cannot later vanish unnoticed.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const { ts } = columnTypes(engine);
  await db.schema.alterTable('audit_entries').addColumn('record_hash', 'text').execute();
  await db.schema.alterTable('audit_entries').addColumn('mac', 'text').execute();

  await db.schema
    .createTable('audit_heads')
    .addColumn('clinic_id', 'text', (c) => c.notNull().references('clinics.clinic_id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('mac', 'text')
    .addPrimaryKeyConstraint('audit_heads_pk', ['clinic_id'] as never[])
    .execute();

  await sql`INSERT INTO audit_heads (clinic_id, seq, hash, at, mac)
    SELECT e.clinic_id, e.seq, e.hash, e.at, NULL FROM audit_entries e
    WHERE e.seq = (SELECT MAX(m.seq) FROM audit_entries m WHERE m.clinic_id = e.clinic_id)`.execute(db);
}
