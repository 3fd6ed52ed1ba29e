/** FHIR read and search over Onset's records: what each resource type is made from, audited as disclosed. */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { adverseEventService } from '../adverse-events/adverse-event.service.js';
import { assessmentService } from '../assessments/assessment.service.js';
import { appendAudit, auditReadDone, inAuditedRead } from '../audit/audit.service.js';
import { courseService } from '../courses/course.service.js';
import { doseService } from '../doses/dose.service.js';
import { getInstrument, isInstrumentId, listInstruments } from '../instruments/registry.js';
import { medicationService } from '../medications/medication.service.js';
import { patientService } from '../patients/patient.service.js';
import type { ServiceContext } from '../records/context.js';
import { findSessionOfDose } from '../rems/rems-session.repository.js';
import { remsSessionFromRow } from '../rems/rems-session.service.js';
import { invalid, isOnsetError, notFound } from '../shared/errors.js';
import { textProblem } from '../shared/schema.js';
import { therapySessionService } from '../therapy-sessions/therapy-session.service.js';
import { loadPatient, loadSessionReadings, patientIds } from './load.js';
import * as map from './map/index.js';
import type { Json } from './map/read.js';
import { restLink } from './map/reference.js';
import {
  parseVitalId,
  sessionReadingsOf,
  vitalObservationsOf,
  vitalReadings,
  vitalToObservation,
} from './map/vital-signs.js';
import { parseSearch, type SearchType } from './search.js';
import { matchesAll } from './search-match.js';

interface TypeAccess {
  /** The audit trail's name for what is disclosed (also for a search that found nothing). */
  entity: string;
  /** Where one type is made from more than one kind of record: the audit trail's name for each resource's. */
  entityOf?: (resource: Resource) => string;
  read(ctx: ServiceContext, id: string): Promise<Resource>;
  /** One patient's resources of this type, unaudited (the search audits its page). */
  forPatient(ctx: ServiceContext, patientId: string): Promise<Resource[]>;
}

const l = restLink;

