import type { OutcomeMetricKey } from '../definitions.js';
import { isOnsetError } from '../../shared/errors.js';
import { kaplanMeier, logRank, type KmResult, type LogRankResult, type SurvivalObservation } from './stats.js';
import type { CurveGroup, SurvivalFigure } from './types.js';

export interface CurveMember {
  conditions: readonly string[];
  observation: SurvivalObservation | null;
}

export const OVERLAP_NOTE =
  'A patient with several conditions counts in each of their condition groups, so the groups overlap and the log-rank p-value is approximate (the test assumes separate groups).';

/**
 * A Kaplan–Meier figure, overall and by condition, with a log-rank test across conditions — docs/outcomes.md:
 * "Onset curve: time from t1 to onset in days; patients who never respond are censored at their last
 * assessment. Relief curve: each patient's first relief episode (so that patients are independent).
 * Confidence bands: 95%, log scale (as R's survival package), Greenwood variance. … Group comparison:
 * log-rank test." Members without an observation are counted under `excludedReason`.
 */
export function survivalFigure(
  members: readonly CurveMember[],
  definition: OutcomeMetricKey,
  excludedReason: string,
): SurvivalFigure {
  const overall: SurvivalObservation[] = [];
  const groups = new Map<string, SurvivalObservation[]>();
  for (const member of members) {
    const observation = member.observation;
    if (observation === null) continue;
    overall.push(observation);
    for (const condition of new Set(member.conditions)) {
      const group = groups.get(condition);
      if (group === undefined) groups.set(condition, [observation]);
      else group.push(observation);
    }
  }
  const names = [...groups.keys()].sort();
  const byCondition: CurveGroup[] = names.map((condition) => {
    const observations = groups.get(condition) ?? [];
    return { condition, n: observations.length, curve: curve(observations) };
  });
  const excludedCount = members.length - overall.length;
  return {
    n: overall.length,
    definition,
    overall: overall.length > 0 ? curve(overall) : null,
    byCondition,
    ...logRankAcross(names, groups),
    excluded: excludedCount > 0 ? [{ reason: excludedReason, count: excludedCount }] : [],
    note: OVERLAP_NOTE,
  };
}

function logRankAcross(
  names: readonly string[],
  groups: ReadonlyMap<string, SurvivalObservation[]>,
): { logRank: LogRankResult | null; logRankUnavailable: string | null } {
  if (names.length < 2) return { logRank: null, logRankUnavailable: 'fewer than 2 condition groups' };
  try {
    return {
      logRank: logRank(names.map((name) => ({ name, observations: groups.get(name) ?? [] }))),
      logRankUnavailable: null,
    };
  } catch (error) {
    // The test is undefined for some data (no events at all, a singular variance matrix); the curves
    // still stand, so the report says why the test is missing instead of failing.
    if (isOnsetError(error)) return { logRank: null, logRankUnavailable: error.message };
    throw error;
  }
}

function curve(observations: readonly SurvivalObservation[]): KmResult {
  return kaplanMeier(observations, { confType: 'log' });
}
