import type { Bundle, BundleEntry, Observation, OperationOutcome, Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adverseEventService } from '../../src/adverse-events/adverse-event.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { MAX_BUNDLE_ENTRIES } from '../../src/fhir/bundle-read.js';
import { MAX_ISSUES } from '../../src/fhir/outcome.js';
import { patientRepository } from '../../src/patients/patient.repository.js';
import type { ServiceContext } from '../../src/records/context.js';
import { describeEachEngine } from '../support/databases.js';
import { schemaErrors } from './fhir-schema.js';
import { buildFhirWorld, type FhirWorld } from './fhir-world.js';

const LABEL_SYSTEM = 'https://onset.health/fhir/patient-label';
const ONSET = 'https://onset.health/fhir';

/** Rows of every table a Bundle can write to, plus alerts and the audit trail, for "nothing was imported". */
async function footprint(ctx: ServiceContext): Promise<Record<string, number>> {
  const tables = [
    'patients',
    'courses',
    'doses',
    'assessments',
    'adverse_events',
    'therapy_sessions',
    'medications',
    'alerts',
    'audit_entries',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('clinic_id', '=', ctx.clinicId)
      .executeTakeFirstOrThrow();
    counts[table] = row.n;
  }
  return counts;
}

const post = (entry: string, resource: Resource, fullUrl?: string): BundleEntry => ({
  ...(fullUrl === undefined ? {} : { fullUrl }),
  resource,
  request: { method: 'POST', url: entry },
});

/** A new patient with a course, a dose, a GAD-7 response (with its score), an adverse event; linked by urn:uuid. */
function aTransaction(label: string, gad7: number[] = [2, 2, 2, 1, 1, 1, 1]): Bundle {
  const patient = 'urn:uuid:0b0b0b0b-0000-4000-8000-000000000001';
  const course = 'urn:uuid:0b0b0b0b-0000-4000-8000-000000000002';
  const dose = 'urn:uuid:0b0b0b0b-0000-4000-8000-000000000003';
  const response = 'urn:uuid:0b0b0b0b-0000-4000-8000-000000000004';
  const codes = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'];
  const score: Observation = {
    resourceType: 'Observation',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '70274-6' }] },
    valueInteger: gad7.reduce((a, b) => a + b, 0),
    derivedFrom: [{ reference: response }],
  };
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      post(
        'Patient',
        {
          resourceType: 'Patient',
          identifier: [{ system: LABEL_SYSTEM, value: label }],
          gender: 'male',
          birthDate: '1990',
        },
        patient,
      ),
      post(
        'EpisodeOfCare',
        {
          resourceType: 'EpisodeOfCare',
          status: 'active',
          patient: { reference: patient },
          period: { start: '2026-01-10T09:00:00Z' },
          extension: [
            {
              url: `${ONSET}/StructureDefinition/course-primary-instrument`,
              valueCanonical: `${ONSET}/Questionnaire/gad7`,
            },
          ],
        },
        course,
      ),
      post(
        'MedicationAdministration',
        {
          resourceType: 'MedicationAdministration',
          status: 'completed',
          medicationCodeableConcept: { coding: [{ system: `${ONSET}/CodeSystem/drug`, code: 'esketamine' }] },
          subject: { reference: patient },
          context: { reference: course },
          effectiveDateTime: '2026-01-10T10:00:00Z',
          dosage: {
            route: { coding: [{ system: 'http://snomed.info/sct', code: '46713006' }] },
            dose: { value: 56, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' },
          },
          extension: [{ url: `${ONSET}/StructureDefinition/dose-setting`, valueCode: 'clinic' }],
        },
        dose,
      ),
      post(
        'QuestionnaireResponse',
        {
          resourceType: 'QuestionnaireResponse',
          status: 'completed',
          questionnaire: '69737-5',
          subject: { reference: patient },
          authored: '2026-01-09T09:00:00Z',
          item: gad7.map((v, i) => ({
            linkId: String(i + 1),
            answer: [{ valueCoding: { system: 'http://loinc.org', code: codes[v] ?? String(v) } }],
          })),
        },
        response,
      ),
      post('Observation', score),
      post('AdverseEvent', {
        resourceType: 'AdverseEvent',
        actuality: 'actual',
        event: { coding: [{ system: `${ONSET}/CodeSystem/adverse-event-category`, code: 'bp-rise' }] },
        subject: { reference: patient },
        date: '2026-01-10T10:40:00Z',
        severity: {
          coding: [{ system: 'http://terminology.hl7.org/CodeSystem/adverse-event-severity', code: 'moderate' }],
        },
        suspectEntity: [{ instance: { reference: dose } }],
      }),
    ],
  };
}

