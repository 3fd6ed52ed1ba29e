/**
 * The database's tables as Kysely sees them. Every table leads with `clinic_id` (the tenant key):
 * first column of every primary key, unique key and index, and part of every foreign key, so a
 * network of clinics can be sharded by clinic without changing a query.
 *
 * Conventions on both engines: ids are UUID text; timestamps are UTC ISO-8601 strings (timestamptz on
 * PostgreSQL, text on SQLite); calendar dates are 'YYYY-MM-DD' text; JSON is stored as text;
 * booleans are integers 0/1; money is integer cents.
 */
import type { Generated } from 'kysely';

export interface ClinicsTable {
  clinic_id: string;
  name: string;
  time_zone: string;
  settings: string;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  clinic_id: string;
  id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string;
  created_at: string;
  updated_at: string;
  disabled_at: string | null;
  failed_sign_ins: Generated<number>;
  locked_until: string | null;
  totp_secret: string | null;
  /** The TOTP time step of the last accepted code (migration 0007). */
  totp_last_step: number | null;
}

export interface PatientsTable {
  clinic_id: string;
  id: string;
  label: string;
  /** The label as a person reads it, unique per clinic (src/patients/label-key.ts). */
  label_key: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  birth_year: number | null;
  sex: string | null;
  weight_kg: number | null;
  conditions: string;
  history: string;
  synthetic: number;
  created_at: string;
  updated_at: string;
}

