import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql, SqliteDialect } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { GroupCommitter } from './group-commit.js';
import type { Database } from './schema.js';

let dir: string;
let db: Kysely<Database>;
/** Every statement the connection executed, in order (Kysely's query log). */
let executed: string[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'onset-group-commit-'));
  executed = [];
  db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: new SqliteDatabase(join(dir, 'onset.sqlite')) }),
    log: (event) => {
      executed.push(event.query.sql.trim().toLowerCase());
    },
  });
  await sql`CREATE TABLE units (n INTEGER PRIMARY KEY)`.execute(db);
  executed = [];
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (n: number) => (trx: Kysely<Database>) =>
  sql`INSERT INTO units (n) VALUES (${n})`.execute(trx).then(() => n);
const stored = async (): Promise<number[]> =>
  (await sql<{ n: number }>`SELECT n FROM units ORDER BY n`.execute(db)).rows.map((r) => r.n);
const count = (statement: string): number => executed.filter((s) => s === statement).length;

it('runs concurrent units of work in one transaction: one BEGIN and one COMMIT for all of them', async () => {
  const committer = new GroupCommitter(db);
  const results = await Promise.all([1, 2, 3, 4, 5].map((n) => committer.run(insert(n))));
  expect(results).toEqual([1, 2, 3, 4, 5]);
  expect({
    begin: count('begin'),
    commit: count('commit'),
    savepoints: executed.filter((s) => s.startsWith('savepoint')).length,
  }).toEqual({ begin: 1, commit: 1, savepoints: 5 });
  expect(await stored()).toEqual([1, 2, 3, 4, 5]);
});

it('rolls back only the failing unit: its savepoint is undone, the others commit in the same COMMIT', async () => {
  const committer = new GroupCommitter(db);
  const failing = async (trx: Kysely<Database>): Promise<never> => {
    await insert(3)(trx);
    throw new Error('unit 3 refused');
  };
  const outcomes = await Promise.allSettled([
    committer.run(insert(1)),
    committer.run(insert(2)),
    committer.run(failing),
    committer.run(insert(4)),
  ]);
  expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  expect((outcomes[2] as PromiseRejectedResult).reason).toEqual(new Error('unit 3 refused'));
  expect({
    commit: count('commit'),
    rollbacks: executed.filter((s) => s.startsWith('rollback to')).length,
    fullRollbacks: count('rollback'),
  }).toEqual({ commit: 1, rollbacks: 1, fullRollbacks: 0 });
  expect(await stored()).toEqual([1, 2, 4]);
});

it('commits a unit that arrives after the batch has committed in a COMMIT of its own', async () => {
  const committer = new GroupCommitter(db);
  await committer.run(insert(1));
  await committer.run(insert(2));
  expect(count('commit')).toBe(2);
  expect(await stored()).toEqual([1, 2]);
});
