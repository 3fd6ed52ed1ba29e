import type { AdverseEventsTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';
import { notInFuture, requirePatient } from '../records/guards.js';
import { defaultedColumn, rowMapping, utcColumn } from '../db/row-mapping.js';
import { recordService } from '../records/record-service.js';
import { afterClinicalWrite } from '../records/write-hooks.js';
import { invalid } from '../shared/errors.js';
import { AdverseEventInput, type AdverseEvent } from './adverse-event.schema.js';

export const adverseEventRepository = tenantRepository('adverse_events', 'onset_at');

const columns = rowMapping<AdverseEventsTable, AdverseEvent>({
  patientId: 'patient_id',
  doseId: 'dose_id',
  category: 'category',
  grade: 'grade',
  onsetAt: utcColumn('onset_at'),
  action: 'action',
  outcome: defaultedColumn('outcome', 'ongoing'),
  notes: 'notes',
});

/** Adverse events, optionally tied to the dose that preceded them. */
export const adverseEventService = recordService({
  entity: 'adverse-event',
  repository: adverseEventRepository,
  schema: AdverseEventInput,
  immutable: ['patientId'],
  columns,
  async rules(ctx, input) {
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
    return {};
  },
  patientIdOf: (e) => e.patientId,
  // Safety rules run in the write's own transaction: the record and its alerts commit together.
  afterWrite: (ctx, e) => afterClinicalWrite(ctx, e.patientId),
});
