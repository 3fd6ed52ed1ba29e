/**
 * `npm run bench:outcomes` (tsx bench/outcomes.ts): the cohort report on 20,000 synthetic patients.
 *
 * Generates the cohort (fixed seed) a patient at a time and bulk-loads it into a fresh SQLite file in a
 * temporary folder, then times, three times each, (a) a bare scan — the very rows the report reads (the
 * clinic's patients with a dose, all their doses, their GAD-7 assessments and adverse events), through
 * the same repository and Kysely layer, each row touched and nothing computed — and (b) the full report
 * from the database (`cohortReport`: loading, converting and computing on a read worker,
 * src/db/read-workers.ts), and (c) the same report computed on this thread, as the server did before the
 * read workers (one snapshot, then the computation). Medians are reported. Beside (b) and (c) stands the
 * longest stall of this thread's event loop while each ran (`monitorEventLoopDelay`): what a write
 * arriving meanwhile would have waited.
 *
 * Output: one JSON object per engine, one per line (JSON Lines) on stdout; progress on stderr. When
 * ONSET_DATABASE_URL is a postgres:// URL, the same runs against a fresh database created on that server
 * (onset_bench_<random>, dropped afterwards) and a second line follows. Each engine runs in a process of
 * its own (this file again, with ONSET_BENCH_ENGINE set), so that peakRssMb — the process's peak
 * resident memory, `process.resourceUsage().maxRSS`, read worker included — covers that engine's
 * generation, load, scans and reports on the read worker and nothing else (it is read before the
 * in-thread runs). The heap is collected before each timed run (as benchmark harnesses do), so
 * that a run neither pays for the previous run's garbage nor stacks its own on top of it.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import pg from 'pg';
import { createClinic } from '../src/clinics/clinic.service.js';
import { loadCohortInputs, outcomeDefinition } from '../src/cohort/cohort-inputs.js';
import { cohortPages } from '../src/cohort/cohort.repository.js';
import { cohortReport } from '../src/cohort/cohort.service.js';
import { openPostgres, openSqlite, type DatabaseHandle } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { inSnapshot } from '../src/db/transaction.js';
import { computeCohortReport } from '../src/outcomes/cohort/compute.js';
import { systemContext, type ServiceContext } from '../src/records/context.js';
import { generatePatients } from '../src/synthetic/generate.js';
import { loadSyntheticCohort } from '../src/synthetic/load.js';

const PATIENTS = 20_000;
const SEED = 20_260_301;
const START = Date.UTC(2025, 0, 1);
const INSTRUMENT = 'gad7';
const RUNS = 3;
const TARGETS = { ratioMax: 3, peakRssMbMax: 600 };

interface BenchResult {
  engine: string;
  patients: number;
  assessments: number;
  doses: number;
  loadSeconds: number;
  bareScanSeconds: number;
  cohortReportSeconds: number;
  /** The same report on the request thread (no read worker). */
  inThreadReportSeconds: number;
  /** The longest stall of the request thread's event loop during the report on a read worker, and in-thread. */
  loopStallMs: { readWorker: number; inThread: number };
  ratio: number;
  peakRssMb: number;
  targets: typeof TARGETS;
  pass: boolean;
}

const progress = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

async function bench(handle: DatabaseHandle): Promise<BenchResult> {
  await migrateToLatest(handle);
  const clinic = await createClinic(handle.db, { name: 'Benchmark clinic (synthetic)', timeZone: 'UTC' });
  const ctx: ServiceContext = systemContext(handle, clinic.id, { actor: 'cli' });

  progress(`[${handle.engine}] generating and loading ${PATIENTS} synthetic patients…`);
  const loadStart = performance.now();
  const loaded = await loadSyntheticCohort(handle, {
    clinicId: clinic.id,
    patients: generatePatients({ seed: SEED, patients: PATIENTS, start: START }),
    total: PATIENTS,
    onProgress: (done, total) => {
      if (done % 2000 === 0 || done === total) progress(`[${handle.engine}]   ${done}/${total ?? '?'} patients`);
    },
  });
  const loadSeconds = seconds(loadStart);
  progress(`[${handle.engine}] loaded in ${loadSeconds.toFixed(1)} s (${memory()}): ${JSON.stringify(loaded)}`);

  // The first report starts the read worker; the timed runs find it running, as a server's reports do.
  await cohortReport(ctx, { instrument: INSTRUMENT, filter: { from: 0, to: 1 } });
  const bare: number[] = [];
  const full: number[] = [];
  const stallPool: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    collectGarbage();
    let start = performance.now();
    const rows = await bareScan(ctx);
    bare.push(seconds(start));
    collectGarbage();
    start = performance.now();
    const { report } = await watchingTheLoop(stallPool, () => cohortReport(ctx, { instrument: INSTRUMENT }));
    full.push(seconds(start));
    progress(
      `[${handle.engine}] run ${run}: bare scan ${rows} rows ${bare.at(-1)?.toFixed(2)} s; cohort report (n = ${report.n}) on a read worker ${full.at(-1)?.toFixed(2)} s, longest loop stall ${stallPool.at(-1)?.toFixed(0)} ms (${memory()})`,
    );
  }
  // What the server holds: this thread and the read worker; the in-thread runs below would add their own.
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const inThread: number[] = [];
  const stallInThread: number[] = [];
  for (let run = 1; run <= RUNS; run++) {
    collectGarbage();
    const start = performance.now();
    const local = await watchingTheLoop(stallInThread, () => inThreadReport(ctx));
    inThread.push(seconds(start));
    progress(
      `[${handle.engine}] run ${run}: the same report in-thread (n = ${local.n}) ${inThread.at(-1)?.toFixed(2)} s, longest loop stall ${stallInThread.at(-1)?.toFixed(0)} ms (${memory()})`,
    );
  }
  const bareScanSeconds = median(bare);
  const cohortReportSeconds = median(full);
  const ratio = cohortReportSeconds / bareScanSeconds;
  return {
    engine: handle.engine,
    patients: loaded.patients,
    assessments: loaded.assessments,
    doses: loaded.doses,
    loadSeconds: round(loadSeconds),
    bareScanSeconds: round(bareScanSeconds),
    cohortReportSeconds: round(cohortReportSeconds),
    inThreadReportSeconds: round(median(inThread)),
    loopStallMs: { readWorker: Math.round(median(stallPool)), inThread: Math.round(median(stallInThread)) },
    ratio: round(ratio),
    peakRssMb: Math.round(peakRssMb),
    targets: TARGETS,
    pass: ratio <= TARGETS.ratioMax && peakRssMb <= TARGETS.peakRssMbMax,
  };
}

