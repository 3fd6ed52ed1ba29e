/**
 * The names Onset's FHIR facade uses: its base path, media type, code systems and extension URLs.
 * Onset's own systems live under https://onset.health/fhir; external systems are named where used.
 */
export const FHIR_BASE_PATH = '/fhir/R4';
/**
 * R4 as the official R4 JSON schema (fhir.schema.json, 4.0.0) spells it; the 4.0.1 technical correction
 * changed no resource structure, so an R4 4.0.1 client reads this server the same way.
 */
export const FHIR_VERSION = '4.0.0';
export const FHIR_MIME = 'application/fhir+json';

const ONSET = 'https://onset.health/fhir';

/** Patient.identifier system whose value is the patient's label (pseudonym or MRN, unique in the clinic). */
export const PATIENT_LABEL_SYSTEM = `${ONSET}/patient-label`;

/** An Onset code system, e.g. `codeSystem('drug')`. The codes are Onset's vocabulary codes (vocabulary.ts). */
export function codeSystem(name: string): string {
  return `${ONSET}/CodeSystem/${name}`;
}

/** An Onset extension, e.g. `extensionUrl('patient-weight')`. */
export function extensionUrl(name: string): string {
  return `${ONSET}/StructureDefinition/${name}`;
}

export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const SNOMED = 'http://snomed.info/sct';
export const OBSERVATION_CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const DATA_ABSENT_REASON = 'http://terminology.hl7.org/CodeSystem/data-absent-reason';
export const AE_SEVERITY = 'http://terminology.hl7.org/CodeSystem/adverse-event-severity';
export const AE_OUTCOME = 'http://terminology.hl7.org/CodeSystem/adverse-event-outcome';
/** v3 ActReason HTEST ("test health data"): marks Onset's synthetic demo patients. */
export const ACT_REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
/** v3 ObservationValue PSEUDED ("pseudonymized"): marks a de-identified export. */
export const OBSERVATION_VALUE = 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue';

/** Onset's extensions, by what they carry. */
export const EXT = {
  weight: extensionUrl('patient-weight'),
  condition: extensionUrl('patient-condition'),
  history: extensionUrl('patient-history'),
  coursePhase: extensionUrl('course-phase'),
  primaryInstrument: extensionUrl('course-primary-instrument'),
  modality: extensionUrl('therapy-modality'),
  defaultPrice: extensionUrl('course-default-price'),
  usualDrug: extensionUrl('course-usual-drug'),
  usualRoute: extensionUrl('course-usual-route'),
  usualMg: extensionUrl('course-usual-dose'),
  note: extensionUrl('note'),
  doseSetting: extensionUrl('dose-setting'),
  doseMonitoring: extensionUrl('dose-monitoring'),
  price: extensionUrl('session-price'),
  assessmentSource: extensionUrl('assessment-source'),
  course: extensionUrl('course'),
  grade: extensionUrl('adverse-event-grade'),
  action: extensionUrl('adverse-event-action'),
} as const;
