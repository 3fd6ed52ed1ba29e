import type { Selectable } from 'kysely';
import type { PatientsTable } from '../db/schema.js';
import { parseJson, toFlag } from '../db/columns.js';
import { recordService } from '../records/record-service.js';
import { invalid } from '../shared/errors.js';
import { labelKey, labelProblem } from './label-key.js';
import { patientRepository } from './patient.repository.js';
import { PatientInput, type Patient } from './patient.schema.js';

function fromRow(row: Selectable<PatientsTable>): Patient {
  return {
    id: row.id,
    clinicId: row.clinic_id,
    label: row.label,
    name: row.name,
    email: row.email,
    phone: row.phone,
    birthYear: row.birth_year,
    sex: row.sex as Patient['sex'],
    weightKg: row.weight_kg,
    conditions: parseJson(row.conditions),
    history: parseJson(row.history),
    synthetic: row.synthetic === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The label's uniqueness key; a label with invisible characters, or only white space, is refused. */
function checkedLabelKey(label: string): string {
  const problem = labelProblem(label);
  if (problem !== null) throw invalid('label', problem);
  const key = labelKey(label);
  if (key === '') throw invalid('label', 'must not be blank');
  return key;
}

/** Patients: enrolment details, conditions and relevant history. */
export const patientService = recordService({
  entity: 'patient',
  repository: patientRepository,
  schema: PatientInput,
  immutable: ['synthetic'],
  fromRow,
  toInput: (p) => ({
    label: p.label,
    name: p.name,
    email: p.email,
    phone: p.phone,
    birthYear: p.birthYear,
    sex: p.sex,
    weightKg: p.weightKg,
    conditions: p.conditions,
    history: p.history,
    synthetic: p.synthetic,
  }),
  async toRow(ctx, input, meta) {
    if (input.birthYear != null && input.birthYear > ctx.now().getUTCFullYear()) {
      throw invalid('birthYear', 'is in the future');
    }
    const key = checkedLabelKey(input.label);
    const sameLabel = await patientRepository.findByLabel(ctx.db, ctx.clinicId, input.label);
    if (sameLabel !== undefined && sameLabel.id !== meta.id) {
      const alike = sameLabel.label === input.label ? '' : `, which reads the same as "${input.label}"`;
      throw invalid('label', `another patient in this clinic already has the label "${sameLabel.label}"${alike}`);
    }
    return {
      clinic_id: meta.clinicId,
      id: meta.id,
      label: input.label,
      label_key: key,
      name: input.name ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      birth_year: input.birthYear ?? null,
      sex: input.sex ?? null,
      weight_kg: input.weightKg ?? null,
      conditions: JSON.stringify(input.conditions ?? []),
      history: JSON.stringify(input.history ?? []),
      synthetic: toFlag(input.synthetic === true),
      created_at: meta.createdAt,
      updated_at: meta.updatedAt,
    };
  },
  patientIdOf: (p) => p.id,
});
