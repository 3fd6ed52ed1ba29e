import { describe, expect, it } from 'vitest';
import { isOnsetError, type OnsetError } from '../shared/errors.js';
import { parseSchedule } from './parse-schedule.js';

/** The error parseSchedule throws for `value` (fails the test when it throws nothing). */
function refusal(value: unknown): OnsetError {
  try {
    parseSchedule(value);
  } catch (error) {
    if (isOnsetError(error)) return error;
    throw error;
  }
  throw new Error('expected parseSchedule to refuse the value');
}

const gad7AfterDose = (offsetsHours: number[]): unknown => ({
  kind: 'after-dose',
  instruments: ['gad7'],
  offsetsHours,
});
const weekly = (instruments: string[], extra: object = {}): unknown => ({
  kind: 'calendar',
  instruments,
  everyDays: 7,
  atLocalTime: '09:00',
  from: 'course-start',
  ...extra,
});

describe('parseSchedule accepts', () => {
  it('a schedule with every kind of item and returns it unchanged', () => {
    const schedule = {
      name: 'Clinic A — GAD intensive',
      items: [
        { kind: 'baseline', instruments: ['gad7', 'phq9'] },
        { kind: 'pre-dose', instruments: ['gad7'], leadHours: 12 },
        gad7AfterDose([4, 24, 72, 168, 336]),
        weekly(['urinary', 'craving']),
      ],
    };
    expect(parseSchedule(schedule)).toEqual(schedule);
  });

  it('the same instrument at different moments (baseline, pre-dose, two offsets in two items)', () => {
    const schedule = {
      name: 'x',
      items: [
        { kind: 'baseline', instruments: ['gad7'] },
        { kind: 'pre-dose', instruments: ['gad7'] },
        gad7AfterDose([4]),
        gad7AfterDose([24]),
      ],
    };
    expect(parseSchedule(schedule).items).toHaveLength(4);
  });

  it('fractional offsets (40 min = 2/3 h) and the limits of everyDays (1 and 90) and times (00:00, 23:59)', () => {
    const schedule = {
      name: 'x'.repeat(100),
      items: [
        gad7AfterDose([2 / 3]),
        weekly(['gad7'], { everyDays: 1, atLocalTime: '00:00' }),
        weekly(['phq9'], { everyDays: 90, atLocalTime: '23:59' }),
      ],
    };
    expect(parseSchedule(schedule).name).toHaveLength(100);
  });
});

