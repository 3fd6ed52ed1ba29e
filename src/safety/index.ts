/**
 * Onset's safety rules (docs/safety.md): pure functions over one patient's history that
 * return findings with their evidence. The write transactions, the alert store and the API call
 * `evaluateSafety`; the alert store raises one alert per rule and episode key.
 */
import { checkTimeZone } from '../shared/time-zone.js';
import { bpPostDose } from './rules/bp-post-dose.js';
import { bpPreDose } from './rules/bp-pre-dose.js';
import { craving } from './rules/craving.js';
import { cumulativeDose } from './rules/cumulative-dose.js';
import { doseFrequency } from './rules/dose-frequency.js';
import { missedFollowUp } from './rules/missed-follow-up.js';
import { reliableDeterioration } from './rules/reliable-deterioration.js';
import { sedativeOnDoseDay } from './rules/sedative-on-dose-day.js';
import { shortObservation } from './rules/short-observation.js';
import { suicidality } from './rules/suicidality.js';
import { tolerance } from './rules/tolerance.js';
import { urinarySymptoms } from './rules/urinary-symptoms.js';
import type { SafetySettings } from './settings.js';
import type { Finding, SafetyHistory, SafetyRule, Severity } from './types.js';

export { RULE_IDS } from './types.js';
export type { Evidence, Finding, RuleId, SafetyHistory, SafetyRule, Severity } from './types.js';
export {
  DEFAULT_SAFETY_SETTINGS,
  MinObservationMinutes,
  SafetySettings,
  SafetySettingsInput,
  resolveSafetySettings,
} from './settings.js';

/**
 * The version of the rules' logic. A write evaluates from its new record only while the patient's last
 * whole-history evaluation ran under this version (safety/hooks.ts): change the number with any change
 * to what a rule finds, so every patient is evaluated whole once more on their next write.
 */
export const SAFETY_RULES_VERSION = 1;

/** Every safety rule, in the order of RULE_IDS. */
export const SAFETY_RULES: readonly SafetyRule[] = [
  reliableDeterioration,
  suicidality,
  bpPreDose,
  bpPostDose,
  shortObservation,
  urinarySymptoms,
  doseFrequency,
  cumulativeDose,
  craving,
  sedativeOnDoseDay,
  missedFollowUp,
  tolerance,
];

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { urgent: 0, warning: 1, info: 2 };

/**
 * Runs every rule over one patient's history: findings sorted urgent first, then warning, then info,
 * each group by raisedAt (oldest first), ties by rule and episode key so the order is always the same.
 */
export function evaluateSafety(history: SafetyHistory, settings: SafetySettings): Finding[] {
  checkTimeZone(history.timeZone);
  return SAFETY_RULES.flatMap((rule) => rule.evaluate(history, settings)).sort(compareFindings);
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    Date.parse(a.raisedAt) - Date.parse(b.raisedAt) ||
    text(a.rule, b.rule) ||
    text(a.episodeKey, b.episodeKey)
  );
}

function text(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
