/**
 * The survival statistics the cohort report uses, from src/stats (one place to adapt if their
 * signatures change).
 */
export { kaplanMeier, logRank } from '../../stats/index.js';
export type { KmResult, LogRankResult, SurvivalObservation } from '../../stats/index.js';
