/**
 * `npx tsx bench/compare-summary.ts OUT_DIR`: the figures of a bench/compare.sh run as a Markdown table,
 * before against after (the median over rounds when there were several), with after ÷ before, and the
 * load averages of each run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;
type Figure = number | boolean | undefined;

const out = process.argv[2] ?? '';
if (out === '') throw new Error('usage: tsx bench/compare-summary.ts OUT_DIR');

interface Run {
  bench: string;
  side: 'before' | 'after';
  round: number;
  commit: string;
  exitCode: number;
  loadBefore: string;
  loadAfter: string;
}

const runs = readFileSync(join(out, 'runs.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Run);

/** A run's output: one JSON document, or JSON Lines (bench:outcomes) gathered as { engines: [...] }. */
function output(run: Run): Json | undefined {
  const file = join(out, `${run.bench}-${run.side}-${run.round}.json`);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as Json;
  } catch {
    return { engines: text.split('\n').map((line) => JSON.parse(line) as Json) };
  }
}

const at = (value: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Json)[key] : undefined), value);
const engine = (doc: Json, name: string): Json | undefined =>
  (doc.engines as Json[] | undefined)?.find((e) => e.engine === name);
const figure = (value: unknown): Figure =>
  typeof value === 'number' || typeof value === 'boolean' ? value : undefined;

const ROWS: Record<string, [string, (doc: Json) => Figure][]> = {
  api: [
    ...[
      'bareInsertSqlite',
      'submissionsSqlite',
      'bareInsertPostgres',
      'submissionsPostgres',
      'submissionsPostgres20Clinics',
    ].flatMap((run): [string, (doc: Json) => Figure][] =>
      ['requestsPerSecond', 'p50Ms', 'p99Ms', 'non2xx', 'errors', 'throughputRatio', 'pass'].map((key) => [
        `${run}.${key}`,
        (doc) => figure(at(doc, `${run}.${key}`)),
      ]),
    ),
    ['SQLite throughputRatio', (doc) => figure(doc.throughputRatio)],
    ['SQLite pass', (doc) => figure(doc.pass)],
    ['postgresPass', (doc) => figure(doc.postgresPass)],
  ],
  history: ['sqlite', 'postgres'].flatMap((name): [string, (doc: Json) => Figure][] =>
    [
      'groups.10.p50Ms',
      'groups.10.p99Ms',
      'groups.1000.p50Ms',
      'groups.1000.p99Ms',
      'groups.10.firstWrite.p50Ms',
      'groups.1000.firstWrite.p50Ms',
      'groups.10.non2xx',
      'groups.1000.non2xx',
      'ratio.p50',
      'ratio.p99',
      'pass',
    ].map((path) => [`${name} ${path}`, (doc) => figure(at(engine(doc, name), path))]),
  ),
  'report-load': ['sqlite', 'postgres'].flatMap((name): [string, (doc: Json) => Figure][] =>
    [
      'writesUnloaded.p50Ms',
      'writesUnloaded.p99Ms',
      'writesUnderReports.p50Ms',
      'writesUnderReports.p99Ms',
      'writesUnderReports.maxMs',
      'writesUnloaded.non2xx',
      'writesUnderReports.non2xx',
      'ratio.p99',
      'reports.completedWhileWriting',
      'reports.secondsP50',
      'reports.non200',
      'passAbsolute',
      'passRatio',
      'pass',
    ].map((path) => [`${name} ${path}`, (doc) => figure(at(engine(doc, name), path))]),
  ),
  outcomes: ['sqlite', 'postgres'].flatMap((name): [string, (doc: Json) => Figure][] =>
    [
      'loadSeconds',
      'bareScanSeconds',
      'cohortReportSeconds',
      'inThreadReportSeconds',
      'loopStallMs.readWorker',
      'loopStallMs.inThread',
      'ratio',
      'peakRssMb',
      'pass',
    ].map((path) => [`${name} ${path}`, (doc) => figure(at(engine(doc, name), path))]),
  ),
};

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function combine(values: Figure[]): string {
  const present = values.filter((v) => v !== undefined);
  if (present.length === 0) return '–';
  if (typeof present[0] === 'boolean') return present.map((v) => (v === true ? 'pass' : 'FAIL')).join(' ');
  const m = median(present as number[]);
  const shown = m === undefined ? '–' : String(Math.round(m * 1000) / 1000);
  return present.length > 1 ? `${shown} (${present.join(', ')})` : shown;
}

const lines: string[] = [];
for (const bench of Object.keys(ROWS)) {
  const mine = runs.filter((r) => r.bench === bench);
  if (mine.length === 0) continue;
  const docs = { before: [] as Json[], after: [] as Json[] };
  for (const run of mine) {
    const doc = output(run);
    if (doc !== undefined && run.exitCode === 0) docs[run.side].push(doc);
  }
  lines.push(`### ${bench}`, '', '| figure | before | after | after ÷ before |', '|---|---|---|---|');
  for (const [label, read] of ROWS[bench]!) {
    const before = docs.before.map(read);
    const after = docs.after.map(read);
    if (before.every((v) => v === undefined) && after.every((v) => v === undefined)) continue;
    const b = median(before.filter((v): v is number => typeof v === 'number'));
    const a = median(after.filter((v): v is number => typeof v === 'number'));
    const ratio = a !== undefined && b !== undefined && b !== 0 ? (a / b).toFixed(2) : '';
    lines.push(`| ${label} | ${combine(before)} | ${combine(after)} | ${ratio} |`);
  }
  lines.push('', 'Runs:', '');
  for (const run of mine)
    lines.push(
      `- ${run.side} round ${run.round} (${run.commit}): exit ${run.exitCode}, load ${run.loadBefore} → ${run.loadAfter}`,
    );
  lines.push('');
}
process.stdout.write(`${lines.join('\n')}\n`);
