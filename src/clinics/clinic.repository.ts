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

  /** Patients and staff users of every clinic, by clinic id (a clinic with neither is absent). */
  async sizes(db: Kysely<Database>): Promise<Map<string, { patients: number; staff: number }>> {
    const patients = await db
      .selectFrom('patients')
      .select(['clinic_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('clinic_id')
      .execute();
    const staff = await db
      .selectFrom('users')
      .select(['clinic_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('disabled_at', 'is', null)
      .groupBy('clinic_id')
      .execute();
    const sizes = new Map<string, { patients: number; staff: number }>();
    const entry = (id: string): { patients: number; staff: number } => {
      const found = sizes.get(id) ?? { patients: 0, staff: 0 };
      sizes.set(id, found);
      return found;
    };
    for (const row of patients) entry(row.clinic_id).patients = Number(row.n);
    for (const row of staff) entry(row.clinic_id).staff = Number(row.n);
    return sizes;
  },
};
