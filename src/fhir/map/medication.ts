/** Onset concurrent medication ↔ FHIR MedicationStatement: name as text, drug class as the coding. */
import type { MedicationStatement } from '@medplum/fhirtypes';
import type { Medication } from '../../medications/medication.schema.js';
import { DRUG_CLASSES } from '../../shared/vocabulary.js';
import { codeSystem } from '../constants.js';
import { concept, onsetCoding } from './codes.js';
import { RESOURCE_ELEMENTS, metaOf, present } from './common.js';
import type { Incoming } from './incoming.js';
import type { FhirReader, Json } from './read.js';
import { readReference, type Linker } from './reference.js';

/** The FHIR MedicationStatement for a concurrent medication (completed once it has a stop date). */
export function medicationToFhir(m: Medication, link: Linker): MedicationStatement {
  return {
    resourceType: 'MedicationStatement',
    id: m.id,
    meta: metaOf(m.updatedAt),
    status: m.stoppedOn === null ? 'active' : 'completed',
    medicationCodeableConcept: concept([onsetCoding('drug-class', m.drugClass)], m.name),
    subject: { reference: link('Patient', m.patientId) },
    effectivePeriod: { start: m.startedOn, ...(m.stoppedOn === null ? {} : { end: m.stoppedOn }) },
    ...(m.doseText === null ? {} : { dosage: [{ text: m.doseText }] }),
  };
}

const ELEMENTS = [...RESOURCE_ELEMENTS, 'status', 'medicationCodeableConcept', 'subject', 'effectivePeriod', 'dosage'];

/** Reads a FHIR MedicationStatement into an Onset medication body. */
export function medicationFromFhir(r: FhirReader, resource: Json): Incoming {
  r.only(resource, ELEMENTS, '');
  const paths: Record<string, string> = {
    patientId: 'subject',
    name: 'medicationCodeableConcept.text',
    drugClass: 'medicationCodeableConcept',
    startedOn: 'effectivePeriod.start',
    stoppedOn: 'effectivePeriod.end',
    doseText: 'dosage[0].text',
  };
  r.code(r.str(resource, 'status', '', true), ['active', 'completed', 'stopped'] as const, 'status');
  const medication = r.obj(resource, 'medicationCodeableConcept', '', true);
  const body: Record<string, unknown> = {};
  if (medication !== undefined) {
    r.only(medication, ['coding', 'text'], 'medicationCodeableConcept');
    body.name = r.str(medication, 'text', 'medicationCodeableConcept', true);
    body.drugClass = r.codingIn(medication, codeSystem('drug-class'), DRUG_CLASSES, 'medicationCodeableConcept', true);
  }
  const period = r.obj(resource, 'effectivePeriod', '', true);
  if (period !== undefined) {
    r.only(period, ['start', 'end'], 'effectivePeriod');
    body.startedOn = r.date(period, 'start', 'effectivePeriod', true);
    body.stoppedOn = r.date(period, 'end', 'effectivePeriod');
  }
  const dosages = r.objects(resource, 'dosage', '');
  for (const extra of dosages.slice(1)) r.fail(extra.at, 'Onset keeps one dose text; join them into one');
  if (dosages[0] !== undefined) {
    r.only(dosages[0].value, ['text'], dosages[0].at);
    body.doseText = r.str(dosages[0].value, 'text', dosages[0].at, true);
  }
  const references = present([readReference(r, resource, 'subject', '', 'Patient', 'patientId', true)]);
  return { kind: 'medication', body, references, paths };
}
