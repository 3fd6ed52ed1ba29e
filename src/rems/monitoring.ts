import { addDays, daysBetween, localDateOf, offsetAt } from '../shared/time-zone.js';
import { MINUTE_MS } from '../shared/time.js';

/**
 * The clock of a monitored esketamine session (pure). Every timing and its source is in docs/rems.md:
 * at least 2 hours of monitoring and blood pressure before the dose, about 40 minutes after it and before
 * the session ends (SPRAVATO REMS Patient Monitoring Form), the form submitted within 7 days.
 */

/** The REMS minimum monitoring time after the first device (docs/rems.md, "Monitoring"). */
export const MINIMUM_MONITORING_MINUTES = 120;
/** The second blood pressure reading, "40 mins post-administration" on the form (docs/rems.md). */
export const FORTY_MINUTE_READING_DUE = 40;
/** Onset's choice (docs/rems.md): the 40-minute reading is shown as overdue once 50 minutes have passed. */
export const FORTY_MINUTE_READING_OVERDUE = 50;
/** The form is submitted within 7 days of the session (docs/rems.md, "The form"). */
export const FORM_DUE_DAYS = 7;
/** Onset's choice (docs/rems.md): a form due in 2 days or fewer is shown as due soon. */
export const FORM_DUE_SOON_DAYS = 2;

export type Reading = 'before' | 'fortyMinute' | 'discharge';
export type VitalStatus = 'upcoming' | 'due' | 'overdue';

/** Which of the three blood pressure readings a session has. */
export type RecordedReadings = Readonly<Record<Reading, boolean>>;

export interface NextVital {
  reading: Reading;
  dueAt: string;
  status: VitalStatus;
  /** Plain words for the page: what is due, when, and how late. */
  text: string;
}

export interface MonitoringClock {
  minutesSinceDose: number;
  nextVital: NextVital | null;
  dischargeEarliestAt: string;
  /** Whether discharge may be recorded now. */
  canDischarge: boolean;
  /** Minutes until discharge may be recorded (0 once it may). */
  minutesUntilDischarge: number;
}

const LABELS: Readonly<Record<Reading, string>> = {
  before: 'Blood pressure before the dose',
  fortyMinute: 'Blood pressure 40 minutes after the dose',
  discharge: 'Blood pressure before discharge',
};

const at = (ms: number): string => new Date(ms).toISOString();

/** Whole minutes from `fromMs` to `toMs`, rounded down (negative before `fromMs`). */
export function wholeMinutes(fromMs: number, toMs: number): number {
  return Math.floor((toMs - fromMs) / MINUTE_MS);
}

/** The clinic-local time of day of an instant, 'HH:MM'. */
export function localTimeOf(ms: number, timeZone: string): string {
  return new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(11, 16);
}

function nextVitalOf(givenMs: number, nowMs: number, recorded: RecordedReadings, timeZone: string): NextVital | null {
  const late = (dueMs: number, overdueMs: number, reading: Reading): NextVital => {
    const label = LABELS[reading];
    const dueAt = at(dueMs);
    const clock = localTimeOf(dueMs, timeZone);
    if (nowMs < dueMs) return { reading, dueAt, status: 'upcoming', text: `${label} is due at ${clock}.` };
    if (nowMs <= overdueMs) return { reading, dueAt, status: 'due', text: `${label} is due now (since ${clock}).` };
    const minutes = wholeMinutes(dueMs, nowMs);
    return {
      reading,
      dueAt,
      status: 'overdue',
      text: `Overdue: ${label} was due at ${clock}, ${minutes} minutes ago.`,
    };
  };
  // A missing pre-dose reading is late from the moment of the dose: it should have come first.
  if (!recorded.before) return late(givenMs, givenMs, 'before');
  if (!recorded.fortyMinute) {
    return late(
      givenMs + FORTY_MINUTE_READING_DUE * MINUTE_MS,
      givenMs + FORTY_MINUTE_READING_OVERDUE * MINUTE_MS,
      'fortyMinute',
    );
  }
  if (!recorded.discharge) {
    // The discharge reading is taken at the end of monitoring, which cannot come before the minimum.
    const due = givenMs + MINIMUM_MONITORING_MINUTES * MINUTE_MS;
    return late(due, Number.POSITIVE_INFINITY, 'discharge');
  }
  return null;
}

