import { describe, expect, it } from 'vitest';
import { expandSchedule } from './expand.js';
import { aCourse, aSchedule, dosesAt, itemWithKey, summary } from './fixtures.js';
import type { ScheduleItem } from './schedule.schema.js';

const baseline = (...instruments: string[]): ScheduleItem => ({ kind: 'baseline', instruments });
const preDose = (leadHours?: number): ScheduleItem => ({
  kind: 'pre-dose',
  instruments: ['gad7'],
  ...(leadHours === undefined ? {} : { leadHours }),
});
const afterDose = (...offsetsHours: number[]): ScheduleItem => ({
  kind: 'after-dose',
  instruments: ['gad7'],
  offsetsHours,
});
const calendar = (
  everyDays: number,
  atLocalTime: string,
  from: 'course-start' | 'maintenance' = 'course-start',
): ScheduleItem => ({
  kind: 'calendar',
  instruments: ['gad7'],
  everyDays,
  atLocalTime,
  from,
});

// Course starts Monday 5 January 2026, 10:00 EST (15:00Z); doses on Tuesday 6 and Friday 9 at 10:00 EST.
const D1 = '2026-01-06T15:00:00.000Z';
const D2 = '2026-01-09T15:00:00.000Z';

describe('baseline', () => {
  it('is due at course start and open until the first dose; reminder only if it comes before', () => {
    const [item] = expandSchedule(aCourse(aSchedule(baseline('gad7')), { doses: dosesAt(D1) }));
    // The reminder (start + 2 days = 7 January) would come after the first dose (6 January): none.
    expect(item).toEqual({
      key: 'baseline:gad7',
      instrument: 'gad7',
      dueAt: '2026-01-05T15:00:00.000Z',
      expiresAt: D1,
      reminderAt: null,
      anchor: { kind: 'baseline' },
    });
  });

  it('stays open (expiresAt null) with no dose yet, and closes at the end of a course that ended without one', () => {
    const [open] = expandSchedule(aCourse(aSchedule(baseline('gad7'))));
    expect(open).toMatchObject({ expiresAt: null, reminderAt: '2026-01-07T15:00:00.000Z' });
    const [ended] = expandSchedule(aCourse(aSchedule(baseline('gad7')), { courseEndedAt: '2026-01-20T00:00:00.000Z' }));
    expect(ended?.expiresAt).toBe('2026-01-20T00:00:00.000Z');
  });
});

describe('pre-dose', () => {
  it('is listed for each recorded dose, due leadHours before it and expiring at it', () => {
    const items = expandSchedule(aCourse(aSchedule(preDose(24)), { doses: dosesAt(D1, D2) }));
    // D1 − 24 h = 5 January 15:00Z; D2 − 24 h = 8 January 15:00Z. Reminders (+2 days) fall after the dose: none.
    expect(items.map((i) => [i.key, i.dueAt, i.expiresAt, i.reminderAt])).toEqual([
      ['pre-dose:d1:gad7', '2026-01-05T15:00:00.000Z', D1, null],
      ['pre-dose:d2:gad7', '2026-01-08T15:00:00.000Z', D2, null],
    ]);
  });

  it('never opens before the previous dose, whose state it would measure', () => {
    // Doses 10 hours apart with a 24-hour lead: the second pre-dose window starts at the first dose.
    const items = expandSchedule(aCourse(aSchedule(preDose()), { doses: dosesAt(D1, '2026-01-07T01:00:00.000Z') }));
    expect(itemWithKey(items, 'pre-dose:d2:gad7').dueAt).toBe(D1);
  });

  it('is left out for the first dose when the baseline asks for the same instrument', () => {
    const items = expandSchedule(
      aCourse(aSchedule(baseline('gad7', 'phq9'), { kind: 'pre-dose', instruments: ['gad7', 'pcl5'] }), {
        doses: dosesAt(D1, D2),
      }),
    );
    expect(items.map((i) => i.key)).toEqual([
      'baseline:gad7',
      'baseline:phq9',
      'pre-dose:d1:pcl5',
      'pre-dose:d2:gad7',
      'pre-dose:d2:pcl5',
    ]);
  });
});

