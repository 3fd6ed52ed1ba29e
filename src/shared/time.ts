/**
 * Lengths of time in epoch milliseconds. A day is 86,400 seconds (docs/outcomes.md "Notation"): these are
 * durations, not calendar days — clinic-local calendar arithmetic lives in `shared/time-zone.ts`.
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