const ACCESS: Readonly<Record<Exclude<SearchType, 'Questionnaire'>, TypeAccess>> = {
  Patient: {
    entity: 'patient',
    read: async (ctx, id) => map.patientToFhir(await patientService.get(ctx, id)),
    forPatient: async (ctx, patientId) => {
      const patient = await loadPatient(ctx, patientId);
      return patient === undefined ? [] : [map.patientToFhir(patient)];
    },
  },
  EpisodeOfCare: {
    entity: 'course',
    read: async (ctx, id) => map.courseToFhir(await courseService.get(ctx, id), l),
    forPatient: async (ctx, p) => (await courseService.loadForPatient(ctx, p)).map((c) => map.courseToFhir(c, l)),
  },
  MedicationAdministration: {
    entity: 'dose',
    read: async (ctx, id) => map.doseToFhir(await doseService.get(ctx, id), l),
    forPatient: async (ctx, p) => (await doseService.loadForPatient(ctx, p)).map((d) => map.doseToFhir(d, l)),
  },
  QuestionnaireResponse: {
    entity: 'assessment',
    read: async (ctx, id) => map.assessmentToQuestionnaireResponse(await assessmentService.get(ctx, id), l),
    forPatient: async (ctx, p) =>
      (await assessmentService.loadForPatient(ctx, p)).map((a) => map.assessmentToQuestionnaireResponse(a, l)),
  },
  // Scores (from assessments, id = the assessment's) and vital signs (from doses, id = `<dose id>.<slot>`).
  Observation: {
    entity: 'assessment',
    entityOf: (resource) => (parseVitalId(resource.id ?? '') === undefined ? 'assessment' : 'dose'),
    read: async (ctx, id) => {
      if (parseVitalId(id) !== undefined) return readVitalSign(ctx, id);
      if (!UUID.test(id)) throw notFound('Observation', id);
      return map.assessmentToObservation(await assessmentService.get(ctx, id), l);
    },
    forPatient: async (ctx, p) => [
      ...(await assessmentService.loadForPatient(ctx, p)).map((a) => map.assessmentToObservation(a, l)),
      ...vitalObservationsOf(await doseService.loadForPatient(ctx, p), await loadSessionReadings(ctx, p), l),
    ],
  },
  AdverseEvent: {
    entity: 'adverse-event',
    read: async (ctx, id) => map.adverseEventToFhir(await adverseEventService.get(ctx, id), l),
    forPatient: async (ctx, p) =>
      (await adverseEventService.loadForPatient(ctx, p)).map((e) => map.adverseEventToFhir(e, l)),
  },
  Procedure: {
    entity: 'therapy-session',
    read: async (ctx, id) => map.therapySessionToFhir(await therapySessionService.get(ctx, id), l),
    forPatient: async (ctx, p) =>
      (await therapySessionService.loadForPatient(ctx, p)).map((s) => map.therapySessionToFhir(s, l)),
  },
  MedicationStatement: {
    entity: 'medication',
    read: async (ctx, id) => map.medicationToFhir(await medicationService.get(ctx, id), l),
    forPatient: async (ctx, p) =>
      (await medicationService.loadForPatient(ctx, p)).map((m) => map.medicationToFhir(m, l)),
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One vital-sign Observation: the dose's read is audited by the dose service, and a reading taken from
 * the dose's REMS session is audited as a read of that session too.
 */
async function readVitalSign(ctx: ServiceContext, id: string): Promise<Resource> {
  return inAuditedRead(ctx, async (tx) => {
    const [doseId = ''] = id.split('.');
    const dose = await doseService.get(tx, doseId);
    const row = await findSessionOfDose(tx.db, tx.clinicId, dose.id);
    const session = row === undefined ? null : remsSessionFromRow(row);
    const reading = vitalReadings(dose, session === null ? null : sessionReadingsOf(session)).find(
      (r) => `${dose.id}.${r.slot}` === id,
    );
    if (reading === undefined) throw notFound('Observation', id);
    if (session !== null && reading.source.record === 'rems-session') {
      await appendAudit(tx, {
        action: 'read',
        entity: 'rems-session',
        entityId: session.id,
        patientId: dose.patientId,
      });
    }
    return vitalToObservation(reading, dose, l);
  });
}

/** Reads one resource by id (the record read is audited by its service); NOT_FOUND names `Type/id`. */
export async function readResource(ctx: ServiceContext, type: SearchType, id: string): Promise<Resource> {
  const reason = textProblem(id);
  if (reason !== null) throw invalid('id', reason);
  if (type === 'Questionnaire') {
    if (!isInstrumentId(id)) throw notFound('Questionnaire', id);
    return map.questionnaireOf(getInstrument(id));
  }
  try {
    return await ACCESS[type].read(ctx, id);
  } catch (error) {
    if (isOnsetError(error) && error.code === 'NOT_FOUND') throw notFound(type, id);
    throw error;
  }
}

export interface SearchRequest {
  type: SearchType;
  query: Readonly<Record<string, unknown>>;
  /** The FHIR base URL the links are built on, e.g. http://host/fhir/R4. */
  base: string;
}

/** Runs a search and returns the searchset Bundle page; each patient whose records appear is audited. */
export async function searchResources(ctx: ServiceContext, request: SearchRequest): Promise<Bundle> {
  const parsed = parseSearch(request.type, request.query);
  const all = await candidates(ctx, request.type, parsed.patientId);
  const matches = all.filter((resource) => matchesAll(resource as unknown as Json, parsed.criteria));
  const page = matches.slice(parsed.offset, parsed.offset + parsed.count);
  if (request.type !== 'Questionnaire') await auditPage(ctx, ACCESS[request.type], page);
  const link = (offset: number): string => linkUrl(request, offset);
  const next = parsed.offset + parsed.count < matches.length && parsed.count > 0;
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: matches.length,
    link: [
      { relation: 'self', url: link(parsed.offset) },
      ...(next ? [{ relation: 'next', url: link(parsed.offset + parsed.count) }] : []),
    ],
    entry: page.map((resource) => ({
      fullUrl: `${request.base}/${resource.resourceType}/${resource.id ?? ''}`,
      resource,
      search: { mode: 'match' },
    })),
  };
}

async function candidates(ctx: ServiceContext, type: SearchType, patientId: string | undefined): Promise<Resource[]> {
  if (type === 'Questionnaire') return listInstruments().map(map.questionnaireOf);
  const ids = patientId === undefined ? await patientIds(ctx) : [patientId];
  const found: Resource[] = [];
  for (const id of ids) found.push(...(await ACCESS[type].forPatient(ctx, id)));
  return found;
}

/** One audit entry per patient and kind of record the page discloses (or one saying nothing was found). */
async function auditPage(ctx: ServiceContext, access: TypeAccess, page: readonly Resource[]): Promise<void> {
  const byEntity = new Map<string, Resource[]>(page.length === 0 ? [[access.entity, []]] : []);
  for (const resource of page) {
    const entity = access.entityOf?.(resource) ?? access.entity;
    byEntity.set(entity, [...(byEntity.get(entity) ?? []), resource]);
  }
  for (const [entity, resources] of byEntity) {
    await auditReadDone(ctx, {
      action: 'list',
      entity,
      patientIds: resources.map(patientOf),
      detail: { via: 'fhir-search' },
    });
  }
}

function patientOf(resource: Resource): string {
  if (resource.resourceType === 'Patient') return resource.id ?? '';
  const json = resource as unknown as { subject?: { reference?: string }; patient?: { reference?: string } };
  const reference = json.subject?.reference ?? json.patient?.reference ?? '';
  return reference.slice(reference.lastIndexOf('/') + 1);
}

/** A searchset page's link: the request's own parameters, with `_offset` for the page. */
export function linkUrl(request: Pick<SearchRequest, 'query' | 'base'> & { type: string }, offset: number): string {
  const params = new URLSearchParams();
  for (const [key, raw] of Object.entries(request.query)) {
    if (key === '_offset') continue;
    for (const value of Array.isArray(raw) ? (raw as unknown[]) : [raw]) params.append(key, String(value));
  }
  if (offset > 0) params.set('_offset', String(offset));
  const qs = params.toString();
  return `${request.base}/${request.type}${qs === '' ? '' : `?${qs}`}`;
}
