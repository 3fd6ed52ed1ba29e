/** Onset treatment course ↔ FHIR EpisodeOfCare; what FHIR has no element for rides on Onset extensions. */
import type { EpisodeOfCare, Extension } from '@medplum/fhirtypes';
import type { Course } from '../../courses/course.schema.js';
import { getInstrument } from '../../instruments/registry.js';
import { DRUGS, MODALITIES, PHASES, ROUTES } from '../../shared/vocabulary.js';
import { EXT } from '../constants.js';
import {
  RESOURCE_ELEMENTS,
  codeExtension,
  metaOf,
  present,
  quantity,
  readCodeExtension,
  readQuantity,
  readUsd,
  usd,
} from './common.js';
import type { Incoming } from './incoming.js';
import { canonicalOf, instrumentByReference, knownQuestionnaires } from './questionnaire.js';
import { child, type FhirReader, type Json } from './read.js';
import { readReference, type Linker } from './reference.js';

/** The FHIR EpisodeOfCare for a course. */
export function courseToFhir(c: Course, link: Linker): EpisodeOfCare {
  const extension = present<Extension>([
    codeExtension(EXT.coursePhase, c.phase),
    { url: EXT.primaryInstrument, valueCanonical: canonicalOf(getInstrument(c.primaryInstrument)) },
    codeExtension(EXT.modality, c.modality),
    c.defaultPriceUsd === null ? undefined : { url: EXT.defaultPrice, valueMoney: usd(c.defaultPriceUsd) },
    c.usualDrug == null ? undefined : codeExtension(EXT.usualDrug, c.usualDrug),
    c.usualRoute == null ? undefined : codeExtension(EXT.usualRoute, c.usualRoute),
    c.usualMg === null ? undefined : { url: EXT.usualMg, valueQuantity: quantity(c.usualMg, 'mg') },
    c.notes === null ? undefined : { url: EXT.note, valueString: c.notes },
  ]);
  return {
    resourceType: 'EpisodeOfCare',
    id: c.id,
    meta: metaOf(c.updatedAt),
    extension,
    status: c.phase === 'ended' ? 'finished' : 'active',
    patient: { reference: link('Patient', c.patientId) },
    period: { start: c.startedAt, ...(c.endedAt === null ? {} : { end: c.endedAt }) },
  };
}

const ELEMENTS = [...RESOURCE_ELEMENTS, 'extension', 'status', 'patient', 'period'];

/** Reads a FHIR EpisodeOfCare into an Onset course body. */
export function courseFromFhir(r: FhirReader, resource: Json): Incoming {
  r.only(resource, ELEMENTS, '');
  const body: Record<string, unknown> = {};
  const paths: Record<string, string> = {
    patientId: 'patient',
    startedAt: 'period.start',
    endedAt: 'period.end',
    primaryInstrument: 'extension',
  };
  const patient = readReference(r, resource, 'patient', '', 'Patient', 'patientId', true);
  const status = r.code(
    r.str(resource, 'status', '', true),
    ['active', 'finished', 'planned', 'onhold'] as const,
    'status',
  );
  const period = r.obj(resource, 'period', '', true);
  if (period !== undefined) {
    r.only(period, ['start', 'end'], 'period');
    body.startedAt = r.dateTime(period, 'start', 'period', true);
    const end = r.dateTime(period, 'end', 'period');
    if (end !== undefined) body.endedAt = end;
  }
  const found = r.extensions(resource, '');
  const phase = readCodeExtension(r, r.single(found, EXT.coursePhase), PHASES);
  body.phase = phase ?? (status === 'finished' ? 'ended' : 'induction');
  paths.phase = r.single(found, EXT.coursePhase)?.at ?? 'status';
  readInstrument(r, found, body, paths);
  readCourseDetails(r, found, body, paths);
  return { kind: 'course', body, references: patient === undefined ? [] : [patient], paths };
}

function readInstrument(
  r: FhirReader,
  found: ReturnType<FhirReader['extensions']>,
  body: Record<string, unknown>,
  paths: Record<string, string>,
): void {
  const ext = r.single(found, EXT.primaryInstrument);
  if (ext === undefined) {
    r.fail(
      'extension',
      `needs the ${EXT.primaryInstrument} extension (valueCanonical: the course's primary questionnaire)`,
    );
    return;
  }
  paths.primaryInstrument = child(ext.at, 'valueCanonical');
  const canonical = r.str(ext.ext, 'valueCanonical', ext.at, true);
  if (canonical === undefined) return;
  const def = instrumentByReference(canonical);
  if (def === undefined)
    r.fail(
      child(ext.at, 'valueCanonical'),
      `"${canonical}" is not a questionnaire Onset knows; use ${knownQuestionnaires()}`,
    );
  else body.primaryInstrument = def.id;
}

function readCourseDetails(
  r: FhirReader,
  found: ReturnType<FhirReader['extensions']>,
  body: Record<string, unknown>,
  paths: Record<string, string>,
): void {
  const modality = r.single(found, EXT.modality);
  if (modality !== undefined) {
    paths.modality = modality.at;
    body.modality = readCodeExtension(r, modality, MODALITIES);
  }
  const price = r.single(found, EXT.defaultPrice);
  if (price !== undefined) {
    paths.defaultPriceUsd = child(price.at, 'valueMoney');
    body.defaultPriceUsd = readUsd(r, r.obj(price.ext, 'valueMoney', price.at, true), child(price.at, 'valueMoney'));
  }
  const drug = r.single(found, EXT.usualDrug);
  if (drug !== undefined) {
    paths.usualDrug = drug.at;
    body.usualDrug = readCodeExtension(r, drug, DRUGS);
  }
  const route = r.single(found, EXT.usualRoute);
  if (route !== undefined) {
    paths.usualRoute = route.at;
    body.usualRoute = readCodeExtension(r, route, ROUTES);
  }
  const mg = r.single(found, EXT.usualMg);
  if (mg !== undefined) {
    paths.usualMg = child(mg.at, 'valueQuantity');
    body.usualMg = readQuantity(r, r.obj(mg.ext, 'valueQuantity', mg.at, true), child(mg.at, 'valueQuantity'), 'mg');
  }
  const note = r.single(found, EXT.note);
  if (note !== undefined) {
    paths.notes = child(note.at, 'valueString');
    body.notes = r.str(note.ext, 'valueString', note.at, true);
  }
}
