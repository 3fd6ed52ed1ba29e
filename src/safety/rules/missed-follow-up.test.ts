import { describe, expect, it } from 'vitest';
import { aDose, aHistory, aScore, anAssessment, day, settingsWith, T0 } from '../test-builders.js';
import { DAY_MS } from '../../shared/time.js';
import { DEFAULT_SAFETY_SETTINGS } from '../settings.js';
import type { Assessment } from '../../assessments/assessment.schema.js';
import { missedFollowUp } from './missed-follow-up.js';

const dose = aDose({ id: 'd0', givenAt: day(0) });
const EIGHT_DAYS = T0 + 8 * DAY_MS;
const run = (now: number, assessments: Assessment[] = [], settings = DEFAULT_SAFETY_SETTINGS) =>
  missedFollowUp.evaluate(aHistory({ doses: [dose], assessments, now: new Date(now) }), settings);

describe('missed follow-up: no complete questionnaire within 8 days of a dose', () => {
  it('a millisecond before day 8 it is not yet missed', () => {
    expect(run(EIGHT_DAYS - 1)).toEqual([]);
  });

  it('at day 8 with nothing since the dose: a warning, raised at the deadline, keyed by the dose', () => {
    expect(run(EIGHT_DAYS)).toEqual([
      expect.objectContaining({
        rule: 'missed-follow-up',
        severity: 'warning',
        episodeKey: 'dose:d0',
        raisedAt: day(8),
      }),
    ]);
  });

  it('a questionnaire at exactly day 8 is in time', () => {
    expect(run(EIGHT_DAYS + DAY_MS, [aScore('gad7', 8, 10)])).toEqual([]);
  });

  it('one at day 3 of any instrument is in time', () => {
    expect(run(EIGHT_DAYS + DAY_MS, [aScore('urinary', 3, 0)])).toEqual([]);
  });

  it('one that came at day 8 plus an hour is late: info, saying when it came', () => {
    const [finding] = run(T0 + 9 * DAY_MS, [aScore('gad7', 8 + 1 / 24, 10)]);
    expect(finding).toMatchObject({
      severity: 'info',
      episodeKey: 'dose:d0',
      evidence: { values: { nextCompletedAt: day(8 + 1 / 24) } },
    });
    expect(finding?.evidence.summary).toBe(
      'No questionnaire within 8 days of the dose on 5 Jan 2026; the next came 8 days after it.',
    );
  });

  it('neither an incomplete questionnaire nor one before the dose counts', () => {
    const incomplete = anAssessment({ instrument: 'gad7', answers: [1, 1, null, 1, 1, 1, 1], completedAt: day(2) });
    const beforeDose = aScore('gad7', 0, 10);
    expect(run(EIGHT_DAYS, [incomplete, beforeDose]).map((f) => f.severity)).toEqual(['warning']);
  });

  it("uses the clinic's number of days", () => {
    const settings = settingsWith({ missedFollowUpDays: 3 });
    expect(run(T0 + 3 * DAY_MS, [], settings).map((f) => f.raisedAt)).toEqual([day(3)]);
    expect(run(T0 + 3 * DAY_MS - 1, [], settings)).toEqual([]);
  });
});

describe("missed follow-up with a measurement schedule: judged by the dose's scheduled follow-ups", () => {
  const followUp = (days: number, status: 'completed' | 'missed' | 'upcoming') => ({
    doseId: 'd0',
    instrument: 'gad7',
    dueAt: day(days),
    expiresAt: day(days + 4),
    status,
  });
  const runScheduled = (now: number, followUps: ReturnType<typeof followUp>[], assessments: Assessment[] = []) =>
    missedFollowUp.evaluate(
      aHistory({ doses: [dose], assessments, followUps, now: new Date(now) }),
      DEFAULT_SAFETY_SETTINGS,
    );

  it('a day-1 follow-up that expired unanswered (day 5) is a missed follow-up at day 5, before the 8-day count', () => {
    const [finding] = runScheduled(T0 + 6 * DAY_MS, [followUp(1, 'missed'), followUp(7, 'upcoming')]);
    expect(finding).toMatchObject({
      rule: 'missed-follow-up',
      severity: 'warning',
      episodeKey: 'dose:d0',
      raisedAt: day(5),
    });
    expect(finding?.evidence.summary).toBe(
      '1 of 2 scheduled follow-ups after the dose on 5 Jan 2026 expired unanswered (first: gad7 due 6 Jan 2026); no questionnaire completed since the dose.',
    );
  });

  it('nothing while every scheduled follow-up is answered or still open, even past the 8-day count', () => {
    expect(runScheduled(T0 + 20 * DAY_MS, [followUp(1, 'completed'), followUp(7, 'completed')])).toEqual([]);
  });

  it('info when a questionnaire came after the dose but a scheduled one was still missed', () => {
    const [finding] = runScheduled(
      T0 + 12 * DAY_MS,
      [followUp(1, 'completed'), followUp(7, 'missed')],
      [aScore('gad7', 1.5, 10)],
    );
    expect(finding).toMatchObject({ severity: 'info', raisedAt: day(11) });
  });
});
