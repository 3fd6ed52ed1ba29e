// PostgreSQL only: the fault is PostgreSQL's own (an administrator, a failover or the server itself ending
// the connections a running Onset holds). SQLite has no connections to lose.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Acknowledged, CrashState } from '../crash/http-crash.js';
import { verifyAfterCrashes } from '../crash/verify-crash.js';
import { freshPostgres, pgUrl, type TestDatabase } from '../support/databases.js';
import { MINUTE_MS } from '../../src/shared/time.js';

const server = fileURLToPath(new URL('../crash/http-server.ts', import.meta.url));
const WRITERS = 16;
const READERS = 4;
/** Bounds of the run: this many terminations, each once writes have moved on, and at most this many requests. */
const TERMINATIONS = 6;
const MAX_REQUESTS = 800;

interface Outcome {
  status: number | 'reset';
  code?: string;
  detail?: string;
}

let test: TestDatabase & { url: string };
let dir: string;
let child: ChildProcess;
let stderr = '';

function startServer(url: string, stateFile: string): Promise<{ port: number; state: CrashState }> {
  child = spawn(process.execPath, ['--import', 'tsx', server, url, stateFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve(JSON.parse(line) as { port: number; state: CrashState }),
    );
  });
}

/** Ends every connection the server holds to its own test database (never anything else on the server). */
async function terminateServerBackends(admin: pg.Client, database: string): Promise<number> {
  const result = await admin.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [database],
  );
  return result.rowCount ?? 0;
}

async function waitFor(condition: () => boolean, deadlineMs: number): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

describe('PostgreSQL: connections ended under load', () => {
  beforeAll(async () => {
    test = await freshPostgres();
    dir = mkdtempSync(join(tmpdir(), 'onset-pg-loss-'));
  });
  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await test.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the server stays up, every acknowledged write is stored, and every failed request was answered 503', async () => {
    const { port, state } = await startServer(test.url, join(dir, 'state.json'));
    const base = `http://127.0.0.1:${port}`;
    const headers = { authorization: `Bearer ${state.token}`, 'content-type': 'application/json' };
    const ack: Acknowledged = { assessments: [], doses: [], requests: 0 };
    const failures: Outcome[] = [];
    let stop = false;
    let sequence = 0;

    const send = async (url: string, init?: RequestInit): Promise<Response | null> => {
      ack.requests += 1;
      try {
        const response = await fetch(url, init);
        if (!response.ok) {
          const problem = (await response.json()) as { code?: string; detail?: string };
          failures.push({ status: response.status, code: problem.code, detail: problem.detail });
          return null;
        }
        return response;
      } catch {
        failures.push({ status: 'reset' });
        return null;
      }
    };
    const running = (): boolean => !stop && ack.requests < MAX_REQUESTS && child.exitCode === null;
    const writer = async (): Promise<void> => {
      while (running()) {
        const n = ++sequence;
        const p = state.patients[n % state.patients.length]!;
        const at = new Date(Date.UTC(2026, 0, 2) + n * MINUTE_MS).toISOString();
        if (n % 2 === 0) {
          const body = {
            patientId: p.patientId,
            courseId: p.courseId,
            givenAt: at,
            drug: 'esketamine',
            route: 'intranasal',
            mg: 56,
            setting: 'clinic',
            observationMinutes: 120,
          };
          const response = await send(`${base}/api/v1/doses`, { method: 'POST', headers, body: JSON.stringify(body) });
          if (response !== null) ack.doses.push({ id: ((await response.json()) as { id: string }).id });
        } else {
          const answers = [n % 4, 1, 2, 1, 0, 1, 2, 1, n % 5 === 0 ? 1 : 0];
          const body = { patientId: p.patientId, courseId: p.courseId, instrument: 'phq9', completedAt: at, answers };
          const response = await send(`${base}/api/v1/assessments`, {
            method: 'POST',
            headers,
            body: JSON.stringify(body),
          });
          if (response !== null) {
            const { id } = (await response.json()) as { id: string };
            ack.assessments.push({
              id,
              instrument: 'phq9',
              total: answers.reduce((a, b) => a + b, 0),
              suicidal: answers[8] === 1,
            });
          }
        }
      }
    };
    const reader = async (i: number): Promise<void> => {
      while (running()) {
        const p = state.patients[i % state.patients.length]!;
        const response = await send(`${base}/api/v1/doses?patient=${p.patientId}&limit=20`, { headers });
        await response?.arrayBuffer();
      }
    };
    const clients = Promise.all([
      ...Array.from({ length: WRITERS }, writer),
      ...Array.from({ length: READERS }, (_, i) => reader(i)),
    ]);

    const database = new URL(test.url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: pgUrl() });
    await admin.connect();
    let terminated = 0;
    try {
      for (let round = 0; round < TERMINATIONS && running(); round++) {
        // Each termination lands while writes are flowing: a few more acknowledged since the last one.
        const before = ack.assessments.length + ack.doses.length;
        if (!(await waitFor(() => ack.assessments.length + ack.doses.length >= before + 3 || !running(), 20_000)))
          break;
        terminated += await terminateServerBackends(admin, database);
      }
    } finally {
      stop = true;
      await clients;
      await admin.end();
    }

    expect(stderr).not.toMatch(/Unhandled|Connection terminated/);
    expect({ exitCode: child.exitCode, signal: child.signalCode }).toEqual({ exitCode: null, signal: null });
    expect(terminated).toBeGreaterThan(0);
    const health = await fetch(`${base}/healthz`);
    expect({ status: health.status, body: await health.json() }).toEqual({
      status: 200,
      body: { status: 'ok', database: 'ok', engine: 'postgres' },
    });
    // Every request that failed was told so with a 503 and the stable code; none was cut off or got a 500.
    expect(failures.filter((f) => f.status !== 503 || f.code !== 'DATABASE_UNAVAILABLE')).toEqual([]);
    const verdict = await verifyAfterCrashes(test.handle.db, state.clinicId, ack);
    expect(verdict.acknowledged).toBeGreaterThan(TERMINATIONS * 3);
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
  }, 180_000);
});
