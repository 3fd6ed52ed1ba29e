/** A day is 86,400 seconds (docs/outcomes.md "Notation"); durations are fractional days or hours. */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