describeEachEngine('FHIR Bundles', (engine) => {
  let w: FhirWorld;
  beforeAll(async () => {
    w = await buildFhirWorld(engine);
  });
  afterAll(async () => {
    await w.close();
  });

  const postBundle = (bundle: unknown) =>
    w.app.inject({
      method: 'POST',
      url: '/fhir/R4',
      headers: { ...w.clinician, 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(bundle),
    });

  it('a transaction creates every entry, resolving urn:uuid references between them', async () => {
    const response = await postBundle(aTransaction('T-1'));
    expect(response.statusCode).toBe(200);
    const result = response.json<Bundle>();
    expect(result.type).toBe('transaction-response');
    expect(result.entry?.map((e) => e.response?.status)).toEqual([
      '201 Created',
      '201 Created',
      '201 Created',
      '201 Created',
      '200 OK',
      '201 Created',
    ]);
    const patient = await patientRepository.findByLabel(w.a.db, w.a.clinicId, 'T-1');
    expect(patient).toBeDefined();
    const [assessment] = await assessmentService.loadForPatient(w.a, patient!.id);
    // 2+2+2+1+1+1+1 = 10: moderate (10–14, Spitzer 2006); imported, so its source says so.
    expect(assessment).toMatchObject({ instrument: 'gad7', total: 10, band: 'moderate', source: 'import' });
    const [event] = await adverseEventService.loadForPatient(w.a, patient!.id);
    const doseId = result.entry?.[2]?.response?.location?.split('/')[1];
    expect(event).toMatchObject({ category: 'bp-rise', grade: 2, doseId });
    // The score Observation's location is the one computed from the stored response.
    expect(result.entry?.[4]?.response?.location).toBe(`Observation/${assessment!.id}`);
    expect(schemaErrors(result)).toEqual([]);
  });

  it('a malformed transaction is refused whole: one OperationOutcome names every entry and element, nothing is written', async () => {
    const before = await footprint(w.a);
    const bundle = aTransaction('T-2', [2, 2, 2, 9, 1, 1, 1]);
    const entries = bundle.entry!;
    delete (entries[2]!.resource as { dosage?: unknown }).dosage;
    (entries[5]!.resource as { suspectEntity: unknown }).suspectEntity = [
      { instance: { reference: 'urn:uuid:not-in-this-bundle' } },
    ];
    entries.push({
      resource: { resourceType: 'Encounter', status: 'finished', class: { code: 'AMB' } },
      request: { method: 'POST', url: 'Encounter' },
    });
    const response = await postBundle(bundle);
    expect(response.statusCode).toBe(400);
    const outcome = response.json<OperationOutcome>();
    expect(outcome.issue.map((i) => i.expression?.[0])).toEqual([
      'Bundle.entry[2].resource.dosage',
      'Bundle.entry[3].resource.item[3].answer[0].valueCoding',
      'Bundle.entry[5].resource.suspectEntity[0].instance',
      'Bundle.entry[6].resource.resourceType',
    ]);
    expect(outcome.issue[1]?.diagnostics).toMatch(
      /^http:\/\/loinc\.org\|9 is not an answer to item 4; allowed codes: LA6568-5 \(0\)/,
    );
    expect(outcome.issue[2]?.diagnostics).toMatch(/does not resolve/);
    expect(schemaErrors(outcome)).toEqual([]);
    expect(await footprint(w.a)).toEqual(before);
  });

  it('refusals found while writing (a taken label, an unknown stored patient) also roll everything back', async () => {
    const before = await footprint(w.a);
    const bundle = aTransaction('P1'); // P1 is taken in clinic A
    bundle.entry!.push(
      post('MedicationStatement', {
        resourceType: 'MedicationStatement',
        status: 'active',
        medicationCodeableConcept: {
          text: 'Lorazepam',
          coding: [{ system: `${ONSET}/CodeSystem/drug-class`, code: 'benzodiazepine' }],
        },
        subject: { reference: 'Patient/9f9f9f9f-0000-4000-8000-000000000000' },
        effectivePeriod: { start: '2025-12-01' },
      }),
    );
    const response = await postBundle(bundle);
    expect(response.statusCode).toBe(400);
    expect(
      response.json<OperationOutcome>().issue.map((i) => `${i.expression?.[0] ?? ''}: ${i.diagnostics ?? ''}`),
    ).toEqual([
      'Bundle.entry[0].resource.identifier[0]: another patient in this clinic already has the label "P1"',
      'Bundle.entry[1].resource.patient: refers to Bundle.entry[0], which was refused',
      'Bundle.entry[2].resource.subject: refers to Bundle.entry[0], which was refused',
      'Bundle.entry[2].resource.context: refers to Bundle.entry[1], which was refused',
      'Bundle.entry[3].resource.subject: refers to Bundle.entry[0], which was refused',
      'Bundle.entry[5].resource.subject: refers to Bundle.entry[0], which was refused',
      'Bundle.entry[5].resource.suspectEntity[0].instance: refers to Bundle.entry[2], which was refused',
      'Bundle.entry[6].resource.subject: no patient 9f9f9f9f-0000-4000-8000-000000000000 in this clinic',
    ]);
    expect(await footprint(w.a)).toEqual(before);
  });

  it('a batch answers entry by entry: the good one is stored, the bad one explained', async () => {
    const good = { resourceType: 'Patient', identifier: [{ system: LABEL_SYSTEM, value: 'B-1' }] };
    const bad = { resourceType: 'Patient', identifier: [{ system: LABEL_SYSTEM, value: 'B-2' }], birthDate: '1890' };
    const response = await postBundle({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [post('Patient', good as Resource), post('Patient', bad as Resource)],
    });
    expect(response.statusCode).toBe(200);
    const result = response.json<Bundle>();
    expect(result.entry?.[0]?.response?.status).toBe('201 Created');
    expect(result.entry?.[1]?.response).toMatchObject({
      status: '400 Bad Request',
      outcome: {
        issue: [{ expression: ['Bundle.entry[1].resource.birthDate'], diagnostics: 'must be at least 1900' }],
      },
    });
    expect(await patientRepository.findByLabel(w.a.db, w.a.clinicId, 'B-1')).toBeDefined();
    expect(await patientRepository.findByLabel(w.a.db, w.a.clinicId, 'B-2')).toBeUndefined();
  });

  it('refuses what is not a transaction or batch Bundle', async () => {
    const response = await postBundle({ resourceType: 'Bundle', type: 'collection', entry: [] });
    expect(response.statusCode).toBe(400);
    expect(response.json<OperationOutcome>().issue[0]?.expression).toEqual(['Bundle.type']);
    const notJson = await w.app.inject({
      method: 'POST',
      url: '/fhir/R4',
      headers: { ...w.clinician, 'content-type': 'application/fhir+json' },
      payload: '{"resourceType":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json<OperationOutcome>().issue[0]?.code).toBe('structure');
  });

  const patients = (n: number, birthDate: string, prefix: string): BundleEntry[] =>
    Array.from({ length: n }, (_, i) =>
      post('Patient', {
        resourceType: 'Patient',
        identifier: [{ system: LABEL_SYSTEM, value: `${prefix}-${i}` }],
        birthDate,
      }),
    );

  it('refuses a Bundle of more entries than the limit before reading any, naming entry and the limit; nothing is written', async () => {
    expect(MAX_BUNDLE_ENTRIES).toBe(1000);
    const before = await footprint(w.a);
    for (const type of ['transaction', 'batch']) {
      // Every entry is a good patient: without the limit all 1,001 would be stored.
      const response = await postBundle({ resourceType: 'Bundle', type, entry: patients(1001, '1990', `CAP-${type}`) });
      expect(response.statusCode, type).toBe(400);
      expect(response.json<OperationOutcome>().issue, type).toEqual([
        {
          severity: 'error',
          code: 'invalid',
          diagnostics: 'has 1001 entries; a Bundle may have at most 1000: split it into smaller Bundles',
          details: {
            text: 'Bundle.entry: has 1001 entries; a Bundle may have at most 1000: split it into smaller Bundles',
          },
          expression: ['Bundle.entry'],
        },
      ]);
    }
    expect(await footprint(w.a)).toEqual(before);
  });

  it('lists at most 100 problems of a refused transaction, then one issue saying how many more', async () => {
    const before = await footprint(w.a);
    const response = await postBundle({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: patients(300, '1890', 'MANY'),
    });
    expect(response.statusCode).toBe(400);
    const { issue } = response.json<OperationOutcome>();
    expect(issue).toHaveLength(MAX_ISSUES + 1);
    expect(issue[0]).toMatchObject({
      expression: ['Bundle.entry[0].resource.birthDate'],
      diagnostics: 'must be at least 1900',
    });
    expect(issue[99]?.expression).toEqual(['Bundle.entry[99].resource.birthDate']);
    expect(issue[100]).toMatchObject({
      severity: 'information',
      diagnostics: '200 more problems were found and not listed (300 in all; the first 100 are above)',
    });
    expect(await footprint(w.a)).toEqual(before);
  });

  it('a Bundle at the limit is read entry by entry, not refused for its size', async () => {
    const response = await postBundle({
      resourceType: 'Bundle',
      type: 'transaction',
      entry: patients(MAX_BUNDLE_ENTRIES, '1890', 'FULL'),
    });
    expect(response.statusCode).toBe(400);
    const { issue } = response.json<OperationOutcome>();
    expect(issue[0]?.expression).toEqual(['Bundle.entry[0].resource.birthDate']);
    expect(issue[MAX_ISSUES]?.diagnostics).toBe(
      '900 more problems were found and not listed (1000 in all; the first 100 are above)',
    );
  });
});
