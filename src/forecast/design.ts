/**
 * The covariates of the relief-duration model (docs/outcomes.md "Forecast"): the patient's primary
 * condition and the route of the dose (each a factor whose most common level is the reference, absorbed
 * in the intercept) and the dose number, centred on the clinic's mean (left out when every episode follows
 * the same dose number). A level with fewer than
 * MIN_LEVEL_EPISODES episodes is pooled into "other"; an "other" that is itself that small, and a level
 * the model has never seen, take the reference level.
 */
import type { EpisodeCovariates, EpisodeObservation } from './types.js';

export const MIN_LEVEL_EPISODES = 10;

export interface Design {
  terms: string[];
  levels: { condition: string[]; route: string[] };
  doseCentre: number;
}

function levelsOf(values: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const kept = ranked.filter(([, n], i) => i === 0 || n >= MIN_LEVEL_EPISODES).map(([v]) => v);
  const pooled = ranked.filter(([, n], i) => i > 0 && n < MIN_LEVEL_EPISODES).reduce((sum, [, n]) => sum + n, 0);
  if (pooled >= MIN_LEVEL_EPISODES) kept.push('other');
  return kept;
}

/** The design for a set of episodes: levels (reference first) and the centre of the dose number. */
export function designFor(observations: readonly EpisodeObservation[]): Design {
  const condition = levelsOf(observations.map((o) => o.condition));
  const route = levelsOf(observations.map((o) => o.route));
  const doseCentre = observations.reduce((sum, o) => sum + o.dose, 0) / Math.max(1, observations.length);
  // Episodes all after the same dose number say nothing about a trend with dose: the term is left out.
  const doseVaries = observations.some((o) => o.dose !== observations[0]?.dose);
  const terms = [
    '(Intercept)',
    ...condition.slice(1).map((l) => `condition=${l}`),
    ...route.slice(1).map((l) => `route=${l}`),
    ...(doseVaries ? ['dose'] : []),
  ];
  return { terms, levels: { condition, route }, doseCentre };
}

/** The level a value takes: itself if known, "other" if pooled, else the reference. */
function levelIndex(levels: readonly string[], value: string): number {
  const own = levels.indexOf(value);
  if (own >= 0) return own;
  const other = levels.indexOf('other');
  return other >= 0 ? other : 0;
}

/** One row of the design matrix. */
export function designRow(design: Design, covariates: EpisodeCovariates): number[] {
  const { condition, route } = design.levels;
  const row = new Array<number>(design.terms.length).fill(0);
  row[0] = 1;
  const c = levelIndex(condition, covariates.condition);
  if (c > 0) row[c] = 1;
  const r = levelIndex(route, covariates.route);
  if (r > 0) row[condition.length - 1 + r] = 1;
  if (design.terms[design.terms.length - 1] === 'dose') row[row.length - 1] = covariates.dose - design.doseCentre;
  return row;
}
