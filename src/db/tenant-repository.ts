import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from './schema.js';

/** Tables whose rows belong to one clinic and have their own id. */
export type TenantTable = Exclude<keyof Database, 'clinics' | 'audit_entries' | 'idempotency_keys'>;

interface TenantRow {
  clinic_id: string;
  id: string;
  patient_id: string;
  created_at: string;
}
type LooseDb = Kysely<Record<string, TenantRow>>;

export interface ListOptions {
  patientId?: string;
  limit?: number;
  offset?: number;
}

export interface TenantRepository<T extends TenantTable> {
  insert(db: Kysely<Database>, row: Insertable<Database[T]>): Promise<void>;
  findById(db: Kysely<Database>, clinicId: string, id: string): Promise<Selectable<Database[T]> | undefined>;
  list(db: Kysely<Database>, clinicId: string, options?: ListOptions): Promise<Selectable<Database[T]>[]>;
  update(db: Kysely<Database>, clinicId: string, id: string, patch: Updateable<Database[T]>): Promise<boolean>;
}

/**
 * The CRUD every clinic-owned table shares. Every statement is bound to one clinic: there is no method
 * that reads or writes without a clinic id, so no call can reach another clinic's rows by accident.
 * Records are listed in the table's natural time order (`orderColumn`), then by id for stability.
 */
export function tenantRepository<T extends TenantTable>(
  table: T,
  orderColumn: string,
  /** The column that names the patient a row belongs to ('id' for patients; null for staff users). */
  patientColumn: 'patient_id' | 'id' | null = 'patient_id',
): TenantRepository<T> {
  // Kysely cannot check column names through a generic table name; the casts stay inside this helper,
  // where every table is known to have clinic_id and id.
  const loose = (db: Kysely<Database>): LooseDb => db as unknown as LooseDb;
  const order = orderColumn as 'created_at';
  const name: string = table;
  return {
    async insert(db, row) {
      await loose(db)
        .insertInto(name)
        .values(row as unknown as TenantRow)
        .execute();
    },
    async findById(db, clinicId, id) {
      const row = await loose(db)
        .selectFrom(name)
        .selectAll()
        .where('clinic_id', '=', clinicId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row as Selectable<Database[T]> | undefined;
    },
    async list(db, clinicId, options = {}) {
      let query = loose(db).selectFrom(name).selectAll().where('clinic_id', '=', clinicId);
      if (options.patientId !== undefined) {
        if (patientColumn === null) throw new Error(`${table} rows do not belong to a patient`);
        query = query.where(patientColumn as 'patient_id', '=', options.patientId);
      }
      const rows = await query
        .orderBy(order)
        .orderBy('id')
        .limit(options.limit ?? 1000)
        .offset(options.offset ?? 0)
        .execute();
      return rows as Selectable<Database[T]>[];
    },
    async update(db, clinicId, id, patch) {
      const result = await loose(db)
        .updateTable(name)
        .set(patch as unknown as Partial<TenantRow>)
        .where('clinic_id', '=', clinicId)
        .where('id', '=', id)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