describe('after-dose', () => {
  it('follows the dose actually given, with expiry at due + 4 days or the next dose', () => {
    const items = expandSchedule(aCourse(aSchedule(afterDose(4, 24, 72)), { doses: dosesAt(D1, D2) }));
    // D1 + 72 h is exactly D2, so it is dropped (the next dose's own follow-ups replace it).
    expect(summary(items)).toEqual([
      'after-dose:d1:+4h:gad7 @ 2026-01-06T19:00',
      'after-dose:d1:+24h:gad7 @ 2026-01-07T15:00',
      'after-dose:d2:+4h:gad7 @ 2026-01-09T19:00',
      'after-dose:d2:+24h:gad7 @ 2026-01-10T15:00',
      'after-dose:d2:+72h:gad7 @ 2026-01-12T15:00',
    ]);
    // d1 +4 h: due 6 Jan 19:00Z; 4 days later is 10 Jan, after D2 (9 Jan 15:00Z), so it expires at D2.
    expect(itemWithKey(items, 'after-dose:d1:+4h:gad7')).toMatchObject({
      expiresAt: D2,
      reminderAt: '2026-01-08T19:00:00.000Z',
    });
    // d1 +24 h: the reminder (9 Jan 15:00Z) is not before the expiry (D2, the same moment): none.
    expect(itemWithKey(items, 'after-dose:d1:+24h:gad7')).toMatchObject({ expiresAt: D2, reminderAt: null });
    // d2 is the last dose: 12 Jan 15:00Z + 4 days = 16 Jan 15:00Z; reminder + 2 days = 14 Jan.
    expect(itemWithKey(items, 'after-dose:d2:+72h:gad7')).toMatchObject({
      expiresAt: '2026-01-16T15:00:00.000Z',
      reminderAt: '2026-01-14T15:00:00.000Z',
      anchor: { kind: 'after-dose', doseId: 'd2', doseAt: D2, offsetHours: 72 },
    });
  });

  it('moves with a dose recorded late', () => {
    // D2 given on Saturday 10 January 20:00Z, 29 hours later than planned: +4 h is 11 January 00:00Z.
    const items = expandSchedule(
      aCourse(aSchedule(afterDose(4, 72)), { doses: dosesAt(D1, '2026-01-10T20:00:00.000Z') }),
    );
    expect(summary(items)).toEqual([
      'after-dose:d1:+4h:gad7 @ 2026-01-06T19:00',
      'after-dose:d1:+72h:gad7 @ 2026-01-09T15:00', // now before the (late) second dose, so kept
      'after-dose:d2:+4h:gad7 @ 2026-01-11T00:00',
      'after-dose:d2:+72h:gad7 @ 2026-01-13T20:00',
    ]);
  });

  it('sorts doses given in any order and accepts fractional offsets (40 minutes)', () => {
    const items = expandSchedule(
      aCourse(aSchedule(afterDose(2 / 3)), {
        doses: [
          { id: 'b', at: D2 },
          { id: 'a', at: D1 },
        ],
      }),
    );
    expect(summary(items)).toEqual([
      `after-dose:a:+${2 / 3}h:gad7 @ 2026-01-06T15:40`,
      `after-dose:b:+${2 / 3}h:gad7 @ 2026-01-09T15:40`,
    ]);
  });
});

