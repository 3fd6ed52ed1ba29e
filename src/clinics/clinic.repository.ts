import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { ClinicsTable, Database } from '../db/schema.js';

// Read by every write (the clinic's time zone and safety settings): prepared once.
const byId = prepared<{ clinicId: string }, Selectable<ClinicsTable>>(
  (db, a) => db.selectFrom('clinics').selectAll().where('clinic_id', '=', a.clinicId),
  ['clinicId'],
);

/** The clinic is the tenant: each call names the one clinic it reads or changes. */
export const clinicRepository = {
  async insert(db: Kysely<Database>, row: Insertable<ClinicsTable>): Promise<void> {
    await db.insertInto('clinics').values(row).execute();
  },
  async findById(db: Kysely<Database>, clinicId: string): Promise<Selectable<ClinicsTable> | undefined> {
    return (await byId(db, { clinicId })).rows[0];
  },
  async update(db: Kysely<Database>, clinicId: string, patch: Updateable<ClinicsTable>): Promise<boolean> {
    const result = await db.updateTable('clinics').set(patch).where('clinic_id', '=', clinicId).executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },
  /** Operator listing for the CLI (every clinic on this installation); never reachable from the API. */
  async listAll(db: Kysely<Database>): Promise<Selectable<ClinicsTable>[]> {
    return db.selectFrom('clinics').selectAll().orderBy('name').execute();
  },
};
