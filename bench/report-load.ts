/**
 * `npm run bench:report-load`: how much do cohort reports slow the writes that arrive meanwhile? Per
 * engine (SQLite; PostgreSQL too when ONSET_DATABASE_URL=postgres://… names the server, on a database of
 * its own, dropped afterwards) a bench server (report-load-server.ts) loads 20,000 synthetic patients
 * (BENCH_PATIENTS to change) and serves the real app. After a warm-up (one write to each of the 50 write
 * patients, one report), questionnaire submissions go out at a steady BENCH_RATE per second (default 20;
 * open loop: each at its time, whether or not the earlier ones were answered, so a stalled server shows
 * in the latencies) for BENCH_SECONDS (default 25) (a) alone, then (b) while another client asks for the
 * cohort report (`GET /api/v1/cohort`) back to back (on a thread of its own, so that reading the reports
 * never delays the writes' timing). Prints one JSON object: each engine's write
 * p50/p99 alone and under the reports, their ratio, the reports completed and how long they took, and
 * the targets: p99 under the reports ≤ 50 ms, or ≤ 1.5 × the p99 alone.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  gad7Answers,
  gad7Submission,
  loadAverages,
  postJson,
  postgresServerUrl,
  progress,
  round3,
  startServer,
  summarize,
  timedRequest,
  withFreshDatabase,
  type Timed,
} from './support.js';

const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 25);
const TARGETS = { loadedP99MsMax: 50, loadedToUnloadedP99Max: 1.5 };
const server = fileURLToPath(new URL('./report-load-server.ts', import.meta.url));
const MINUTE_MS = 60_000;

interface Target {
  patientId: string;
  courseId: string;
}

interface ReportLoadInfo {
  port: number;
  engine: string;
  token: string;
  patients: Target[];
  loaded: Record<string, number>;
  loadSeconds: number;
}

/**
 * The report client: a worker thread that asks for the report again as soon as the last one has been
 * read, posting each one's status and time, until told to stop.
 */
const REPORTER = `
const { parentPort, workerData } = require('node:worker_threads');
let on = true;
parentPort.once('message', () => { on = false; });
(async () => {
  while (on) {
    const start = performance.now();
    let status = 0, bytes = 0;
    try {
      const response = await fetch(workerData.url, { headers: workerData.headers });
      bytes = (await response.arrayBuffer()).byteLength;
      status = response.status;
    } catch {}
    parentPort.postMessage({ status, ms: performance.now() - start, bytes });
  }
  parentPort.postMessage('done');
})();
`;

interface Reporter {
  reports: (Timed & { bytes: number })[];
  /** Stops after the report under way, and resolves once it has arrived. */
  stop(): Promise<void>;
}

