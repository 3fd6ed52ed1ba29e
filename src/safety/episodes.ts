/**
 * "Once per episode": a signal that persists over consecutive records (a urinary check still
 * positive, a score still deteriorated) is one episode, keyed by its first record. Keys from earlier
 * records never change when later records arrive, so re-running the rules never duplicates an alert.
 */
export type Reading = 'positive' | 'negative' | 'neither';

/** A run always holds at least one record. */
export type Run<T> = [T, ...T[]];

/**
 * Splits records (in time order) into runs of consecutive positive readings. A negative reading ends
 * a run; a reading of "neither" (e.g. an incomplete form with no positive answer) neither starts nor
 * ends one.
 */
export function positiveRuns<T>(records: readonly T[], read: (record: T) => Reading): Run<T>[] {
  const runs: Run<T>[] = [];
  let current: Run<T> | null = null;
  for (const record of records) {
    const reading = read(record);
    if (reading === 'positive') {
      if (current === null) {
        current = [record];
        runs.push(current);
      } else {
        current.push(record);
      }
    } else if (reading === 'negative') {
      current = null;
    }
  }
  return runs;
}
