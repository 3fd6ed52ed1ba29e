import { describe, expect, it } from 'vitest';
import { expandSchedule } from './expand.js';
import { aCourse, aDueItem, answered, dosesAt, plusHours } from './fixtures.js';
import { adherence, dueStatus, dueStatuses, type DueStatus } from './status.js';
import { templateSchedule } from './templates.js';

const NY = 'America/New_York';
const weekly = aDueItem(); // due 2 March 14:00Z (09:00 EST), expires 6 March 14:00Z

describe('due today, overdue and missed follow the clinic’s local day', () => {
  it('walks one weekly item through its life in New York', () => {
    const at = (now: string): DueStatus => dueStatus(weekly, [], now, NY);
    expect(at('2026-03-02T13:59:00.000Z')).toBe('upcoming');
    expect(at('2026-03-02T14:00:00.000Z')).toBe('due');
    // 04:30Z on 3 March is 23:30 EST on 2 March: still the clinic's due day.
    expect(at('2026-03-03T04:30:00.000Z')).toBe('due');
    // 05:30Z on 3 March is 00:30 EST on 3 March: past the local day.
    expect(at('2026-03-03T05:30:00.000Z')).toBe('overdue');
    expect(at('2026-03-06T14:00:00.000Z')).toBe('overdue'); // the expiry moment itself still counts
    expect(at('2026-03-06T14:00:01.000Z')).toBe('missed');
  });

  it('uses the clinic’s zone, not UTC, in both directions', () => {
    // At 04:30Z on 3 March a UTC clinic is already on the 3rd (overdue); New York is still on the 2nd (due).
    expect(dueStatus(weekly, [], '2026-03-03T04:30:00.000Z', 'UTC')).toBe('overdue');
    // Due 14:30Z on 2 March = 23:30 in Tokyo (UTC+9). At 15:30Z Tokyo is on the 3rd (overdue), UTC still the 2nd (due).
    const lateEvening = aDueItem({ dueAt: '2026-03-02T14:30:00.000Z' });
    expect(dueStatus(lateEvening, [], '2026-03-02T15:30:00.000Z', 'Asia/Tokyo')).toBe('overdue');
    expect(dueStatus(lateEvening, [], '2026-03-02T15:30:00.000Z', 'UTC')).toBe('due');
  });

  it('leaves a baseline waiting for the first dose overdue, never missed', () => {
    const baseline = aDueItem({ key: 'baseline:gad7', expiresAt: null, anchor: { kind: 'baseline' } });
    expect(dueStatus(baseline, [], '2026-06-01T00:00:00.000Z', NY)).toBe('overdue');
  });
});

describe('completion windows', () => {
  const later = '2026-03-10T00:00:00.000Z'; // after every window below

  it('count an answer from 12 hours before the due time until expiry (grace configurable)', () => {
    expect(dueStatus(weekly, [answered('gad7', '2026-03-02T02:00:00.000Z')], later, NY)).toBe('completed'); // due − 12 h
    expect(dueStatus(weekly, [answered('gad7', '2026-03-02T01:59:00.000Z')], later, NY)).toBe('missed');
    expect(dueStatus(weekly, [answered('gad7', '2026-03-06T14:00:00.000Z')], later, NY)).toBe('completed'); // expiry
    expect(dueStatus(weekly, [answered('gad7', '2026-03-06T14:01:00.000Z')], later, NY)).toBe('missed');
    expect(dueStatus(weekly, [answered('gad7', '2026-03-02T10:00:00.000Z')], later, NY, { graceBeforeHours: 0 })).toBe(
      'missed',
    );
    expect(() => dueStatus(weekly, [], later, NY, { graceBeforeHours: -1 })).toThrow(
      'graceBeforeHours: -1 is not allowed; use 0 to 168 hours',
    );
  });

  it('need the same instrument, and an answer that has happened by now', () => {
    expect(dueStatus(weekly, [answered('phq9', '2026-03-02T15:00:00.000Z')], later, NY)).toBe('missed');
    // Asked at 10:00Z on the 3rd about an answer given at 15:00Z: it has not happened yet.
    expect(dueStatus(weekly, [answered('gad7', '2026-03-03T15:00:00.000Z')], '2026-03-03T10:00:00.000Z', NY)).toBe(
      'overdue',
    );
  });

  it('for a pre-dose item are exactly its lead window, grace or not', () => {
    // Dose at 9 January 15:00Z with a 24-hour lead: counts from 8 January 15:00Z to the dose.
    const dose = '2026-01-09T15:00:00.000Z';
    const preDose = aDueItem({
      key: 'pre-dose:d2:gad7',
      dueAt: plusHours(dose, -24),
      expiresAt: dose,
      reminderAt: null,
      anchor: { kind: 'pre-dose', doseId: 'd2', doseAt: dose },
    });
    expect(dueStatus(preDose, [answered('gad7', plusHours(dose, -25))], later, NY)).toBe('missed');
    expect(dueStatus(preDose, [answered('gad7', plusHours(dose, -23))], later, NY)).toBe('completed');
    expect(dueStatus(preDose, [answered('gad7', dose)], later, NY)).toBe('completed');
  });

  it('for an after-dose item open only after the dose, though the grace would reach before it', () => {
    // +4 h after a dose at 6 January 15:00Z: grace would open at 07:00Z, but an answer before the dose measures nothing
    // of it.
    const dose = '2026-01-06T15:00:00.000Z';
    const fourHours = aDueItem({
      key: 'after-dose:d1:+4h:gad7',
      dueAt: plusHours(dose, 4),
      expiresAt: plusHours(dose, 72),
      anchor: { kind: 'after-dose', doseId: 'd1', doseAt: dose, offsetHours: 4 },
    });
    expect(dueStatus(fourHours, [answered('gad7', plusHours(dose, -1))], later, NY)).toBe('missed');
    expect(dueStatus(fourHours, [answered('gad7', dose)], later, NY)).toBe('missed');
    expect(dueStatus(fourHours, [answered('gad7', plusHours(dose, 0.5))], later, NY)).toBe('completed');
  });
});

