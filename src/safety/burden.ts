/**
 * The alert burden (docs/safety.md "Alert burden"): alerts per 100 patient-months by rule and severity.
 * A patient's follow-up runs from the first dose to the latest of their last dose, last questionnaire and
 * last adverse event; a month is 365.25 / 12 days. Patients without a dose add neither alerts nor months.
 */
import { DAY_MS } from '../shared/time.js';
import type { Finding, RuleId, SafetyHistory, Severity } from './types.js';

export const MONTH_DAYS = 365.25 / 12;

/** Months from the first dose to the end of follow-up; 0 without a dose. */
export function followUpMonths(history: Pick<SafetyHistory, 'doses' | 'assessments' | 'adverseEvents'>): number {
  const doses = history.doses.map((d) => Date.parse(d.givenAt));
  if (doses.length === 0) return 0;
  const first = Math.min(...doses);
  const last = Math.max(
    ...doses,
    ...history.assessments.map((a) => Date.parse(a.completedAt)),
    ...history.adverseEvents.map((e) => Date.parse(e.onsetAt)),
  );
  return Math.max(0, last - first) / DAY_MS / MONTH_DAYS;
}

export interface BurdenRow {
  rule: RuleId;
  severity: Severity;
  alerts: number;
  /** Patients with at least one such alert. */
  patients: number;
  per100PatientMonths: number;
}

export interface AlertBurden {
  patients: number;
  patientMonths: number;
  alerts: number;
  per100PatientMonths: number;
  /** By rule and severity, most frequent first. */
  rows: BurdenRow[];
}

/** The burden of the findings of each patient over their follow-up. */
export function alertBurden(
  patients: readonly { findings: readonly Pick<Finding, 'rule' | 'severity'>[]; months: number }[],
): AlertBurden {
  const rows = new Map<string, BurdenRow>();
  let months = 0;
  let alerts = 0;
  for (const patient of patients) {
    months += patient.months;
    const seen = new Set<string>();
    for (const finding of patient.findings) {
      const key = `${finding.rule}\u0000${finding.severity}`;
      const row = rows.get(key) ?? {
        rule: finding.rule,
        severity: finding.severity,
        alerts: 0,
        patients: 0,
        per100PatientMonths: 0,
      };
      row.alerts++;
      if (!seen.has(key)) row.patients++;
      seen.add(key);
      rows.set(key, row);
      alerts++;
    }
  }
  const rate = (n: number): number => (months > 0 ? (n / months) * 100 : 0);
  return {
    patients: patients.length,
    patientMonths: months,
    alerts,
    per100PatientMonths: rate(alerts),
    rows: [...rows.values()]
      .map((row) => ({ ...row, per100PatientMonths: rate(row.alerts) }))
      .sort((a, b) => b.alerts - a.alerts || a.rule.localeCompare(b.rule) || a.severity.localeCompare(b.severity)),
  };
}
