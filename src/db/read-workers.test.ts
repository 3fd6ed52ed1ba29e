import { describe, expect, it } from 'vitest';
import { readWorkerCount, readWorkersOf } from './read-workers.js';
import { openSqlite } from './database.js';

describe('readWorkerCount (ONSET_REPORT_WORKERS)', () => {
  it('defaults to one fewer than the cores, at least 1 and at most 4', () => {
    expect([1, 2, 3, 8, 64].map((cores) => readWorkerCount({}, cores))).toEqual([1, 1, 2, 4, 4]);
    expect(readWorkerCount({ ONSET_REPORT_WORKERS: '' }, 2)).toBe(1);
  });

  it('takes a whole number from 1 to 16, whatever the cores', () => {
    expect(readWorkerCount({ ONSET_REPORT_WORKERS: '3' }, 2)).toBe(3);
    expect(readWorkerCount({ ONSET_REPORT_WORKERS: '16' }, 2)).toBe(16);
  });

  it('refuses anything else, naming the variable and the value', () => {
    for (const value of ['0', '17', '2.5', 'two', '-1', ' 2'])
      expect(() => readWorkerCount({ ONSET_REPORT_WORKERS: value }, 2)).toThrow(
        `ONSET_REPORT_WORKERS must be a whole number from 1 to 16; it is "${value}"`,
      );
  });
});

it('an in-memory SQLite database has no read workers, and says why instead of reading on the request thread', async () => {
  const handle = openSqlite(':memory:');
  try {
    expect(() => readWorkersOf(handle)).toThrow('no file a read worker could open (an in-memory SQLite database)');
  } finally {
    await handle.close();
  }
});
