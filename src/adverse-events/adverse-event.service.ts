import type { Selectable } from 'kysely';
import type { AdverseEventsTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';
import { notInFuture, requirePatient } from '../records/guards.js';
import { utc } from '../db/columns.js';
import { recordService } from '../records/record-service.js';
import { afterClinicalWrite } from '../records/write-hooks.js';
import { invalid } from '../shared/errors.js';
import { AdverseEventInput, type AdverseEvent } from './adverse-event.schema.js';

export const adverseEventRepository = tenantRepository('adverse_events', 'onset_at');

function fromRow(row: Selectable<AdverseEventsTable>): AdverseEvent {
  return {
    id: row.id,
    clinicId: row.clinic_id,
    patientId: row.patient_id,
    doseId: row.dose_id,
    category: row.category as AdverseEvent['category'],
    grade: row.grade,
    onsetAt: row.onset_at,
    action: row.action as AdverseEvent['action'],
    outcome: row.outcome as AdverseEvent['outcome'],
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Adverse events, optionally tied to the dose that preceded them. */
export const adverseEventService = recordService({
  entity: 'adverse-event',
  repository: adverseEventRepository,
  schema: AdverseEventInput,
  immutable: ['patientId'],
  fromRow,
  toInput: ({ id: _id, clinicId: _c, createdAt: _cr, updatedAt: _u, ...input }) => input,
  async toRow(ctx, input, meta) {
    await requirePatient(ctx, input.patientId);
    notInFuture(ctx, input.onsetAt, 'onsetAt');
    if (input.doseId != null) {
      const dose = await ctx.db
        .selectFrom('doses')
        .select('patient_id')
        .where('clinic_id', '=', ctx.clinicId)
        .where('id', '=', input.doseId)
        .executeTakeFirst();
      if (dose === undefined) throw invalid('doseId', `no dose ${input.doseId} in this clinic`);
      if (dose.patient_id !== input.patientId) throw invalid('doseId', 'belongs to a different patient');
    }
    return {
      clinic_id: meta.clinicId,
      id: meta.id,
      patient_id: input.patientId,
      dose_id: input.doseId ?? null,
      category: input.category,
      grade: input.grade,
      onset_at: utc(input.onsetAt),
      action: input.action ?? null,
      outcome: input.outcome ?? 'ongoing',
      notes: input.notes ?? null,
      created_at: meta.createdAt,
      updated_at: meta.updatedAt,
    };
  },
  patientIdOf: (e) => e.patientId,
  // Safety rules run in the write's own transaction: the record and its alerts commit together.
  afterWrite: (ctx, e) => afterClinicalWrite(ctx, e.patientId),
});
