/** Onset adverse event ↔ FHIR AdverseEvent: category as the event code, CTCAE grade, the suspected dose. */
import type { AdverseEvent as FhirAdverseEvent, Extension } from '@medplum/fhirtypes';
import type { AdverseEvent } from '../../adverse-events/adverse-event.schema.js';
import { ADVERSE_ACTIONS, ADVERSE_CATEGORIES } from '../../shared/vocabulary.js';
import { AE_OUTCOME, AE_SEVERITY, EXT, codeSystem } from '../constants.js';
import {
  FHIR_OUTCOMES,
  concept,
  gradeOfSeverity,
  onsetCoding,
  outcomeCoding,
  outcomeOfCode,
  severityOfGrade,
} from './codes.js';
import { RESOURCE_ELEMENTS, codeExtension, metaOf, present, readCodeExtension } from './common.js';
import type { Incoming } from './incoming.js';
import { child, type FhirReader, type Json } from './read.js';
import { readReference, type Linker, type PendingReference } from './reference.js';

/** The FHIR AdverseEvent for an adverse event. */
export function adverseEventToFhir(e: AdverseEvent, link: Linker): FhirAdverseEvent {
  const extension = present<Extension>([
    { url: EXT.grade, valueInteger: e.grade },
    e.action == null ? undefined : codeExtension(EXT.action, e.action),
    e.notes === null ? undefined : { url: EXT.note, valueString: e.notes },
  ]);
  return {
    resourceType: 'AdverseEvent',
    id: e.id,
    meta: metaOf(e.updatedAt),
    extension,
    actuality: 'actual',
    event: concept([onsetCoding('adverse-event-category', e.category)], e.category),
    subject: { reference: link('Patient', e.patientId) },
    date: e.onsetAt,
    severity: concept([severityOfGrade(e.grade)]),
    outcome: concept([outcomeCoding(e.outcome)]),
    ...(e.doseId === null
      ? {}
      : { suspectEntity: [{ instance: { reference: link('MedicationAdministration', e.doseId) } }] }),
  };
}

const ELEMENTS = [
  ...RESOURCE_ELEMENTS,
  'extension',
  'actuality',
  'event',
  'subject',
  'date',
  'severity',
  'outcome',
  'suspectEntity',
];

/** Reads a FHIR AdverseEvent into an Onset adverse-event body. */
export function adverseEventFromFhir(r: FhirReader, resource: Json): Incoming {
  r.only(resource, ELEMENTS, '');
  const paths: Record<string, string> = {
    patientId: 'subject',
    category: 'event',
    onsetAt: 'date',
    grade: 'severity',
    outcome: 'outcome',
  };
  const actuality = r.str(resource, 'actuality', '', true);
  if (actuality !== undefined && actuality !== 'actual')
    r.fail('actuality', 'must be "actual": Onset records harms that happened');
  const body: Record<string, unknown> = {
    category: r.codingIn(
      r.obj(resource, 'event', '', true),
      codeSystem('adverse-event-category'),
      ADVERSE_CATEGORIES,
      'event',
      true,
    ),
    onsetAt: r.dateTime(resource, 'date', '', true),
  };
  const outcome = r.codingIn(r.obj(resource, 'outcome', ''), AE_OUTCOME, FHIR_OUTCOMES, 'outcome');
  if (outcome !== undefined) body.outcome = outcomeOfCode(outcome);
  const found = r.extensions(resource, '');
  const grade = r.single(found, EXT.grade);
  const severity = r.codingIn(
    r.obj(resource, 'severity', ''),
    AE_SEVERITY,
    ['mild', 'moderate', 'severe'] as const,
    'severity',
  );
  if (grade !== undefined) {
    paths.grade = child(grade.at, 'valueInteger');
    body.grade = r.int(grade.ext, 'valueInteger', grade.at, true);
  } else if (severity !== undefined) {
    body.grade = gradeOfSeverity(severity);
  } else {
    r.fail('severity', `needs a severity (${AE_SEVERITY}) or the ${EXT.grade} extension (CTCAE grade 1–5)`);
  }
  const action = r.single(found, EXT.action);
  if (action !== undefined) {
    paths.action = action.at;
    body.action = readCodeExtension(r, action, ADVERSE_ACTIONS);
  }
  const note = r.single(found, EXT.note);
  if (note !== undefined) {
    paths.notes = child(note.at, 'valueString');
    body.notes = r.str(note.ext, 'valueString', note.at, true);
  }
  const references = present<PendingReference>([
    readReference(r, resource, 'subject', '', 'Patient', 'patientId', true),
    readSuspect(r, resource, paths),
  ]);
  return { kind: 'adverse-event', body, references, paths };
}

function readSuspect(r: FhirReader, resource: Json, paths: Record<string, string>): PendingReference | undefined {
  const suspects = r.objects(resource, 'suspectEntity', '');
  for (const extra of suspects.slice(1)) r.fail(extra.at, 'Onset records one suspected dose per adverse event');
  const first = suspects[0];
  if (first === undefined) return undefined;
  r.only(first.value, ['instance'], first.at);
  paths.doseId = child(first.at, 'instance');
  return readReference(r, first.value, 'instance', first.at, 'MedicationAdministration', 'doseId', true);
}
