import { describe, expect, it } from 'vitest';
import { aDose, aHistory, aMedication } from '../test-builders.js';
import { DEFAULT_SAFETY_SETTINGS } from '../settings.js';
import type { Medication } from '../../medications/medication.schema.js';
import { sedativeOnDoseDay } from './sedative-on-dose-day.js';

// The dose is given on 2026-01-05 at 09:00 UTC.
const dose = aDose({ id: 'dose-5th', givenAt: '2026-01-05T09:00:00.000Z' });
const run = (medications: Medication[], timeZone = 'UTC', doses = [dose]) =>
  sedativeOnDoseDay.evaluate(aHistory({ doses, medications, timeZone }), DEFAULT_SAFETY_SETTINGS);

describe('a benzodiazepine or sedative current on the calendar day of a dose', () => {
  it('started before and not stopped: a warning keyed by the dose, naming the medication', () => {
    const [finding, ...rest] = run([aMedication({ id: 'm1', name: 'lorazepam', startedOn: '2025-12-01' })]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'sedative-on-dose-day', severity: 'warning', episodeKey: 'dose:dose-5th' });
    expect(finding?.evidence.summary).toBe(
      'On the dose day 5 Jan 2026 the patient was taking lorazepam (benzodiazepine).',
    );
  });

  it.each([
    ['2026-01-05', null, 1], // started on the dose day
    ['2026-01-06', null, 0], // started the day after
    ['2025-12-01', '2026-01-05', 1], // stopped on the dose day: still taken that day
    ['2025-12-01', '2026-01-04', 0], // stopped the day before
  ])('started %s, stopped %s → %i finding(s)', (startedOn, stoppedOn, count) => {
    expect(run([aMedication({ startedOn, stoppedOn })])).toHaveLength(count);
  });

  it('counts "sedative" as well as "benzodiazepine", and lists both in one finding', () => {
    const [finding] = run([
      aMedication({ name: 'zolpidem', drugClass: 'sedative' }),
      aMedication({ name: 'clonazepam' }),
    ]);
    expect(finding?.evidence.values.medications).toHaveLength(2);
  });

  it('other classes (an SSRI) raise nothing', () => {
    expect(run([aMedication({ name: 'sertraline', drugClass: 'ssri' })])).toEqual([]);
  });

  it("reads the calendar day in the clinic's time zone", () => {
    // 2026-01-06 03:00 UTC is 2026-01-05 22:00 in New York: a benzodiazepine stopped on the 5th was taken that day
    // there.
    const lateEvening = aDose({ id: 'late', givenAt: '2026-01-06T03:00:00.000Z' });
    const stoppedOn5th = [aMedication({ stoppedOn: '2026-01-05' })];
    expect(run(stoppedOn5th, 'America/New_York', [lateEvening])).toHaveLength(1);
    expect(run(stoppedOn5th, 'UTC', [lateEvening])).toEqual([]);
  });
});