describe('calendar', () => {
  it('falls on local dates from the start, skipping a first occurrence before the rhythm starts', () => {
    // Course starts Monday 5 January 10:00 EST: 09:00 that day is before it, so the first is Monday 12 January.
    const items = expandSchedule(aCourse(aSchedule(calendar(7, '09:00')), { until: '2026-01-27T00:00:00.000Z' }));
    expect(summary(items)).toEqual([
      'calendar:2026-01-12:gad7 @ 2026-01-12T14:00',
      'calendar:2026-01-19:gad7 @ 2026-01-19T14:00',
      'calendar:2026-01-26:gad7 @ 2026-01-26T14:00',
    ]);
    expect(items[0]).toMatchObject({
      expiresAt: '2026-01-16T14:00:00.000Z',
      reminderAt: '2026-01-14T14:00:00.000Z',
      anchor: { kind: 'calendar', localDate: '2026-01-12' },
    });
  });

  it('keys by the clinic-local date, which differs from the UTC date late in the evening', () => {
    // 23:30 EST on 5 January is 04:30Z on 6 January; the key carries the local date, the 5th.
    const items = expandSchedule(aCourse(aSchedule(calendar(1, '23:30')), { until: '2026-01-07T00:00:00.000Z' }));
    expect(summary(items)).toEqual(['calendar:2026-01-05:gad7 @ 2026-01-06T04:30']);
    // Daily: the next occurrence (24 h later) comes before due + 4 days, so it is the expiry; reminder +2 d is after
    // it.
    expect(items[0]).toMatchObject({ expiresAt: '2026-01-07T04:30:00.000Z', reminderAt: null });
  });

  it('stays at 09:00 local across the March and November changes in New York', () => {
    const schedule = aSchedule(calendar(7, '09:00'));
    const spring = expandSchedule(
      aCourse(schedule, { courseStartedAt: '2026-02-23T14:00:00.000Z', until: '2026-03-17T00:00:00.000Z' }),
    );
    // EST (UTC−5) until 8 March, then EDT (UTC−4).
    expect(summary(spring)).toEqual([
      'calendar:2026-02-23:gad7 @ 2026-02-23T14:00',
      'calendar:2026-03-02:gad7 @ 2026-03-02T14:00',
      'calendar:2026-03-09:gad7 @ 2026-03-09T13:00',
      'calendar:2026-03-16:gad7 @ 2026-03-16T13:00',
    ]);
    const autumn = expandSchedule(
      aCourse(schedule, { courseStartedAt: '2026-10-19T13:00:00.000Z', until: '2026-11-10T00:00:00.000Z' }),
    );
    expect(summary(autumn)).toEqual([
      'calendar:2026-10-19:gad7 @ 2026-10-19T13:00',
      'calendar:2026-10-26:gad7 @ 2026-10-26T13:00',
      'calendar:2026-11-02:gad7 @ 2026-11-02T14:00',
      'calendar:2026-11-09:gad7 @ 2026-11-09T14:00',
    ]);
    // 26 October: due + 4 days = 30 October 13:00Z, still EDT; no clamp by the next occurrence (2 November).
    expect(itemWithKey(autumn, 'calendar:2026-10-26:gad7').expiresAt).toBe('2026-10-30T13:00:00.000Z');
  });

  it('clamps expiry to the next occurrence across a change (daily at 09:00, New York, 7–8 March)', () => {
    const items = expandSchedule(
      aCourse(aSchedule(calendar(1, '09:00')), {
        courseStartedAt: '2026-03-07T14:00:00.000Z',
        until: '2026-03-08T23:00:00.000Z',
      }),
    );
    // 7 March 09:00 EST = 14:00Z expires at 8 March 09:00 EDT = 13:00Z: only 23 hours later.
    expect(items.map((i) => [i.dueAt, i.expiresAt])).toEqual([
      ['2026-03-07T14:00:00.000Z', '2026-03-08T13:00:00.000Z'],
      ['2026-03-08T13:00:00.000Z', '2026-03-09T13:00:00.000Z'],
    ]);
  });

  it('runs at Lord Howe across its 30-minute change', () => {
    // Weekly on Saturdays at 09:00: 28 March at +11 = 27 March 22:00Z; from 5 April at +10:30 the time is 22:30Z.
    const items = expandSchedule(
      aCourse(aSchedule(calendar(7, '09:00')), {
        timeZone: 'Australia/Lord_Howe',
        courseStartedAt: '2026-03-27T21:00:00.000Z',
        until: '2026-04-12T00:00:00.000Z',
      }),
    );
    expect(summary(items)).toEqual([
      'calendar:2026-03-28:gad7 @ 2026-03-27T22:00',
      'calendar:2026-04-04:gad7 @ 2026-04-03T22:00',
      'calendar:2026-04-11:gad7 @ 2026-04-10T22:30',
    ]);
  });

  it('from maintenance: nothing without a maintenance start; from it otherwise', () => {
    const schedule = aSchedule(calendar(7, '09:00', 'maintenance'));
    expect(expandSchedule(aCourse(schedule))).toEqual([]);
    const items = expandSchedule(
      aCourse(schedule, { maintenanceStartedAt: '2026-02-02T14:00:00.000Z', until: '2026-02-10T00:00:00.000Z' }),
    );
    expect(summary(items)).toEqual([
      'calendar:2026-02-02:gad7 @ 2026-02-02T14:00',
      'calendar:2026-02-09:gad7 @ 2026-02-09T14:00',
    ]);
  });
});

