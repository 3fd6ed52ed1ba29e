/**
 * What the benchmarks' load generators share: starting a bench server in a process of its own, a fresh
 * PostgreSQL database per run, latency percentiles and timed HTTP requests. Imports nothing from src/,
 * so that the process that measures carries none of the server's code.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import pg from 'pg';

/**
 * The audit key the bench servers use when ONSET_AUDIT_KEY is unset (PostgreSQL refuses to audit
 * without one). It protects only the throw-away databases of a benchmark.
 */
const BENCH_AUDIT_KEY = 'onset-benchmark-audit-key-for-throw-away-databases';

/** The PostgreSQL server to benchmark on (ONSET_DATABASE_URL when it is a postgres:// URL), else undefined. */
export function postgresServerUrl(): string | undefined {
  const url = process.env.ONSET_DATABASE_URL;
  return url !== undefined && /^postgres(ql)?:\/\//.test(url) ? url : undefined;
}

export interface Started<T> {
  child: ChildProcess;
  /** The JSON line the server printed once it was listening. */
  info: T;
  /** Ends the server (SIGTERM) and waits until its process has exited. */
  stop(): Promise<void>;
}

/** Starts `script` (a bench server) with tsx, and resolves with the first line it prints, parsed. */
export function startServer<T>(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ONSET_AUDIT_KEY: process.env.ONSET_AUDIT_KEY ?? BENCH_AUDIT_KEY, ...env },
    });
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const stop = async (): Promise<void> => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    };
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve({ child, info: JSON.parse(line) as T, stop }),
    );
    child.once('exit', (code) => reject(new Error(`bench server ${script} exited with ${code}`)));
  });
}

/** A database of its own on the PostgreSQL server, for one run; `drop` removes it (closing its sessions). */
export interface FreshDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function freshPostgresDatabase(serverUrl: string): Promise<FreshDatabase> {
  const name = `onset_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
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

/** Runs `work` on a fresh database of the server, dropping it afterwards whatever happens. */
export async function withFreshDatabase<T>(serverUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const database = await freshPostgresDatabase(serverUrl);
  try {
    return await work(database.url);
  } finally {
    await database.drop();
  }
}

export interface LatencySummary {
  n: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

/** Nearest-rank percentiles of latencies in milliseconds (rounded to 0.01 ms). */
export function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number): number => round2(sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    n: sorted.length,
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p99Ms: at(0.99),
    maxMs: at(1),
    meanMs: round2(sum / Math.max(1, sorted.length)),
  };
}

export const round2 = (value: number): number => Math.round(value * 100) / 100;
export const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** The machine's 1, 5 and 15 minute load averages (the benchmarks run on shared machines). */
export const loadAverages = (): number[] => loadavg().map(round2);

export interface Timed {
  status: number;
  ms: number;
  /** Set when the request failed without an HTTP answer. */
  error?: string;
}

/** Sends one request with fetch and times it until its body has been read whole. */
export async function timedRequest(url: string, init: RequestInit): Promise<Timed> {
  const start = performance.now();
  try {
    const response = await fetch(url, init);
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - start };
  } catch (error) {
    return { status: 0, ms: performance.now() - start, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A JSON POST with a bearer token. */
export function postJson(token: string, body: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/** GAD-7 answers number `k` of a series: totals 9–12 in turn, never a reliable change from one another. */
export const gad7Answers = (k: number): number[] => [k % 4, 2, 1, 2, 1, 0, 3];

/** The body of a GAD-7 submission (seven answers 0–3). */
export function gad7Submission(
  target: { patientId: string; courseId: string },
  completedAt: string,
  answers: number[],
): Record<string, unknown> {
  return { patientId: target.patientId, courseId: target.courseId, instrument: 'gad7', completedAt, answers };
}

export const progress = (text: string): void => {
  process.stderr.write(`${text}\n`);
};
