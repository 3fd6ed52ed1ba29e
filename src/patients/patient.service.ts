import type { PatientsTable } from '../db/schema.js';
import { flagColumn, jsonColumn, rowMapping } from '../db/row-mapping.js';
import { recordService } from '../records/record-service.js';
import { invalid } from '../shared/errors.js';
import { labelKey, labelProblem } from './label-key.js';
import { patientRepository } from './patient.repository.js';
import { PatientInput, type Patient } from './patient.schema.js';

const columns = rowMapping<PatientsTable, Patient>({
  label: 'label',
  name: 'name',
  email: 'email',
  phone: 'phone',
  birthYear: 'birth_year',
  sex: 'sex',
  weightKg: 'weight_kg',
  conditions: jsonColumn('conditions', []),
  history: jsonColumn('history', []),
  synthetic: flagColumn('synthetic'),
});

/** The label's uniqueness key; a label with invisible characters, or only white space, is refused. */
function checkedLabelKey(label: string): string {
  const problem = labelProblem(label);
  if (problem !== null) throw invalid('label', problem);
  const key = labelKey(label);
  if (key === '') throw invalid('label', 'must not be blank');
  return key;
}

/** Patients: enrolment details, conditions and relevant history. */
export const patientService = recordService<'patients', typeof PatientInput, Patient>({
  entity: 'patient',
  repository: patientRepository,
  schema: PatientInput,
  immutable: ['synthetic'],
  columns,
  async rules(ctx, input, meta) {
    if (input.birthYear != null && input.birthYear > ctx.now().getUTCFullYear()) {
      throw invalid('birthYear', 'is in the future');
    }
    const key = checkedLabelKey(input.label);
    const sameLabel = await patientRepository.findByLabel(ctx.db, ctx.clinicId, input.label);
    if (sameLabel !== undefined && sameLabel.id !== meta.id) {
      const alike = sameLabel.label === input.label ? '' : `, which reads the same as "${input.label}"`;
      throw invalid('label', `another patient in this clinic already has the label "${sameLabel.label}"${alike}`);
    }
    return { label_key: key };
  },
  patientIdOf: (p) => p.id,
});
