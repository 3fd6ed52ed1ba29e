import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { useDataFolderKey } from './audit-key.js';
import type { ReadOnlyHandle, ReadTarget } from './read-job.js';
import { readWorkerCount, readWorkerPool, registerReadWorkers, type ReadWorkerPool } from './read-workers.js';
import type { Database } from './schema.js';
import { resilientPool } from './postgres-pool.js';
import { cachingDatabase, registerWriter } from './statement-cache.js';
import type { Engine } from './engine.js';

export type { Engine } from './engine.js';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  /**
   * Reads that happen outside a write transaction (who is this request?) and snapshots (db/transaction.ts).
   * On SQLite a second, read-only connection, so they proceed while a group commit holds the writer (WAL
   * lets readers run beside the writer) and can never write past it; on PostgreSQL the same pool. It
   * also names the handle's read workers (`readWorkersOf`, db/read-workers.ts), which run the long reads
   * off the request thread, each on a read-only connection of its own.
   */
  readonly reader: Kysely<Database>;
  readonly engine: Engine;
  /** Where the data lives: the SQLite file path, or the PostgreSQL URL without its password. */
  readonly location: string;
  /** The raw better-sqlite3 connection (SQLite only): online backup and integrity checks. */
  readonly sqlite: SqliteDatabase.Database | null;
  /** Stops the read workers, then closes the connections. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Data folder for the embedded SQLite database (default ./onset-data). */
  dataDir?: string;
  /** A postgres:// URL; when given, PostgreSQL is used instead of SQLite. */
  databaseUrl?: string;
  /** Open an explicit SQLite file (tests, backups). */
  sqliteFile?: string;
}

export const SQLITE_FILE_NAME = 'onset.sqlite';

/** What a connection may report besides its results. */
export interface ConnectionOptions {
  /**
   * Called with the SQL of every statement the writer (SQLite) or the pool (PostgreSQL) runs: the
   * statements-per-request test counts them.
   */
  onStatement?: (sql: string) => void;
  /** PostgreSQL: connections in the pool (default ONSET_PG_POOL_MAX, else 10; docs/operations.md). */
  poolMax?: number;
}

/** The PostgreSQL pool size from ONSET_PG_POOL_MAX (a whole number from 1 to 1000), or undefined when unset. */
export function poolMaxFromEnv(value = process.env.ONSET_PG_POOL_MAX): number | undefined {
  if (value === undefined || value === '') return undefined;
  const max = Number(value);
  if (!Number.isInteger(max) || max < 1 || max > 1000)
    throw new Error(`ONSET_PG_POOL_MAX must be a whole number from 1 to 1000, not "${value}"`);
  return max;
}

// PostgreSQL returns timestamptz as Date and bigint/numeric as strings. Onset's records carry UTC
// ISO-8601 strings and JS numbers on both engines, so the parsers are set once, here.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString());
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Decides the engine from options and ONSET_DATABASE_URL, then opens it. */
export function openDatabase(options: OpenOptions = {}): DatabaseHandle {
  const url = options.databaseUrl ?? process.env.ONSET_DATABASE_URL;
  if (options.sqliteFile === undefined && url !== undefined && url !== '') {
    return openPostgres(url);
  }
  const file = options.sqliteFile ?? join(resolve(options.dataDir ?? './onset-data'), SQLITE_FILE_NAME);
  return openSqlite(file);
}

/**
 * Embedded SQLite: WAL for concurrent readers, synchronous=FULL so that a committed transaction
 * survives a power cut, foreign keys enforced, a busy timeout for the CLI running beside the server.
 */
export function openSqlite(file: string, options: ConnectionOptions = {}): DatabaseHandle {
  if (file !== ':memory:') mkdirSync(resolve(file, '..'), { recursive: true });
  const { onStatement } = options;
  const sqlite = new SqliteDatabase(
    file,
    onStatement === undefined ? {} : { verbose: (message) => onStatement(String(message)) },
  );
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const writer = cachingDatabase(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: writer }) });
  registerWriter(db, writer);
  useDataFolderKey(db, file === ':memory:' ? null : resolve(file, '..'));
  let reader = db;
  // An in-memory database has no file a second connection or a read worker could open.
  let workers: ReadWorkerPool | null = null;
  if (file !== ':memory:') {
    reader = sqliteReader(file);
    workers = readWorkerPool({ engine: 'sqlite', file: resolve(file) }, readWorkerCount());
    registerReadWorkers(reader, workers);
  }
  return {
    db,
    reader,
    engine: 'sqlite',
    location: file,
    sqlite,
    close: async () => {
      await workers?.close();
      if (reader !== db) await reader.destroy();
      await db.destroy();
    },
  };
}

/** A read-only connection to the file: snapshots beside the writer, and every read worker's own. */
function sqliteReader(file: string): Kysely<Database> {
  const connection = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  connection.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingDatabase(connection) }) });
}

/**
 * A read worker's own connection (db/read-worker.ts): a read-only SQLite connection to the same file,
 * or a PostgreSQL pool of two whose sessions are read-only (default_transaction_read_only), named
 * `onset read worker` in pg_stat_activity.
 */
export function openReadOnly(target: ReadTarget): ReadOnlyHandle {
  if (target.engine === 'sqlite') {
    const reader = sqliteReader(target.file);
    return { db: reader, reader, engine: 'sqlite', close: () => reader.destroy() };
  }
  const pool = resilientPool(target.url, { max: 2, readOnly: true, applicationName: 'onset read worker' });
  const reader = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db: reader, reader, engine: 'postgres', close: () => reader.destroy() };
}

/**
 * PostgreSQL through a pool that outlives dropped connections and backs off while they are refused
 * (db/postgres-pool.ts).
 */
export function openPostgres(url: string, options: ConnectionOptions = {}): DatabaseHandle {
  const pool = resilientPool(url, { onStatement: options.onStatement, max: options.poolMax ?? poolMaxFromEnv() });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const workers = readWorkerPool({ engine: 'postgres', url }, readWorkerCount());
  registerReadWorkers(db, workers);
  return {
    db,
    reader: db,
    engine: 'postgres',
    location: redactUrl(url),
    sqlite: null,
    close: async () => {
      await workers.close();
      await db.destroy();
    },
  };
}

/** A connection URL safe to print: the password is replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (unparseable URL)';
  }
}
