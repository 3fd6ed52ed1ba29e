import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import {
  openPostgres,
  openSqlite,
  type ConnectionOptions,
  type DatabaseHandle,
  type Engine,
} from '../../src/db/database.js';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';

/**
 * PostgreSQL for the suite: `.ci/run` sets ONSET_TEST_PG_URL; without it every PostgreSQL test fails (none is skipped).
 */
const PG_URL = process.env.ONSET_TEST_PG_URL;

// A PostgreSQL deployment must set ONSET_AUDIT_KEY (docs/operations.md), so the suite does when it has
// one. It is set before any database is opened: the key decides every MAC the process writes and checks.
if (PG_URL !== undefined && PG_URL !== '')
  process.env.ONSET_AUDIT_KEY ??= 'onset-test-suite-audit-key-not-a-secret-0123456789';

/** The PostgreSQL server the tests use, or an error saying how to provide one. */
export function pgUrl(): string {
  if (PG_URL === undefined || PG_URL === '') {
    throw new Error(
      'ONSET_TEST_PG_URL is not set: the PostgreSQL tests need a server, e.g. ONSET_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/postgres (.ci/run sets it)',
    );
  }
  return PG_URL;
}

export interface TestDatabase {
  handle: DatabaseHandle;
  drop(): Promise<void>;
}

/** Migrated to the latest schema, or up to and including the migration `upTo` (upgrade tests). */
async function migrate(handle: DatabaseHandle, upTo: string | undefined): Promise<void> {
  await (upTo === undefined ? migrateToLatest(handle) : migrateTo(handle, upTo));
}

/** A fresh, migrated SQLite file in a temporary folder. */
export async function freshSqlite(
  upTo?: string,
  connection: ConnectionOptions = {},
): Promise<TestDatabase & { file: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'onset-test-'));
  const file = join(dir, 'onset.sqlite');
  const handle = openSqlite(file, connection);
  await migrate(handle, upTo);
  return {
    handle,
    file,
    dir,
    drop: async () => {
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh, migrated PostgreSQL database of its own (created on the server at ONSET_TEST_PG_URL, dropped after). */
export async function freshPostgres(
  url = pgUrl(),
  upTo?: string,
  connection: ConnectionOptions = {},
): Promise<TestDatabase & { url: string }> {
  const name = `onset_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const handle = openPostgres(dbUrl.toString(), connection);
  await migrate(handle, upTo);
  return {
    handle,
    url: dbUrl.toString(),
    drop: async () => {
      await handle.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A fresh database and where the CLI finds it: the SQLite folder (`--data`) or the PostgreSQL URL. */
export async function freshDatabaseWithLocation(engine: Engine): Promise<{ test: TestDatabase; location: string }> {
  if (engine === 'sqlite') {
    const sqlite = await freshSqlite();
    return { test: sqlite, location: sqlite.dir };
  }
  const postgres = await freshPostgres();
  return { test: postgres, location: postgres.url };
}

export function freshDatabase(
  engine: Engine,
  upTo?: string,
  connection: ConnectionOptions = {},
): Promise<TestDatabase> {
  return engine === 'sqlite' ? freshSqlite(upTo, connection) : freshPostgres(pgUrl(), upTo, connection);
}

/**
 * Runs the same integration tests on SQLite and on PostgreSQL. Without ONSET_TEST_PG_URL the PostgreSQL
 * half fails, naming the variable (see pgUrl).
 */
export function describeEachEngine(title: string, body: (engine: Engine) => void): void {
  describe(`${title} [sqlite]`, () => {
    body('sqlite');
  });
  describe(`${title} [postgres]`, () => {
    body('postgres');
  });
}
