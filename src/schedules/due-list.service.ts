import { auditPatientRead, inAuditedRead } from '../audit/audit.service.js';
import { getClinic } from '../clinics/clinic.service.js';
import type { ServiceContext } from '../records/context.js';
import { requirePatient } from '../records/guards.js';
import { invalid } from '../shared/errors.js';
import { FORMATS, Page, YEAR_MAX, YEAR_MIN } from '../shared/schema.js';
import { validate } from '../shared/validate.js';
import { dueItemOf } from './completions.js';
import { dueRepository, type DueFilter, type DueRow } from './due.repository.js';
import type { DueAnchor } from './expand.js';
import { addDays, localTimeToInstant, parseInstant } from '../shared/time-zone.js';
import { adherence, dueStatuses, type Adherence, type DueStatus } from './status.js';

export const DUE_STATUSES = [
  'upcoming',
  'due',
  'overdue',
  'missed',
  'completed',
] as const satisfies readonly DueStatus[];

export interface DueView {
  id: string;
  patientId: string;
  courseId: string;
  instrument: string;
  dueAt: string;
  expiresAt: string | null;
  reminderAt: string | null;
  status: DueStatus;
  completedAt: string | null;
  assessmentId: string | null;
  key: string;
  anchor: DueAnchor;
  /** True once the link for this item has been e-mailed (queued) to the patient. */
  emailed: boolean;
  /** The body to POST to /api/v1/patients/{patientId}/links for a fresh link to copy or show as a QR code. */
  linkRequest: { purpose: 'questionnaire'; instrument: string; courseId: string };
}

