import { sql, type Insertable, type Kysely } from 'kysely';
import type { Engine } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { SyntheticRows } from './rows.js';
import { labelKey } from '../patients/label-key.js';

/**
 * Rows per INSERT statement. The widest table (doses, 25 columns) then binds 12,500 values, well under
 * SQLite's 32,766 and PostgreSQL's 65,535 bound parameters per statement.
 */
export const ROWS_PER_STATEMENT = 500;

type BulkTable = keyof SyntheticRows;

/** Foreign-key order: a row's patient, course and dose are written before it. */
const TABLE_ORDER: readonly BulkTable[] = [
  'patients',
  'courses',
  'doses',
  'assessments',
  'adverse_events',
  'therapy_sessions',
  'medications',
];

/** Writes every row of a batch with multi-row INSERTs; call inside the batch's transaction. */
export async function insertRows(db: Kysely<Database>, rows: SyntheticRows): Promise<void> {
  for (const table of TABLE_ORDER) await insertTable(db, table, rows[table]);
}

async function insertTable<T extends BulkTable>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    // Kysely cannot relate a generic table name to its row type; every row was built for `table`.
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT) as Insertable<Database['patients']>[];
    await db
      .insertInto(table as 'patients')
      .values(chunk)
      .execute();
  }
}

/** The labels among `labels` that patients of the clinic already carry (as a person reads them: the label key). */
export async function takenLabels(
  db: Kysely<Database>,
  clinicId: string,
  labels: readonly string[],
): Promise<string[]> {
  if (labels.length === 0) return [];
  const rows = await db
    .selectFrom('patients')
    .select('label')
    .where('clinic_id', '=', clinicId)
    .where('label_key', 'in', labels.map(labelKey))
    .orderBy('label')
    .execute();
  return rows.map((row) => row.label);
}

/** The tables other rows of a load point to (their foreign-key checks look them up). */
const PARENT_TABLES: readonly BulkTable[] = ['patients', 'courses', 'doses'];

/**
 * Refreshes PostgreSQL's planner statistics of the loaded tables (all of them, or the parent tables only).
 * PostgreSQL plans each foreign-key check once per connection; planned while a table was empty, the
 * check can pick an index that scans the whole clinic per row, and a load then slows down as it grows
 * (measured: 500 assessment rows took 2.9 s instead of 12 ms at 20,000 patients). ANALYZE replaces
 * those plans. SQLite looks parents up by their primary key whatever the statistics: nothing to do.
 */
export async function refreshStatistics(db: Kysely<Database>, engine: Engine, which: 'parents' | 'all'): Promise<void> {
  if (engine === 'sqlite') return;
  const tables = which === 'parents' ? PARENT_TABLES : TABLE_ORDER;
  await sql`analyze ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db);
}
