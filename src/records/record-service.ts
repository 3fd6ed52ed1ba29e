import { Type, type Static, type TObject } from '@sinclair/typebox';
import type { Insertable, Selectable } from 'kysely';
import { appendAudit, auditPatientRead, inAuditedRead } from '../audit/audit.service.js';
import type { RowMapping, RowMeta } from '../db/row-mapping.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import type { TenantRepository, TenantTable } from '../db/tenant-repository.js';
import { invalid, notFound } from '../shared/errors.js';
import { newRecordId } from '../shared/ids.js';
import { Page } from '../shared/schema.js';
import { validate } from '../shared/validate.js';
import type { ServiceContext } from './context.js';

/** What every stored record carries besides its own fields. */
export interface StoredRecord {
  id: string;
  clinicId: string;
  createdAt: string;
}

/** How one kind of clinical record is validated, stored and read back. */
export interface RecordKind<T extends TenantTable, S extends TObject, Domain extends StoredRecord> {
  /** Singular name used in messages and the audit trail, e.g. 'dose'. */
  entity: string;
  repository: TenantRepository<T>;
  /** The create body; an update is a partial of it, merged and validated whole again. */
  schema: S;
  /** Fields an update may not change (e.g. the patient a dose belongs to). */
  immutable: readonly (keyof Static<S> & string)[];
  /** The kind's fields and the columns that store them (src/db/row-mapping.ts). */
  columns: RowMapping<Database[T], Domain>;
  /**
   * Rules that span fields or records (the dose's course belongs to its patient; diastolic below
   * systolic), run inside the write transaction before the row is stored. Returns the columns computed
   * from other records (the dose's mg/kg; none for most kinds).
   */
  rules(ctx: ServiceContext, input: Static<S>, meta: RowMeta): Promise<Partial<Insertable<Database[T]>>>;
  patientIdOf(record: Domain): string | null;
  /**
   * Runs after every create and update, in the same transaction (the safety rules hook in here);
   * `created` tells the two apart.
   */
  afterWrite?(ctx: ServiceContext, record: Domain, created: boolean): Promise<unknown>;
}

export interface ListQuery {
  patientId?: string;
  limit?: number;
  offset?: number;
}

export interface RecordService<S extends TObject, Domain> {
  create(ctx: ServiceContext, body: unknown): Promise<Domain>;
  get(ctx: ServiceContext, id: string): Promise<Domain>;
  list(ctx: ServiceContext, query?: ListQuery): Promise<Domain[]>;
  update(ctx: ServiceContext, id: string, patch: unknown): Promise<Domain>;
  /**
   * Every record of one patient in time order, for Onset's own computations (safety rules, outcomes).
   * Not audited here: the person's read of what is computed from it is audited where it is shown.
   */
  loadForPatient(ctx: ServiceContext, patientId: string): Promise<Domain[]>;
  /** A stored row as a record (for a read that fetched the rows itself, e.g. the safety history). */
  fromRow(row: Record<string, unknown>): Domain;
  readonly schema: S;
}

/**
 * Create, read, update and list for one record kind. Every write validates first (nothing is written
 * when a field is bad), then stores the row and its audit entry in one transaction.
 */
export function recordService<T extends TenantTable, S extends TObject, Domain extends StoredRecord>(
  kind: RecordKind<T, S, Domain>,
): RecordService<S, Domain> {
  const patchSchema = Type.Partial(kind.schema, { additionalProperties: false });

  async function load(ctx: ServiceContext, id: string): Promise<Domain> {
    const row = await kind.repository.findById(ctx.db, ctx.clinicId, id);
    if (row === undefined) throw notFound(kind.entity, id);
    return kind.columns.fromRow(row);
  }

  return {
    schema: kind.schema,

    fromRow: (row) => kind.columns.fromRow(row as unknown as Selectable<Database[T]>),

    async loadForPatient(ctx, patientId) {
      const rows = await kind.repository.listForPatient(ctx.db, ctx.clinicId, patientId);
      return rows.map((row) => kind.columns.fromRow(row));
    },

    async create(ctx, body) {
      const input = validate(kind.schema, body);
      return inTransaction(ctx, async (tx) => {
        const now = tx.now().toISOString();
        const meta = { clinicId: tx.clinicId, id: newRecordId(), createdAt: now, updatedAt: now };
        const row = kind.columns.toRow(input, meta, await kind.rules(tx, input, meta));
        // The row as the database stored it is both the record and what the audit entry seals.
        const stored = await kind.repository.insertReturning(tx.db, row);
        const record = kind.columns.fromRow(stored);
        await appendAudit(tx, {
          action: 'create',
          entity: kind.entity,
          entityId: meta.id,
          patientId: kind.patientIdOf(record),
          storedRow: stored,
        });
        await kind.afterWrite?.(tx, record, true);
        return record;
      });
    },

    async get(ctx, id) {
      return inAuditedRead(ctx, async (tx) => {
        const record = await load(tx, id);
        await appendAudit(tx, {
          action: 'read',
          entity: kind.entity,
          entityId: id,
          patientId: kind.patientIdOf(record),
        });
        return record;
      });
    },

    async list(ctx, query = {}) {
      const { limit, offset } = validate(Page, { limit: query.limit ?? 100, offset: query.offset ?? 0 });
      return inAuditedRead(ctx, async (tx) => {
        const rows = await kind.repository.list(tx.db, tx.clinicId, { ...query, limit, offset });
        const records = rows.map((row) => kind.columns.fromRow(row));
        await auditPatientRead(tx, {
          action: 'list',
          entity: kind.entity,
          patientIds: records.flatMap((record) => kind.patientIdOf(record) ?? []),
          requestedPatientId: query.patientId ?? null,
        });
        return records;
      });
    },

    async update(ctx, id, patch) {
      const changes = validate(patchSchema, patch) as Partial<Static<S>>;
      for (const field of kind.immutable) {
        if (field in changes) throw invalid(field, 'cannot be changed after the record is created');
      }
      return inTransaction(ctx, async (tx) => {
        const existing = await load(tx, id);
        const merged = validate(kind.schema, { ...kind.columns.toInput(existing), ...changes });
        const meta = { clinicId: tx.clinicId, id, createdAt: existing.createdAt, updatedAt: tx.now().toISOString() };
        const row = kind.columns.toRow(merged, meta, await kind.rules(tx, merged, meta));
        await kind.repository.update(tx.db, tx.clinicId, id, row);
        await appendAudit(tx, {
          action: 'update',
          entity: kind.entity,
          entityId: id,
          patientId: kind.patientIdOf(existing),
          detail: { fields: Object.keys(changes).sort() },
        });
        const record = await load(tx, id);
        await kind.afterWrite?.(tx, record, false);
        return record;
      });
    },
  };
}
