import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

/**
 * The plan for a network of clinics (docs/operations.md) is to shard by clinic on distributed
 * PostgreSQL. It holds only while every table, key, index and foreign key leads with clinic_id.
 */
const SYSTEM_TABLES = new Set(['onset_migrations', 'onset_migrations_lock']);

interface Shape {
  table: string;
  primaryKey: string[];
  indexes: { name: string; columns: string[] }[];
  foreignKeys: { columns: string[]; references: string }[];
}

async function sqliteShapes(test: TestDatabase): Promise<Shape[]> {
  const db = test.handle.sqlite!;
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  return tables.map((table) => {
    const columns = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; pk: number }[];
    const primaryKey = columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const indexes = (db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string }[]).map((i) => ({
      name: i.name,
      columns: (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { seqno: number; name: string }[])
        .sort((a, b) => a.seqno - b.seqno)
        .map((c) => c.name),
    }));
    const fkRows = db.prepare(`PRAGMA foreign_key_list("${table}")`).all() as {
      id: number;
      table: string;
      from: string;
    }[];
    const foreignKeys = [...new Set(fkRows.map((f) => f.id))].map((id) => ({
      columns: fkRows.filter((f) => f.id === id).map((f) => f.from),
      references: fkRows.find((f) => f.id === id)?.table ?? '',
    }));
    return { table, primaryKey, indexes, foreignKeys };
  });
}

async function postgresShapes(test: TestDatabase): Promise<Shape[]> {
  const db = test.handle.db;
  const tables = (
    await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`.execute(db)
  ).rows.map((r) => r.tablename);
  const shapes: Shape[] = [];
  for (const table of tables) {
    const indexes = (
      await sql<{ name: string; columns: string[]; primary: boolean }>`
        SELECT i.relname AS name, ix.indisprimary AS primary,
               array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
        FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
        WHERE t.relname = ${table}`.execute(db)
    ).rows;
    const foreignKeys = (
      await sql<{ columns: string[]; references: string }>`
        SELECT array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
               c.confrelid::regclass::text AS references
        FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = ${table}::regclass`.execute(db)
    ).rows;
    shapes.push({ table, primaryKey: indexes.find((i) => i.primary)?.columns ?? [], indexes, foreignKeys });
  }
  return shapes;
}

describeEachEngine('schema is sharded by clinic', (engine) => {
  let test: TestDatabase;
  let shapes: Shape[];
  beforeAll(async () => {
    test = await freshDatabase(engine);
    shapes = (engine === 'sqlite' ? await sqliteShapes(test) : await postgresShapes(test)).filter(
      (s) => !SYSTEM_TABLES.has(s.table),
    );
  });
  afterAll(async () => {
    await test.drop();
  });

  it('covers every table of the schema', () => {
    expect(shapes.length).toBeGreaterThanOrEqual(15);
  });

  it('every table has clinic_id first in its primary key, every index and every foreign key', () => {
    const problems: string[] = [];
    for (const shape of shapes) {
      if (shape.primaryKey[0] !== 'clinic_id')
        problems.push(`${shape.table}: primary key (${shape.primaryKey.join(', ')})`);
      for (const index of shape.indexes) {
        if (index.columns[0] !== 'clinic_id')
          problems.push(`${shape.table}: index ${index.name} (${index.columns.join(', ')})`);
      }
      for (const fk of shape.foreignKeys) {
        if (fk.columns[0] !== 'clinic_id')
          problems.push(`${shape.table}: foreign key (${fk.columns.join(', ')}) → ${fk.references}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
