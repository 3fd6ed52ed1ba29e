/** Onset patient ↔ FHIR Patient. The label is the identifier; weight, conditions and history are extensions. */
import type { ContactPoint, Extension, Patient as FhirPatient } from '@medplum/fhirtypes';
import type { Patient } from '../../patients/patient.schema.js';
import { CONDITIONS, HISTORY, SEXES } from '../../shared/vocabulary.js';
import { EXT, PATIENT_LABEL_SYSTEM } from '../constants.js';
import {
  RESOURCE_ELEMENTS,
  codeExtension,
  hasSyntheticTag,
  metaOf,
  nonEmpty,
  present,
  quantity,
  readQuantity,
} from './common.js';
import type { Incoming } from './incoming.js';
import { child, type FhirReader, type Json } from './read.js';

/** The FHIR Patient for an Onset patient (resource id = record id). */
export function patientToFhir(p: Patient): FhirPatient {
  const telecom = present<ContactPoint>([
    p.email === null ? undefined : { system: 'email', value: p.email },
    p.phone === null ? undefined : { system: 'phone', value: p.phone },
  ]);
  const extension = present<Extension>([
    p.weightKg === null ? undefined : { url: EXT.weight, valueQuantity: quantity(p.weightKg, 'kg') },
    ...p.conditions.map((c) => codeExtension(EXT.condition, c)),
    ...p.history.map((h) => codeExtension(EXT.history, h)),
  ]);
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: metaOf(p.updatedAt, p.synthetic),
    extension: nonEmpty(extension),
    identifier: [{ system: PATIENT_LABEL_SYSTEM, value: p.label }],
    name: p.name === null ? undefined : [{ text: p.name }],
    telecom: nonEmpty(telecom),
    gender: p.sex ?? undefined,
    birthDate: p.birthYear === null ? undefined : String(p.birthYear),
  };
}

const ELEMENTS = [...RESOURCE_ELEMENTS, 'extension', 'identifier', 'name', 'telecom', 'gender', 'birthDate'];

/** Reads a FHIR Patient into an Onset patient body. */
export function patientFromFhir(r: FhirReader, resource: Json): Incoming {
  r.only(resource, ELEMENTS, '');
  const body: Record<string, unknown> = {};
  const paths: Record<string, string> = { synthetic: 'meta.tag' };
  readLabel(r, resource, body, paths);
  readName(r, resource, body, paths);
  readTelecom(r, resource, body, paths);
  const sex = r.code(r.str(resource, 'gender', ''), SEXES, 'gender');
  if (sex !== undefined) body.sex = sex;
  paths.sex = 'gender';
  const birthDate = r.str(resource, 'birthDate', '');
  paths.birthYear = 'birthDate';
  if (birthDate !== undefined) {
    if (isFhirDate(birthDate)) body.birthYear = Number(birthDate.slice(0, 4));
    else
      r.fail(
        'birthDate',
        `"${birthDate}" must be a FHIR date: YYYY, YYYY-MM or YYYY-MM-DD (Onset keeps the year only)`,
      );
  }
  readExtensions(r, resource, body, paths);
  if (hasSyntheticTag(r, resource)) body.synthetic = true;
  return { kind: 'patient', body, references: [], paths };
}

/** A FHIR date of year, month or day precision that names a real calendar date. */
function isFhirDate(text: string): boolean {
  if (!/^\d{4}(-(0[1-9]|1[0-2])(-\d{2})?)?$/.test(text)) return false;
  if (text.length < 10) return true;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}

function readLabel(r: FhirReader, resource: Json, body: Record<string, unknown>, paths: Record<string, string>): void {
  const identifiers = r.objects(resource, 'identifier', '');
  paths.label = 'identifier';
  let found = false;
  for (const { value, at } of identifiers) {
    r.only(value, ['system', 'value', 'use'], at);
    if (value.system !== PATIENT_LABEL_SYSTEM) {
      r.fail(child(at, 'system'), `Onset keeps one identifier, the label, with system ${PATIENT_LABEL_SYSTEM}`);
    } else if (found) {
      r.fail(at, 'repeats the label identifier, which may appear once');
    } else {
      found = true;
      paths.label = at;
      const label = r.str(value, 'value', at, true);
      if (label !== undefined) body.label = label;
    }
  }
  if (!found && identifiers.length === 0) {
    r.fail('identifier', `is required: the patient's label (pseudonym or MRN) with system ${PATIENT_LABEL_SYSTEM}`);
  }
}

function readName(r: FhirReader, resource: Json, body: Record<string, unknown>, paths: Record<string, string>): void {
  const names = r.objects(resource, 'name', '');
  paths.name = 'name[0]';
  for (const extra of names.slice(1)) r.fail(extra.at, 'Onset keeps one name; send one HumanName');
  const first = names[0];
  if (first === undefined) return;
  r.only(first.value, ['text', 'family', 'given', 'use'], first.at);
  const text = r.str(first.value, 'text', first.at);
  const given = (r.list(first.value, 'given', first.at) ?? []).filter((g): g is string => typeof g === 'string');
  const family = r.str(first.value, 'family', first.at);
  const name = text ?? [...given, family].filter((part) => part !== undefined).join(' ');
  if (name === '') r.fail(first.at, 'needs text, or given and family names');
  else body.name = name;
}

function readTelecom(
  r: FhirReader,
  resource: Json,
  body: Record<string, unknown>,
  paths: Record<string, string>,
): void {
  for (const { value, at } of r.objects(resource, 'telecom', '')) {
    r.only(value, ['system', 'value', 'use'], at);
    const system = r.code(r.str(value, 'system', at, true), ['email', 'phone'] as const, child(at, 'system'));
    if (system === undefined) continue;
    const field = system === 'email' ? 'email' : 'phone';
    if (body[field] !== undefined) {
      r.fail(at, `Onset keeps one ${system}; send one`);
      continue;
    }
    paths[field] = child(at, 'value');
    const text = r.str(value, 'value', at, true);
    if (text !== undefined) body[field] = text;
  }
}

function readExtensions(
  r: FhirReader,
  resource: Json,
  body: Record<string, unknown>,
  paths: Record<string, string>,
): void {
  const found = r.extensions(resource, '');
  const weight = r.single(found, EXT.weight);
  if (weight !== undefined) {
    paths.weightKg = child(weight.at, 'valueQuantity');
    const kg = readQuantity(
      r,
      r.obj(weight.ext, 'valueQuantity', weight.at, true),
      child(weight.at, 'valueQuantity'),
      'kg',
    );
    if (kg !== undefined) body.weightKg = kg;
  }
  const codes = (url: string, allowed: readonly string[], field: string): void => {
    const list = found.filter((e) => e.url === url);
    paths[field] = list[0]?.at ?? 'extension';
    if (list.length === 0) return;
    body[field] = list
      .map((e) => r.code(r.str(e.ext, 'valueCode', e.at, true), allowed, child(e.at, 'valueCode')))
      .filter((c): c is string => c !== undefined);
  };
  codes(EXT.condition, CONDITIONS, 'conditions');
  codes(EXT.history, HISTORY, 'history');
}
