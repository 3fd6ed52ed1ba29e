/**
 * `npm run bench:history`: does a questionnaire submission take longer when the patient has a long
 * history? Per engine (SQLite; PostgreSQL too when ONSET_DATABASE_URL=postgres://… names the server, on a
 * database of its own, dropped afterwards) a bench server (history-server.ts) bulk-loads patients with 10
 * and with 1,000 GAD-7 questionnaires each, then serves the real app. Through HTTP, one request at a time:
 * a warm-up that writes once to every patient (a patient's first write may evaluate its whole history,
 * as it has no stored safety basis yet), then BENCH_REQUESTS submissions per group (default 300), the two
 * groups taking turns so that the machine's noise falls on both, each to the group's next patient.
 * Prints one JSON object: each group's p50/p99 (and its first writes' p50, from the warm-up), and the
 * 1,000 : 10 ratios of p50 and p99 against the target (≤ 1.2).
 */
import { fileURLToPath } from 'node:url';
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

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const TARGETS = { p50RatioMax: 1.2, p99RatioMax: 1.2 };
const server = fileURLToPath(new URL('./history-server.ts', import.meta.url));
const MINUTE_MS = 60_000;

interface Target {
  patientId: string;
  courseId: string;
}

interface HistoryInfo {
  port: number;
  engine: string;
  token: string;
  historyEnd: string;
  dosesPerPatient: Record<string, number>;
  schedule: string;
  groups: Record<string, Target[]>;
}

async function bench(pgUrl?: string): Promise<Record<string, unknown>> {
  const label = pgUrl === undefined ? 'sqlite' : 'postgres';
  progress(`[history ${label}] seeding…`);
  const seedStart = performance.now();
  const started = await startServer<HistoryInfo>(server, pgUrl === undefined ? [] : [pgUrl]);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  try {
    const { info } = started;
    const url = `http://127.0.0.1:${info.port}/api/v1/assessments`;
    const names = Object.keys(info.groups).sort((a, b) => Number(a) - Number(b));
    let n = 0;
    const submit = (target: Target): Promise<Timed> => {
      n += 1;
      const at = new Date(Date.parse(info.historyEnd) + n * MINUTE_MS).toISOString();
      return timedRequest(url, postJson(info.token, gad7Submission(target, at, gad7Answers(n))));
    };
    const first: Record<string, Timed[]> = Object.fromEntries(names.map((g) => [g, []]));
    const measured: Record<string, Timed[]> = Object.fromEntries(names.map((g) => [g, []]));
    const patients = Math.max(...names.map((g) => info.groups[g]!.length));
    progress(`[history ${label}] seeded in ${seedSeconds.toFixed(1)} s; warm-up: one write to each patient…`);
    for (let i = 0; i < patients; i++)
      for (const g of names) {
        const target = info.groups[g]![i];
        if (target !== undefined) first[g]!.push(await submit(target));
      }
    progress(`[history ${label}] measuring ${REQUESTS} submissions per group…`);
    for (let i = 0; i < REQUESTS; i++)
      for (const g of names) {
        const group = info.groups[g]!;
        measured[g]!.push(await submit(group[i % group.length]!));
      }
    const groups = Object.fromEntries(
      names.map((g) => {
        const runs = measured[g]!;
        const group = info.groups[g]!;
        return [
          g,
          {
            questionnairesPerPatientAtStart: Number(g),
            dosesPerPatient: info.dosesPerPatient[g],
            patients: group.length,
            ...summarize(runs.map((r) => r.ms)),
            non2xx: runs.filter((r) => r.status !== 0 && (r.status < 200 || r.status > 299)).length,
            errors: runs.filter((r) => r.status === 0).length,
            firstWrite: {
              ...summarize(first[g]!.map((r) => r.ms)),
              non2xx: first[g]!.filter((r) => r.status !== 201).length,
            },
            questionnairesPerPatientAtEnd: Number(g) + 1 + Math.ceil(REQUESTS / group.length),
          },
        ];
      }),
    );
    const short = groups[names[0]!]!;
    const long = groups[names.at(-1)!]!;
    const ratio = { p50: round3(long.p50Ms / short.p50Ms), p99: round3(long.p99Ms / short.p99Ms) };
    return {
      engine: info.engine,
      seedSeconds: round3(seedSeconds),
      schedule: info.schedule,
      requestsPerGroup: REQUESTS,
      concurrency: 1,
      groups,
      ratio,
      targets: TARGETS,
      pass:
        ratio.p50 <= TARGETS.p50RatioMax &&
        ratio.p99 <= TARGETS.p99RatioMax &&
        Object.values(groups).every((g) => g.non2xx === 0 && g.errors === 0),
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
  `${JSON.stringify({ benchmark: 'history', engines, loadAverage: { atStart: loadAtStart, atEnd: loadAverages() } }, null, 2)}\n`,
);
