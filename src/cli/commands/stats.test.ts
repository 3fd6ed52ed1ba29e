import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { isOnsetError } from '../../shared/errors.js';
import type { KmJson } from '../../stats/km-report.js';
import { captureIo } from '../io.js';
import { registerStatsCommands } from './stats.js';

type RNumber = number | 'Inf' | null;

interface RFit {
  time: number[];
  'n.risk': number[];
  'n.event': number[];
  'n.censor': number[];
  surv: number[];
  'std.err': RNumber[];
  lower: RNumber[];
  upper: RNumber[];
  n: number;
  events: number;
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
}

interface AmlFixture {
  fits: (RFit & { confType: string; confLevel: number })[];
  groups: { name: string; observations: { time: number[]; event: boolean[] }; fit: RFit }[];
  survdiff: { chisq: number; df: number; p: number };
}

// survival::aml as R wrote it (scripts/r/km-fixtures.R).
const aml = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../stats/fixtures/aml.json'), 'utf8'),
) as AmlFixture;

const dir = mkdtempSync(join(tmpdir(), 'onset-stats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a CSV file in the temp folder and returns its path. */
function csvFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** aml as CSV: the group column is quoted (the names could hold commas), rows interleaved. */
function amlCsv(): string {
  const rows = aml.groups.flatMap((g) =>
    g.observations.time.map((t, i) => `${t},${g.observations.event[i] === true ? 1 : 0},"${g.name}"`),
  );
  return ['weeks,relapse,arm', ...rows.sort()].join('\r\n');
}

async function run(...args: string[]): Promise<string> {
  const io = captureIo();
  const program = new Command().exitOverride();
  registerStatsCommands(program, io);
  await program.parseAsync(['node', 'onset', 'stats', 'km', ...args]);
  return io.stdout();
}

async function runError(...args: string[]): Promise<string> {
  try {
    await run(...args);
  } catch (error) {
    if (isOnsetError(error)) return error.message;
    throw error;
  }
  throw new Error('expected the command to fail');
}

function expectClose(actual: number | null | undefined, expected: RNumber | undefined): void {
  if (expected === 'Inf')
    expect(actual).toBeNull(); // JSON has no infinity
  else if (expected === null || expected === undefined) expect(actual).toBeNull();
  else expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThanOrEqual(1e-6);
}

function expectGroupMatches(group: KmJson['groups'][number] | undefined, fit: RFit): void {
  const { n, events, median, medianLower, medianUpper } = fit;
  expect(group).toMatchObject({ n, events, median, medianLower, medianUpper });
  expect(group?.table.map((r) => [r.time, r.nRisk, r.nEvent, r.nCensor])).toEqual(
    fit.time.map((t, i) => [t, fit['n.risk'][i], fit['n.event'][i], fit['n.censor'][i]]),
  );
  group?.table.forEach((row, i) => {
    expectClose(row.survival, fit.surv[i]);
    expectClose(row.stdErr, fit['std.err'][i]);
    expectClose(row.lower, fit.lower[i]);
    expectClose(row.upper, fit.upper[i]);
  });
}

describe('onset stats km', () => {
  const amlPath = csvFile('aml.csv', amlCsv());

  it('fits one curve per group and the log-rank test, as R survfit/survdiff on aml', async () => {
    const json = JSON.parse(
      await run('--csv', amlPath, '--time', 'weeks', '--event', 'relapse', '--group', 'arm', '--json'),
    ) as KmJson;
    expect(json.groups.map((g) => g.name)).toEqual(['Maintained', 'Nonmaintained']);
    aml.groups.forEach((g, i) => expectGroupMatches(json.groups[i], g.fit));
    expect(json.logRank?.df).toBe(aml.survdiff.df);
    expectClose(json.logRank?.chiSquare, aml.survdiff.chisq);
    expectClose(json.logRank?.p, aml.survdiff.p);
  });

  it.each(['log', 'log-log', 'plain'])('ungrouped, --conf-type %s: one group "all", no logRank', async (confType) => {
    const output = await run(
      '--csv',
      amlPath,
      '--time',
      'weeks',
      '--event',
      'relapse',
      '--conf-type',
      confType,
      '--json',
    );
    const json = JSON.parse(output) as KmJson;
    expect(Object.keys(json)).toEqual(['groups']);
    expect(json.groups.map((g) => g.name)).toEqual(['all']);
    const fit = aml.fits.find((f) => f.confType === confType && f.confLevel === 0.95);
    if (fit === undefined) throw new Error(`no ${confType} fit in the fixture`);
    expectGroupMatches(json.groups[0], fit);
  });

  it('uses the columns time and event by default and prints readable tables', async () => {
    const path = csvFile('default.csv', 'id,time,event\n1,1,1\n2,3,1\n3,2,1\n4,4,0\n');
    const text = await run('--csv', path);
    // S: 3/4, 2/4, 1/4 at t = 1, 2, 3 → S is exactly 0.5 at 2 and lower at 3: median (2 + 3)/2 = 2.5.
    // Lower bound at t = 1: 0.75 · exp(−1.96 · sqrt(1/12)) = 0.4259 ≤ 0.5 → 1. R print(): 2.5, 1, NA.
    expect(text).toContain('all: n = 4, events = 3, median 2.5 (95% CI 1 to not reached)');
    expect(text).toContain('time  at risk  events  censored  survival  std.err   lower   upper');
    expect(text).not.toContain('Log-rank');
  });

  it.each([
    [
      'time,event\n3,1\n4,0\n5,1\n6,1\n7,0\n8,2\n',
      'line 7, column "event": "2" is not 0 or 1 (1 = event, 0 = censored)',
    ],
    ['time,event\n3,1\n4,0,1\n', 'line 3: 3 fields, but the header has 2'],
    ['time,event\n3,1\nsoon,0\n', 'line 3, column "time": "soon" is not a number'],
    ['time,event\n3,1\n-4,0\n', 'line 3, column "time": -4 is negative; a time must be ≥ 0'],
    ['days,event\n3,1\n', 'line 1: column "time" is missing; the header has "days", "event"'],
    ['time,event\n3,1\n"4,0\n', 'line 3: a quoted field is not closed (missing ")'],
  ])('refuses malformed CSV (%#)', async (text, message) => {
    expect(await runError('--csv', csvFile('bad.csv', text))).toBe(message);
  });

  it('refuses a missing group column, a missing file and an unknown --conf-type', async () => {
    expect(await runError('--csv', amlPath, '--group', 'arm')).toBe(
      'line 1: column "time" is missing; the header has "weeks", "relapse", "arm"',
    );
    expect(await runError('--csv', join(dir, 'nope.csv'))).toBe(`CSV file ${join(dir, 'nope.csv')} was not found`);
    expect(await runError('--csv', amlPath, '--conf-type', 'logit')).toBe(
      '--conf-type: must be one of: log, log-log, plain',
    );
  });

  it('refuses a log-rank test with a single group', async () => {
    const path = csvFile('one-group.csv', 'time,event,arm\n1,1,a\n2,0,a\n');
    expect(await runError('--csv', path, '--group', 'arm')).toBe(
      'groups: the log-rank test needs at least 2 groups with observations',
    );
  });
});
