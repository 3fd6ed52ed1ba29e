import { sql, type Kysely, type Selectable } from 'kysely';
import type { Engine } from '../db/database.js';
import { prepared, preparedInsert } from '../db/prepared.js';
import type { AuditEntriesTable, AuditHeadsTable, Database } from '../db/schema.js';

export type AuditRow = Selectable<AuditEntriesTable>;
export type AuditHead = Selectable<AuditHeadsTable>;

/**
 * Locks the clinic row for the rest of the transaction. PostgreSQL locks it FOR NO KEY UPDATE: that
 * serialises what takes this lock (a clinic's settings writes) without conflicting with the KEY SHARE
 * locks every insert's foreign key takes on the same row (FOR UPDATE would deadlock two concurrent
 * writers). SQLite already serialises writers, so nothing more is needed there.
 */
export async function lockClinic(db: Kysely<Database>, engine: Engine, clinicId: string): Promise<void> {
  if (engine === 'postgres') {
    await db.selectFrom('clinics').select('clinic_id').where('clinic_id', '=', clinicId).forNoKeyUpdate().execute();
  }
}

const headForUpdate = prepared<{ clinicId: string }, Pick<AuditHead, 'seq' | 'hash'>>(
  (db, a) => db.selectFrom('audit_heads').select(['seq', 'hash']).where('clinic_id', '=', a.clinicId).forUpdate(),
  ['clinicId'],
);
const headOf = prepared<{ clinicId: string }, Pick<AuditHead, 'seq' | 'hash'>>(
  (db, a) => db.selectFrom('audit_heads').select(['seq', 'hash']).where('clinic_id', '=', a.clinicId),
  ['clinicId'],
);

/**
 * The last entry of the clinic's chain (its number and hash), holding the chain for the rest of the
 * transaction: on PostgreSQL the clinic's head row is locked FOR UPDATE, so a concurrent append waits
 * here and then reads the head this one wrote. A clinic without a head row yet (its first entry) locks
 * its clinic row, so two first appends cannot both start the chain, and then reads the head again, so an
 * append that found the head written meanwhile takes its lock too. SQLite serialises writers.
 */
export async function lockedChainEnd(
  db: Kysely<Database>,
  engine: Engine,
  clinicId: string,
): Promise<Pick<AuditRow, 'seq' | 'hash'> | undefined> {
  const headQuery = engine === 'postgres' ? headForUpdate : headOf;
  const [head] = (await headQuery(db, { clinicId })).rows;
  if (head !== undefined) return head;
  await lockClinic(db, engine, clinicId);
  // Another first append may have committed the head meanwhile: it is then read, and locked, again.
  const [written] = (await headQuery(db, { clinicId })).rows;
  return written ?? lastEntry(db, clinicId);
}

// Every read and write of patient data appends an entry: these two statements are prepared once. The
// limit is a literal: SQLite plans a bound LIMIT with a sorter and runs this twice as slowly.
const chainHead = prepared<{ clinicId: string }, AuditRow>(
  (db, a) =>
    db
      .selectFrom('audit_entries')
      .selectAll()
      .where('clinic_id', '=', a.clinicId)
      .orderBy('seq', 'desc')
      .limit(sql.lit(1)),
  ['clinicId'],
);
const insertAudit = preparedInsert('audit_entries');

export async function lastEntry(db: Kysely<Database>, clinicId: string): Promise<AuditRow | undefined> {
  return (await chainHead(db, { clinicId })).rows[0];
}

export async function insertEntry(db: Kysely<Database>, row: AuditRow): Promise<void> {
  await insertAudit(db, row);
}

/** Several consecutive entries in one statement. */
export async function insertEntries(db: Kysely<Database>, rows: readonly AuditRow[]): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto('audit_entries')
      .values([...rows])
      .execute();
}

// The head row is rewritten by every append, in the same transaction.
const upsertHead = prepared<AuditHead, unknown>(
  (db, a) =>
    db
      .insertInto('audit_heads')
      .values({ clinic_id: a.clinic_id, seq: a.seq, hash: a.hash, at: a.at, mac: a.mac })
      .onConflict((oc) =>
        oc.column('clinic_id').doUpdateSet((eb) => ({
          seq: eb.ref('excluded.seq'),
          hash: eb.ref('excluded.hash'),
          at: eb.ref('excluded.at'),
          mac: eb.ref('excluded.mac'),
        })),
      ),
  ['clinic_id', 'seq', 'hash', 'at', 'mac'],
);

export async function writeHead(db: Kysely<Database>, head: AuditHead): Promise<void> {
  await upsertHead(db, head);
}

export async function readHead(db: Kysely<Database>, clinicId: string): Promise<AuditHead | undefined> {
  return db.selectFrom('audit_heads').selectAll().where('clinic_id', '=', clinicId).executeTakeFirst();
}

/** Entries of one clinic in chain order, from `afterSeq`, a page at a time. */
export async function listEntries(
  db: Kysely<Database>,
  clinicId: string,
  options: { afterSeq?: number; limit?: number; patientId?: string } = {},
): Promise<AuditRow[]> {
  let query = db
    .selectFrom('audit_entries')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('seq', '>', options.afterSeq ?? 0);
  if (options.patientId !== undefined) query = query.where('patient_id', '=', options.patientId);
  return query
    .orderBy('seq')
    .limit(options.limit ?? 1000)
    .execute();
}
