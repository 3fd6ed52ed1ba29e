import { invalid, invalidMany, type FieldProblem } from '../shared/errors.js';
import { confidenceBounds, criticalValue, type ConfType } from './confidence.js';
import { timeCurveReachesHalf } from './median.js';
import { mergeNearTimes } from './time-fix.js';

export type { ConfType } from './confidence.js';

/** One subject: time from the start (e.g. days from first dose) to the event or to censoring. */
export interface SurvivalObservation {
  time: number;
  /** true = the event happened at `time`; false = censored (followed until `time`, no event). */
  event: boolean;
}

/** One row per distinct time (events and censorings), as the survfit object's columns. */
export interface KmRow {
  time: number;
  nRisk: number;
  nEvent: number;
  nCensor: number;
  survival: number;
  /**
   * R's `fit$std.err`: the standard error of the cumulative hazard (Greenwood,
   * sqrt(Σ d / (n (n − d)))), i.e. se(S) / S — not the standard error of S itself.
   * Infinity once S reaches 0 (R's Inf).
   */
  stdErr: number;
  /** Pointwise confidence bounds for S; null where R gives NA (e.g. S = 0 on the log scale). */
  lower: number | null;
  upper: number | null;
}

export interface KmResult {
  n: number;
  events: number;
  table: KmRow[];
  /** Median and its CI as print(survfit) reports them; null when not reached. */
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
  confType: ConfType;
  confLevel: number;
}

export interface KmOptions {
  /** Scale of the pointwise CI, as survfit's conf.type; default 'log' (R's default). */
  confType?: ConfType;
  /** Default 0.95 (R's default conf.int). */
  confLevel?: number;
}

interface TimeCount {
  time: number;
  nEvent: number;
  nCensor: number;
}

function checkObservations(obs: readonly SurvivalObservation[]): void {
  if (obs.length === 0) throw invalid('observations', 'at least one observation is needed');
  const problems: FieldProblem[] = [];
  obs.forEach((o, i) => {
    if (!Number.isFinite(o.time) || o.time < 0) {
      problems.push({ field: `observations[${i}].time`, reason: `${o.time} is not a finite number ≥ 0` });
    }
  });
  if (problems.length > 0) throw invalidMany(problems);
}

function checkConfLevel(confLevel: number): void {
  if (!(confLevel > 0 && confLevel < 1)) {
    throw invalid('confLevel', `${confLevel} is outside the open interval (0, 1), e.g. 0.95`);
  }
}

/** Events and censorings at each distinct time, in time order. */
function countByTime(times: readonly number[], events: readonly boolean[]): TimeCount[] {
  const counts = new Map<number, TimeCount>();
  times.forEach((time, i) => {
    const count = counts.get(time) ?? { time, nEvent: 0, nCensor: 0 };
    if (events[i] === true) count.nEvent++;
    else count.nCensor++;
    counts.set(time, count);
  });
  return [...counts.values()].sort((a, b) => a.time - b.time);
}

/** Product-limit rows with Greenwood standard errors, in the same arithmetic order as survfitkm.c. */
function productLimitRows(counts: readonly TimeCount[], n: number, confType: ConfType, z: number): KmRow[] {
  let nRisk = n;
  let survival = 1;
  let greenwood = 0;
  return counts.map(({ time, nEvent, nCensor }) => {
    if (nEvent > 0) {
      survival *= (nRisk - nEvent) / nRisk;
      greenwood += nEvent / (nRisk * (nRisk - nEvent)); // Infinity when everyone at risk has the event
    }
    const stdErr = Math.sqrt(greenwood);
    const bounds = confidenceBounds(survival, stdErr, confType, z);
    const row: KmRow = { time, nRisk, nEvent, nCensor, survival, stdErr, ...bounds };
    nRisk -= nEvent + nCensor;
    return row;
  });
}

/**
 * Kaplan–Meier estimate exactly as R's survfit(Surv(time, event) ~ 1, conf.type, conf.int)
 * (survival 3.5): one row per distinct time, stdErr as R's fit$std.err (se of the cumulative hazard),
 * CI by conf.type, median and CI as print(fit). Near-equal times are merged first, as R's timefix.
 */
export function kaplanMeier(obs: readonly SurvivalObservation[], options: KmOptions = {}): KmResult {
  // Defaults as docs/outcomes.md "Cohort": 95% bands on the log scale, which are also R's defaults.
  const confType = options.confType ?? 'log';
  const confLevel = options.confLevel ?? 0.95;
  checkObservations(obs);
  checkConfLevel(confLevel);
  const times = mergeNearTimes(obs.map((o) => o.time));
  const counts = countByTime(
    times,
    obs.map((o) => o.event),
  );
  const table = productLimitRows(counts, obs.length, confType, criticalValue(confLevel));
  const rowTimes = table.map((row) => row.time);
  return {
    n: obs.length,
    events: obs.filter((o) => o.event).length,
    table,
    median: timeCurveReachesHalf(
      rowTimes,
      table.map((row) => row.survival),
    ),
    medianLower: timeCurveReachesHalf(
      rowTimes,
      table.map((row) => row.lower),
    ),
    medianUpper: timeCurveReachesHalf(
      rowTimes,
      table.map((row) => row.upper),
    ),
    confType,
    confLevel,
  };
}
