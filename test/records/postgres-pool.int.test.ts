// A PostgreSQL connection that dies while idle in the pool (a server restart, an administrator ending
// it, a failover) must cost nothing but that connection: the process stays up and the next query runs.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freshPostgres, pgUrl, type TestDatabase } from '../support/databases.js';

let test: TestDatabase;

beforeAll(async () => {
  test = await freshPostgres();
});
afterAll(async () => {
  await test.drop();
});

it('PostgreSQL: an idle pooled connection ended by the server is dropped, and the next query runs', async () => {
  const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(test.handle.db);
  const pid = rows[0]?.pid;
  const admin = new pg.Client({ connectionString: pgUrl() });
  await admin.connect();
  try {
    const ended = await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid]);
    expect(ended.rows[0]?.ok).toBe(true);
  } finally {
    await admin.end();
  }
  // Let the connection's FATAL message reach the idle client.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const next = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(test.handle.db);
  expect(next.rows[0]?.pid).not.toBe(pid);
});
