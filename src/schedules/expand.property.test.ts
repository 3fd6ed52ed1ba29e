import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandSchedule, type DueItem } from './expand.js';
import type { ExpandInput } from './expand-input.js';
import { localDateOf, offsetAt } from '../shared/time-zone.js';
import { TEMPLATE_IDS, templateSchedule } from './templates.js';
import { HOUR_MS } from '../shared/time.js';

const START = Date.parse('2026-01-05T15:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const ms = (value: string | null): number => (value === null ? Infinity : Date.parse(value));

/** A course on any template, in one of several zones, with 0–8 doses 1 hour to 20 days apart. */
const courses: fc.Arbitrary<ExpandInput> = fc
  .record({
    template: fc.constantFrom(...TEMPLATE_IDS),
    timeZone: fc.constantFrom('America/New_York', 'Australia/Lord_Howe', 'Europe/London', 'Asia/Kolkata', 'UTC'),
    firstDoseHours: fc.integer({ min: 0, max: 24 * 14 }),
    gapsHours: fc.array(fc.integer({ min: 1, max: 24 * 20 }), { maxLength: 7 }),
    endHours: fc.option(fc.integer({ min: 0, max: 24 * 200 })),
    untilHours: fc.integer({ min: 0, max: 24 * 300 }),
    maintenanceHours: fc.option(fc.integer({ min: 0, max: 24 * 120 })),
  })
  .map(({ template, timeZone, firstDoseHours, gapsHours, endHours, untilHours, maintenanceHours }) => {
    let at = START + firstDoseHours * HOUR_MS;
    const doses = [{ id: 'dose-1', at: iso(at) }];
    gapsHours.forEach((gap, i) => {
      at += gap * HOUR_MS;
      doses.push({ id: `dose-${i + 2}`, at: iso(at) });
    });
    return {
      schedule: templateSchedule(template),
      courseStartedAt: iso(START),
      courseEndedAt: endHours === null ? null : iso(START + endHours * HOUR_MS),
      maintenanceStartedAt: maintenanceHours === null ? null : iso(START + maintenanceHours * HOUR_MS),
      doses,
      timeZone,
      until: iso(START + untilHours * HOUR_MS),
    };
  });

function nextDoseAfter(input: ExpandInput, item: DueItem): number {
  if (item.anchor.kind !== 'after-dose') return Infinity;
  const doseAt = Date.parse(item.anchor.doseAt);
  return Math.min(...input.doses.map((d) => Date.parse(d.at)).filter((t) => t > doseAt));
}

describe('expandSchedule, for any course on any template', () => {
  it('lists each key once, nothing after the end or until, and consistent windows', () => {
    fc.assert(
      fc.property(courses, (input) => {
        const items = expandSchedule(input);
        expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
        const limit = Math.min(ms(input.until), ms(input.courseEndedAt));
        for (const item of items) {
          expect(ms(item.dueAt)).toBeLessThanOrEqual(limit);
          expect(ms(item.expiresAt)).toBeGreaterThanOrEqual(ms(item.dueAt));
          if (item.reminderAt !== null) {
            expect(ms(item.reminderAt)).toBeGreaterThan(ms(item.dueAt));
            expect(ms(item.reminderAt)).toBeLessThan(ms(item.expiresAt));
          }
          // A follow-up is due, and expires, before the next dose.
          expect(ms(item.dueAt)).toBeLessThan(nextDoseAfter(input, item));
          expect(ms(item.expiresAt)).toBeLessThanOrEqual(nextDoseAfter(input, item));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('puts calendar items at 09:00 on their local date in the clinic’s zone', () => {
    fc.assert(
      fc.property(courses, (input) => {
        for (const item of expandSchedule(input)) {
          if (item.anchor.kind !== 'calendar') continue;
          const due = ms(item.dueAt);
          expect(localDateOf(due, input.timeZone)).toBe(item.anchor.localDate);
          expect(new Date(due + offsetAt(due, input.timeZone)).toISOString().slice(11, 16)).toBe('09:00');
        }
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on the order doses arrive in, and a later `until` only adds items', () => {
    fc.assert(
      fc.property(courses, fc.integer({ min: 1, max: 24 * 60 }), (input, moreHours) => {
        const items = expandSchedule(input);
        expect(expandSchedule({ ...input, doses: [...input.doses].reverse() })).toEqual(items);
        const later = expandSchedule({ ...input, until: iso(ms(input.until) + moreHours * HOUR_MS) });
        expect(later.filter((i) => ms(i.dueAt) <= ms(input.until))).toEqual(items);
      }),
      { numRuns: 200 },
    );
  });
});
