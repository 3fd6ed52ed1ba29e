/** Onset therapy session ↔ FHIR Procedure: kind as category, modality as code, length as the period. */
import type { Procedure } from '@medplum/fhirtypes';
import type { TherapySession } from '../../therapy-sessions/therapy-session.schema.js';
import { MODALITIES, THERAPY_KINDS } from '../../shared/vocabulary.js';
import { EXT, codeSystem } from '../constants.js';
import { concept, onsetCoding } from './codes.js';
import { RESOURCE_ELEMENTS, metaOf, noteOf, present, readNote } from './common.js';
import type { Incoming } from './incoming.js';
import { child, type FhirReader, type Json } from './read.js';
import { readReference, type Linker, type PendingReference } from './reference.js';
import { MINUTE_MS } from '../../shared/time.js';

/** The FHIR Procedure for a preparation or integration session. */
export function therapySessionToFhir(s: TherapySession, link: Linker): Procedure {
  const end = new Date(Date.parse(s.heldAt) + s.minutes * MINUTE_MS).toISOString();
  return {
    resourceType: 'Procedure',
    id: s.id,
    meta: metaOf(s.updatedAt),
    ...(s.courseId === null
      ? {}
      : { extension: [{ url: EXT.course, valueReference: { reference: link('EpisodeOfCare', s.courseId) } }] }),
    status: 'completed',
    category: concept([onsetCoding('therapy-session-kind', s.kind)], `${s.kind} session`),
    code: concept([onsetCoding('therapy-modality', s.modality)], s.modality),
    subject: { reference: link('Patient', s.patientId) },
    performedPeriod: { start: s.heldAt, end },
    note: noteOf(s.notes),
  };
}

const ELEMENTS = [
  ...RESOURCE_ELEMENTS,
  'extension',
  'status',
  'category',
  'code',
  'subject',
  'performedPeriod',
  'note',
];

/** Reads a FHIR Procedure into an Onset therapy-session body. */
export function therapySessionFromFhir(r: FhirReader, resource: Json): Incoming {
  r.only(resource, ELEMENTS, '');
  const paths: Record<string, string> = {
    patientId: 'subject',
    kind: 'category',
    modality: 'code',
    heldAt: 'performedPeriod.start',
    minutes: 'performedPeriod',
    notes: 'note[0].text',
  };
  const status = r.str(resource, 'status', '', true);
  if (status !== undefined && status !== 'completed')
    r.fail('status', 'must be "completed": Onset records sessions that took place');
  const body: Record<string, unknown> = {
    kind: r.codingIn(
      r.obj(resource, 'category', '', true),
      codeSystem('therapy-session-kind'),
      THERAPY_KINDS,
      'category',
      true,
    ),
    modality: r.codingIn(r.obj(resource, 'code', '', true), codeSystem('therapy-modality'), MODALITIES, 'code', true),
    notes: readNote(r, resource),
  };
  const period = r.obj(resource, 'performedPeriod', '', true);
  if (period !== undefined) {
    r.only(period, ['start', 'end'], 'performedPeriod');
    const start = r.dateTime(period, 'start', 'performedPeriod', true);
    const end = r.dateTime(period, 'end', 'performedPeriod', true);
    body.heldAt = start;
    if (start !== undefined && end !== undefined)
      body.minutes = Math.round((Date.parse(end) - Date.parse(start)) / MINUTE_MS);
  }
  const references = present<PendingReference>([
    readReference(r, resource, 'subject', '', 'Patient', 'patientId', true),
  ]);
  const course = r.single(r.extensions(resource, ''), EXT.course);
  if (course !== undefined) {
    paths.courseId = child(course.at, 'valueReference');
    const ref = readReference(r, course.ext, 'valueReference', course.at, 'EpisodeOfCare', 'courseId', true);
    if (ref !== undefined) references.push(ref);
  }
  return { kind: 'therapy-session', body, references, paths };
}
