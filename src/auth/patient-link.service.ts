import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Kysely, Selectable } from 'kysely';
import { appendAudit, auditPatientRead, inAuditedRead } from '../audit/audit.service.js';
import type { Database, PatientLinksTable } from '../db/schema.js';
import { hasItemText, itemTextMissingReason } from '../instruments/licensed-text.js';
import { getInstrument, isInstrumentId } from '../instruments/registry.js';
import type { ServiceContext } from '../records/context.js';
import { requirePatient } from '../records/guards.js';
import { inTransaction } from '../db/transaction.js';
import { OnsetError, invalid, notFound } from '../shared/errors.js';
import { patientService } from '../patients/patient.service.js';
import { Id, Nullable, StringEnum, Text } from '../shared/schema.js';
import { validate } from '../shared/validate.js';
import { NO_WORKING_LINK, type LinkPurpose, type PatientLinkIdentity } from './identity.js';
import { authRepository } from './auth.repository.js';
import { issueToken, readToken } from './tokens.js';
import { HOUR_MS } from '../shared/time.js';

/** Links expire after 7 days unless the clinician chooses otherwise (1 hour to 30 days). */
export const DEFAULT_LINK_DAYS = 7;

export const PatientLinkInput = Type.Object(
  {
    purpose: StringEnum(['questionnaire', 'progress'] as const),
    instrument: Type.Optional(Nullable(Text({ minLength: 1, maxLength: 40 }))),
    courseId: Type.Optional(Nullable(Id)),
    expiresInHours: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 720, description: 'hours until the link stops working' }),
    ),
  },
  { additionalProperties: false },
);

export interface PatientLink {
  id: string;
  patientId: string;
  purpose: LinkPurpose;
  instrument: string | null;
  courseId: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  revokedAt: string | null;
  /** Whether the link still works at the time of reading, and if not, why. */
  state: Exclude<LinkState, 'unknown'>;
}

function stateOf(row: Selectable<PatientLinksTable>, now: Date): Exclude<LinkState, 'unknown'> {
  if (row.revoked_at !== null) return 'revoked';
  if (row.used_at !== null) return 'used';
  return Date.parse(row.expires_at) <= now.getTime() ? 'expired' : 'valid';
}

function fromRow(row: Selectable<PatientLinksTable>, now: Date): PatientLink {
  return {
    id: row.id,
    patientId: row.patient_id,
    purpose: row.purpose as LinkPurpose,
    instrument: row.instrument,
    courseId: row.course_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    revokedAt: row.revoked_at,
    state: stateOf(row, now),
  };
}

/**
 * Refuses a questionnaire link whose instrument has no item text loaded: the patient would see "Item 1"
 * and bare numbers. The link routes call it; the scheduled e-mail (mail/enqueue.ts) does not yet.
 */
export function requireItemText(body: unknown): void {
  const input = validate(PatientLinkInput, body);
  if (input.purpose !== 'questionnaire' || input.instrument == null || !isInstrumentId(input.instrument)) return;
  const def = getInstrument(input.instrument);
  if (!hasItemText(def)) throw invalid('instrument', itemTextMissingReason(def));
}

/** Issues a link for one patient: one questionnaire (single use) or their own progress page. */
export async function issuePatientLink(
  ctx: ServiceContext,
  patientId: string,
  body: unknown,
): Promise<{ token: string; link: PatientLink }> {
  const input = validate(PatientLinkInput, body);
  if (input.purpose === 'questionnaire' && (input.instrument == null || !isInstrumentId(input.instrument))) {
    throw invalid('instrument', 'name the questionnaire to send, e.g. gad7');
  }
  return inTransaction(ctx, async (tx) => {
    await requirePatient(tx, patientId, { courseId: input.courseId });
    const { token, hash } = issueToken('lnk', tx.clinicId);
    const now = tx.now();
    const row = {
      clinic_id: tx.clinicId,
      id: randomUUID(),
      patient_id: patientId,
      purpose: input.purpose,
      instrument: input.purpose === 'questionnaire' ? (input.instrument ?? null) : null,
      course_id: input.courseId ?? null,
      token_hash: hash,
      created_by: tx.actor.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + (input.expiresInHours ?? DEFAULT_LINK_DAYS * 24) * HOUR_MS).toISOString(),
      used_at: null,
      revoked_at: null,
    };
    await authRepository.insertLink(tx.db, row);
    await appendAudit(tx, {
      action: 'create',
      entity: 'patient-link',
      entityId: row.id,
      patientId,
      detail: { purpose: input.purpose },
    });
    return { token, link: fromRow(row, now) };
  });
}

/** The patient's links, newest first, each with whether it still works; the read is audited against that patient. */
export async function listPatientLinks(ctx: ServiceContext, patientId: string): Promise<PatientLink[]> {
  return inTransaction(ctx, async (tx) => {
    const [patient] = await patientService.loadForPatient(tx, patientId);
    if (patient === undefined) throw notFound('patient', patientId);
    const now = tx.now();
    const links = (await authRepository.listLinks(tx.db, tx.clinicId, patientId)).map((row) => fromRow(row, now));
    await appendAudit(tx, {
      action: 'list',
      entity: 'patient-link',
      entityId: null,
      patientId,
      detail: { count: links.length },
    });
    return links;
  });
}

