import { describe, expect, it } from 'vitest';
import { dischargeProblem, formDeadline, formsOnTime, monitoringClock, type RecordedReadings } from './monitoring.js';

// Worked by hand in New York winter time (UTC−5): a dose at 13:05 local is 18:05 UTC.
const ZONE = 'America/New_York';
const GIVEN = '2026-01-05T18:05:00.000Z';
const at = (iso: string): Date => new Date(iso);
const none: RecordedReadings = { before: false, fortyMinute: false, discharge: false };
const before: RecordedReadings = { before: true, fortyMinute: false, discharge: false };
const two: RecordedReadings = { before: true, fortyMinute: true, discharge: false };
const all: RecordedReadings = { before: true, fortyMinute: true, discharge: true };
const clock = (now: string, recorded: RecordedReadings): ReturnType<typeof monitoringClock> =>
  monitoringClock({ givenAt: GIVEN, now: at(now), recorded, timeZone: ZONE });

describe('monitoringClock', () => {
  it('counts whole minutes since the dose and allows discharge from 120 minutes (15:05 local)', () => {
    const early = clock('2026-01-05T19:40:30.000Z', two); // 95.5 minutes after
    expect(early).toMatchObject({
      minutesSinceDose: 95,
      dischargeEarliestAt: '2026-01-05T20:05:00.000Z',
      canDischarge: false,
      minutesUntilDischarge: 25,
    });
    expect(clock('2026-01-05T20:04:59.000Z', two).canDischarge).toBe(false);
    expect(clock('2026-01-05T20:05:00.000Z', two)).toMatchObject({ canDischarge: true, minutesUntilDischarge: 0 });
  });

  it('asks first for the pre-dose reading, late from the moment of the dose', () => {
    expect(clock('2026-01-05T18:10:00.000Z', none).nextVital).toMatchObject({
      reading: 'before',
      status: 'overdue',
      text: 'Overdue: Blood pressure before the dose was due at 13:05, 5 minutes ago.',
    });
  });

  it('the 40-minute reading: upcoming before 13:45, due from 13:45 to 13:55, overdue after', () => {
    expect(clock('2026-01-05T18:44:59.000Z', before).nextVital).toMatchObject({
      reading: 'fortyMinute',
      dueAt: '2026-01-05T18:45:00.000Z',
      status: 'upcoming',
      text: 'Blood pressure 40 minutes after the dose is due at 13:45.',
    });
    expect(clock('2026-01-05T18:45:00.000Z', before).nextVital?.status).toBe('due');
    expect(clock('2026-01-05T18:55:00.000Z', before).nextVital?.status).toBe('due');
    expect(clock('2026-01-05T18:55:01.000Z', before).nextVital).toMatchObject({
      status: 'overdue',
      text: 'Overdue: Blood pressure 40 minutes after the dose was due at 13:45, 10 minutes ago.',
    });
  });

  it('the discharge reading is due at the end of the minimum, and nothing once all three are in', () => {
    expect(clock('2026-01-05T19:00:00.000Z', two).nextVital).toMatchObject({
      reading: 'discharge',
      status: 'upcoming',
    });
    expect(clock('2026-01-05T21:00:00.000Z', two).nextVital).toMatchObject({ reading: 'discharge', status: 'due' });
    expect(clock('2026-01-05T21:00:00.000Z', all).nextVital).toBeNull();
  });
});

describe('dischargeProblem', () => {
  it('refuses 95 minutes with the dose time in clinic time, and accepts exactly 120', () => {
    expect(dischargeProblem(GIVEN, '2026-01-05T19:40:00.000Z', ZONE)).toBe(
      'must be at least 120 minutes after the dose (given 13:05); it is 95 minutes',
    );
    expect(dischargeProblem(GIVEN, '2026-01-05T20:04:00.000Z', ZONE)).toMatch(/it is 119 minutes$/);
    expect(dischargeProblem(GIVEN, '2026-01-05T20:05:00.000Z', ZONE)).toBeNull();
  });
});

describe('formDeadline', () => {
  const deadline = (now: string, submittedAt: string | null = null): ReturnType<typeof formDeadline> =>
    formDeadline({ givenAt: GIVEN, now: at(now), submittedAt, timeZone: ZONE });

  it('is due on the 12th for a session on the 5th, in calendar days of the clinic', () => {
    expect(deadline('2026-01-05T20:00:00.000Z')).toEqual({ dueDate: '2026-01-12', status: 'due', daysLeft: 7 });
    expect(deadline('2026-01-09T23:00:00.000Z')).toMatchObject({ status: 'due', daysLeft: 3 });
    // 04:30 UTC on the 10th is still the 9th in New York.
    expect(deadline('2026-01-10T04:30:00.000Z')).toMatchObject({ status: 'due', daysLeft: 3 });
    expect(deadline('2026-01-10T05:00:00.000Z')).toMatchObject({ status: 'due-soon', daysLeft: 2 });
    expect(deadline('2026-01-13T04:59:00.000Z')).toMatchObject({ status: 'due-soon', daysLeft: 0 });
    expect(deadline('2026-01-13T05:00:00.000Z')).toMatchObject({ status: 'overdue', daysLeft: -1 });
  });

  it('is submitted once submitted, whatever the date', () => {
    expect(deadline('2026-02-01T12:00:00.000Z', '2026-01-06T12:00:00.000Z').status).toBe('submitted');
  });
});

describe('formsOnTime', () => {
  // New York summer time from 8 March 2026 (UTC−4). A session on 2 March (local) is due by the end of 9 March.
  const march2 = '2026-03-02T15:00:00.000Z';
  const now = new Date('2026-03-20T16:00:00.000Z');

  it('judges submitted forms by the clinic-local date and unsubmitted ones only after their due date', () => {
    expect(
      formsOnTime(
        [
          { givenAt: march2, submittedAt: '2026-03-09T20:00:00.000Z' }, // 9 March: on time
          { givenAt: march2, submittedAt: '2026-03-10T03:30:00.000Z' }, // 9 March 23:30 local: on time
          { givenAt: march2, submittedAt: '2026-03-10T14:00:00.000Z' }, // 10 March: late
          { givenAt: march2, submittedAt: null }, // past its due date: missing
          { givenAt: '2026-03-15T15:00:00.000Z', submittedAt: null }, // due 22 March: not judged yet
        ],
        now,
        ZONE,
      ),
    ).toEqual({ onTime: 2, judged: 4, late: 1, missing: 1, notYetDue: 1 });
  });

  it('keeps an unsubmitted form unjudged through the whole of its due date', () => {
    const due = [{ givenAt: march2, submittedAt: null }];
    expect(formsOnTime(due, new Date('2026-03-10T03:59:00.000Z'), ZONE)).toMatchObject({ notYetDue: 1, judged: 0 });
    expect(formsOnTime(due, new Date('2026-03-10T04:00:00.000Z'), ZONE)).toMatchObject({ missing: 1, judged: 1 });
  });
});
