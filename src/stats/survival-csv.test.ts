import { describe, expect, it } from 'vitest';
import { readSurvivalCsv } from './survival-csv.js';

/** CSV text from a header and rows of cells. */
function csv(header: string[], ...rows: (string | number)[][]): string {
  return [header, ...rows].map((cells) => cells.join(',')).join('\n') + '\n';
}

describe('readSurvivalCsv', () => {
  it('reads time and event columns into one group "all"', () => {
    const text = csv(['id', 'time', 'event'], [1, 3, 1], [2, 5.5, 0]);
    expect(readSurvivalCsv(text, { time: 'time', event: 'event' })).toEqual([
      {
        name: 'all',
        observations: [
          { time: 3, event: true },
          { time: 5.5, event: false },
        ],
      },
    ]);
  });

  it('splits by the group column, groups sorted by name with numbers in numeric order', () => {
    const text = csv(['days', 'responded', 'arm'], [3, 1, 10], [4, 0, 2], [6, 1, 10], [1, 1, ' 2 ']);
    const groups = readSurvivalCsv(text, { time: 'days', event: 'responded', group: 'arm' });
    expect(groups.map((g) => [g.name, g.observations.length])).toEqual([
      ['2', 2],
      ['10', 2],
    ]);
  });

  it.each([
    [csv(['time', 'event'], [3, 1], [4, 1, 9]), 'line 3: 3 fields, but the header has 2'],
    [csv(['time', 'event'], [3, 1], ['abc', 0]), 'line 3, column "time": "abc" is not a number'],
    [csv(['time', 'event'], ['', 0]), 'line 2, column "time": "" is not a number'],
    [csv(['time', 'event'], [-2, 0]), 'line 2, column "time": -2 is negative; a time must be ≥ 0'],
    [
      csv(['time', 'event'], [3, 1], [4, 0], [5, 1], [6, 1], [7, 0], [8, 2]),
      'line 7, column "event": "2" is not 0 or 1 (1 = event, 0 = censored)',
    ],
    [csv(['time', 'event'], [3, 'yes']), 'line 2, column "event": "yes" is not 0 or 1'],
    [csv(['time', 'status'], [3, 1]), 'line 1: column "event" is missing; the header has "time", "status"'],
    ['', 'csv: the file is empty; expected a header row, e.g. time,event'],
    ['time,event\n', 'csv: there are no data rows after the header'],
  ])('refuses malformed input (%#)', (text, message) => {
    expect(() => readSurvivalCsv(text, { time: 'time', event: 'event' })).toThrow(message);
  });

  it('accepts blank lines between rows and counts them in line numbers', () => {
    const text = 'time,event\n3,1\n\n4,x\n';
    expect(() => readSurvivalCsv(text, { time: 'time', event: 'event' })).toThrow('line 4, column "event"');
  });

  it('names the group column when a group is empty', () => {
    const text = csv(['time', 'event', 'arm'], [3, 1, 'a'], [4, 0, '']);
    expect(() => readSurvivalCsv(text, { time: 'time', event: 'event', group: 'arm' })).toThrow(
      'line 3, column "arm": is empty; every row needs a group',
    );
  });

  it('reports the line a record starts on after a quoted line break', () => {
    const text = 'time,event,note\n3,1,"a\nb"\n4,7,x\n';
    expect(() => readSurvivalCsv(text, { time: 'time', event: 'event' })).toThrow(
      'line 4, column "event": "7" is not 0 or 1',
    );
  });
});
