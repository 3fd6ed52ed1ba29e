import type { Selectable } from 'kysely';
import type { MedicationsTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';
import { requirePatient } from '../records/guards.js';
import { recordService } from '../records/record-service.js';
import { afterClinicalWrite } from '../records/write-hooks.js';
import { invalid } from '../shared/errors.js';
import { MedicationInput, type Medication } from './medication.schema.js';

export const medicationRepository = tenantRepository('medications', 'started_on');

function fromRow(row: Selectable<MedicationsTable>): Medication {
  return {
    id: row.id,
    clinicId: row.clinic_id,
    patientId: row.patient_id,
    name: row.name,
    drugClass: row.drug_class as Medication['drugClass'],
    doseText: row.dose_text,
    startedOn: row.started_on,
    stoppedOn: row.stopped_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Concurrent medications with their start and stop dates. */
export const medicationService = recordService({
  entity: 'medication',
  repository: medicationRepository,
  schema: MedicationInput,
  immutable: ['patientId'],
  fromRow,
  toInput: ({ id: _id, clinicId: _c, createdAt: _cr, updatedAt: _u, ...input }) => input,
  async toRow(ctx, input, meta) {
    await requirePatient(ctx, input.patientId);
    if (input.stoppedOn != null && input.stoppedOn < input.startedOn) throw invalid('stoppedOn', 'is before startedOn');
    return {
      clinic_id: meta.clinicId,
      id: meta.id,
      patient_id: input.patientId,
      name: input.name,
      drug_class: input.drugClass,
      dose_text: input.doseText ?? null,
      started_on: input.startedOn,
      stopped_on: input.stoppedOn ?? null,
      created_at: meta.createdAt,
      updated_at: meta.updatedAt,
    };
  },
  patientIdOf: (m) => m.patientId,
  // Safety rules run in the write's own transaction: the record and its alerts commit together.
  afterWrite: (ctx, m) => afterClinicalWrite(ctx, m.patientId),
});