describe('one completion closes at most one item, greedy by due time', () => {
  const D1 = '2026-01-06T15:00:00.000Z';
  const items = expandSchedule(
    aCourse(
      { name: 'x', items: [{ kind: 'after-dose', instruments: ['gad7'], offsetsHours: [4, 24] }] },
      { doses: dosesAt(D1, '2026-01-09T15:00:00.000Z') },
    ),
  ).slice(0, 2); // d1 +4 h (due 19:00Z) and d1 +24 h (due 7 January 15:00Z), both open until the second dose
  const now = '2026-01-07T21:00:00.000Z'; // 16:00 EST on 7 January

  it('gives a single answer at 24 h to the earlier-due 4 h item; the 24 h item stays due', () => {
    const statuses = dueStatuses(items, [answered('gad7', plusHours(D1, 24))], now, NY);
    expect(statuses).toEqual([
      { key: 'after-dose:d1:+4h:gad7', status: 'completed', completedAt: '2026-01-07T15:00:00.000Z' },
      { key: 'after-dose:d1:+24h:gad7', status: 'due', completedAt: null },
    ]);
    // Looked at alone, the 24 h item would count the same answer: that is why lists use dueStatuses.
    expect(dueStatus(items[1]!, [answered('gad7', plusHours(D1, 24))], now, NY)).toBe('completed');
  });

  it('closes both with two answers, each item taking the earliest unused answer in its window', () => {
    const statuses = dueStatuses(
      items,
      [answered('gad7', plusHours(D1, 26)), answered('gad7', plusHours(D1, 5))],
      now,
      NY,
    );
    expect(statuses.map((s) => [s.status, s.completedAt])).toEqual([
      ['completed', '2026-01-06T20:00:00.000Z'],
      ['completed', '2026-01-07T17:00:00.000Z'],
    ]);
  });

  it('refuses a completion time that is not a date-time, naming it', () => {
    expect(() => dueStatuses(items, [answered('gad7', D1), answered('gad7', 'yesterday')], now, NY)).toThrow(
      'completions[1].at: must be an ISO-8601',
    );
    expect(() => dueStatuses(items, [], 'now', NY)).toThrow('now: must be an ISO-8601');
  });
});

describe('adherence', () => {
  it('is completed ÷ (completed + missed); upcoming, due and overdue are not decided yet', () => {
    const statuses: DueStatus[] = ['completed', 'completed', 'completed', 'missed', 'due', 'overdue', 'upcoming'];
    expect(adherence(statuses.map((status) => ({ status })))).toEqual({ completed: 3, missed: 1, due: 4, share: 0.75 });
    expect(adherence([{ status: 'upcoming' }, { status: 'due' }])).toEqual({
      completed: 0,
      missed: 0,
      due: 0,
      share: null,
    });
  });

  it('for a patient on the intensive template, worked through one week', () => {
    // Doses Tuesday 6 and Friday 9 January 10:00 EST; looked at on Monday 12 January 12:00 EST (17:00Z).
    const now = '2026-01-12T17:00:00.000Z';
    // The 24-hour check-in items are left out: this week is worked through on GAD-7 and PHQ-9.
    const items = expandSchedule(
      aCourse(templateSchedule('anxiety-intensive'), {
        doses: dosesAt('2026-01-06T15:00:00.000Z', '2026-01-09T15:00:00.000Z'),
        until: now,
      }),
    ).filter((item) => item.instrument !== 'anxiety-vas');
    const completions = [
      answered('gad7', '2026-01-05T16:00:00.000Z'), // baseline
      answered('phq9', '2026-01-05T16:05:00.000Z'), // baseline
      answered('gad7', '2026-01-06T20:00:00.000Z'), // 5 h after dose 1
      answered('gad7', '2026-01-08T20:00:00.000Z'), // 19 h before dose 2
      answered('gad7', '2026-01-09T20:00:00.000Z'), // 5 h after dose 2
      answered('gad7', '2026-01-10T16:00:00.000Z'), // 25 h after dose 2
    ];
    const statuses = dueStatuses(items, completions, now, NY);
    expect(statuses.map((s) => `${s.key} ${s.status}`)).toEqual([
      'baseline:gad7 completed',
      'baseline:phq9 completed',
      'after-dose:d1:+4h:gad7 completed',
      // The answer 19 h before dose 2 is inside both this item's window (until dose 2) and the pre-dose
      // window; greedy by due time gives it to this earlier-due item, so the pre-dose item is missed.
      'after-dose:d1:+24h:gad7 completed',
      'pre-dose:d2:gad7 missed',
      'after-dose:d2:+4h:gad7 completed',
      'after-dose:d2:+24h:gad7 completed',
      'after-dose:d2:+72h:gad7 due', // due 10:00 EST today
    ]);
    // 6 completed, 1 missed: 6/7.
    expect(adherence(statuses)).toEqual({ completed: 6, missed: 1, due: 7, share: 6 / 7 });
  });
});
