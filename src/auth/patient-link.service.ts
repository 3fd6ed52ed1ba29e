import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { Kysely, Selectable } from 'kysely';
import { appendAudit } from '../audit/audit.service.js';
import type { Database, PatientLinksTable } from '../db/schema.js';
import { isInstrumentId } from '../instruments/registry.js';
import type { ServiceContext } from '../records/context.js';
import { requireCourse, requirePatient } from '../records/guards.js';
import { inTransaction } from '../records/record-service.js';
import { OnsetError, invalid, notFound } from '../shared/errors.js';
import { patientService } from '../patients/patient.service.js';
import { Id, Nullable, StringEnum, Text } from '../shared/schema.js';
import { validate } from '../shared/validate.js';
import type { LinkPurpose, PatientLinkIdentity } from './identity.js';
import { authRepository } from './auth.repository.js';
import { issueToken, readToken } from './tokens.js';

/** Links expire after 7 days unless the clinician chooses otherwise (1 hour to 30 days). */
export const DEFAULT_LINK_DAYS = 7;

export const PatientLinkInput = Type.Object(
  {
    purpose: StringEnum(['questionnaire', 'progress'] as const),
    instrument: Type.Optional(Nullable(Text({ minLength: 1, maxLength: 40 }))),
    courseId: Type.Optional(Nullable(Id)),
    expiresInHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720, description: 'hours until the link stops working' })),
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
}

function fromRow(row: Selectable<PatientLinksTable>): PatientLink {
  return {
    id: row.id,
    patientId: row.patient_id,
    purpose: row.purpose as LinkPurpose,
    instrument: row.instrument,
    courseId: row.course_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

/** Issues a link for one patient: one questionnaire (single use) or their own progress page. */
export async function issuePatientLink(ctx: ServiceContext, patientId: string, body: unknown): Promise<{ token: string; link: PatientLink }> {
  const input = validate(PatientLinkInput, body);
  if (input.purpose === 'questionnaire' && (input.instrument == null || !isInstrumentId(input.instrument))) {
    throw invalid('instrument', 'name the questionnaire to send, e.g. gad7');
  }
  return inTransaction(ctx, async (tx) => {
    await requirePatient(tx, patientId);
    if (input.courseId != null) await requireCourse(tx, input.courseId, patientId);
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
      expires_at: new Date(now.getTime() + (input.expiresInHours ?? DEFAULT_LINK_DAYS * 24) * 3_600_000).toISOString(),
      used_at: null,
      revoked_at: null,
    };
    await authRepository.insertLink(tx.db, row);
    await appendAudit(tx, { action: 'create', entity: 'patient-link', entityId: row.id, patientId, detail: { purpose: input.purpose } });
    return { token, link: fromRow(row) };
  });
}

export async function listPatientLinks(ctx: ServiceContext, patientId: string): Promise<PatientLink[]> {
  const [patient] = await patientService.loadForPatient(ctx, patientId);
  if (patient === undefined) throw notFound('patient', patientId);
  return (await authRepository.listLinks(ctx.db, ctx.clinicId, patientId)).map(fromRow);
}

/** Why a link no longer works, in words for the patient. */
export type LinkState = 'valid' | 'expired' | 'used' | 'revoked' | 'unknown';

/** The identity a patient link stands for, with its state; only a valid link grants anything. */
export async function resolvePatientLink(
  db: Kysely<Database>,
  token: string,
  now = new Date(),
): Promise<{ state: LinkState; identity: PatientLinkIdentity | null }> {
  const parsed = readToken('lnk', token);
  if (parsed === null) return { state: 'unknown', identity: null };
  const row = await authRepository.findLink(db, parsed.clinicId, parsed.hash);
  if (row === undefined) return { state: 'unknown', identity: null };
  const state: LinkState =
    row.revoked_at !== null ? 'revoked' : row.used_at !== null ? 'used' : Date.parse(row.expires_at) <= now.getTime() ? 'expired' : 'valid';
  if (state !== 'valid') return { state, identity: null };
  return {
    state,
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

/** Consumes a single-use questionnaire link inside the submission's transaction. */
export async function consumeLink(ctx: ServiceContext, identity: PatientLinkIdentity): Promise<void> {
  if (!(await authRepository.useLink(ctx.db, identity.clinicId, identity.linkId, ctx.now().toISOString()))) {
    throw new OnsetError('CONFLICT', 'this questionnaire link has already been used');
  }
}
