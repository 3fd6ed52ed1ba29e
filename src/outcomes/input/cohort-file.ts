import { invalid, invalidMany, type FieldProblem } from '../../shared/errors.js';
import type { OutcomeDefinition, OutcomeOptions } from '../types.js';
import type { CohortPatientInput } from '../cohort/types.js';
import { isObject, outcomeDefinition, readOptions, readPatientFields } from './patient-file.js';

const COHORT_FILE_KEYS = ['patients', 'options'];

export interface CohortFile {
  definition: OutcomeDefinition;
  patients: CohortPatientInput[];
  /** The file's top-level `options` (baseline window, coverage cap), for every patient. */
  options: Partial<OutcomeOptions>;
}

/**
 * Reads the `onset cohort` input file (already parsed JSON): `{"patients": [...], "options"?: {...}}`,
 * each patient in the `onset outcomes` format (docs/outcomes.md) plus optional `id` (default
 * "patient-1", "patient-2", … by position), `conditions` (a list of names) and per-dose `route` and
 * `setting` (default "unknown"). Every patient must use the same instrument. Throws one OnsetError
 * naming every bad field by its JSON path (`patients[3].doses[0].at`) in the words `onset outcomes`
 * uses.
 */
export function parseCohortFile(value: unknown): CohortFile {
  if (!isObject(value)) throw invalid('(file)', 'must be a JSON object with patients (a list of patients)');
  const problems: FieldProblem[] = Object.keys(value)
    .filter((key) => !COHORT_FILE_KEYS.includes(key))
    .map((key) => ({ field: key, reason: `is not a known field (allowed: ${COHORT_FILE_KEYS.join(', ')})` }));
  const list = value.patients;
  if (!Array.isArray(list) || list.length === 0) {
    const reason =
      list === undefined ? 'is required (a list of at least one patient)' : 'must be a list of at least one patient';
    problems.push({ field: 'patients', reason });
  }
  const options = readOptions(value.options, problems);
  const entries = Array.isArray(list) ? (list as unknown[]) : [];
  const read = entries.map((entry, i) => {
    const path = `patients[${i}]`;
    if (!isObject(entry)) {
      problems.push({ field: path, reason: 'must be a JSON object with instrument, doses and assessments' });
      return null;
    }
    return readPatientFields(entry, path, problems, true);
  });
  const first = read[0]?.instrument ?? null;
  read.forEach((patient, i) => {
    const instrument = patient?.instrument ?? null;
    if (first !== null && instrument !== null && instrument.id !== first.id) {
      problems.push({
        field: `patients[${i}].instrument`,
        reason: `is ${JSON.stringify(instrument.id)} but patients[0].instrument is ${JSON.stringify(first.id)}: every patient must use the same instrument`,
      });
    }
  });
  const patients: CohortPatientInput[] = read.map((patient, i) => ({
    patientId: patient?.id ?? `patient-${i + 1}`,
    conditions: patient?.conditions ?? [],
    doses: patient?.doses ?? [],
    assessments: patient?.assessments ?? [],
    defaultPriceUsd: patient?.defaultPriceUsd ?? null,
    adverseEvents: [],
  }));
  problems.push(...duplicateIds(patients));
  if (problems.length > 0 || first === null) throw invalidMany(problems);
  return { definition: outcomeDefinition(first), patients, options };
}

function duplicateIds(patients: readonly CohortPatientInput[]): FieldProblem[] {
  const seen = new Map<string, number>();
  const problems: FieldProblem[] = [];
  patients.forEach((patient, i) => {
    const earlier = seen.get(patient.patientId);
    if (earlier === undefined) seen.set(patient.patientId, i);
    else
      problems.push({
        field: `patients[${i}].id`,
        reason: `${JSON.stringify(patient.patientId)} is also the id of patients[${earlier}]`,
      });
  });
  return problems;
}
