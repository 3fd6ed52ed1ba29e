/**
 * The comparison behind `onset check-state` (safety/check-state.service.ts): what a whole-history
 * evaluation finds against the alerts a patient already has and the basis stored for them. Pure: the
 * service reads the facts, this says what does not match and why.
 */
import { RULE_IDS, type Finding } from './types.js';

/** The stored basis against the current one (safety/hooks.ts safetyBasis); `none`: no row stored. */
export type BasisState = 'current' | 'stale' | 'none';

/**
 * Why a finding has no alert.
 * - `rules`: the stored basis is not the current one, so the patient's next write evaluates the whole
 *   history and raises it.
 * - `settings`: the clinic's settings changed after the patient's last write; the next write raises it.
 * - `not-raised`: the last write evaluated under the current basis and settings and should have raised
 *   it. This is a fault.
 */
export type MissingCause = 'rules' | 'settings' | 'not-raised';

/**
 * Why an alert has no finding. Alerts are never withdrawn (docs/safety.md), and a whole-history
 * evaluation need not find every episode raised earlier:
 * - `later-writes`: the patient's records were written after it was raised. An edited record, a record
 *   dated before the episode, or a later questionnaire (the tolerance rule's last checkpoint reads every
 *   questionnaire after the latest dose) can take an episode away or move its key.
 * - `settings`: the clinic's settings or time zone changed after it was raised.
 * - `rules`: the rules or the baseline window changed after it was raised (the stored basis is not the
 *   current one, or was stored after it).
 * - `unknown-rule`: no current rule has its id.
 * - `unexplained`: none of these. The rules are deterministic over an unchanged history under unchanged
 *   rules and settings, so this is a fault (an alert inserted by hand, or an evaluation that raised what a
 *   whole-history evaluation does not find).
 */
export type UnexpectedCause = 'later-writes' | 'settings' | 'rules' | 'unknown-rule' | 'unexplained';

/** An alert as the comparison reads it. */
export interface RaisedAlert {
  id: string;
  rule: string;
  episodeKey: string;
  raisedAt: string;
  /** When the alert was stored: the time of the evaluation that raised it. */
  createdAt: string;
  /** The audit entry that created it (null when it has none). */
  createdSeq: number | null;
}

export interface StateFacts {
  findings: readonly Pick<Finding, 'rule' | 'episodeKey' | 'severity' | 'raisedAt'>[];
  alerts: readonly RaisedAlert[];
  stored: { basis: string; evaluatedAt: string } | null;
  currentBasis: string;
  /** The time of the patient's last write that ran the rules, or null when there is none. */
  lastWriteAt: string | null;
  /** That write's audit entry, when it has one: the audit chain is in commit order, clocks need not be. */
  lastWriteSeq: number | null;
  /** When the clinic's settings or time zone last changed (clinics.updated_at). */
  settingsChangedAt: string;
}

export interface MissingEpisode {
  rule: string;
  episodeKey: string;
  severity: Finding['severity'];
  raisedAt: string;
  cause: MissingCause;
}

export interface UnexpectedAlert {
  alertId: string;
  rule: string;
  episodeKey: string;
  raisedAt: string;
  cause: UnexpectedCause;
}

export interface StateComparison {
  basis: BasisState;
  missing: MissingEpisode[];
  unexpected: UnexpectedAlert[];
  /**
   * Whether the stored state does not match: an episode without its alert, a basis that is not the
   * current one once the patient has records, or an alert no cause explains.
   */
  mismatch: boolean;
}

const episode = (rule: string, key: string): string => `${rule}\u0000${key}`;
const after = (a: string | null, b: string): boolean => a !== null && Date.parse(a) > Date.parse(b);

/** Compares a whole-history evaluation's findings with the patient's alerts and stored basis. */
export function compareState(facts: StateFacts): StateComparison {
  const basis: BasisState =
    facts.stored === null ? 'none' : facts.stored.basis === facts.currentBasis ? 'current' : 'stale';
  const raised = new Set(facts.alerts.map((a) => episode(a.rule, a.episodeKey)));
  const found = new Set(facts.findings.map((f) => episode(f.rule, f.episodeKey)));
  const missingCause: MissingCause =
    basis !== 'current'
      ? 'rules'
      : facts.lastWriteAt !== null && after(facts.settingsChangedAt, facts.lastWriteAt)
        ? 'settings'
        : 'not-raised';
  const missing = facts.findings
    .filter((f) => !raised.has(episode(f.rule, f.episodeKey)))
    .map((f) => ({
      rule: f.rule,
      episodeKey: f.episodeKey,
      severity: f.severity,
      raisedAt: f.raisedAt,
      cause: missingCause,
    }));
  const unexpected = facts.alerts
    .filter((a) => !found.has(episode(a.rule, a.episodeKey)))
    .map((a) => ({
      alertId: a.id,
      rule: a.rule,
      episodeKey: a.episodeKey,
      raisedAt: a.raisedAt,
      cause: unexpectedCause(a, basis, facts),
    }));
  return {
    basis,
    missing,
    unexpected,
    mismatch:
      missing.length > 0 ||
      (basis !== 'current' && facts.lastWriteAt !== null) ||
      unexpected.some((u) => u.cause === 'unexplained'),
  };
}

function unexpectedCause(alert: RaisedAlert, basis: BasisState, facts: StateFacts): UnexpectedCause {
  if (!(RULE_IDS as readonly string[]).includes(alert.rule)) return 'unknown-rule';
  const laterWrite =
    alert.createdSeq !== null && facts.lastWriteSeq !== null
      ? facts.lastWriteSeq > alert.createdSeq
      : after(facts.lastWriteAt, alert.createdAt);
  if (laterWrite) return 'later-writes';
  if (after(facts.settingsChangedAt, alert.createdAt)) return 'settings';
  if (basis !== 'current' || after(facts.stored?.evaluatedAt ?? null, alert.createdAt)) return 'rules';
  return 'unexplained';
}
