// Synthetic demo cohorts: deterministic from a seed, shaped by the published time course, labelled.
export {
  generateCohort,
  generatePatients,
  generatePatient,
  SYNTHETIC_LABEL,
  DEFAULT_ASSESSMENTS_PER_PATIENT,
  DEFAULT_DOSES_PER_PATIENT,
} from './generate.js';
export type { GeneratorKnobs } from './generate.js';
export { Random, patientSeed } from './random.js';
export type * from './types.js';