export interface DueQuery {
  statuses?: readonly DueStatus[];
  patientId?: string;
  /** Due from: a UTC date-time, or a date (YYYY-MM-DD) meaning the start of that clinic-local day. */
  from?: string;
  /** Due until: a UTC date-time, or a date meaning the end of that clinic-local day. */
  to?: string;
  limit?: number;
  offset?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function boundary(value: string, field: 'from' | 'to', timeZone: string): string {
  if (!DATE.test(value)) return new Date(parseInstant(value, field)).toISOString();
  if (!FORMATS.date(value))
    throw invalid(field, `${value} is not a calendar date in the years ${YEAR_MIN}–${YEAR_MAX}`);
  const start = localTimeToInstant(field === 'from' ? value : addDays(value, 1), '00:00', timeZone);
  return new Date(field === 'from' ? start : start - 1).toISOString();
}

/** Each row with its status at `now` (completed rows are completed; open ones by time and the clinic's day). */
function withStatuses(rows: readonly DueRow[], now: string, timeZone: string): { row: DueRow; status: DueStatus }[] {
  const open = rows.filter((r) => r.completed_at === null);
  const openStatus = new Map(
    dueStatuses(open.map(dueItemOf), [], now, timeZone).map((s, i) => [open[i]?.id, s.status]),
  );
  return rows.map((row) => ({
    row,
    status: row.completed_at === null ? (openStatus.get(row.id) ?? 'upcoming') : 'completed',
  }));
}

function viewOf({ row, status }: { row: DueRow; status: DueStatus }): DueView {
  return {
    id: row.id,
    patientId: row.patient_id,
    courseId: row.course_id,
    instrument: row.instrument,
    dueAt: row.due_at,
    expiresAt: row.expires_at,
    reminderAt: row.reminder_at,
    status,
    completedAt: row.completed_at,
    assessmentId: row.assessment_id,
    key: row.key,
    anchor: JSON.parse(row.anchor) as DueAnchor,
    emailed: row.link_id !== null,
    linkRequest: { purpose: 'questionnaire', instrument: row.instrument, courseId: row.course_id },
  };
}

function sqlFilter(query: DueQuery, timeZone: string): DueFilter {
  const statuses = query.statuses ?? [];
  const filter: DueFilter = {};
  if (query.patientId !== undefined) filter.patientId = query.patientId;
  if (query.from !== undefined) filter.from = boundary(query.from, 'from', timeZone);
  if (query.to !== undefined) filter.to = boundary(query.to, 'to', timeZone);
  if (statuses.length > 0 && statuses.every((s) => s === 'completed')) filter.completed = true;
  if (statuses.length > 0 && !statuses.includes('completed')) filter.completed = false;
  return filter;
}

/** The clinic's due assessments (or one patient's), each with its status now, by due time. */
export async function listDue(ctx: ServiceContext, query: DueQuery = {}): Promise<DueView[]> {
  const { limit, offset } = validate(Page, { limit: query.limit ?? 500, offset: query.offset ?? 0 });
  return inAuditedRead(ctx, async (tx) => {
    const clinic = await getClinic(tx.db, tx.clinicId);
    if (query.patientId !== undefined) await requirePatient(tx, query.patientId, { field: 'patient', lock: false });
    const rows = await dueRepository.search(tx.db, tx.clinicId, sqlFilter(query, clinic.timeZone));
    const wanted = new Set(query.statuses ?? DUE_STATUSES);
    const items = withStatuses(rows, tx.now().toISOString(), clinic.timeZone)
      .filter((s) => wanted.has(s.status))
      .slice(offset, offset + limit)
      .map(viewOf);
    await auditPatientRead(tx, {
      action: 'list',
      entity: 'due-assessment',
      patientIds: items.map((item) => item.patientId),
      requestedPatientId: query.patientId ?? null,
    });
    return items;
  });
}

export const ADHERENCE_DEFINITION =
  'Adherence = completed ÷ (completed + missed) due assessments. An item is missed when it expired (default 4 days after it fell due, a clinic setting) without a complete answer; items upcoming, due today or overdue are not yet decided and are left out.';

export interface AdherenceReport {
  asOf: string;
  definition: string;
  clinic: Adherence & { patients: number };
  patients: (Adherence & { patientId: string })[];
}

/** Adherence for the clinic and per patient (one patient's only, with `patientId`). */
export async function adherenceReport(ctx: ServiceContext, patientId?: string): Promise<AdherenceReport> {
  return inAuditedRead(ctx, async (tx) => {
    const clinic = await getClinic(tx.db, tx.clinicId);
    if (patientId !== undefined) await requirePatient(tx, patientId, { field: 'patient', lock: false });
    const now = tx.now().toISOString();
    const statuses = withStatuses(await dueRepository.search(tx.db, tx.clinicId, {}), now, clinic.timeZone);
    const byPatient = new Map<string, { status: DueStatus }[]>();
    for (const s of statuses) byPatient.set(s.row.patient_id, [...(byPatient.get(s.row.patient_id) ?? []), s]);
    const patients = [...byPatient.entries()]
      .filter(([id]) => patientId === undefined || id === patientId)
      .map(([id, list]) => ({ patientId: id, ...adherence(list) }))
      .sort((a, b) => (a.patientId < b.patientId ? -1 : 1));
    await auditPatientRead(tx, {
      action: 'read',
      entity: 'adherence',
      patientIds: patients.map((p) => p.patientId),
      requestedPatientId: patientId ?? null,
    });
    return {
      asOf: now,
      definition: ADHERENCE_DEFINITION,
      clinic: { ...adherence(statuses), patients: byPatient.size },
      patients,
    };
  });
}

/** A scheduled after-dose follow-up as the missed-follow-up safety rule reads it. */
export interface FollowUp {
  doseId: string;
  instrument: string;
  dueAt: string;
  expiresAt: string | null;
  status: DueStatus;
}

/** A patient's scheduled after-dose follow-ups with their status now: what the missed-follow-up safety rule reads. */
export async function followUpsForSafety(
  ctx: ServiceContext,
  patientId: string,
  timeZone: string,
): Promise<FollowUp[]> {
  const rows = await dueRepository.listForPatient(ctx.db, ctx.clinicId, patientId);
  return followUpsOf(rows, ctx.now(), timeZone);
}

/** The after-dose follow-ups among a patient's due items (in due order), with their status at `now`. */
export function followUpsOf(rows: readonly DueRow[], now: Date, timeZone: string): FollowUp[] {
  return withStatuses(rows, now.toISOString(), timeZone).flatMap(({ row, status }) => {
    const anchor = JSON.parse(row.anchor) as DueAnchor;
    return anchor.kind === 'after-dose'
      ? [{ doseId: anchor.doseId, instrument: row.instrument, dueAt: row.due_at, expiresAt: row.expires_at, status }]
      : [];
  });
}
