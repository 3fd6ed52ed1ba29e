/**
 * Words and number formats for the clinician app. Pure functions (no DOM), so they are tested in Node.
 * Codes are the server's vocabulary (src/shared/vocabulary.ts); the UI shows these words for them.
 */
import type { RuleId } from '../../../src/safety/types.js';
import type { Drug, Route, Setting } from '../../../src/shared/vocabulary.js';
import { ADVERSE_WORDS, CONDITION_WORDS, ROUTE_WORDS } from '../../../src/shared/vocabulary.js';
import { DAY_MS } from '../../../src/shared/time.js';

export { ADVERSE_WORDS, CONDITION_WORDS, ROUTE_WORDS };

/** Standard abbreviations, for chart labels where space is short (IN intranasal, SL sublingual, PO oral). */
export const ROUTE_ABBREVIATIONS: Record<Route, string> = {
  iv: 'IV',
  im: 'IM',
  intranasal: 'IN',
  sublingual: 'SL',
  oral: 'PO',
};
export const DRUG_WORDS: Record<Drug, string> = { 'racemic-ketamine': 'ketamine (racemic)', esketamine: 'esketamine' };
export const SETTING_WORDS: Record<Setting, string> = {
  clinic: 'clinic',
  'home-supervised': 'home, supervised',
  'home-alone': 'home, alone',
};
/** Safety rules (src/safety) by name, as the alert list shows them. */
export const RULE_WORDS: Record<RuleId, string> = {
  'reliable-deterioration': 'Reliable deterioration',
  suicidality: 'Thoughts of self-harm reported',
  'bp-pre-dose': 'Blood pressure before a dose',
  'bp-post-dose': 'Blood pressure after a dose',
  'short-observation': 'Observation shorter than the minimum',
  'urinary-symptoms': 'Urinary symptoms',
  'dose-frequency': 'Doses more frequent than the limit',
  'cumulative-dose': 'Cumulative dose over the limit',
  craving: 'Craving or dependence',
  'sedative-on-dose-day': 'Sedative on a dose day',
  'missed-follow-up': 'Missed follow-up',
  tolerance: 'Tolerance signal',
};

/** The word for a code from one of the maps above; unknown codes are shown with dashes as spaces. */
export function words(map: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '—';
  return map[code] ?? code.replace(/-/g, ' ');
}

const missing = '—';

/** "3 Mar 2026". */
export function date(iso: string | null | undefined, timeZone?: string): string {
  if (iso === null || iso === undefined) return missing;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(new Date(iso));
}

/** "4 Dec". */
export function dayMonth(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' }).format(new Date(iso));
}

/** "2–7 Dec" within one month, else "28 Nov – 3 Dec". */
export function dayRange(fromIso: string, toIso: string): string {
  const [from, to] = [new Date(fromIso), new Date(toIso)];
  if (from.getMonth() === to.getMonth() && from.getFullYear() === to.getFullYear())
    return `${from.getDate()}–${dayMonth(toIso)}`;
  return `${dayMonth(fromIso)} – ${dayMonth(toIso)}`;
}

/** "3 Mar 2026, 14:05". */
export function dateTime(iso: string | null | undefined, timeZone?: string): string {
  if (iso === null || iso === undefined) return missing;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(new Date(iso));
}

/** A number with at most `digits` decimals; "—" for null; a withheld cell's label ("suppressed (n < 11)") as it is. */
export function num(value: number | string | null | undefined, digits = 1): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined || !Number.isFinite(value)) return missing;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** 0.4225 → "42%"; null → "—". */
export function percent(value: number | string | null | undefined, digits = 0): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined || !Number.isFinite(value)) return missing;
  return `${(value * 100).toFixed(digits)}%`;
}

/** US dollars: 6921.77 → "$6,922". */
export function usd(value: number | string | null | undefined): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined || !Number.isFinite(value)) return missing;
  return value.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
}

/** A duration in days as people say it: 0.2 → "4.8 hours", 3.25 → "3.3 days". */
export function duration(days: number | string | null | undefined): string {
  if (typeof days === 'string') return days;
  if (days === null || days === undefined || !Number.isFinite(days)) return missing;
  if (days < 1) return `${num(days * 24)} hours`;
  return `${num(days)} ${days === 1 ? 'day' : 'days'}`;
}

/** mg per kg of body weight, to two decimals; null without a weight or dose. */
export function mgPerKg(mg: number | null, weightKg: number | null): number | null {
  if (mg === null || weightKg === null || !(mg > 0) || !(weightKg > 0)) return null;
  return Math.round((mg / weightKg) * 100) / 100;
}

/** "12 of 30 (40%; 95% CI 24–58%)" for a proportion with its interval. */
export function proportion(p: {
  numerator: number | string;
  denominator: number | string;
  proportion: number | string | null;
  lower: number | string | null;
  upper: number | string | null;
}): string {
  // A withheld proportion shows its label once, with the denominator when that is published.
  if (typeof p.proportion === 'string')
    return typeof p.denominator === 'number' ? `${p.proportion} of ${p.denominator}` : p.proportion;
  if (p.proportion === null) return `${p.numerator} of ${p.denominator}`;
  const ci = p.lower === null || p.upper === null ? '' : `; 95% CI ${percent(p.lower)}–${percent(p.upper)}`;
  return `${p.numerator} of ${p.denominator} (${percent(p.proportion)}${ci})`;
}

/**
 * How long ago an instant was, as people say it: "just now", "25 minutes ago", "1 hour ago", "5 hours ago",
 * "yesterday" (24 to 48 hours), "3 days ago". An instant ahead of `now` (a clock a little ahead) is "just now".
 */
export function ago(iso: string, now: Date = new Date()): string {
  const minutes = Math.floor((now.getTime() - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} ${hours === 1 ? 'hour' : 'hours'} ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}

/** Whole days between two instants (floor), e.g. days since the last dose. */
export function daysBetween(fromIso: string, to: Date): number {
  return Math.floor((to.getTime() - Date.parse(fromIso)) / DAY_MS);
}

/** The value of an <input type="datetime-local"> for an instant, in the browser's time zone. */
export function toLocalInput(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/** An <input type="datetime-local"> value (browser time zone) as UTC ISO-8601; null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (value.trim() === '') return null;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}