describe('limits and settings', () => {
  it('lists nothing due after the course ended or after until; earlier items keep their window', () => {
    const schedule = aSchedule(baseline('gad7'), afterDose(4, 24, 168), calendar(7, '09:00'));
    const ended = expandSchedule(aCourse(schedule, { doses: dosesAt(D1), courseEndedAt: '2026-01-08T00:00:00.000Z' }));
    expect(summary(ended)).toEqual([
      'baseline:gad7 @ 2026-01-05T15:00',
      'after-dose:d1:+4h:gad7 @ 2026-01-06T19:00',
      'after-dose:d1:+24h:gad7 @ 2026-01-07T15:00',
    ]);
    // The 24 h follow-up (7 January) keeps its 4 days although the course ended on the 8th.
    expect(itemWithKey(ended, 'after-dose:d1:+24h:gad7').expiresAt).toBe('2026-01-11T15:00:00.000Z');
    const untilNow = expandSchedule(aCourse(schedule, { doses: dosesAt(D1), until: '2026-01-07T15:00:00.000Z' }));
    expect(untilNow.map((i) => i.key)).toEqual(['baseline:gad7', 'after-dose:d1:+4h:gad7', 'after-dose:d1:+24h:gad7']);
  });

  it('takes the clinic’s expiry and reminder days', () => {
    const [item] = expandSchedule(
      aCourse(aSchedule(afterDose(24)), { doses: dosesAt(D1), expiryDays: 7, reminderDays: 1 }),
    );
    expect(item).toMatchObject({
      dueAt: '2026-01-07T15:00:00.000Z',
      reminderAt: '2026-01-08T15:00:00.000Z',
      expiresAt: '2026-01-14T15:00:00.000Z',
    });
  });

  it('gives the same list every time, so re-expansion never duplicates', () => {
    const input = aCourse(aSchedule(baseline('gad7'), preDose(), afterDose(4, 24), calendar(7, '09:00')), {
      doses: dosesAt(D1, D2),
    });
    const first = expandSchedule(input);
    expect(expandSchedule(input)).toEqual(first);
    expect(new Set(first.map((i) => i.key)).size).toBe(first.length);
  });

  it('refuses bad input, naming the field', () => {
    const schedule = aSchedule(afterDose(4));
    expect(() => expandSchedule(aCourse(schedule, { timeZone: 'EST5EDT6' }))).toThrow(
      'timeZone: "EST5EDT6" is not an IANA time zone',
    );
    expect(() => expandSchedule(aCourse(schedule, { courseStartedAt: '5 January' }))).toThrow(
      'courseStartedAt: must be an ISO-8601 date-time',
    );
    expect(() => expandSchedule(aCourse(schedule, { courseEndedAt: '2026-01-01T00:00:00Z' }))).toThrow(
      'courseEndedAt: 2026-01-01T00:00:00Z is before the course started',
    );
    expect(() => expandSchedule(aCourse(schedule, { doses: [...dosesAt(D1), { id: 'x', at: 'soon' }] }))).toThrow(
      'doses[1].at: must be an ISO-8601',
    );
    expect(() =>
      expandSchedule(
        aCourse(schedule, {
          doses: [
            { id: 'd1', at: D1 },
            { id: 'd1', at: D2 },
          ],
        }),
      ),
    ).toThrow('doses[1].id: dose d1 is listed twice');
    expect(() => expandSchedule(aCourse(schedule, { expiryDays: 0 }))).toThrow(
      'expiryDays: 0 is not allowed; use more than 0 to 90 days',
    );
    expect(() => expandSchedule(aCourse(schedule, { reminderDays: -1 }))).toThrow(
      'reminderDays: -1 is not allowed; use 0 to 90 days',
    );
  });
});