describe('parseSchedule refuses, naming the path and the reason', () => {
  it('a non-positive offset: items[2].offsetsHours[1]', () => {
    const error = refusal({
      name: 'x',
      items: [
        { kind: 'baseline', instruments: ['gad7'] },
        { kind: 'pre-dose', instruments: ['gad7'] },
        gad7AfterDose([4, 0]),
      ],
    });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('items[2].offsetsHours[1]: must be greater than 0');
  });

  it('an offset listed twice, pointing at the repeat', () => {
    expect(refusal({ name: 'x', items: [gad7AfterDose([4, 24, 4])] }).message).toBe(
      'items[0].offsetsHours[2]: +4 h is already listed; each offset once',
    );
  });

  it('an unknown instrument, listing the known ones', () => {
    const error = refusal({ name: 'x', items: [{ kind: 'baseline', instruments: ['gad7', 'gad8'] }] });
    expect(error.problems.map((p) => p.field)).toEqual(['items[0].instruments[1]']);
    expect(error.message).toMatch(
      /^items\[0\]\.instruments\[1\]: "gad8" is not a known instrument; known: gad7, phq9, pcl5, /,
    );
  });

  it('an instrument listed twice in one item', () => {
    expect(refusal({ name: 'x', items: [{ kind: 'baseline', instruments: ['gad7', 'phq9', 'gad7'] }] }).message).toBe(
      'items[0].instruments[2]: "gad7" is already listed in this item',
    );
  });

  it('the same measurement in two items, whose keys would collide', () => {
    const afterDose = refusal({
      name: 'x',
      items: [gad7AfterDose([4, 24]), { kind: 'after-dose', instruments: ['phq9', 'gad7'], offsetsHours: [24] }],
    });
    expect(afterDose.message).toBe(
      'items[1].offsetsHours[0]: gad7 at +24 h is already an after-dose measurement in items[0]',
    );
    const calendar = refusal({
      name: 'x',
      items: [weekly(['gad7']), weekly(['gad7'], { everyDays: 28, from: 'maintenance' })],
    });
    expect(calendar.message).toBe(
      'items[1].instruments[0]: gad7 already has a calendar rhythm (one rhythm per instrument) in items[0]',
    );
    const baseline = refusal({
      name: 'x',
      items: [
        { kind: 'baseline', instruments: ['gad7'] },
        { kind: 'baseline', instruments: ['pcl5', 'gad7'] },
      ],
    });
    expect(baseline.message).toBe('items[1].instruments[1]: gad7 is already a baseline measurement in items[0]');
  });

  it('calendar fields out of range, with the allowed values', () => {
    const error = refusal({
      name: 'x',
      items: [weekly(['gad7'], { everyDays: 91, atLocalTime: '24:00', from: 'dose' })],
    });
    expect(error.problems).toEqual([
      { field: 'items[0].everyDays', reason: 'must be at most 90' },
      { field: 'items[0].atLocalTime', reason: 'must be a 24-hour local time HH:MM, from 00:00 to 23:59' },
      { field: 'items[0].from', reason: 'must be one of: course-start, maintenance' },
    ]);
    expect(refusal({ name: 'x', items: [weekly(['gad7'], { everyDays: 0 })] }).message).toBe(
      'items[0].everyDays: must be at least 1',
    );
    expect(refusal({ name: 'x', items: [weekly(['gad7'], { everyDays: 1.5 })] }).message).toBe(
      'items[0].everyDays: must be a whole number',
    );
    expect(refusal({ name: 'x', items: [weekly(['gad7'], { atLocalTime: '9:00' })] }).message).toContain(
      'items[0].atLocalTime: must be a 24-hour',
    );
  });

  it('a pre-dose lead of 0 hours and an unknown field', () => {
    expect(refusal({ name: 'x', items: [{ kind: 'pre-dose', instruments: ['gad7'], leadHours: 0 }] }).message).toBe(
      'items[0].leadHours: must be greater than 0',
    );
    expect(
      refusal({ name: 'x', items: [{ kind: 'baseline', instruments: ['gad7'], offsetsHours: [4] }] }).message,
    ).toBe('items[0].offsetsHours: is not a known field');
  });

  it('an unknown kind, listing the kinds', () => {
    expect(refusal({ name: 'x', items: [{ kind: 'weekly', instruments: ['gad7'] }] }).message).toBe(
      'items[0].kind: must be one of: baseline, pre-dose, after-dose, calendar',
    );
  });

  it('names that are empty, blank or over 100 characters, and a schedule without items', () => {
    expect(refusal({ name: '', items: [gad7AfterDose([4])] }).message).toBe('name: must not be empty');
    expect(refusal({ name: '   ', items: [gad7AfterDose([4])] }).message).toBe('name: must not be blank');
    expect(refusal({ name: 'x'.repeat(101), items: [gad7AfterDose([4])] }).message).toBe(
      'name: must be at most 100 characters',
    );
    expect(refusal({ name: 'x', items: [] }).problems).toEqual([
      { field: 'items', reason: 'must have at least 1 entries' },
    ]);
  });

  it('every problem of every item at once', () => {
    const error = refusal({
      name: 'x',
      items: [gad7AfterDose([-1]), weekly(['gad7'], { everyDays: 0 }), { kind: 'baseline', instruments: ['nope'] }],
    });
    expect(error.problems.map((p) => p.field)).toEqual([
      'items[0].offsetsHours[0]',
      'items[1].everyDays',
      'items[2].instruments[0]',
    ]);
  });

  it('something that is not a schedule at all', () => {
    expect(refusal(null).message).toBe('(body): must be an object');
    expect(refusal({ name: 'x', items: 'gad7' }).message).toBe('items: must be a list');
  });
});