function startReporter(url: string, headers: Record<string, string>): Reporter {
  const worker = new Worker(REPORTER, { eval: true, workerData: { url, headers } });
  const reports: Reporter['reports'] = [];
  const done = new Promise<void>((resolve, reject) => {
    worker.on('message', (message: 'done' | Reporter['reports'][number]) => {
      if (message === 'done') resolve();
      else reports.push(message);
    });
    worker.once('error', reject);
  });
  return {
    reports,
    stop: async () => {
      worker.postMessage('stop');
      await done;
      await worker.terminate();
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends `send()` RATE times a second for `seconds`, each at its own time, and waits for every answer. */
async function steadily(seconds: number, send: () => Promise<Timed>): Promise<{ runs: Timed[]; lateMsMax: number }> {
  const interval = 1000 / RATE;
  const count = Math.round(seconds * RATE);
  const start = performance.now();
  const pending: Promise<Timed>[] = [];
  let lateMsMax = 0;
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    lateMsMax = Math.max(lateMsMax, performance.now() - due);
    pending.push(send());
  }
  return { runs: await Promise.all(pending), lateMsMax: Math.round(lateMsMax) };
}

function writeFigures(result: { runs: Timed[]; lateMsMax: number }) {
  const { runs } = result;
  return {
    ...summarize(runs.map((r) => r.ms)),
    non2xx: runs.filter((r) => r.status !== 0 && (r.status < 200 || r.status > 299)).length,
    errors: runs.filter((r) => r.status === 0).length,
    /** How late the load generator sent its latest request (it should stay near 0). */
    sendLateMsMax: result.lateMsMax,
  };
}

async function bench(pgUrl?: string): Promise<Record<string, unknown>> {
  const label = pgUrl === undefined ? 'sqlite' : 'postgres';
  progress(`[report-load ${label}] loading the cohort…`);
  const started = await startServer<ReportLoadInfo>(server, pgUrl === undefined ? [] : [pgUrl]);
  try {
    const { info } = started;
    const base = `http://127.0.0.1:${info.port}/api/v1`;
    const auth = { authorization: `Bearer ${info.token}` };
    let n = 0;
    const submit = (): Promise<Timed> => {
      n += 1;
      const target = info.patients[n % info.patients.length]!;
      const at = new Date(Date.UTC(2026, 0, 2) + n * MINUTE_MS).toISOString();
      return timedRequest(`${base}/assessments`, postJson(info.token, gad7Submission(target, at, gad7Answers(n))));
    };
    const report = (): Promise<Timed> => timedRequest(`${base}/cohort?instrument=gad7`, { headers: auth });

    progress(`[report-load ${label}] loaded in ${info.loadSeconds} s; warm-up…`);
    const warmUp: Timed[] = [];
    for (let i = 0; i < info.patients.length; i++) warmUp.push(await submit());
    const firstReport = await report();

    progress(`[report-load ${label}] writes alone: ${RATE}/s for ${SECONDS} s…`);
    const unloaded = writeFigures(await steadily(SECONDS, submit));

    progress(`[report-load ${label}] writes while cohort reports run back to back…`);
    const reporter = startReporter(`${base}/cohort?instrument=gad7`, auth);
    const loadedRuns = await steadily(SECONDS, submit);
    const reportsDuringWrites = reporter.reports.length;
    await reporter.stop();
    const { reports } = reporter;
    const loaded = writeFigures(loadedRuns);

    const p99Ratio = round3(loaded.p99Ms / unloaded.p99Ms);
    const passAbsolute = loaded.p99Ms <= TARGETS.loadedP99MsMax;
    const passRatio = p99Ratio <= TARGETS.loadedToUnloadedP99Max;
    const clean = [unloaded, loaded].every((w) => w.non2xx === 0 && w.errors === 0);
    const reportSeconds = summarize(reports.map((r) => r.ms / 1000));
    return {
      engine: info.engine,
      cohort: info.loaded,
      loadSeconds: info.loadSeconds,
      ratePerSecond: RATE,
      seconds: SECONDS,
      warmUp: {
        writes: summarize(warmUp.map((r) => r.ms)),
        firstReportSeconds: round3(firstReport.ms / 1000),
        firstReportStatus: firstReport.status,
      },
      writesUnloaded: unloaded,
      writesUnderReports: loaded,
      ratio: { p50: round3(loaded.p50Ms / unloaded.p50Ms), p99: p99Ratio },
      reports: {
        completedWhileWriting: reportsDuringWrites,
        completed: reports.length,
        non200: reports.filter((r) => r.status !== 200).length,
        secondsP50: reportSeconds.p50Ms,
        secondsMax: reportSeconds.maxMs,
        bytes: reports[0]?.bytes ?? 0,
      },
      targets: TARGETS,
      passAbsolute,
      passRatio,
      pass: (passAbsolute || passRatio) && clean,
      loadAverage: loadAverages(),
    };
  } finally {
    await started.stop();
  }
}

const loadAtStart = loadAverages();
const engines = [await bench()];
const serverUrl = postgresServerUrl();
if (serverUrl !== undefined) engines.push(await withFreshDatabase(serverUrl, (url) => bench(url)));
process.stdout.write(
  `${JSON.stringify({ benchmark: 'report-load', engines, loadAverage: { atStart: loadAtStart, atEnd: loadAverages() } }, null, 2)}\n`,
);
