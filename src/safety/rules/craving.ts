import { positiveRuns, type Run } from '../episodes.js';
import { makeFinding } from '../finding.js';
import { onDay, scoredOf, type ScoredAssessment } from '../records.js';
import type { SafetySettings } from '../settings.js';
import { CRAVING_DEFAULT } from '../sources.js';
import type { Finding, SafetyHistory, SafetyRule } from '../types.js';

/**
 * Craving — on Onset's 0–10 craving rating (not a validated instrument): a rating ≥ cravingThreshold
 * (default 7), or cravingRisingCount (default 3) consecutive ratings each strictly higher than the last.
 * Both numbers are Onset choices, not published cut-offs; the esketamine label asks for monitoring for
 * abuse and dependence. Episodes: a run of consecutive high ratings (`high:assessment:<first id>`), and
 * a maximal strictly rising streak (`rising:assessment:<first id of the streak>`).
 */
export const craving: SafetyRule = {
  id: 'craving',
  severity: 'warning',
  title: 'Craving for ketamine',
  rationale:
    'Ketamine can cause dependence; a strong or steadily growing urge to take it between sessions is the earliest sign a clinician can act on.',
  source: CRAVING_DEFAULT,
  evaluate: (history, settings) => {
    const ratings = scoredOf(history.assessments, 'craving');
    return [...highRuns(ratings, settings, history), ...risingStreaks(ratings, settings, history)];
  },
};

function definition(settings: SafetySettings): string {
  return `A craving rating of ${settings.cravingThreshold} or more (0–10), or ${settings.cravingRisingCount} consecutive ratings each strictly higher than the one before.`;
}

function highRuns(ratings: readonly ScoredAssessment[], settings: SafetySettings, history: SafetyHistory): Finding[] {
  const runs = positiveRuns(ratings, (r) => (r.total >= settings.cravingThreshold ? 'positive' : 'negative'));
  return runs.map((run) =>
    makeFinding(craving, {
      episodeKey: `high:assessment:${run[0].id}`,
      raisedAt: run[0].completedAt,
      summary: `Craving rated ${run[0].total} of 10 on ${onDay(run[0].completedAt, history.timeZone)} (threshold ${settings.cravingThreshold}).`,
      values: { kind: 'high', threshold: settings.cravingThreshold, ratings: ratingValues(run) },
      definition: definition(settings),
    }),
  );
}

function risingStreaks(
  ratings: readonly ScoredAssessment[],
  settings: SafetySettings,
  history: SafetyHistory,
): Finding[] {
  return strictlyRisingStreaks(ratings)
    .filter((streak) => streak.length >= settings.cravingRisingCount)
    .map((streak) => {
      const completing = streak[settings.cravingRisingCount - 1] ?? streak[0];
      const shown = streak.slice(0, settings.cravingRisingCount);
      return makeFinding(craving, {
        episodeKey: `rising:assessment:${streak[0].id}`,
        raisedAt: completing.completedAt,
        summary: `Craving rose over ${shown.length} consecutive ratings, ${shown.map((r) => r.total).join(' → ')}, up to ${onDay(completing.completedAt, history.timeZone)}.`,
        values: { kind: 'rising', risingCount: settings.cravingRisingCount, ratings: ratingValues(streak) },
        definition: definition(settings),
      });
    });
}

/** Maximal streaks of consecutive ratings in which each is strictly higher than the one before. */
function strictlyRisingStreaks(ratings: readonly ScoredAssessment[]): Run<ScoredAssessment>[] {
  const streaks: Run<ScoredAssessment>[] = [];
  let current: Run<ScoredAssessment> | null = null;
  for (const rating of ratings) {
    const last = current?.[current.length - 1];
    if (current !== null && last !== undefined && rating.total > last.total) current.push(rating);
    else {
      current = [rating];
      streaks.push(current);
    }
  }
  return streaks;
}

function ratingValues(ratings: readonly ScoredAssessment[]): { id: string; completedAt: string; rating: number }[] {
  return ratings.map((r) => ({ id: r.id, completedAt: r.completedAt, rating: r.total }));
}
