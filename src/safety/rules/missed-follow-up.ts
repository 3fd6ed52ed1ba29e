import type { Dose } from '../../doses/dose.schema.js';
import { makeFinding } from '../finding.js';
import { DAY_MS } from '../../shared/time.js';
import { onDay, dosesInOrder, isScored, isoAt, ms } from '../records.js';
import type { SafetySettings } from '../settings.js';
import { MISSED_FOLLOW_UP_DEFAULT } from '../sources.js';
import type { Finding, SafetyHistory, SafetyRule, ScheduledFollowUp } from '../types.js';
import { roundTo } from '../../stats/round.js';
import { plural } from '../../shared/plural.js';

/**
 * Missed follow-up. A dose whose course schedule asks for follow-ups is judged by them: missed as soon as
 * one of them expired unanswered (expiry: the clinic's schedule setting, default 4 days after it fell
 * due), raised at that expiry. A dose without scheduled follow-ups keeps the day count: no complete
 * questionnaire (any instrument) in the missedFollowUpDays after it (default 8: an Onset choice; trials
 * assess at day 7), once that many days have passed by `now`, raised at the deadline. Either way:
 * warning while nothing at all has been completed since the dose (the patient is unmeasured), info when a
 * questionnaire did come (a gap in the record); one episode per dose (`dose:<id>`).
 */
export const missedFollowUp: SafetyRule = {
  id: 'missed-follow-up',
  severity: 'warning',
  title: 'No follow-up after a dose',
  rationale:
    'Worsening after a dose is rare but serious; a patient who completes nothing after a dose cannot be seen to worsen, and the outcome record has a hole.',
  source: MISSED_FOLLOW_UP_DEFAULT,
  evaluate: (history, settings) => {
    if (history.doses.length === 0) return [];
    // The times of the complete questionnaires, each parsed once and sorted as numbers (the rule runs on
    // every write and reads the whole history).
    const completions = history.assessments
      .filter(isScored)
      .map((a) => ms(a.completedAt))
      .sort((a, b) => a - b);
    return dosesInOrder(history.doses).flatMap((dose) => {
      const scheduled = (history.followUps ?? []).filter((f) => f.doseId === dose.id);
      return scheduled.length > 0
        ? scheduledFinding(dose, scheduled, completions, history)
        : missedFinding(dose, completions, history, settings);
    });
  },
};

function scheduledFinding(
  dose: Dose,
  scheduled: readonly ScheduledFollowUp[],
  completions: readonly number[],
  history: SafetyHistory,
): Finding[] {
  const missed = scheduled
    .filter((f) => f.status === 'missed' && f.expiresAt !== null)
    .sort((a, b) => ms(a.expiresAt ?? '') - ms(b.expiresAt ?? ''));
  const first = missed[0];
  if (first?.expiresAt == null) return [];
  const given = ms(dose.givenAt);
  const next = completions.find((t) => t > given && t <= history.now.getTime());
  const day = onDay(dose.givenAt, history.timeZone);
  const what = `${missed.length} of ${scheduled.length} scheduled follow-ups after the dose on ${day} expired unanswered (first: ${first.instrument} due ${onDay(first.dueAt, history.timeZone)})`;
  return [
    makeFinding(missedFollowUp, {
      severity: next === undefined ? 'warning' : 'info',
      episodeKey: `dose:${dose.id}`,
      raisedAt: first.expiresAt,
      summary:
        next === undefined
          ? `${what}; no questionnaire completed since the dose.`
          : `${what}; a questionnaire came on ${onDay(isoAt(next), history.timeZone)}.`,
      values: {
        doseId: dose.id,
        givenAt: dose.givenAt,
        scheduled: scheduled.length,
        missed: missed.map((f) => ({ instrument: f.instrument, dueAt: f.dueAt, expiresAt: f.expiresAt })),
        nextCompletedAt: next === undefined ? null : isoAt(next),
      },
      definition:
        'The course\u2019s measurement schedule asks for follow-ups after each dose; one that expired without a complete answer is missed (expiry: the clinic\u2019s schedule setting, default 4 days after it fell due). Warning while no questionnaire has been completed since the dose; info when one came.',
    }),
  ];
}

function missedFinding(
  dose: Dose,
  completions: readonly number[],
  history: SafetyHistory,
  settings: SafetySettings,
): Finding[] {
  const given = ms(dose.givenAt);
  const deadline = given + settings.missedFollowUpDays * DAY_MS;
  if (history.now.getTime() < deadline) return [];
  const next = completions.find((t) => t > given);
  if (next !== undefined && next <= deadline) return [];
  const late = next !== undefined && next <= history.now.getTime();
  return [
    makeFinding(missedFollowUp, {
      severity: late ? 'info' : 'warning',
      episodeKey: `dose:${dose.id}`,
      raisedAt: isoAt(deadline),
      summary: late
        ? `No questionnaire within ${plural(settings.missedFollowUpDays, 'day')} of the dose on ${onDay(dose.givenAt, history.timeZone)}; the next came ${plural(roundTo((next - given) / DAY_MS, 1), 'day')} after it.`
        : `No questionnaire completed since the dose on ${onDay(dose.givenAt, history.timeZone)}, ${plural(roundTo((history.now.getTime() - given) / DAY_MS, 1), 'day')} ago.`,
      values: {
        doseId: dose.id,
        givenAt: dose.givenAt,
        followUpDays: settings.missedFollowUpDays,
        dueBy: isoAt(deadline),
        nextCompletedAt: late ? isoAt(next) : null,
      },
      definition: `No complete questionnaire of any instrument within ${plural(settings.missedFollowUpDays, 'day')} after a dose, checked once ${plural(settings.missedFollowUpDays, 'day')} ${settings.missedFollowUpDays === 1 ? 'has' : 'have'} passed. Warning while none has been completed since; info when one came later.`,
    }),
  ];
}
