// Every fixture written by scripts/r/km-fixtures.R (R 4.2.2, survival 3.5-3) must be reproduced to
// 1e-6 absolute for every number, with null exactly where R has NA and Infinity where R has Inf.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, type ConfType, type KmResult, type SurvivalObservation } from './kaplan-meier.js';
import { logRank } from './log-rank.js';

type RNumber = number | 'Inf' | '-Inf' | null;

interface RFit {
  confType: ConfType;
  confLevel: number;
  n: number;
  events: number;
  time: RNumber[];
  'n.risk': RNumber[];
  'n.event': RNumber[];
  'n.censor': RNumber[];
  surv: RNumber[];
  'std.err': RNumber[];
  lower: RNumber[];
  upper: RNumber[];
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
}

interface RObservations {
  time: number[];
  event: boolean[];
}

interface RFixture {
  name: string;
  description: string;
  observations: RObservations;
  fits: RFit[];
  groups?: { name: string; observations: RObservations; fit: RFit }[];
  survdiff?: { groups: string[]; n: number[]; obs: number[]; exp: number[]; chisq: number; df: number; p: number };
}

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const TOLERANCE = 1e-6;

function loadFixtures(): RFixture[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as RFixture);
}

function toObservations({ time, event }: RObservations): SurvivalObservation[] {
  return time.map((t, i) => ({ time: t, event: event[i] ?? false }));
}

function fromR(value: RNumber | undefined): number | null {
  if (value === 'Inf') return Infinity;
  if (value === '-Inf') return -Infinity;
  return value ?? null;
}

/** Same null/NA, same infinity, otherwise within 1e-6. */
function expectAgrees(actual: number | null, expected: RNumber | undefined, what: string): void {
  const want = fromR(expected);
  if (want === null || actual === null || !Number.isFinite(want)) {
    expect(actual, what).toBe(want);
  } else {
    expect(Math.abs(actual - want), `${what}: ${actual} vs R ${want}`).toBeLessThanOrEqual(TOLERANCE);
  }
}

function expectMatchesFit(result: KmResult, fit: RFit, label: string): void {
  expect(result.n, `${label} n`).toBe(fit.n);
  expect(result.events, `${label} events`).toBe(fit.events);
  expect(result.table.length, `${label} rows`).toBe(fit.time.length);
  result.table.forEach((row, i) => {
    const at = `${label} row ${i}`;
    expectAgrees(row.time, fit.time[i], `${at} time`);
    expectAgrees(row.nRisk, fit['n.risk'][i], `${at} n.risk`);
    expectAgrees(row.nEvent, fit['n.event'][i], `${at} n.event`);
    expectAgrees(row.nCensor, fit['n.censor'][i], `${at} n.censor`);
    expectAgrees(row.survival, fit.surv[i], `${at} surv`);
    expectAgrees(row.stdErr, fit['std.err'][i], `${at} std.err`);
    expectAgrees(row.lower, fit.lower[i], `${at} lower`);
    expectAgrees(row.upper, fit.upper[i], `${at} upper`);
  });
  expectAgrees(result.median, fit.median, `${label} median`);
  expectAgrees(result.medianLower, fit.medianLower, `${label} median lower`);
  expectAgrees(result.medianUpper, fit.medianUpper, `${label} median upper`);
}

const fixtures = loadFixtures();

describe('agreement with R survival 3.5-3', () => {
  it('has the data sets the R script writes', () => {
    expect(fixtures.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'aml',
        'lung',
        'heavy-censoring',
        'ties',
        'median-plateau',
        'median-plateau-last',
        'upper-not-reached',
        'last-event',
        'single-event',
        'pair',
        'lung-ecog',
        'group-without-expected',
      ]),
    );
  });

  describe.each(fixtures)('$name ($description)', (fixture) => {
    it.each(fixture.fits)('survfit conf.type=$confType conf.int=$confLevel', (fit) => {
      const result = kaplanMeier(toObservations(fixture.observations), {
        confType: fit.confType,
        confLevel: fit.confLevel,
      });
      expectMatchesFit(result, fit, `${fixture.name} ${fit.confType} ${fit.confLevel}`);
    });
  });

  describe.each(fixtures.filter((f) => f.groups !== undefined))('$name by group', (fixture) => {
    const groups = fixture.groups ?? [];

    it.each(groups)('survfit of group $name', (group) => {
      expectMatchesFit(kaplanMeier(toObservations(group.observations)), group.fit, `${fixture.name}/${group.name}`);
    });

    it('survdiff', () => {
      const expected = fixture.survdiff;
      const result = logRank(groups.map((g) => ({ name: g.name, observations: toObservations(g.observations) })));
      expect(result.groups.map((g) => g.name)).toEqual(expected?.groups);
      expect(result.df).toBe(expected?.df);
      expectAgrees(result.chiSquare, expected?.chisq, 'chisq');
      expectAgrees(result.p, expected?.p, 'p');
      result.groups.forEach((g, i) => {
        expect(g.n, `${g.name} n`).toBe(expected?.n[i]);
        expectAgrees(g.observed, expected?.obs[i], `${g.name} observed`);
        expectAgrees(g.expected, expected?.exp[i], `${g.name} expected`);
      });
    });
  });
});
