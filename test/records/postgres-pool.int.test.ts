// A PostgreSQL connection that dies while idle in the pool (a server restart, an administrator ending
// it, a failover) must cost nothing but that connection: the process stays up and the next query runs.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resilientPool } from '../../src/db/postgres-pool.js';
import { pgUrl } from '../support/databases.js';

let db: Kysely<unknown>;
let idleConnectionLost: Promise<Error>;

beforeAll(() => {
  let lost: (error: Error) => void = () => undefined;
  idleConnectionLost = new Promise((resolve) => (lost = resolve));
  db = new Kysely({ dialect: new PostgresDialect({ pool: resilientPool(pgUrl(), { onIdleConnectionLost: lost }) }) });
});
afterAll(async () => {
  await db.destroy();
});

it('PostgreSQL: an idle pooled connection ended by the server is dropped, and the next query runs', async () => {
  const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
  const pid = rows[0]?.pid;
  const admin = new pg.Client({ connectionString: pgUrl() });
  await admin.connect();
  try {
    const ended = await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid]);
    expect(ended.rows[0]?.ok).toBe(true);
  } finally {
    await admin.end();
  }
  // The connection's FATAL message reaches the idle client, and the pool drops it (the test's deadline
  // bounds the wait).
  const error = await idleConnectionLost;
  expect(error.message).toMatch(/terminat/i);
  const next = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
  expect(next.rows[0]?.pid).not.toBe(pid);
});
