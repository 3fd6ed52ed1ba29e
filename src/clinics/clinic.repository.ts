import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { ClinicsTable, Database } from '../db/schema.js';

// Read by every write (the clinic's time zone and safety settings): prepared once.
const byId = prepared<{ clinicId: string }, Selectable<ClinicsTable>>(
  (db, a) => db.selectFrom('clinics').selectAll().where('clinic_id', '=', a.clinicId),
  ['clinicId'],
);

// Within one transaction the clinic row is read once: a clinical write reads it for its time zone and its
// safety and schedule settings at several steps. The copy lives as long as the transaction object and is
// dropped when the transaction changes the row.
const readInTransaction = new WeakMap<Kysely<Database>, Map<string, Selectable<ClinicsTable> | undefined>>();

/** The clinic is the tenant: each call names the one clinic it reads or changes. */
export const clinicRepository = {
  async insert(db: Kysely<Database>, row: Insertable<ClinicsTable>): Promise<void> {
    await db.insertInto('clinics').values(row).execute();
  },
  async findById(db: Kysely<Database>, clinicId: string): Promise<Selectable<ClinicsTable> | undefined> {
    if (!db.isTransaction) return (await byId(db, { clinicId })).rows[0];
    let read = readInTransaction.get(db);
    if (read === undefined) {
      read = new Map();
      readInTransaction.set(db, read);
    }
    if (!read.has(clinicId)) read.set(clinicId, (await byId(db, { clinicId })).rows[0]);
    return read.get(clinicId);
  },
  async update(db: Kysely<Database>, clinicId: string, patch: Updateable<ClinicsTable>): Promise<boolean> {
    readInTransaction.get(db)?.delete(clinicId);
    const result = await db.updateTable('clinics').set(patch).where('clinic_id', '=', clinicId).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },
  /** Operator listing for the CLI (every clinic on this installation); never reachable from the API. */
  async listAll(db: Kysely<Database>): Promise<Selectable<ClinicsTable>[]> {
    return db.selectFrom('clinics').selectAll().orderBy('name').execute();
  },
};