/** Minutes since the dose, the next reading due, and when discharge may be recorded. */
export function monitoringClock(input: {
  givenAt: string;
  now: Date;
  recorded: RecordedReadings;
  timeZone: string;
}): MonitoringClock {
  const givenMs = Date.parse(input.givenAt);
  const nowMs = input.now.getTime();
  const earliestMs = givenMs + MINIMUM_MONITORING_MINUTES * MINUTE_MS;
  return {
    minutesSinceDose: wholeMinutes(givenMs, nowMs),
    nextVital: nextVitalOf(givenMs, nowMs, input.recorded, input.timeZone),
    dischargeEarliestAt: at(earliestMs),
    canDischarge: nowMs >= earliestMs,
    minutesUntilDischarge: Math.max(0, Math.ceil((earliestMs - nowMs) / MINUTE_MS)),
  };
}

/**
 * Why a discharge time is refused, or null when it is allowed: it must be at least the minimum monitoring
 * time after the dose.
 */
export function dischargeProblem(givenAt: string, dischargedAt: string, timeZone: string): string | null {
  const givenMs = Date.parse(givenAt);
  const minutes = wholeMinutes(givenMs, Date.parse(dischargedAt));
  if (minutes >= MINIMUM_MONITORING_MINUTES) return null;
  return (
    `must be at least ${MINIMUM_MONITORING_MINUTES} minutes after the dose ` +
    `(given ${localTimeOf(givenMs, timeZone)}); it is ${minutes} minutes`
  );
}

export type FormStatus = 'overdue' | 'due-soon' | 'due' | 'submitted';

export interface FormDeadline {
  /** The last clinic-local calendar day on which the form is on time. */
  dueDate: string;
  status: FormStatus;
  /** Calendar days left until the due date (negative once overdue). */
  daysLeft: number;
}

/**
 * The form's due date and status. Onset counts calendar days in the clinic's time zone (docs/rems.md: the
 * sources found are silent on calendar days against 24-hour periods): a session on the 5th is due by the
 * end of the 12th.
 */
export function formDeadline(input: {
  givenAt: string;
  now: Date;
  submittedAt: string | null;
  timeZone: string;
}): FormDeadline {
  const sessionDate = localDateOf(Date.parse(input.givenAt), input.timeZone);
  const dueDate = addDays(sessionDate, FORM_DUE_DAYS);
  const daysLeft = daysBetween(localDateOf(input.now.getTime(), input.timeZone), dueDate);
  if (input.submittedAt !== null) return { dueDate, status: 'submitted', daysLeft };
  if (daysLeft < 0) return { dueDate, status: 'overdue', daysLeft };
  return { dueDate, status: daysLeft <= FORM_DUE_SOON_DAYS ? 'due-soon' : 'due', daysLeft };
}

/** One esketamine dose of a period, for the forms-on-time figure: its time and its form's submission, if any. */
export interface FormOfDose {
  givenAt: string;
  /** When the form was recorded as submitted; null when it was not, or the dose has no monitored session. */
  submittedAt: string | null;
}

export interface FormsOnTime {
  /** Forms submitted on or before their due date ÷ forms that are due (submitted, or past their due date). */
  onTime: number;
  /** The denominator: forms submitted, or past their due date unsubmitted. */
  judged: number;
  late: number;
  /** Past the due date with no form recorded (no submission, or no monitored session). */
  missing: number;
  /** Still within their 7 days and not yet submitted: not judged yet. */
  notYetDue: number;
}

/**
 * REMS forms on time (docs/outcomes.md "Outcomes for payers", docs/rems.md): a form is on time when it was
 * submitted on or before its due date (the session's clinic-local date + 7 calendar days). A form not yet
 * submitted is judged only once its due date has passed; then it counts as missing.
 */
export function formsOnTime(doses: readonly FormOfDose[], now: Date, timeZone: string): FormsOnTime {
  const result: FormsOnTime = { onTime: 0, judged: 0, late: 0, missing: 0, notYetDue: 0 };
  for (const dose of doses) {
    const { dueDate } = formDeadline({ givenAt: dose.givenAt, now, submittedAt: dose.submittedAt, timeZone });
    if (dose.submittedAt === null) {
      if (daysBetween(localDateOf(now.getTime(), timeZone), dueDate) < 0) {
        result.missing++;
        result.judged++;
      } else result.notYetDue++;
      continue;
    }
    result.judged++;
    if (daysBetween(localDateOf(Date.parse(dose.submittedAt), timeZone), dueDate) >= 0) result.onTime++;
    else result.late++;
  }
  return result;
}