export interface CoursesTable {
  clinic_id: string;
  id: string;
  patient_id: string;
  started_at: string;
  ended_at: string | null;
  phase: string;
  primary_instrument: string;
  modality: string;
  default_price_cents: number | null;
  usual_drug: string | null;
  usual_route: string | null;
  usual_mg: number | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface DosesTable {
  clinic_id: string;
  id: string;
  patient_id: string;
  course_id: string;
  given_at: string;
  drug: string;
  route: string;
  mg: number;
  mg_per_kg: number | null;
  setting: string;
  observation_minutes: number | null;
  systolic_before: number | null;
  diastolic_before: number | null;
  heart_rate_before: number | null;
  spo2_before: number | null;
  systolic_after: number | null;
  diastolic_after: number | null;
  heart_rate_after: number | null;
  spo2_after: number | null;
  dissociation: number | null;
  price_cents: number | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface AssessmentsTable {
  clinic_id: string;
  id: string;
  patient_id: string;
  course_id: string | null;
  instrument: string;
  completed_at: string;
  source: string;
  entered_by: string | null;
  answers: string;
  total: number | null;
  subscales: string;
  band: string | null;
  complete: number;
  prorated: number;
  flags: string;
  created_at: string;
}

export interface AdverseEventsTable {
  clinic_id: string;
  id: string;
  patient_id: string;
  dose_id: string | null;
  category: string;
  grade: number;
  onset_at: string;
  action: string | null;
  outcome: string;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface TherapySessionsTable {
  clinic_id: string;
  id: string;
  patient_id: string;
  course_id: string | null;
  held_at: string;
  kind: string;
  modality: string;
  minutes: number;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface MedicationsTable {
  clinic_id: string;
  id: string;
  patient_id: string;
  name: string;
  drug_class: string;
  dose_text: string | null;
  started_on: string;
  stopped_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface AlertsTable {
  clinic_id: string;
  id: string;
  patient_id: string;
  rule: string;
  severity: string;
  status: string;
  episode_key: string;
  raised_at: string;
  evidence: string;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  acknowledge_comment: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  resolve_comment: string | null;
  resolve_follow_up: string | null;
  created_at: string;
  updated_at: string;
}

export interface AuditEntriesTable {
  clinic_id: string;
  seq: number;
  at: string;
  actor_type: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  patient_id: string | null;
  ip: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
  /**
   * SHA-256 of the written record's canonical form (src/audit/record-hash.ts); null on reads and before migration 0006.
   */
  record_hash: string | null;
  /** HMAC-SHA-256 of `hash` under the audit key; null on entries written before migration 0006. */
  mac: string | null;
}

/** Each clinic's chain head, kept outside the chain and written with every append (migration 0006). */
export interface AuditHeadsTable {
  clinic_id: string;
  seq: number;
  hash: string;
  at: string;
  /** HMAC-SHA-256 of the head under the audit key; null for a head carried over by the migration. */
  mac: string | null;
}

export interface SessionsTable {
  clinic_id: string;
  id: string;
  user_id: string;
  token_hash: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface ApiTokensTable {
  clinic_id: string;
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface PatientLinksTable {
  clinic_id: string;
  id: string;
  patient_id: string;
  purpose: string;
  instrument: string | null;
  course_id: string | null;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface IdempotencyKeysTable {
  clinic_id: string;
  key: string;
  principal: string;
  request_hash: string;
  status_code: number;
  response: string;
  created_at: string;
}

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
/** 'cancelled': the message is no longer wanted (the item was answered or expired, the alert taken in hand). */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

/**
 * The columns both mail outboxes share (migrations 0003 and 0004): one e-mail to send, persisted so that
 * a restart neither loses nor duplicates it, leased by one set of queries (src/mail/leased-outbox.repository.ts).
 */
export interface OutboxColumns {
  clinic_id: string;
  id: string;
  to_address: string;
  subject: string;
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

/** A questionnaire invitation or reminder; its link is replaced by "[link removed]" once sent or dropped. */
export interface MailOutboxTable extends OutboxColumns {
  due_assessment_id: string;
  kind: OutboxKind;
}

/** One e-mail telling one clinician that an urgent alert is waiting; the text names no patient and no finding. */
export interface AlertMailOutboxTable extends OutboxColumns {
  alert_id: string;
}

/** The basis the safety rules last evaluated a patient under (migration 0011, src/safety/hooks.ts). */
export interface PatientSafetyStateTable {
  clinic_id: string;
  patient_id: string;
  basis: string;
  evaluated_at: string;
}

/**
 * What the work queue sorts and shows, one row per patient (migrations 0012 and 0014,
 * patient-summary.repository.ts).
 */
export interface PatientSummaryTable {
  clinic_id: string;
  patient_id: string;
  urgent_open: number;
  warning_open: number;
  info_open: number;
  last_dose_at: string | null;
  primary_instrument: string | null;
  latest_total: number | null;
  latest_band: string | null;
  latest_at: string | null;
  previous_total: number | null;
  /** The most recent open alert of the patient's most severe open severity: its rule, severity and time. */
  top_alert_rule: string | null;
  top_alert_severity: string | null;
  top_alert_at: string | null;
  updated_at: string;
}

/** One monitored esketamine session and its REMS Patient Monitoring Form (migration 0015, docs/rems.md). */
export interface RemsSessionsTable {
  clinic_id: string;
  id: string;
  patient_id: string;
  dose_id: string;
  before_systolic: number | null;
  before_diastolic: number | null;
  before_at: string | null;
  forty_minute_systolic: number | null;
  forty_minute_diastolic: number | null;
  forty_minute_at: string | null;
  discharge_systolic: number | null;
  discharge_diastolic: number | null;
  discharge_at: string | null;
  vitals_acceptable_before: number | null;
  vitals_acceptable_at_completion: number | null;
  sedation: number | null;
  sedation_note: string | null;
  dissociation: number | null;
  dissociation_note: string | null;
  respiratory_depression: number | null;
  respiratory_depression_note: string | null;
  pulse_oximetry: string;
  ready_to_leave_at: string | null;
  discharged_at: string | null;
  devices_used: number | null;
  lot_number: string | null;
  serious_adverse_event: number | null;
  serious_adverse_event_description: string | null;
  benzodiazepines: number | null;
  non_benzodiazepine_sedative_hypnotics: number | null;
  psychostimulants: number | null;
  maois: number | null;
  patient_birth_date: string | null;
  provider_name: string | null;
  provider_phone: string | null;
  provider_email: string | null;
  setting_name: string | null;
  setting_address: string | null;
  notes: string | null;
  form_submitted_at: string | null;
  form_submitted_by: string | null;
  form_sha256: string | null;
  form_pdf: string | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  clinics: ClinicsTable;
  users: UsersTable;
  patients: PatientsTable;
  courses: CoursesTable;
  doses: DosesTable;
  assessments: AssessmentsTable;
  adverse_events: AdverseEventsTable;
  therapy_sessions: TherapySessionsTable;
  medications: MedicationsTable;
  alerts: AlertsTable;
  audit_entries: AuditEntriesTable;
  audit_heads: AuditHeadsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  patient_links: PatientLinksTable;
  idempotency_keys: IdempotencyKeysTable;
  clinic_schedule_templates: ClinicScheduleTemplatesTable;
  course_schedules: CourseSchedulesTable;
  due_assessments: DueAssessmentsTable;
  mail_outbox: MailOutboxTable;
  alert_mail_outbox: AlertMailOutboxTable;
  patient_safety_state: PatientSafetyStateTable;
  patient_summary: PatientSummaryTable;
  rems_sessions: RemsSessionsTable;
}
