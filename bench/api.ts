/**
 * `npm run bench:api`: questionnaire submissions per second and p99 latency against the real Onset app
 * (SQLite, synchronous=FULL), beside a bare Fastify route that inserts one row into SQLite, measured in
 * the same run on this machine. 50 connections, 20 s each (BENCH_SECONDS to change). Prints JSON.
 * With ONSET_DATABASE_URL=postgres://… it also measures Onset on PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { MINUTE_MS } from '../src/shared/time.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 50;
const server = fileURLToPath(new URL('./api-server.ts', import.meta.url));

interface Started<T> {
  child: ChildProcess;
  info: T;
}

function start<T>(args: string[]): Promise<Started<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', server, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, info: JSON.parse(line) as T }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

async function load(
  options: autocannon.Options,
): Promise<{ requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number; total: number }> {
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: SECONDS });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: result.requests.total,
  };
}

interface OnsetInfo {
  port: number;
  token: string;
  patients: { patientId: string; courseId: string }[];
}

/**
 * How long this machine's disk takes to make one 4 KiB write durable (write + fdatasync, as a SQLite
 * commit does), in the folder the benchmark databases use. Both routes wait for it on every commit, so
 * the figures (and their ratio) are read against it.
 */
function fdatasyncMicros(): { p50Us: number; p99Us: number } {
  const dir = mkdtempSync(join(tmpdir(), 'onset-bench-disk-'));
  const fd = openSync(join(dir, 'probe'), 'w');
  const page = Buffer.alloc(4096, 1);
  const times: number[] = [];
  try {
    for (let i = 0; i < 300; i++) {
      const start = process.hrtime.bigint();
      writeSync(fd, page, 0, page.length, (i % 64) * page.length);
      fdatasyncSync(fd);
      times.push(Number(process.hrtime.bigint() - start) / 1000);
    }
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number => Math.round(times[Math.floor(q * (times.length - 1))] ?? 0);
  return { p50Us: at(0.5), p99Us: at(0.99) };
}

interface SubmissionResult extends Awaited<ReturnType<typeof load>> {
  /** Assessments per patient at the end of the run (the safety rules read each patient's whole history). */
  historyPerPatientAtEnd: number;
}

async function submissions(pgUrl?: string): Promise<SubmissionResult> {
  const onset = await start<OnsetInfo>(pgUrl === undefined ? ['onset'] : ['onset', pgUrl]);
  let n = 0;
  try {
    const result = await load({
      url: `http://127.0.0.1:${onset.info.port}`,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/assessments',
          headers: { authorization: `Bearer ${onset.info.token}`, 'content-type': 'application/json' },
          setupRequest: (request) => {
            n += 1;
            const p = onset.info.patients[n % onset.info.patients.length]!;
            const at = new Date(Date.UTC(2026, 0, 2) + n * MINUTE_MS).toISOString();
            return {
              ...request,
              body: JSON.stringify({
                patientId: p.patientId,
                courseId: p.courseId,
                instrument: 'gad7',
                completedAt: at,
                answers: [n % 4, 2, 1, 2, 1, 0, 3],
              }),
            };
          },
        },
      ],
    });
    return { ...result, historyPerPatientAtEnd: Math.round(result.total / onset.info.patients.length) };
  } finally {
    onset.child.kill('SIGTERM');
  }
}

const disk = fdatasyncMicros();
const bare = await start<{ port: number }>(['bare']);
let bareResult: Awaited<ReturnType<typeof load>>;
try {
  bareResult = await load({
    url: `http://127.0.0.1:${bare.info.port}/rows`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ answers: [3, 2, 1, 2, 1, 0, 3] }),
  });
} finally {
  bare.child.kill('SIGTERM');
}
const sqlite = await submissions();
const report: Record<string, unknown> = {
  benchmark: 'api',
  seconds: SECONDS,
  connections: CONNECTIONS,
  diskWriteAndFdatasync4KiB: disk,
  bareInsertSqlite: bareResult,
  submissionsSqlite: sqlite,
  throughputRatio: Number((sqlite.requestsPerSecond / bareResult.requestsPerSecond).toFixed(3)),
  targets: { throughputRatioMin: 0.5, p99MsMax: 50 },
  pass: sqlite.requestsPerSecond >= 0.5 * bareResult.requestsPerSecond && sqlite.p99Ms <= 50 && sqlite.non2xx === 0,
};
const pgUrl = process.env.ONSET_DATABASE_URL;
if (pgUrl?.startsWith('postgres')) {
  const pg = await submissions(pgUrl);
  report.submissionsPostgres = pg;
  report.postgresRatioToBareSqlite = Number((pg.requestsPerSecond / bareResult.requestsPerSecond).toFixed(3));
}
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
