/**
 * The safety rules' contract: a rule is a pure function from one patient's history and the clinic's
 * settings to findings. A finding names its episode, so the alert store raises one alert per episode
 * however often the rules are re-run.
 */
import type { AdverseEvent } from '../adverse-events/adverse-event.schema.js';
import type { Assessment } from '../assessments/assessment.schema.js';
import type { Course } from '../courses/course.schema.js';
import type { Dose } from '../doses/dose.schema.js';
import type { Medication } from '../medications/medication.schema.js';
import type { Patient } from '../patients/patient.schema.js';
import type { AlertSeverity } from '../shared/vocabulary.js';
import type { SafetySettings } from './settings.js';

export const RULE_IDS = [
  'reliable-deterioration',
  'suicidality',
  'bp-pre-dose',
  'bp-post-dose',
  'short-observation',
  'urinary-symptoms',
  'dose-frequency',
  'cumulative-dose',
  'craving',
  'sedative-on-dose-day',
  'missed-follow-up',
  'tolerance',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export type Severity = AlertSeverity;

/** A follow-up the course's measurement schedule asks for after a dose, with its status now (src/schedules). */
export interface ScheduledFollowUp {
  doseId: string;
  instrument: string;
  dueAt: string;
  /** After this moment an unanswered follow-up is missed (the clinic's expiry setting, default 4 days). */
  expiresAt: string | null;
  status: 'completed' | 'due' | 'overdue' | 'missed' | 'upcoming';
}

/**
 * What the rules read of an assessment. The safety evaluation after every write reads the patient's
 * whole assessment history, so it selects only these fields (see loadAssessmentsForSafety).
 */
export type SafetyAssessment = Pick<
  Assessment,
  'id' | 'courseId' | 'instrument' | 'completedAt' | 'answers' | 'total' | 'band' | 'complete' | 'flags'
>;

/** Everything recorded about one patient, as the rules read it. Lists need not be sorted. */
export interface SafetyHistory {
  patient: Patient;
  /** The patient's treatment courses: the tolerance rule reads each course's primary instrument. */
  courses: readonly Course[];
  doses: readonly Dose[];
  assessments: readonly SafetyAssessment[];
  adverseEvents: readonly AdverseEvent[];
  medications: readonly Medication[];
  /** Scheduled after-dose follow-ups; a dose that has any is judged by them (missed-follow-up rule). */
  followUps?: readonly ScheduledFollowUp[];
  /** The clinic's IANA time zone: the calendar day of a dose (sedative rule) and dates in summaries. */
  timeZone: string;
  now: Date;
  /**
   * When set: the history is the one the rules last saw plus records at or after this time (UTC ISO-8601;
   * a write that appends a dose or a questionnaire). A rule may then skip the findings it would raise
   * before this time, which the last evaluation raised already; it must still return every finding that
   * evaluation did not. `safety/incremental.property.test.ts` checks that the two agree.
   */
  changedFrom?: string;
}

export interface Evidence {
  /** One or two sentences a clinician reads first. */
  summary: string;
  /** The numbers, dates and record ids behind the summary (JSON-serialisable). */
  values: Record<string, unknown>;
  /** The rule in words, with the thresholds in force. */
  definition: string;
  source: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** Same history → same key; e.g. `assessment:<id>`, `dose:<id>`, `window:<first dose id>`, `ae:<id>`. */
  episodeKey: string;
  /** When the evidence came into being (UTC ISO-8601), e.g. the questionnaire's completion time. */
  raisedAt: string;
  evidence: Evidence;
}

export interface SafetyRule {
  id: RuleId;
  /** The severity of the rule's findings; a rule's doc comment says when a finding is raised or lowered from it. */
  severity: Severity;
  title: string;
  rationale: string;
  source: string;
  evaluate(history: SafetyHistory, settings: SafetySettings): Finding[];
}
