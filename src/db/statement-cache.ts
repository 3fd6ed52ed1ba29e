import type SqliteDatabase from 'better-sqlite3';
import type { SqliteDatabase as KyselySqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Rows as objects, built here rather than by better-sqlite3: the statement returns each row as an array
 * and a plain loop names its fields. better-sqlite3 builds row objects through the V8 API one property
 * at a time, which costs more than the query itself for the dozens of rows a patient's history holds;
 * this reads them 35–40% faster, with the same objects (same keys, same order, last duplicate wins).
 */
function withRowObjects(statement: SqliteDatabase.Statement): SqliteStatement {
  if (!statement.reader) return statement;
  statement.raw(true);
  let columns = statement.columns().map((column) => column.name);
  const toObject = (row: unknown[]): Record<string, unknown> => {
    // A schema change re-prepares the statement inside SQLite; its columns are read again then.
    if (row.length !== columns.length) columns = statement.columns().map((column) => column.name);
    const object: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) object[columns[i] as string] = row[i];
    return object;
  };
  return {
    reader: true,
    all: (parameters) => (statement.all(parameters) as unknown[][]).map(toObject),
    run: (parameters) => statement.run(parameters),
    *iterate(parameters) {
      for (const row of statement.iterate(parameters) as IterableIterator<unknown[]>) yield toObject(row);
    },
  };
}

/**
 * better-sqlite3 behind Kysely, with prepared statements reused by SQL text. Kysely prepares a fresh
 * statement for every query; preparing costs about as much as running a small query, and Onset's
 * queries come from a fixed set, so a bounded cache halves the per-query cost.
 */
export function cachingDatabase(sqlite: SqliteDatabase.Database, capacity = 500): KyselySqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (sql: string) => {
      let statement = cache.get(sql);
      if (statement === undefined) {
        statement = withRowObjects(sqlite.prepare(sql));
        if (cache.size >= capacity) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * Statements run straight on the connection inside a group-commit unit. Within a unit the transaction
 * holds SQLite's one writer connection, so a prepared query (db/prepared.ts) gives the same result run
 * on it directly as through Kysely's executor — without the executor's per-query promises, connection
 * provider and result objects (about 1.6 µs and most of a query's allocations). The group committer
 * registers each unit's transaction for exactly as long as the unit runs; anything else goes through
 * Kysely as usual.
 */
const writers = new WeakMap<object, KyselySqliteDatabase>();
const units = new WeakMap<object, KyselySqliteDatabase>();

/** Records the connection behind an SQLite Kysely instance (openSqlite does, for the writer). */
export function registerWriter(db: object, connection: KyselySqliteDatabase): void {
  writers.set(db, connection);
}

export function writerConnection(db: object): KyselySqliteDatabase | undefined {
  return writers.get(db);
}

/** While a unit of a group commit runs, its transaction may run statements straight on `connection`. */
export function openUnit(unit: object, connection: KyselySqliteDatabase): void {
  units.set(unit, connection);
}

export function closeUnit(unit: object): void {
  units.delete(unit);
}

/** The connection to run on directly, when `db` is a running group-commit unit. */
export function unitConnection(db: object): KyselySqliteDatabase | undefined {
  return units.get(db);
}
