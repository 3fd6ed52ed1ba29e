// Survival statistics that agree with R's survival package: Kaplan–Meier (survfit), log-rank
// (survdiff), and the pieces they are built from. Pure functions; no I/O.
export { kaplanMeier } from './kaplan-meier.js';
export type { ConfType, KmOptions, KmResult, KmRow, SurvivalObservation } from './kaplan-meier.js';
export { logRank } from './log-rank.js';
export type { LogRankGroup, LogRankResult } from './log-rank.js';
export { confidenceBounds, criticalValue } from './confidence.js';
export { timeCurveReachesHalf } from './median.js';
export { mergeNearTimes } from './time-fix.js';
export { chiSquareUpperTail } from './chi-square.js';
export { normalQuantile } from './normal-quantile.js';
export { parseCsv } from './csv.js';
export type { CsvRecord } from './csv.js';
export { readSurvivalCsv, UNGROUPED } from './survival-csv.js';
export type { SurvivalColumns, SurvivalGroup } from './survival-csv.js';
export { analyseSurvival, kmJson, kmText } from './km-report.js';
export type { KmAnalysis, KmJson, KmJsonRow } from './km-report.js';
