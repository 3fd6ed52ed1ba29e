import type { Finding, SafetyRule, Severity } from './types.js';

/** The parts of a rule a finding repeats. */
export type RuleMeta = Pick<SafetyRule, 'id' | 'severity' | 'source'>;

export interface FindingParts {
  episodeKey: string;
  raisedAt: string;
  summary: string;
  values: Record<string, unknown>;
  definition: string;
  /** Overrides the rule's severity (a rule's doc comment says when). */
  severity?: Severity;
}

/** A finding of `rule`; the evidence's source is the rule's source. */
export function makeFinding(rule: RuleMeta, parts: FindingParts): Finding {
  return {
    rule: rule.id,
    severity: parts.severity ?? rule.severity,
    episodeKey: parts.episodeKey,
    raisedAt: parts.raisedAt,
    evidence: { summary: parts.summary, values: parts.values, definition: parts.definition, source: rule.source },
  };
}
