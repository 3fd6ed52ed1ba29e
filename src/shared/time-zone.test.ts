import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './time.js';
import { addDays, checkTimeZone, daysBetween, localDateOf, localTimeToInstant, offsetAt } from './time-zone.js';

const iso = (ms: number): string => new Date(ms).toISOString();
const NY = 'America/New_York';
const LORD_HOWE = 'Australia/Lord_Howe';

describe('local dates', () => {
  it('are the clinic’s calendar date, not the UTC date', () => {
    // 03:30Z on 3 March is 22:30 EST (UTC−5) on 2 March in New York, and 12:30 JST (UTC+9) on 3 March in Tokyo.
    expect(localDateOf(Date.parse('2026-03-03T03:30:00Z'), NY)).toBe('2026-03-02');
    expect(localDateOf(Date.parse('2026-03-03T03:30:00Z'), 'Asia/Tokyo')).toBe('2026-03-03');
    // 14:30Z on 2 March is 01:00 on 3 March at Lord Howe (UTC+11 in southern summer).
    expect(localDateOf(Date.parse('2026-03-02T14:30:00Z'), LORD_HOWE)).toBe('2026-03-03');
  });

  it('add calendar days across month and year ends and leap days', () => {
    expect(addDays('2026-01-26', 7)).toBe('2026-02-02');
    expect(addDays('2025-12-29', 7)).toBe('2026-01-05');
    expect(addDays('2028-02-26', 3)).toBe('2028-02-29'); // 2028 is a leap year
    expect(daysBetween('2026-03-02', '2026-03-09')).toBe(7);
    expect(daysBetween('2026-03-09', '2026-03-02')).toBe(-7);
  });
});

describe('localTimeToInstant across daylight-saving changes', () => {
  it('keeps 09:00 New York at 14:00Z in winter and 13:00Z in summer', () => {
    // EST is UTC−5 until 8 March 2026 02:00; EDT is UTC−4 until 1 November 2026 02:00.
    expect(iso(localTimeToInstant('2026-03-02', '09:00', NY))).toBe('2026-03-02T14:00:00.000Z');
    expect(iso(localTimeToInstant('2026-03-08', '09:00', NY))).toBe('2026-03-08T13:00:00.000Z');
    expect(iso(localTimeToInstant('2026-10-31', '09:00', NY))).toBe('2026-10-31T13:00:00.000Z');
    expect(iso(localTimeToInstant('2026-11-01', '09:00', NY))).toBe('2026-11-01T14:00:00.000Z');
  });

  it('moves a skipped time forward by the jump and takes the first of a repeated time', () => {
    // 8 March: clocks go 01:59 EST → 03:00 EDT, so 02:30 does not exist; 02:30 EST would be 07:30Z = 03:30 EDT.
    expect(iso(localTimeToInstant('2026-03-08', '02:30', NY))).toBe('2026-03-08T07:30:00.000Z');
    // 1 November: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST); the first is taken.
    expect(iso(localTimeToInstant('2026-11-01', '01:30', NY))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('handles Lord Howe Island’s 30-minute change', () => {
    // Lord Howe: UTC+11 in summer, UTC+10:30 in winter; on 5 April 2026 clocks go 02:00 → 01:30.
    // 09:00 on 4 April (+11) = 22:00Z on 3 April; 09:00 on 5 April (+10:30) = 22:30Z on 4 April.
    expect(iso(localTimeToInstant('2026-04-04', '09:00', LORD_HOWE))).toBe('2026-04-03T22:00:00.000Z');
    expect(iso(localTimeToInstant('2026-04-05', '09:00', LORD_HOWE))).toBe('2026-04-04T22:30:00.000Z');
    // On 4 October 2026 clocks go 02:00 → 02:30: 02:15 is skipped; 02:15 at +10:30 = 15:45Z = 02:45 (+11).
    expect(iso(localTimeToInstant('2026-10-04', '02:15', LORD_HOWE))).toBe('2026-10-03T15:45:00.000Z');
    expect(offsetAt(Date.parse('2026-10-03T15:45:00Z'), LORD_HOWE)).toBe(11 * HOUR_MS);
    // 01:45 on 5 April happens twice (at +11 then at +10:30); the first is 14:45Z on 4 April.
    expect(iso(localTimeToInstant('2026-04-05', '01:45', LORD_HOWE))).toBe('2026-04-04T14:45:00.000Z');
  });

  it('round-trips every whole-minute instant, except the second pass of a repeated hour', () => {
    const zones = [NY, LORD_HOWE, 'Europe/London', 'Asia/Kolkata', 'UTC'];
    const minuteOf = (at: string): number => Date.parse(at) / 60_000;
    // Any minute in ten years, or one within 3 hours of a change (New York and Lord Howe, 2026).
    const changes = [
      '2026-03-08T07:00:00Z',
      '2026-11-01T06:00:00Z',
      '2026-04-04T15:00:00Z',
      '2026-10-03T15:30:00Z',
    ].map(minuteOf);
    const nearChange = fc
      .tuple(fc.constantFrom(...changes), fc.integer({ min: -180, max: 180 }))
      .map(([at, d]) => at + d);
    const minutes = fc.oneof(
      fc.integer({ min: minuteOf('2020-01-01T00:00:00Z'), max: minuteOf('2031-01-01T00:00:00Z') }),
      nearChange,
    );
    fc.assert(
      fc.property(minutes, fc.constantFrom(...zones), (minute, zone) => {
        const ms = minute * 60_000;
        const local = new Date(ms + offsetAt(ms, zone)).toISOString();
        const back = localTimeToInstant(local.slice(0, 10), local.slice(11, 16), zone);
        if (back === ms) return;
        // A repeated wall time resolves to its first pass, up to an hour earlier and at a different offset.
        expect(back).toBeLessThan(ms);
        expect(ms - back).toBeLessThanOrEqual(HOUR_MS);
        expect(offsetAt(back, zone)).not.toBe(offsetAt(ms, zone));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('checkTimeZone', () => {
  it('accepts IANA zones and refuses anything else, naming the field', () => {
    expect(() => checkTimeZone('Australia/Lord_Howe')).not.toThrow();
    expect(() => checkTimeZone('Mars/Olympus_Mons')).toThrow(
      'timeZone: "Mars/Olympus_Mons" is not an IANA time zone (e.g. America/New_York)',
    );
    expect(() => checkTimeZone('', 'clinic.timeZone')).toThrow('clinic.timeZone: ""');
  });
});