/** A link that still works, with the label of its patient (the clinic-wide list). */
export interface ActiveLink extends PatientLink {
  patientLabel: string;
}

/** The most links the clinic-wide list returns at once. */
export const ACTIVE_LINKS_LIMIT = 500;

/**
 * The clinic's links that still work (neither used, revoked nor expired), soonest to expire first, at most
 * ACTIVE_LINKS_LIMIT; `more` says whether there were others. Read on a snapshot and audited as a list naming
 * each patient whose links it returns.
 */
export async function listActiveLinks(ctx: ServiceContext): Promise<{ items: ActiveLink[]; more: boolean }> {
  return inAuditedRead(ctx, async (tx) => {
    const now = tx.now();
    const rows = await authRepository.listActiveLinks(tx.db, tx.clinicId, now.toISOString(), ACTIVE_LINKS_LIMIT + 1);
    const items = rows
      .slice(0, ACTIVE_LINKS_LIMIT)
      .map((row) => ({ ...fromRow(row, now), patientLabel: row.patient_label }));
    await auditPatientRead(tx, {
      action: 'list',
      entity: 'patient-link',
      patientIds: items.map((link) => link.patientId),
    });
    return { items, more: rows.length > ACTIVE_LINKS_LIMIT };
  });
}

/**
 * Stops a link that has not been used: from then on it answers exactly as an expired one does. The
 * revocation and its audit entry (who, when, which link) commit together.
 */
export async function revokePatientLink(ctx: ServiceContext, linkId: string, patientId?: string): Promise<PatientLink> {
  return inTransaction(ctx, async (tx) => {
    const row = await authRepository.findLinkById(tx.db, tx.clinicId, linkId);
    if (row === undefined || (patientId !== undefined && row.patient_id !== patientId))
      throw notFound('patient link', linkId);
    if (row.revoked_at !== null) throw new OnsetError('CONFLICT', `this link was already revoked at ${row.revoked_at}`);
    if (row.used_at !== null)
      throw new OnsetError('CONFLICT', 'this questionnaire link was already used, so it no longer opens anything');
    const at = tx.now();
    // The update only takes an unused, unrevoked link: a submission consuming it at the same moment wins or loses
    // whole.
    if (!(await authRepository.revokeLink(tx.db, tx.clinicId, linkId, at.toISOString()))) {
      throw new OnsetError('CONFLICT', 'this link was used or revoked a moment ago; reload the list');
    }
    await appendAudit(tx, {
      action: 'update',
      entity: 'patient-link',
      entityId: linkId,
      patientId: row.patient_id,
      detail: { revoked: true, purpose: row.purpose },
    });
    return fromRow({ ...row, revoked_at: at.toISOString() }, at);
  });
}

/** Why a link no longer works, in words for the patient. */
export type LinkState = 'valid' | 'expired' | 'used' | 'revoked' | 'unknown';

/** Who presented a used questionnaire link: enough to find its stored answers, and it grants nothing. */
export interface LinkHolder {
  clinicId: string;
  linkId: string;
}

/** The identity a patient link stands for, with its state; only a valid link grants anything. */
export async function resolvePatientLink(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<{ state: LinkState; identity: PatientLinkIdentity | null; holder: LinkHolder | null }> {
  const parsed = readToken('lnk', token);
  if (parsed === null) return { state: 'unknown', identity: null, holder: null };
  const row = await authRepository.findLink(db, parsed.clinicId, parsed.hash);
  if (row === undefined) return { state: 'unknown', identity: null, holder: null };
  const state = stateOf(row, now);
  // A used link still names its holder, so a lost answer can be replayed to it (http/idempotency.ts).
  const holder = state === 'used' ? { clinicId: row.clinic_id, linkId: row.id } : null;
  if (state !== 'valid') return { state, identity: null, holder };
  return {
    state,
    holder: null,
    identity: {
      kind: 'patient-link',
      clinicId: row.clinic_id,
      linkId: row.id,
      patientId: row.patient_id,
      purpose: row.purpose as LinkPurpose,
      instrument: row.instrument,
      courseId: row.course_id,
      expiresAt: row.expires_at,
    },
  };
}

/**
 * Consumes a single-use questionnaire link inside the submission's transaction. The consumption is its
 * own audited write, so the link's used state is sealed in the trail and re-opening it is detected.
 */
export async function consumeLink(ctx: ServiceContext, identity: PatientLinkIdentity): Promise<void> {
  if (!(await authRepository.useLink(ctx.db, identity.clinicId, identity.linkId, ctx.now().toISOString()))) {
    const row = await authRepository.findLinkById(ctx.db, identity.clinicId, identity.linkId);
    // Revoked while the patient was answering: refused as an expired link is.
    if (row?.revoked_at != null) throw new OnsetError('UNAUTHENTICATED', NO_WORKING_LINK);
    throw new OnsetError('CONFLICT', 'this questionnaire link has already been used');
  }
  await appendAudit(ctx, {
    action: 'update',
    entity: 'patient-link',
    entityId: identity.linkId,
    patientId: identity.patientId,
    detail: { fields: ['usedAt'] },
  });
}
