import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/database.js';
import { freshPostgres, freshSqlite } from '../support/databases.js';
import { runCrashCycles } from './http-crash.js';
import { verifyAfterCrashes } from './verify-crash.js';

/** `npm test` runs a few cycles; `npm run test:crash` runs 100 on each engine (CRASH_CYCLES to change). */
const CYCLES = Number(process.env.CRASH_CYCLES ?? 3);
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

it(
  `SQLite: SIGKILL of the server under concurrent HTTP writes loses nothing acknowledged (${CYCLES} cycles)`,
  async () => {
    const sqlite = await freshSqlite();
    cleanups.push(() => sqlite.drop());
    await sqlite.handle.close();
    const { ack, state } = await runCrashCycles({
      target: sqlite.file,
      stateFile: join(sqlite.dir, 'state.json'),
      cycles: CYCLES,
    });
    const raw = new Database(sqlite.file);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const handle = openSqlite(sqlite.file);
    const verdict = await verifyAfterCrashes(handle.db, state.clinicId, ack);
    await handle.close();
    if (process.env.CRASH_REPORT)
      console.log(
        JSON.stringify({
          engine: 'sqlite',
          cycles: CYCLES,
          requests: ack.requests,
          ...verdict,
          lost: verdict.lost.length,
        }),
      );
    expect(verdict.acknowledged).toBeGreaterThan(CYCLES * 5);
    expect(verdict).toMatchObject({
      lost: [],
      duplicated: [],
      wrongScores: [],
      missingAlerts: [],
      recordsWithoutAudit: 0,
      auditWithoutRecords: 0,
      alertsWithoutRecords: 0,
    });
    expect(verdict.auditChain.ok).toBe(true);
  },
  60_000 + CYCLES * 10_000,
);

it(
  `PostgreSQL: the same (${CYCLES} cycles)`,
  async () => {
    const pg = await freshPostgres();
    cleanups.push(() => pg.drop());
    const { ack, state } = await runCrashCycles({
      target: pg.url,
      stateFile: join((await freshSqlite().then((s) => (cleanups.push(() => s.drop()), s))).dir, 'pg-state.json'),
      cycles: CYCLES,
    });
    const verdict = await verifyAfterCrashes(pg.handle.db, state.clinicId, ack);
    if (process.env.CRASH_REPORT)
      console.log(
        JSON.stringify({
          engine: 'postgres',
          cycles: CYCLES,
          requests: ack.requests,
          ...verdict,
          lost: verdict.lost.length,
        }),
      );
    expect(verdict.acknowledged).toBeGreaterThan(CYCLES * 5);
    expect(verdict).toMatchObject({
      lost: [],
      duplicated: [],
      wrongScores: [],
      missingAlerts: [],
      recordsWithoutAudit: 0,
      auditWithoutRecords: 0,
      alertsWithoutRecords: 0,
    });
    expect(verdict.auditChain.ok).toBe(true);
  },
  60_000 + CYCLES * 10_000,
);
