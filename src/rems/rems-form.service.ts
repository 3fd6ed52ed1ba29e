import { createHash } from 'node:crypto';
import { appendAudit, inAuditedRead } from '../audit/audit.service.js';
import { getClinic } from '../clinics/clinic.service.js';
import { inTransaction } from '../db/transaction.js';
import { patientRepository } from '../patients/patient.repository.js';
import { patientService } from '../patients/patient.service.js';
import type { ServiceContext } from '../records/context.js';
import { invalidMany, notFound, OnsetError } from '../shared/errors.js';
import { actorName } from '../users/user.service.js';
import { formSections, missingForForm, type FormSource } from './form-fields.js';
import { formPdf, type FormMark } from './form-pdf.js';
import { recordSubmittedForm, remsSessionRepository, submittedFormPdf } from './rems-session.repository.js';
import { remsSessionFromRow, requireEsketamineDose } from './rems-session.service.js';
import type { RemsForm } from './rems-view.schema.js';

export type { RemsForm } from './rems-view.schema.js';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function sourceOf(ctx: ServiceContext, id: string): Promise<FormSource & { submittedPdf: string | null }> {
  const row = await remsSessionRepository.findById(ctx.db, ctx.clinicId, id);
  if (row === undefined) throw notFound('rems-session', id);
  const session = remsSessionFromRow(row);
  const dose = await requireEsketamineDose(ctx, session.doseId);
  const patientRow = await patientRepository.findById(ctx.db, ctx.clinicId, session.patientId);
  if (patientRow === undefined) throw notFound('patient', session.patientId);
  const patient = patientService.fromRow(patientRow);
  const { timeZone } = await getClinic(ctx.db, ctx.clinicId);
  const submittedPdf = session.formSubmittedAt === null ? null : await submittedFormPdf(ctx.db, ctx.clinicId, id);
  return { session, dose, patient, timeZone, submittedPdf };
}

async function formOf(source: FormSource & { submittedPdf: string | null }, now: Date): Promise<RemsForm> {
  const { session } = source;
  const fields = formSections(source);
  let pdf = source.submittedPdf;
  if (pdf === null) pdf = Buffer.from(await formPdf(fields, { kind: 'draft' }, now)).toString('base64');
  return {
    sessionId: session.id,
    patientId: session.patientId,
    status: session.formSubmittedAt === null ? 'draft' : 'submitted',
    submittedAt: session.formSubmittedAt,
    submittedBy: session.formSubmittedBy,
    sha256: session.formSha256 ?? sha256(Buffer.from(pdf, 'base64')),
    missing: session.formSubmittedAt === null ? missingForForm(source) : [],
    fields: fields.flatMap((s) => s.fields),
    pdf,
  };
}

/** The form of one session: a DRAFT preview until it is submitted, then the stored PDF. An audited read. */
export async function remsForm(ctx: ServiceContext, id: string): Promise<RemsForm> {
  return inAuditedRead(ctx, async (tx) => {
    const form = await formOf(await sourceOf(tx, id), tx.now());
    await appendAudit(tx, { action: 'read', entity: 'rems-form', entityId: id, patientId: form.patientId });
    return form;
  });
}

/**
 * Submits the form once: refused while a required field is missing (each named) and when it was submitted
 * already; records who and when, stores the PDF and its SHA-256, and audits the submission, in one
 * transaction.
 */
export async function submitRemsForm(ctx: ServiceContext, id: string): Promise<RemsForm> {
  return inTransaction(ctx, async (tx) => {
    const source = await sourceOf(tx, id);
    const { session } = source;
    if (session.formSubmittedAt !== null) {
      throw new OnsetError(
        'CONFLICT',
        `the Patient Monitoring Form of this session was already submitted at ${session.formSubmittedAt} by ${session.formSubmittedBy ?? 'an unknown user'}; a form is submitted once`,
      );
    }
    const missing = missingForForm(source);
    if (missing.length > 0) throw invalidMany(missing);
    const submittedAt = tx.now().toISOString();
    const submittedBy = await actorName(tx);
    const mark: FormMark = { kind: 'submitted', submittedAt, submittedBy };
    const bytes = await formPdf(formSections(source), mark, tx.now());
    const hash = sha256(bytes);
    const stored = await recordSubmittedForm(tx.db, tx.clinicId, id, {
      form_submitted_at: submittedAt,
      form_submitted_by: submittedBy,
      form_sha256: hash,
      form_pdf: Buffer.from(bytes).toString('base64'),
      updated_at: submittedAt,
    });
    if (!stored) throw new OnsetError('CONFLICT', 'the Patient Monitoring Form of this session was already submitted');
    await appendAudit(tx, {
      action: 'submit',
      entity: 'rems-session',
      entityId: id,
      patientId: session.patientId,
      detail: { form: 'patient-monitoring', sha256: hash },
    });
    return formOf({ ...(await sourceOf(tx, id)) }, tx.now());
  });
}
