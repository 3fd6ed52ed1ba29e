/** The resource types Onset writes from FHIR, each with the mapping that reads it. */
import { adverseEventFromFhir } from './adverse-event.js';
import { courseFromFhir } from './course.js';
import { doseFromFhir } from './dose.js';
import type { Incoming, RecordKind } from './incoming.js';
import { medicationFromFhir } from './medication.js';
import { patientFromFhir } from './patient.js';
import { questionnaireResponseFromFhir } from './questionnaire-response.js';
import type { FhirReader, Json } from './read.js';
import { therapySessionFromFhir } from './therapy-session.js';

export type WritableType =
  | 'Patient'
  | 'EpisodeOfCare'
  | 'MedicationAdministration'
  | 'QuestionnaireResponse'
  | 'AdverseEvent'
  | 'Procedure'
  | 'MedicationStatement';

/**
 * In the order a Bundle is applied: every type after the types it refers to, and the doses after the
 * questionnaires and medications. The safety rules run on every write; a historical dose written before
 * its follow-up questionnaire would raise a "missed follow-up" alert that the full history never would.
 */
export const WRITABLE_TYPES: readonly WritableType[] = [
  'Patient',
  'EpisodeOfCare',
  'MedicationStatement',
  'QuestionnaireResponse',
  'MedicationAdministration',
  'AdverseEvent',
  'Procedure',
];

export const KIND_OF_TYPE: Readonly<Record<WritableType, RecordKind>> = {
  Patient: 'patient',
  EpisodeOfCare: 'course',
  MedicationAdministration: 'dose',
  QuestionnaireResponse: 'assessment',
  AdverseEvent: 'adverse-event',
  Procedure: 'therapy-session',
  MedicationStatement: 'medication',
};

const READERS: Readonly<Record<WritableType, (r: FhirReader, resource: Json) => Incoming>> = {
  Patient: patientFromFhir,
  EpisodeOfCare: courseFromFhir,
  MedicationAdministration: doseFromFhir,
  QuestionnaireResponse: questionnaireResponseFromFhir,
  AdverseEvent: adverseEventFromFhir,
  Procedure: therapySessionFromFhir,
  MedicationStatement: medicationFromFhir,
};

/** True when `type` is a resource type Onset creates records from. */
export function isWritableType(type: unknown): type is WritableType {
  return typeof type === 'string' && (WRITABLE_TYPES as readonly string[]).includes(type);
}

/** Reads an incoming resource of a writable type; problems collect on the reader. */
export function readIncoming(r: FhirReader, type: WritableType, resource: Json): Incoming {
  return READERS[type](r, resource);
}

export { patientToFhir } from './patient.js';
export { courseToFhir } from './course.js';
export { doseToFhir } from './dose.js';
export { assessmentToQuestionnaireResponse } from './questionnaire-response.js';
export { assessmentToObservation } from './observation.js';
export { adverseEventToFhir } from './adverse-event.js';
export { therapySessionToFhir } from './therapy-session.js';
export { medicationToFhir } from './medication.js';
export { questionnaireOf, instrumentByReference } from './questionnaire.js';
