import { readExpandInput, type ExpandContext, type ExpandInput } from './expand-input.js';
import { HOUR_MS } from '../shared/time.js';
import { addDays, localDateOf, localTimeToInstant } from '../shared/time-zone.js';
import { DEFAULT_LEAD_HOURS, type AfterDoseItem, type CalendarItem, type PreDoseItem } from './schedule.schema.js';

/**
 * Schedule expansion: from a schedule, the course's dates and the doses actually given, every
 * measurement that is due, with its window. Pure: the same input always gives the same list, and each
 * item's key is built from what anchors it (never from a counter), so re-expanding never duplicates.
 *
 * Decisions (the issue leaves them open):
 * - Baseline: due at course start, open until the first dose (no dose yet: open, `expiresAt` null; the
 *   course ended without a dose: until the end).
 * - Pre-dose: future doses are unknown, so a pre-dose measurement is listed for a dose only once the dose
 *   is recorded: due `leadHours` before it (never before the previous dose, whose own state it would
 *   measure) and expiring at the dose. It mostly records, after the fact, whether the patient was
 *   measured before the dose; a dose recorded ahead of time makes it a live request. The first dose gets
 *   none for an instrument the baseline already asks for: that baseline is its pre-dose measurement.
 * - After-dose: anchored to the dose actually given, so a late dose moves its follow-ups and a skipped
 *   dose has none. A follow-up due at or after the next dose is dropped, and every follow-up expires by
 *   the next dose at the latest: after it, a questionnaire measures the new dose, whose own follow-ups
 *   replace the old ones.
 * - Calendar: on local dates start, start + everyDays, … at `atLocalTime` in the clinic's zone (so the
 *   weekday holds and 09:00 stays 09:00 across daylight-saving changes); an occurrence before the moment
 *   the rhythm starts is skipped. Expires at due + expiryDays or the next occurrence, whichever is first.
 * - Nothing is listed as due after the course ended or after `until`. An item due before the course
 *   ended keeps its full window: the patient may still answer a follow-up after the course closes.
 */

/** What a due item hangs on: the course start, a dose (with its time and offset) or a local date. */
export type DueAnchor =
  | { kind: 'baseline' }
  | { kind: 'pre-dose'; doseId: string; doseAt: string }
  | { kind: 'after-dose'; doseId: string; doseAt: string; offsetHours: number }
  | { kind: 'calendar'; localDate: string };

export interface DueItem {
  /** Deterministic identity, e.g. `after-dose:<doseId>:+24h:gad7` or `calendar:2026-03-02:gad7`. */
  key: string;
  instrument: string;
  /** UTC ISO-8601. */
  dueAt: string;
  /** The last moment a completion counts; null while a baseline waits for the first dose. */
  expiresAt: string | null;
  /** When to remind; null when the item expires first. */
  reminderAt: string | null;
  anchor: DueAnchor;
}

interface Occurrence {
  key: string;
  instrument: string;
  due: number;
  expires: number | null;
  anchor: DueAnchor;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function baseline(instruments: readonly string[], ctx: ExpandContext): Occurrence[] {
  const expires = ctx.doses[0]?.at ?? ctx.ended;
  return instruments.map((instrument) => ({
    key: `baseline:${instrument}`,
    instrument,
    due: ctx.start,
    expires,
    anchor: { kind: 'baseline' },
  }));
}

function preDose(item: PreDoseItem, ctx: ExpandContext, inBaseline: ReadonlySet<string>): Occurrence[] {
  const lead = (item.leadHours ?? DEFAULT_LEAD_HOURS) * HOUR_MS;
  return ctx.doses.flatMap((dose, k) => {
    const previous = ctx.doses[k - 1]?.at ?? -Infinity;
    const instruments = k === 0 ? item.instruments.filter((i) => !inBaseline.has(i)) : item.instruments;
    return instruments.map((instrument) => ({
      key: `pre-dose:${dose.id}:${instrument}`,
      instrument,
      due: Math.max(dose.at - lead, previous),
      expires: dose.at,
      anchor: { kind: 'pre-dose' as const, doseId: dose.id, doseAt: iso(dose.at) },
    }));
  });
}

function afterDose(item: AfterDoseItem, ctx: ExpandContext): Occurrence[] {
  return ctx.doses.flatMap((dose, k) => {
    const next = ctx.doses[k + 1]?.at ?? Infinity;
    return item.offsetsHours
      .filter((offset) => dose.at + offset * HOUR_MS < next)
      .flatMap((offset) => {
        const due = dose.at + offset * HOUR_MS;
        const anchor = { kind: 'after-dose' as const, doseId: dose.id, doseAt: iso(dose.at), offsetHours: offset };
        const expires = Math.min(due + ctx.expiryMs, next);
        return item.instruments.map((instrument) => ({
          key: `after-dose:${dose.id}:+${offset}h:${instrument}`,
          instrument,
          due,
          expires,
          anchor,
        }));
      });
  });
}

function calendar(item: CalendarItem, ctx: ExpandContext): Occurrence[] {
  const from = item.from === 'course-start' ? ctx.start : ctx.maintenance;
  if (from === null) return [];
  const occurrences: Occurrence[] = [];
  let date = localDateOf(from, ctx.timeZone);
  let due = localTimeToInstant(date, item.atLocalTime, ctx.timeZone);
  while (due <= ctx.limit) {
    const nextDate = addDays(date, item.everyDays);
    const next = localTimeToInstant(nextDate, item.atLocalTime, ctx.timeZone);
    if (due >= from) {
      const expires = Math.min(due + ctx.expiryMs, next);
      for (const instrument of item.instruments) {
        occurrences.push({
          key: `calendar:${date}:${instrument}`,
          instrument,
          due,
          expires,
          anchor: { kind: 'calendar', localDate: date },
        });
      }
    }
    date = nextDate;
    due = next;
  }
  return occurrences;
}

function occurrencesOf(ctx: ExpandContext, input: ExpandInput): Occurrence[] {
  const inBaseline = new Set(
    input.schedule.items.flatMap((item) => (item.kind === 'baseline' ? item.instruments : [])),
  );
  return input.schedule.items.flatMap((item) => {
    switch (item.kind) {
      case 'baseline':
        return baseline(item.instruments, ctx);
      case 'pre-dose':
        return preDose(item, ctx, inBaseline);
      case 'after-dose':
        return afterDose(item, ctx);
      case 'calendar':
        return calendar(item, ctx);
    }
  });
}

function toDueItem(o: Occurrence, reminderMs: number): DueItem {
  const reminder = o.due + reminderMs;
  return {
    key: o.key,
    instrument: o.instrument,
    dueAt: iso(o.due),
    expiresAt: o.expires === null ? null : iso(o.expires),
    reminderAt: o.expires === null || reminder < o.expires ? iso(reminder) : null,
    anchor: o.anchor,
  };
}

/** Every measurement due on a course up to `until` (or the course end), sorted by due time then key. */
export function expandSchedule(input: ExpandInput): DueItem[] {
  const ctx = readExpandInput(input);
  return occurrencesOf(ctx, input)
    .filter((o) => o.due <= ctx.limit)
    .sort((a, b) => a.due - b.due || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((o) => toDueItem(o, ctx.reminderMs));
}
