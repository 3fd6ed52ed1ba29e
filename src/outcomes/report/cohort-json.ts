import { kmJsonRows, type KmJsonRow } from '../../stats/km-report.js';
import type { Proportion } from '../../stats/wilson.js';
import type { CohortReport, SurvivalFigure } from '../cohort/types.js';
import type { KmResult, LogRankResult } from '../cohort/stats.js';

export interface ProportionJson {
  numerator: number;
  denominator: number;
  proportion: number | null;
  lower: number | null;
  upper: number | null;
}

export interface KmJson {
  n: number;
  events: number;
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
  confType: string;
  confLevel: number;
  /** One row per distinct time in days; stdErr is null where it is infinite (S = 0, R's Inf). */
  table: KmJsonRow[];
}

export interface SurvivalJson {
  n: number;
  timeUnit: 'days';
  overall: KmJson | null;
  byCondition: { condition: string; n: number; curve: KmJson }[];
  logRank: LogRankResult | null;
  logRankUnavailable: string | null;
  excluded: { reason: string; count: number }[];
  note: string;
}

/** The `onset cohort --json` shape: the figures of the cohort report (docs/outcomes.md "Cohort"), key order fixed. */
export interface CohortReportJson {
  instrument: string;
  n: number;
  withoutBaseline: number;
  responseByDose: {
    dose: number;
    itt: { response: ProportionJson; remission: ProportionJson };
    perProtocol: { response: ProportionJson; remission: ProportionJson };
  }[];
  onset: SurvivalJson;
  relief: SurvivalJson;
  boosterRate: {
    n: number;
    median: number | null;
    bins: { from: number; to: number | null; count: number }[];
    excludedShortFollowUp: number;
  };
  costPerResponder: {
    valueUsd: number | null;
    totalCostUsd: number | null;
    responders: number;
    patientsWithUnknownCost: number;
    n: number;
  };
}

/**
 * Converts a cohort report to the CLI's JSON shape. Curve times are durations in days (not instants,
 * so they stay numbers); infinite standard errors become null, as JSON has no Infinity.
 */
export function cohortReportJson(report: CohortReport): CohortReportJson {
  return {
    instrument: report.instrument,
    n: report.n,
    withoutBaseline: report.withoutBaseline,
    responseByDose: report.responseByDose.rows.map((row) => ({
      dose: row.dose,
      itt: { response: proportion(row.itt.response), remission: proportion(row.itt.remission) },
      perProtocol: { response: proportion(row.perProtocol.response), remission: proportion(row.perProtocol.remission) },
    })),
    onset: survival(report.onset),
    relief: survival(report.relief),
    boosterRate: {
      n: report.boosterRate.n,
      median: report.boosterRate.median,
      bins: report.boosterRate.bins.map((b) => ({ from: b.from, to: b.to, count: b.count })),
      excludedShortFollowUp: report.boosterRate.excludedShortFollowUp,
    },
    costPerResponder: {
      valueUsd: report.costPerResponder.valueUsd,
      totalCostUsd: report.costPerResponder.totalCostUsd,
      responders: report.costPerResponder.responders,
      patientsWithUnknownCost: report.costPerResponder.patientsWithUnknownCost,
      n: report.costPerResponder.n,
    },
  };
}

function proportion(p: Proportion): ProportionJson {
  return {
    numerator: p.numerator,
    denominator: p.denominator,
    proportion: p.proportion,
    lower: p.lower,
    upper: p.upper,
  };
}

function survival(figure: SurvivalFigure): SurvivalJson {
  return {
    n: figure.n,
    timeUnit: 'days',
    overall: figure.overall === null ? null : km(figure.overall),
    byCondition: figure.byCondition.map((g) => ({ condition: g.condition, n: g.n, curve: km(g.curve) })),
    logRank: figure.logRank,
    logRankUnavailable: figure.logRankUnavailable,
    excluded: figure.excluded.map((e) => ({ reason: e.reason, count: e.count })),
    note: figure.note,
  };
}

function km(result: KmResult): KmJson {
  return {
    n: result.n,
    events: result.events,
    median: result.median,
    medianLower: result.medianLower,
    medianUpper: result.medianUpper,
    confType: result.confType,
    confLevel: result.confLevel,
    table: kmJsonRows(result),
  };
}
