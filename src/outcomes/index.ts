// The outcome engine: per-patient and cohort outcomes exactly as docs/outcomes.md defines them.
export { computePatientOutcomes } from './patient/compute.js';
export { computeDisagreement } from './patient/disagreement.js';
export type { Disagreement, InstrumentOutcomes } from './patient/disagreement.js';
export { computeCohortReport, DEFAULT_MAX_DOSE } from './cohort/compute.js';
export type * from './cohort/types.js';
export { OUTCOME_DEFINITIONS } from './definitions.js';
export type { OutcomeMetricKey, OutcomeDefinitionText } from './definitions.js';
export { DEFAULT_OUTCOME_OPTIONS } from './options.js';
export { parsePatientFile } from './input/patient-file.js';
export { parseIsoDateTime, toIso } from './input/iso-time.js';
export { patientOutcomesJson } from './report/patient-json.js';
export type { PatientOutcomesJson } from './report/patient-json.js';
export { patientOutcomesText } from './report/patient-text.js';
export { tQuantile } from '../stats/t-distribution.js';
export { wilsonProportion } from '../stats/wilson.js';
export type { Proportion } from '../stats/wilson.js';
export type * from './types.js';
