/**
 * The tables of migration 0003 (schedules, due assessments, the mail outbox) as Kysely sees them, with
 * the conventions of src/db/schema.ts: clinic_id first, UUID text ids, timestamps as UTC ISO-8601 text
 * (timestamptz on PostgreSQL), JSON as text.
 */
import type { Generated, Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** A clinic's own schedule template: an edited copy of a ready-made one (same id) or a new one. */
export interface ClinicScheduleTemplatesTable {
  clinic_id: string;
  /** A slug, e.g. 'anxiety-intensive' (replaces the ready-made one for this clinic) or 'our-weekly'. */
  id: string;
  /** JSON: a Schedule that passed parseSchedule. */
  schedule: string;
  rationale: string | null;
  created_at: string;
  updated_at: string;
}

/** The schedule a course follows (one per course). */
export interface CourseSchedulesTable {
  clinic_id: string;
  course_id: string;
  template_id: string | null;
  /** JSON: a Schedule that passed parseSchedule. */
  schedule: string;
  /** When the weekly rhythm of maintenance began; set when the course is first seen in maintenance. */
  maintenance_started_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One measurement due on a course, kept in step with the doses by `refreshDue`. */
export interface DueAssessmentsTable {
  clinic_id: string;
  id: string;
  patient_id: string;
  course_id: string;
  /** Deterministic identity from the expansion, unique per course: re-expanding never duplicates. */
  key: string;
  instrument: string;
  /** JSON: the DueAnchor (baseline, the dose it follows, or the calendar date). */
  anchor: string;
  due_at: string;
  expires_at: string | null;
  reminder_at: string | null;
  completed_at: string | null;
  assessment_id: string | null;
  /** The patient link e-mailed for this item, if any. */
  link_id: string | null;
  created_at: string;
  updated_at: string;
}

export type OutboxKind = 'invite' | 'reminder';
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

/** One e-mail to send, persisted so that a restart neither loses nor duplicates it. */
export interface MailOutboxTable {
  clinic_id: string;
  id: string;
  due_assessment_id: string;
  kind: OutboxKind;
  to_address: string;
  subject: string;
  /** The text; the link in it is replaced by "[link removed]" once the message is sent or dropped. */
  body: string;
  not_before: string;
  state: OutboxState;
  attempts: Generated<number>;
  claimed_by: string | null;
  claimed_until: string | null;
  sent_at: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScheduleTables {
  clinic_schedule_templates: ClinicScheduleTemplatesTable;
  course_schedules: CourseSchedulesTable;
  due_assessments: DueAssessmentsTable;
  mail_outbox: MailOutboxTable;
}

export type ScheduleDatabase = Database & ScheduleTables;

/**
 * The same connection typed with these tables. Until the lead adds ScheduleTables to `Database` the
 * repositories need this view; afterwards it is a no-op cast.
 */
export function scheduleDb(db: Kysely<Database>): Kysely<ScheduleDatabase> {
  // Through unknown, so the cast stays valid (and lint-clean) both before and after that change.
  const view: unknown = db;
  return view as Kysely<ScheduleDatabase>;
}
