import type { Insertable, Kysely, Selectable, SelectQueryBuilder, Updateable } from 'kysely';
import { prepared, preparedInsert, preparedInsertReturning } from './prepared.js';
import type { Database } from './schema.js';

/** Tables whose rows belong to one clinic and have their own id. */
export type TenantTable = Exclude<
  keyof Database,
  'clinics' | 'audit_entries' | 'audit_heads' | 'idempotency_keys' | 'patient_safety_state' | 'patient_summary'
>;

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
  /** Inserts the row and returns it as the database stored it. */
  insertReturning(db: Kysely<Database>, row: Insertable<Database[T]>): Promise<Selectable<Database[T]>>;
  findById(db: Kysely<Database>, clinicId: string, id: string): Promise<Selectable<Database[T]> | undefined>;
  list(db: Kysely<Database>, clinicId: string, options?: ListOptions): Promise<Selectable<Database[T]>[]>;
  /** Every row of one patient, in time order (no paging). */
  listForPatient(db: Kysely<Database>, clinicId: string, patientId: string): Promise<Selectable<Database[T]>[]>;
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
  // The statements every write runs (read the record, list a patient's history, insert) are prepared
  // once; listing a whole clinic and updating stay ordinary Kysely queries.
  const insert = preparedInsert(table);
  const insertReturning = preparedInsertReturning(table);
  const byId = prepared<{ clinicId: string; id: string }, Selectable<Database[T]>>(
    (db, a) => loose(db).selectFrom(name).selectAll().where('clinic_id', '=', a.clinicId).where('id', '=', a.id),
    ['clinicId', 'id'],
  );
  const ofPatient = (
    db: Kysely<Database>,
    patientId: string,
    clinicId: string,
  ): SelectQueryBuilder<Record<string, TenantRow>, string, TenantRow> =>
    loose(db)
      .selectFrom(name)
      .selectAll()
      .where('clinic_id', '=', clinicId)
      .where((patientColumn ?? 'patient_id') as 'patient_id', '=', patientId)
      .orderBy(order)
      .orderBy('id');
  const pageOfPatient = prepared<
    { clinicId: string; patientId: string; limit: number; offset: number },
    Selectable<Database[T]>
  >(
    (db, a) => ofPatient(db, a.patientId, a.clinicId).limit(a.limit).offset(a.offset),
    ['clinicId', 'patientId', 'limit', 'offset'],
  );
  // Without LIMIT: SQLite sets up a bounded sorter for ORDER BY … LIMIT, which costs more than reading
  // a patient's few dozen rows. This is the read every safety evaluation makes of every record kind.
  const allOfPatient = prepared<{ clinicId: string; patientId: string }, Selectable<Database[T]>>(
    (db, a) => ofPatient(db, a.patientId, a.clinicId),
    ['clinicId', 'patientId'],
  );
  const requirePatientColumn = (): void => {
    if (patientColumn === null) throw new Error(`${table} rows do not belong to a patient`);
  };
  return {
    insert,
    insertReturning: async (db, row) => (await insertReturning(db, row)) as Selectable<Database[T]>,
    async findById(db, clinicId, id) {
      const { rows } = await byId(db, { clinicId, id });
      return rows[0];
    },
    async list(db, clinicId, options = {}) {
      const limit = options.limit ?? 1000;
      const offset = options.offset ?? 0;
      if (options.patientId !== undefined) {
        requirePatientColumn();
        return (await pageOfPatient(db, { clinicId, patientId: options.patientId, limit, offset })).rows;
      }
      const rows = await loose(db)
        .selectFrom(name)
        .selectAll()
        .where('clinic_id', '=', clinicId)
        .orderBy(order)
        .orderBy('id')
        .limit(limit)
        .offset(offset)
        .execute();
      return rows as Selectable<Database[T]>[];
    },
    async listForPatient(db, clinicId, patientId) {
      requirePatientColumn();
      return (await allOfPatient(db, { clinicId, patientId })).rows;
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
