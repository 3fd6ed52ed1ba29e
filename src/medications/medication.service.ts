import type { MedicationsTable } from '../db/schema.js';
import { tenantRepository } from '../db/tenant-repository.js';
import { rowMapping } from '../db/row-mapping.js';
import { requirePatient } from '../records/guards.js';
import { recordService } from '../records/record-service.js';
import { afterClinicalWrite } from '../records/write-hooks.js';
import { invalid } from '../shared/errors.js';
import { MedicationInput, type Medication } from './medication.schema.js';

export const medicationRepository = tenantRepository('medications', 'started_on');

const columns = rowMapping<MedicationsTable, Medication>({
  patientId: 'patient_id',
  name: 'name',
  drugClass: 'drug_class',
  doseText: 'dose_text',
  startedOn: 'started_on',
  stoppedOn: 'stopped_on',
});

/** Concurrent medications with their start and stop dates. */
export const medicationService = recordService({
  entity: 'medication',
  repository: medicationRepository,
  schema: MedicationInput,
  immutable: ['patientId'],
  columns,
  async rules(ctx, input) {
    await requirePatient(ctx, input.patientId);
    if (input.stoppedOn != null && input.stoppedOn < input.startedOn) throw invalid('stoppedOn', 'is before startedOn');
    return {};
  },
  patientIdOf: (m) => m.patientId,
  // Safety rules run in the write's own transaction: the record and its alerts commit together.
  afterWrite: (ctx, m) => afterClinicalWrite(ctx, m.patientId),
});
