/**
 * Onset dose ↔ FHIR MedicationAdministration: drug, route (Onset and SNOMED codes), mg, the course as
 * context; setting, price and the monitoring record (vitals, observation time, dissociation) as extensions.
 */
import type { Extension, MedicationAdministration } from '@medplum/fhirtypes';
import type { Dose } from '../../doses/dose.schema.js';
import { DRUGS, ROUTES, SETTINGS } from '../../shared/vocabulary.js';
import { EXT, codeSystem } from '../constants.js';
import { DRUG_DISPLAY, ROUTE_SNOMED, concept, onsetCoding, routeOfSnomed } from './codes.js';
import {
  RESOURCE_ELEMENTS,
  codeExtension,
  metaOf,
  noteOf,
  present,
  quantity,
  readCodeExtension,
  readNote,
  readQuantity,
  readUsd,
  usd,
} from './common.js';
import type { Incoming } from './incoming.js';
import { child, type FhirReader, type Json } from './read.js';
import { readReference, type Linker } from './reference.js';

/** The monitoring values, each a sub-extension named by its Onset field (all whole numbers). */
export const MONITORING_FIELDS = [
  'observationMinutes',
  'systolicBefore',
  'diastolicBefore',
  'heartRateBefore',
  'spo2Before',
  'systolicAfter',
  'diastolicAfter',
  'heartRateAfter',
  'spo2After',
  'dissociation',
] as const;

/** The FHIR MedicationAdministration for a dose. */
export function doseToFhir(d: Dose, link: Linker): MedicationAdministration {
  const monitoring = present<Extension>([
    ...MONITORING_FIELDS.map((field) => (d[field] === null ? undefined : { url: field, valueInteger: d[field] })),
    // mg/kg is derived from the patient's weight when the dose is stored; informative, ignored on import.
    d.mgPerKg === null ? undefined : { url: 'mgPerKg', valueDecimal: d.mgPerKg },
  ]);
  const extension = present<Extension>([
    codeExtension(EXT.doseSetting, d.setting),
    d.priceUsd === null ? undefined : { url: EXT.price, valueMoney: usd(d.priceUsd) },
    monitoring.length === 0 ? undefined : { url: EXT.doseMonitoring, extension: monitoring },
  ]);
  return {
    resourceType: 'MedicationAdministration',
    id: d.id,
    meta: metaOf(d.updatedAt),
    extension,
    status: 'completed',
    medicationCodeableConcept: concept([onsetCoding('drug', d.drug, DRUG_DISPLAY[d.drug])], DRUG_DISPLAY[d.drug]),
    subject: { reference: link('Patient', d.patientId) },
    context: { reference: link('EpisodeOfCare', d.courseId) },
    effectiveDateTime: d.givenAt,
    note: noteOf(d.notes),
    dosage: {
      route: concept([onsetCoding('route', d.route), { ...ROUTE_SNOMED[d.route] }]),
      dose: quantity(d.mg, 'mg'),
    },
  };
}

const ELEMENTS = [
  ...RESOURCE_ELEMENTS,
  'extension',
  'status',
  'medicationCodeableConcept',
  'subject',
  'context',
  'effectiveDateTime',
  'note',
  'dosage',
];

/** Reads a FHIR MedicationAdministration into an Onset dose body. */
export function doseFromFhir(r: FhirReader, resource: Json): Incoming {
  r.only(resource, ELEMENTS, '');
  const paths: Record<string, string> = {
    patientId: 'subject',
    courseId: 'context',
    givenAt: 'effectiveDateTime',
    drug: 'medicationCodeableConcept',
    route: 'dosage.route',
    mg: 'dosage.dose',
    setting: 'extension',
    notes: 'note[0].text',
  };
  const status = r.str(resource, 'status', '', true);
  if (status !== undefined && status !== 'completed')
    r.fail('status', 'must be "completed": Onset records doses that were given');
  const body: Record<string, unknown> = {
    givenAt: r.dateTime(resource, 'effectiveDateTime', '', true),
    drug: r.codingIn(
      r.obj(resource, 'medicationCodeableConcept', '', true),
      codeSystem('drug'),
      DRUGS,
      'medicationCodeableConcept',
      true,
    ),
    notes: readNote(r, resource),
  };
  readDosage(r, resource, body);
  const found = r.extensions(resource, '');
  const setting = r.single(found, EXT.doseSetting);
  if (setting === undefined)
    r.fail('extension', `needs the ${EXT.doseSetting} extension (valueCode: one of ${SETTINGS.join(', ')})`);
  else paths.setting = setting.at;
  body.setting = readCodeExtension(r, setting, SETTINGS);
  const price = r.single(found, EXT.price);
  if (price !== undefined) {
    paths.priceUsd = child(price.at, 'valueMoney');
    body.priceUsd = readUsd(r, r.obj(price.ext, 'valueMoney', price.at, true), child(price.at, 'valueMoney'));
  }
  readMonitoring(r, r.single(found, EXT.doseMonitoring), body, paths);
  const references = present([
    readReference(r, resource, 'subject', '', 'Patient', 'patientId', true),
    readReference(r, resource, 'context', '', 'EpisodeOfCare', 'courseId', true),
  ]);
  return { kind: 'dose', body, references, paths };
}

function readDosage(r: FhirReader, resource: Json, body: Record<string, unknown>): void {
  const dosage = r.obj(resource, 'dosage', '', true);
  if (dosage === undefined) return;
  r.only(dosage, ['route', 'dose', 'text'], 'dosage');
  body.mg = readQuantity(r, r.obj(dosage, 'dose', 'dosage', true), 'dosage.dose', 'mg');
  const route = r.obj(dosage, 'route', 'dosage', true);
  if (route === undefined) return;
  const own = r.codingIn(route, codeSystem('route'), ROUTES, 'dosage.route');
  if (own !== undefined) {
    body.route = own;
    return;
  }
  const snomed = r
    .objects(route, 'coding', 'dosage.route')
    .map((c) => c.value)
    .find((c) => c.system === ROUTE_SNOMED.iv.system);
  const fromSnomed = typeof snomed?.code === 'string' ? routeOfSnomed(snomed.code) : undefined;
  if (fromSnomed === undefined) {
    const known = ROUTES.map((x) => `${ROUTE_SNOMED[x].code} ${ROUTE_SNOMED[x].display ?? ''}`).join(', ');
    r.fail(
      'dosage.route',
      `needs a route Onset records: a ${codeSystem('route')} code (${ROUTES.join(', ')}) or SNOMED CT ${known}`,
    );
  } else body.route = fromSnomed;
}

function readMonitoring(
  r: FhirReader,
  found: ReturnType<FhirReader['single']>,
  body: Record<string, unknown>,
  paths: Record<string, string>,
): void {
  if (found === undefined) return;
  r.only(found.ext, ['url', 'extension'], found.at);
  const known: readonly string[] = [...MONITORING_FIELDS, 'mgPerKg'];
  for (const sub of r.extensions(found.ext, found.at)) {
    if (!known.includes(sub.url)) {
      r.fail(
        child(sub.at, 'url'),
        `"${sub.url}" is not a monitoring value Onset records (${MONITORING_FIELDS.join(', ')})`,
      );
      continue;
    }
    if (sub.url === 'mgPerKg') continue; // derived from the patient's weight when the dose is stored
    paths[sub.url] = child(sub.at, 'valueInteger');
    body[sub.url] = r.int(sub.ext, 'valueInteger', sub.at, true);
  }
}
