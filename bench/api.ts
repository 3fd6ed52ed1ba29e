/**
 * `npm run bench:api`: questionnaire submissions per second and p99 latency against the real Onset app
 * (SQLite, synchronous=FULL), beside a bare Fastify route that inserts one row into SQLite, measured in
 * the same run on this machine. 50 connections, 20 s each (BENCH_SECONDS to change). Prints JSON.
 * With ONSET_DATABASE_URL=postgres://… it also measures Onset on PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 50;
const server = fileURLToPath(new URL('./api-server.ts', import.meta.url));

interface Started<T> {
  child: ChildProcess;
  info: T;
}

function start<T>(args: string[]): Promise<Started<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', server, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    createInterface({ input: child.stdout }).once('line', (line) => resolve({ child, info: JSON.parse(line) as T }));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

async function load(options: autocannon.Options): Promise<{ requestsPerSecond: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number; total: number }> {
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

async function submissions(pgUrl?: string): Promise<Awaited<ReturnType<typeof load>>> {
  const onset = await start<OnsetInfo>(pgUrl === undefined ? ['onset'] : ['onset', pgUrl]);
  let n = 0;
  try {
    return await load({
      url: `http://127.0.0.1:${onset.info.port}`,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/assessments',
          headers: { authorization: `Bearer ${onset.info.token}`, 'content-type': 'application/json' },
          setupRequest: (request) => {
            n += 1;
            const p = onset.info.patients[n % onset.info.patients.length]!;
            const at = new Date(Date.UTC(2026, 0, 2) + n * 60_000).toISOString();
            return { ...request, body: JSON.stringify({ patientId: p.patientId, courseId: p.courseId, instrument: 'gad7', completedAt: at, answers: [n % 4, 2, 1, 2, 1, 0, 3] }) };
          },
        },
      ],
    });
  } finally {
    onset.child.kill('SIGTERM');
  }
}

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
