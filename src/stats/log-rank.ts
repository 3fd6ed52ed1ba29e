import { invalid, invalidMany, type FieldProblem } from '../shared/errors.js';
import { chiSquareUpperTail } from './chi-square.js';
import type { SurvivalObservation } from './kaplan-meier.js';
import { solveLinear } from './linear-solve.js';
import { mergeNearTimes } from './time-fix.js';

export interface LogRankGroup {
  name: string;
  observations: readonly SurvivalObservation[];
}

export interface LogRankResult {
  chiSquare: number;
  df: number;
  p: number;
  groups: { name: string; n: number; observed: number; expected: number }[];
}

interface Tally {
  observed: number[];
  expected: number[];
  variance: number[][];
}

interface Subject {
  time: number;
  event: boolean;
  group: number;
}

function checkGroups(groups: readonly LogRankGroup[]): void {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  groups.forEach((group, g) => {
    if (seen.has(group.name)) {
      problems.push({ field: `groups[${g}].name`, reason: `"${group.name}" is used by another group` });
    }
    seen.add(group.name);
    group.observations.forEach((o, i) => {
      if (!Number.isFinite(o.time) || o.time < 0) {
        const field = `groups[${g}].observations[${i}].time`;
        problems.push({ field, reason: `${o.time} is not a finite number ≥ 0` });
      }
    });
  });
  if (problems.length > 0) throw invalidMany(problems);
  if (groups.filter((group) => group.observations.length > 0).length < 2) {
    throw invalid('groups', 'the log-rank test needs at least 2 groups with observations');
  }
}

/** All subjects, times merged as R's timefix, sorted by time. */
function pooledSubjects(groups: readonly LogRankGroup[]): Subject[] {
  const subjects = groups.flatMap((group, g) => group.observations.map((o) => ({ ...o, group: g })));
  const times = mergeNearTimes(subjects.map((s) => s.time));
  return subjects.map((s, i) => ({ ...s, time: times[i] ?? s.time })).sort((a, b) => a.time - b.time);
}

/** Adds one event time's hypergeometric variance (as survdiff2.c): d(N−d)/(N(N−1)) · r_j (δ_jk − r_k/N). */
function addVariance(variance: number[][], atRisk: readonly number[], deaths: number, nRisk: number): void {
  if (nRisk === 1) return; // a single subject at risk adds no variance
  atRisk.forEach((rj, j) => {
    const row = variance[j] ?? [];
    const tmp = (deaths * rj * (nRisk - deaths)) / (nRisk * (nRisk - 1));
    row[j] = (row[j] ?? 0) + tmp;
    atRisk.forEach((rk, k) => {
      row[k] = (row[k] ?? 0) - (tmp * rk) / nRisk;
    });
  });
}

/** Observed and expected events per group and their variance matrix, as survdiff.fit with rho = 0. */
function tally(groups: readonly LogRankGroup[]): Tally {
  const k = groups.length;
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const variance = groups.map(() => new Array<number>(k).fill(0));
  const atRisk = groups.map((group) => group.observations.length);
  const subjects = pooledSubjects(groups);
  for (let start = 0; start < subjects.length; ) {
    const time = subjects[start]?.time;
    let end = start;
    while (end < subjects.length && subjects[end]?.time === time) end++;
    const here = subjects.slice(start, end);
    const deaths = here.filter((s) => s.event).length;
    const nRisk = subjects.length - start;
    if (deaths > 0) {
      atRisk.forEach((r, g) => (expected[g] = (expected[g] ?? 0) + (deaths * r) / nRisk));
      addVariance(variance, atRisk, deaths, nRisk);
    }
    for (const s of here) {
      if (s.event) observed[s.group] = (observed[s.group] ?? 0) + 1;
      atRisk[s.group] = (atRisk[s.group] ?? 0) - 1;
    }
    start = end;
  }
  return { observed, expected, variance };
}

/** (O − E)ᵀ V⁻¹ (O − E) over the groups with expected > 0, leaving out the first of them (R's rule). */
function chiSquareStatistic({ observed, expected, variance }: Tally, used: readonly number[]): number {
  if (used.length < 2) return 0;
  const kept = used.slice(1);
  const difference = kept.map((g) => (observed[g] ?? 0) - (expected[g] ?? 0));
  const subMatrix = kept.map((j) => kept.map((k) => variance[j]?.[k] ?? 0));
  let solution: number[];
  try {
    solution = solveLinear(subMatrix, difference);
  } catch {
    throw invalid(
      'groups',
      'the log-rank variance matrix is singular (e.g. every subject had the event at the same time), ' +
        'so the test cannot be computed',
    );
  }
  return solution.reduce((sum, x, i) => sum + x * (difference[i] ?? 0), 0);
}

/**
 * Log-rank test exactly as R's survdiff(Surv(time, event) ~ group) with rho = 0: hypergeometric
 * variance at tied event times, chi-square from the variance matrix of all groups with expected > 0
 * but the first, df = (number of such groups) − 1, p from the chi-square upper tail.
 */
export function logRank(groups: readonly LogRankGroup[]): LogRankResult {
  checkGroups(groups);
  const counts = tally(groups);
  const used = groups.map((_, g) => g).filter((g) => (counts.expected[g] ?? 0) > 0);
  if (used.length === 0) {
    throw invalid('groups', 'there are no events in any group, so there is nothing to compare');
  }
  const chiSquare = chiSquareStatistic(counts, used);
  const df = used.length - 1;
  // With one group left there is no test: R reports chi-square 0 on 0 df and p = 1.
  // max(…, 0): a statistic of −1e-17 from rounding is 0 (R's pchisq gives 1 for it too).
  const p = df === 0 ? 1 : chiSquareUpperTail(Math.max(chiSquare, 0), df);
  return {
    chiSquare,
    df,
    p,
    groups: groups.map((group, g) => ({
      name: group.name,
      n: group.observations.length,
      observed: counts.observed[g] ?? 0,
      expected: counts.expected[g] ?? 0,
    })),
  };
}
