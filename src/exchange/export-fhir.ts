/** `onset export fhir`: the clinic as one FHIR transaction Bundle that `onset import fhir` takes back whole. */
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import { OBSERVATION_VALUE } from '../fhir/constants.js';
import type { PatientRecords } from '../fhir/load.js';
import * as map from '../fhir/map/index.js';
import { uuidLink } from '../fhir/map/reference.js';
import { doseVitalObservations, sessionsByDose } from '../fhir/map/vital-signs.js';
import type { ServiceContext } from '../records/context.js';
import { auditExport, countRecords, loadClinicData, type ExportOptions } from './clinic-data.js';

/** A POST entry; resources referred to by others carry their id as a urn:uuid fullUrl. */
function entry(resource: Resource, withFullUrl = true): BundleEntry {
  return {
    ...(withFullUrl ? { fullUrl: uuidLink(resource.resourceType, resource.id ?? '') } : {}),
    resource,
    request: { method: 'POST', url: resource.resourceType },
  };
}

/** Every resource of one patient, each type after the types it refers to. */
export function patientEntries(records: PatientRecords): BundleEntry[] {
  const l = uuidLink;
  const sessions = sessionsByDose(records.remsReadings);
  return [
    entry(map.patientToFhir(records.patient)),
    ...records.courses.map((c) => entry(map.courseToFhir(c, l))),
    ...records.doses.flatMap((d) => [
      entry(map.doseToFhir(d, l)),
      // The vital signs are derived from the dose (and its REMS session); nothing refers to them.
      ...doseVitalObservations(d, sessions.get(d.id) ?? null, l).map((o) => entry(o, false)),
    ]),
    ...records.assessments.flatMap((a) => [
      entry(map.assessmentToQuestionnaireResponse(a, l)),
      // The score shares its response's id; nothing refers to it, so it needs no fullUrl of its own.
      entry(map.assessmentToObservation(a, l), false),
    ]),
    ...records.adverseEvents.map((e) => entry(map.adverseEventToFhir(e, l))),
    ...records.therapySessions.map((s) => entry(map.therapySessionToFhir(s, l))),
    ...records.medications.map((m) => entry(map.medicationToFhir(m, l))),
  ];
}

/** Exports the clinic as a transaction Bundle and audits the export. */
export async function exportFhir(
  ctx: ServiceContext,
  options: ExportOptions = {},
): Promise<{ bundle: Bundle; counts: Record<string, number> }> {
  const data = await loadClinicData(ctx, options, false);
  const counts = countRecords(data);
  const deidentified = options.deidentify !== undefined;
  await auditExport(ctx, 'fhir', deidentified, counts);
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'transaction',
    ...(deidentified
      ? { meta: { security: [{ system: OBSERVATION_VALUE, code: 'PSEUDED', display: 'pseudonymized' }] } }
      : {}),
    timestamp: ctx.now().toISOString(),
    entry: data.patients.flatMap(patientEntries),
  };
  return { bundle, counts };
}
