import type { Insertable, Selectable } from 'kysely';
import { fromCents, fromFlag, parseJson, toCents, toFlag, utc } from './columns.js';

/** What every stored record carries besides its own fields, and the columns that hold it. */
export interface RowMeta {
  clinicId: string;
  id: string;
  createdAt: string;
  updatedAt: string;
}

/** How one field of a record is stored. */
export interface FieldColumn<Row> {
  column: keyof Row & string;
  /** The stored value as the record reads it; as stored when absent. */
  read?: (stored: never) => unknown;
  /** The record's value as stored; a field the input leaves out is stored as `absent` (null unless set). */
  write?: (value: never) => unknown;
  absent?: unknown;
  /** Computed from other records when the row is written (the dose's mg/kg), so never part of an input. */
  computed?: boolean;
}

type MetaField = keyof RowMeta;

/** One entry per record field: the column's name when it is stored as it is, or how it is stored. */
export type FieldColumns<Row, Rec> = {
  [K in Exclude<keyof Rec, MetaField>]-?: (keyof Row & string) | FieldColumn<Row>;
};

/** A record kind's row mapping, derived once from its field → column table. */
export interface RowMapping<Row, Rec> {
  fromRow(row: Selectable<Row>): Rec;
  /** The row for an input, with the columns the caller computed (ids, keys, derived values) laid over. */
  toRow(input: object, meta: RowMeta, computed?: Partial<Insertable<Row>>): Insertable<Row>;
  /** The record back as an input (no meta fields, no computed fields), so an update can be merged. */
  toInput(record: Rec): Record<string, unknown>;
}

/** A UTC date-time column (src/db/columns.ts); an accepted offset is normalised when written. */
export const utcColumn = <Row>(column: keyof Row & string): FieldColumn<Row> => ({
  column,
  write: (iso: string | null | undefined) => (iso == null ? null : utc(iso)),
});

/** US dollars stored as integer cents. */
export const centsColumn = <Row>(column: keyof Row & string): FieldColumn<Row> => ({
  column,
  read: fromCents,
  write: toCents,
});

/** A boolean stored as 0/1; an absent input is false. */
export const flagColumn = <Row>(column: keyof Row & string): FieldColumn<Row> => ({
  column,
  read: fromFlag,
  write: (value: boolean | undefined) => toFlag(value === true),
});

/** A value stored as JSON text; an absent input is stored as `absent`. */
export const jsonColumn = <Row>(column: keyof Row & string, absent: unknown): FieldColumn<Row> => ({
  column,
  read: (stored: string) => parseJson(stored),
  write: (value: unknown) => JSON.stringify(value ?? absent),
});

/** A column computed from other records or from the input as a whole (an assessment's score). */
export const computedColumn = <Row>(
  column: keyof Row & string,
  read?: (stored: never) => unknown,
): FieldColumn<Row> => ({
  column,
  read,
  computed: true,
});

/** A column stored as it is, with the value an absent input takes. */
export const defaultedColumn = <Row>(column: keyof Row & string, absent: unknown): FieldColumn<Row> => ({
  column,
  absent,
});

interface Field {
  name: string;
  column: string;
  read: (stored: unknown) => unknown;
  write: (value: unknown) => unknown;
  absent: unknown;
  computed: boolean;
}

const asStored = (value: unknown): unknown => value;

/**
 * The row mapping of one record kind. The meta fields (id, clinicId, createdAt and, unless the kind's
 * records never change in place, updatedAt) are stored in the columns every clinical table has
 * (src/db/schema.ts); the table names every other field once.
 */
export function rowMapping<Row, Rec>(
  columns: FieldColumns<Row, Rec>,
  options: { updatedAt: boolean } = { updatedAt: true },
): RowMapping<Row, Rec> {
  const fields: Field[] = Object.entries(columns as Record<string, string | FieldColumn<Row>>).map(([name, spec]) => {
    const column: FieldColumn<Row> = typeof spec === 'string' ? { column: spec as keyof Row & string } : spec;
    return {
      name,
      column: column.column,
      read: (column.read as Field['read'] | undefined) ?? asStored,
      write: (column.write as Field['write'] | undefined) ?? asStored,
      absent: column.absent ?? null,
      computed: column.computed === true,
    };
  });
  const inputFields = fields.filter((field) => !field.computed);

  return {
    fromRow(row) {
      const stored = row as Record<string, unknown>;
      const record: Record<string, unknown> = {
        id: stored.id,
        clinicId: stored.clinic_id,
        createdAt: stored.created_at,
      };
      if (options.updatedAt) record.updatedAt = stored.updated_at;
      for (const field of fields) record[field.name] = field.read(stored[field.column]);
      return record as Rec;
    },

    toRow(input, meta, computed = {}) {
      const given = input as Record<string, unknown>;
      const row: Record<string, unknown> = {
        clinic_id: meta.clinicId,
        id: meta.id,
        created_at: meta.createdAt,
      };
      if (options.updatedAt) row.updated_at = meta.updatedAt;
      for (const field of inputFields) {
        const value = given[field.name];
        row[field.column] = value == null && field.write === asStored ? field.absent : field.write(value);
      }
      return { ...row, ...computed } as Insertable<Row>;
    },

    toInput(record) {
      const stored = record as Record<string, unknown>;
      return Object.fromEntries(inputFields.map((field) => [field.name, stored[field.name]]));
    },
  };
}
