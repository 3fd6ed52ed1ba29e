/**
 * `npm run bench:api`: questionnaire submissions per second and p99 latency against the real Onset app
 * (SQLite, synchronous=FULL), beside a bare Fastify route that inserts one row into SQLite, measured in
 * the same run on this machine. 50 connections, 15 s each (BENCH_SECONDS to change). Prints JSON.
 *
 * With ONSET_DATABASE_URL=postgres://… (the server's admin URL) it also measures, each on a database of
 * its own created for the run and dropped after it: a bare Fastify route doing one INSERT per request
 * through a `pg` pool of 10 (synchronous_commit on, as the report shows), Onset's submissions within one
 * clinic (500 patients), and across 20 clinics (25 patients and an API token each, consecutive requests
 * going to different clinics); each Onset run against the bare route's throughput, with the targets.
 * PostgreSQL needs ONSET_AUDIT_KEY; the bench servers use a throw-away key when it is unset.
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { MINUTE_MS } from '../src/shared/time.js';
import { loadAverages, postgresServerUrl, round3, startServer, withFreshDatabase, type Started } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = 50;
const CLINICS = 20;
const TARGETS = { throughputRatioMin: 0.5, p99MsMax: 50 };
const server = fileURLToPath(new URL('./api-server.ts', import.meta.url));

const start = <T>(args: string[]): Promise<Started<T>> => startServer<T>(server, args);

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
  clinics: number;
  /** Each with its clinic's API token. */
  patients: { patientId: string; courseId: string; token: string }[];
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

async function submissions(pgUrl?: string, clinics = 1): Promise<SubmissionResult> {
  const onset = await start<OnsetInfo>(pgUrl === undefined ? ['onset'] : ['onset', pgUrl, String(clinics)]);
  let n = 0;
  try {
    const result = await load({
      url: `http://127.0.0.1:${onset.info.port}`,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/assessments',
          setupRequest: (request) => {
            n += 1;
            const p = onset.info.patients[n % onset.info.patients.length]!;
            const at = new Date(Date.UTC(2026, 0, 2) + n * MINUTE_MS).toISOString();
            return {
              ...request,
              headers: { authorization: `Bearer ${p.token}`, 'content-type': 'application/json' },
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
    await onset.stop();
  }
}

const loadAtStart = loadAverages();
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
  await bare.stop();
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
const serverUrl = postgresServerUrl();
if (serverUrl !== undefined) {
  const barePg = await withFreshDatabase(serverUrl, async (url) => {
    const started = await start<{ port: number; synchronousCommit: string; poolMax: number }>(['bare-pg', url]);
    try {
      const result = await load({
        url: `http://127.0.0.1:${started.info.port}/rows`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ answers: [3, 2, 1, 2, 1, 0, 3] }),
      });
      return { ...result, synchronousCommit: started.info.synchronousCommit, poolMax: started.info.poolMax };
    } finally {
      await started.stop();
    }
  });
  const against = (run: SubmissionResult) => {
    const throughputRatio = round3(run.requestsPerSecond / barePg.requestsPerSecond);
    return {
      ...run,
      throughputRatio,
      pass:
        throughputRatio >= TARGETS.throughputRatioMin &&
        run.p99Ms <= TARGETS.p99MsMax &&
        run.non2xx === 0 &&
        run.errors === 0,
    };
  };
  const oneClinic = against(await withFreshDatabase(serverUrl, (url) => submissions(url, 1)));
  const manyClinics = against(await withFreshDatabase(serverUrl, (url) => submissions(url, CLINICS)));
  report.bareInsertPostgres = barePg;
  report.submissionsPostgres = oneClinic;
  report[`submissionsPostgres${CLINICS}Clinics`] = manyClinics;
  report.postgresRatioToBareSqlite = round3(oneClinic.requestsPerSecond / bareResult.requestsPerSecond);
  report.postgresTargets = { ...TARGETS, against: 'bareInsertPostgres', non2xx: 0, errors: 0 };
  report.postgresPass = oneClinic.pass && manyClinics.pass;
}
report.loadAverage = { atStart: loadAtStart, atEnd: loadAverages() };
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
