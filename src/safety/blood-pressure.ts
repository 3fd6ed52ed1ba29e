/**
 * Which blood-pressure readings of a dose are over the clinic's limits (docs/safety.md: the pre-dose
 * caution level, default 140/90, and the post-dose limit, default 180/110; safety/settings.ts), each
 * named with its value and its limit. The two blood-pressure rules word their alerts with it
 * (rules/bp-pre-dose.ts, rules/bp-post-dose.ts), and the dose form asks for confirmation with the same
 * words before it saves such a dose. Pure, so the web app runs it too.
 */

export interface BloodPressureLimits {
  bpPreDoseSystolic: number;
  bpPreDoseDiastolic: number;
  bpPostDoseSystolic: number;
  bpPostDoseDiastolic: number;
}

export interface BloodPressureReadings {
  systolicBefore: number | null;
  diastolicBefore: number | null;
  systolicAfter: number | null;
  diastolicAfter: number | null;
}

export type BloodPressureField = keyof BloodPressureReadings;

/** One reading over its limit: "diastolic 91 above 90". */
export interface ReadingOver {
  field: BloodPressureField;
  /** 'systolic' or 'diastolic'. */
  reading: string;
  value: number;
  limit: number;
  /** Before the dose (the caution level) or after it (the post-dose limit). */
  when: 'before' | 'after';
}

const CHECKS: {
  field: BloodPressureField;
  reading: string;
  when: 'before' | 'after';
  limit: keyof BloodPressureLimits;
}[] = [
  { field: 'systolicBefore', reading: 'systolic', when: 'before', limit: 'bpPreDoseSystolic' },
  { field: 'diastolicBefore', reading: 'diastolic', when: 'before', limit: 'bpPreDoseDiastolic' },
  { field: 'systolicAfter', reading: 'systolic', when: 'after', limit: 'bpPostDoseSystolic' },
  { field: 'diastolicAfter', reading: 'diastolic', when: 'after', limit: 'bpPostDoseDiastolic' },
];

/** The readings strictly above their limits, before-dose first, systolic before diastolic. */
export function readingsOver(dose: BloodPressureReadings, limits: BloodPressureLimits): ReadingOver[] {
  return CHECKS.flatMap(({ field, reading, when, limit }) => {
    const value = dose[field];
    return value !== null && value > limits[limit] ? [{ field, reading, value, limit: limits[limit], when }] : [];
  });
}

/** "systolic 185 above 140 and diastolic 112 above 90" (mmHg), for the readings of one side of the dose. */
export function overWords(over: readonly ReadingOver[]): string {
  return over.map((o) => `${o.reading} ${o.value} above ${o.limit}`).join(' and ');
}