/** The report as the request thread computed it before the read workers: one snapshot, then the computation. */
async function inThreadReport(ctx: ServiceContext): Promise<{ n: number }> {
  const definition = outcomeDefinition(INSTRUMENT);
  const patients = await inSnapshot(ctx, (tx) => loadCohortInputs(tx, { instrument: INSTRUMENT }));
  return computeCohortReport({ definition, patients });
}

/** Runs `work`, adding to `stalls` the longest this thread's event loop was blocked meanwhile (ms). */
async function watchingTheLoop<T>(stalls: number[], work: () => Promise<T>): Promise<T> {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  // The histogram's first tick only sets its clock: let it tick before the work begins.
  await new Promise((resolve) => setTimeout(resolve, 20));
  try {
    return await work();
  } finally {
    // A stall is recorded when the loop's timer fires late, so the loop turns once more before reading it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    delay.disable();
    stalls.push(delay.max / 1e6);
  }
}

/** Reads what the report reads, page by page, touching every field of every row; computes nothing. */
async function bareScan(ctx: ServiceContext): Promise<number> {
  let rows = 0;
  let touched = 0;
  for await (const page of cohortPages(ctx.db, ctx.clinicId, { instrument: INSTRUMENT })) {
    for (const p of page.patients) touched += p.id.length + p.conditions.length;
    for (const d of page.doses)
      touched += d.patient_id.length + d.given_at.length + d.route.length + d.setting.length + (d.price_cents ?? 0);
    for (const a of page.assessments)
      touched += a.patient_id.length + a.completed_at.length + (a.total ?? 0) + a.complete;
    for (const e of page.events) touched += e.patient_id.length + e.category.length + e.onset_at.length;
    rows += page.patients.length + page.doses.length + page.assessments.length + page.events.length;
  }
  // Using the sum keeps the reads from being optimised away.
  if (touched < 0) throw new Error('unreachable');
  return rows;
}

async function onSqlite(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'onset-bench-'));
  const handle = openSqlite(join(dir, 'onset.sqlite'));
  try {
    return await bench(handle);
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(serverUrl: string): Promise<BenchResult> {
  const name = `onset_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString());
  try {
    return await bench(handle);
  } finally {
    await handle.close();
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

// V8's collector, reachable without starting node with --expose-gc.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const memory = (): string =>
  `RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB, peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MB, heap ${Math.round(process.memoryUsage().heapUsed / 1048576)} MB`;
const seconds = (since: number): number => (performance.now() - since) / 1000;
const round = (value: number): number => Math.round(value * 1000) / 1000;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs one engine's benchmark in a child process (same loader flags) and returns its JSON line. */
async function inChildProcess(engine: 'sqlite' | 'postgres'): Promise<string> {
  const child = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, ONSET_BENCH_ENGINE: engine },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`the ${engine} benchmark failed (exit code ${code ?? 'none'})`);
  return output.trim();
}

const engine = process.env.ONSET_BENCH_ENGINE;
const pgUrl = process.env.ONSET_DATABASE_URL ?? '';
if (engine === 'sqlite') {
  process.stdout.write(`${JSON.stringify(await onSqlite())}\n`);
} else if (engine === 'postgres') {
  process.stdout.write(`${JSON.stringify(await onPostgres(pgUrl))}\n`);
} else {
  process.stdout.write(`${await inChildProcess('sqlite')}\n`);
  if (/^postgres(ql)?:\/\//.test(pgUrl)) process.stdout.write(`${await inChildProcess('postgres')}\n`);
}
