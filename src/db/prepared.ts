import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { unitConnection } from './statement-cache.js';

// The SQL texts of prepared queries: on PostgreSQL each runs as a named prepared statement, parsed and
// planned once per connection (db/postgres-pool.ts). Only these are named: the set is fixed, so a
// connection's prepared statements stay bounded.
const preparedTexts = new Map<string, string>();

/** The statement name for a prepared query's SQL, or undefined for any other SQL. */
export function statementNameOf(sql: string): string | undefined {
  return preparedTexts.get(sql);
}

/** Where one argument goes in a query built once: a stand-in value that the compiled SQL binds. */
class Slot {
  constructor(readonly name: string) {}
}

type Args = Record<string, unknown>;
/** The arguments of a prepared query, as the stand-ins its builder receives. */
export type Slots<A extends Args> = { readonly [K in keyof A]: A[K] };

/** A prepared query: run it with a database and its arguments. */
export interface PreparedQuery<A extends Args, R> {
  (db: Kysely<Database>, args: A): Promise<{ rows: R[]; numAffectedRows?: bigint }>;
  /** The SQL the query runs as on `db`'s dialect (for tests that read its query plan). */
  sqlFor(db: Kysely<Database>): string;
}

interface Compiled {
  sql: string;
  /** For each bound parameter: the argument it takes, or a constant fixed when the query was built. */
  parameters: (Slot | { constant: unknown })[];
}

/**
 * A query on Onset's hot paths (every write reads the patient's history and the audit chain), built
 * with Kysely once per SQL dialect and then run from its compiled SQL with fresh arguments. Building
 * and compiling a Kysely query costs about as much as SQLite takes to run it; the SQL is the same
 * every time, so it is built once. `build` receives stand-ins for the arguments and must bind each as
 * a value (where, limit, insert values); it is checked when first compiled.
 */
export function prepared<A extends Args, R>(
  build: (db: Kysely<Database>, args: Slots<A>) => Compilable<R>,
  argNames: readonly (keyof A & string)[],
): PreparedQuery<A, R> {
  const byDialect = new Map<unknown, Compiled>();

  function compiledFor(db: Kysely<Database>): Compiled {
    const dialect = db.getExecutor().adapter.constructor;
    let compiled = byDialect.get(dialect);
    if (compiled === undefined) {
      const slots = Object.fromEntries(argNames.map((name) => [name, new Slot(name)])) as unknown as Slots<A>;
      const query = build(db, slots).compile();
      const parameters = query.parameters.map((value) => (value instanceof Slot ? value : { constant: value }));
      const bound = new Set(parameters.filter((p): p is Slot => p instanceof Slot).map((p) => p.name));
      const unbound = argNames.filter((name) => !bound.has(name));
      if (unbound.length > 0) throw new Error(`prepared query does not bind ${unbound.join(', ')}: ${query.sql}`);
      compiled = { sql: query.sql, parameters };
      byDialect.set(dialect, compiled);
      if (!preparedTexts.has(query.sql)) preparedTexts.set(query.sql, `onset_${preparedTexts.size + 1}`);
    }
    return compiled;
  }

  async function run(db: Kysely<Database>, args: A): Promise<{ rows: R[]; numAffectedRows?: bigint }> {
    const { sql, parameters } = compiledFor(db);
    const values = parameters.map((p) => (p instanceof Slot ? args[p.name] : p.constant));
    // Inside a group-commit unit, straight on the connection its transaction holds (statement-cache.ts).
    const connection = unitConnection(db);
    if (connection === undefined) return db.executeQuery<R>(CompiledQuery.raw(sql, values));
    const statement = connection.prepare(sql);
    if (statement.reader) return { rows: statement.all(values) as R[] };
    const { changes } = statement.run(values);
    return { rows: [], numAffectedRows: BigInt(changes) };
  }
  run.sqlFor = (db: Kysely<Database>): string => compiledFor(db).sql;
  return run;
}

type LooseDb = Kysely<Record<string, Record<string, unknown>>>;

/**
 * Inserts one row into `table` through a prepared statement per set of columns (a row's undefined
 * fields are left to the column's default, as Kysely does).
 */
export function preparedInsert(table: keyof Database): (db: Kysely<Database>, row: object) => Promise<void> {
  const insert = insertStatements(table, false);
  return async (db, row) => {
    await insert(db, row);
  };
}

/** As preparedInsert, returning the row as the database stored it (INSERT … RETURNING *). */
export function preparedInsertReturning(
  table: keyof Database,
): (db: Kysely<Database>, row: object) => Promise<Record<string, unknown>> {
  const insert = insertStatements(table, true);
  return async (db, row) => {
    const [stored] = await insert(db, row);
    if (stored === undefined) throw new Error(`INSERT INTO ${table} … RETURNING returned no row`);
    return stored;
  };
}

function insertStatements(
  table: keyof Database,
  returning: boolean,
): (db: Kysely<Database>, row: object) => Promise<Record<string, unknown>[]> {
  const byColumns = new Map<string, PreparedQuery<Args, Record<string, unknown>>>();
  return async (db, row) => {
    const values = row as Args;
    const columns = Object.keys(values).filter((column) => values[column] !== undefined);
    const key = columns.join(',');
    let insert = byColumns.get(key);
    if (insert === undefined) {
      insert = prepared<Args, Record<string, unknown>>((d, slots) => {
        const query = (d as unknown as LooseDb).insertInto(table).values(slots);
        return returning ? query.returningAll() : query;
      }, columns);
      byColumns.set(key, insert);
    }
    return (await insert(db, values)).rows;
  };
}
