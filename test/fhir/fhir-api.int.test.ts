import type { Bundle, OperationOutcome, QuestionnaireResponse } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAlerts } from '../../src/alerts/alert.service.js';
import { assessmentService } from '../../src/assessments/assessment.service.js';
import { listEntries } from '../../src/audit/audit.repository.js';
import { describeEachEngine } from '../support/databases.js';
import { bundleSchemaErrors, schemaErrors } from './fhir-schema.js';
import { buildFhirWorld, type FhirWorld } from './fhir-world.js';

const LOINC = 'http://loinc.org';
const FREQUENCY = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9']; // 0…3 on GAD-7 and PHQ-9

function aResponse(
  patientId: string,
  questionnaire: string,
  values: number[],
  authored = '2026-01-04T09:00:00Z',
): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire,
    subject: { reference: `Patient/${patientId}` },
    authored,
    item: values.map((v, i) => ({
      linkId: String(i + 1),
      answer: [{ valueCoding: { system: LOINC, code: FREQUENCY[v] ?? 'none' } }],
    })),
  };
}

describeEachEngine('FHIR R4 facade', (engine) => {
  let w: FhirWorld;
  beforeAll(async () => {
    w = await buildFhirWorld(engine);
  });
  afterAll(async () => {
    await w.close();
  });

  const get = (url: string, headers = w.clinician) => w.app.inject({ method: 'GET', url, headers });
  const post = (url: string, payload: unknown, headers = w.clinician) =>
    w.app.inject({
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/fhir+json' },
      payload: JSON.stringify(payload),
    });

  describe('access', () => {
    it('serves the CapabilityStatement to clinicians and admins as application/fhir+json', async () => {
      const response = await get('/fhir/R4/metadata');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
      const statement = response.json<{ resourceType: string; fhirVersion: string }>();
      expect(statement).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.0' });
      expect(schemaErrors(statement)).toEqual([]);
      expect((await get('/fhir/R4/metadata', w.admin)).statusCode).toBe(200);
    });

    it('refuses researchers, anonymous callers and cookie writes without CSRF, as OperationOutcomes', async () => {
      const researcher = await get('/fhir/R4/Patient', w.researcher);
      expect(researcher.statusCode).toBe(403);
      expect(researcher.json<OperationOutcome>().issue[0]).toMatchObject({ severity: 'error', code: 'forbidden' });
      const anonymous = await get('/fhir/R4/Patient', {});
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json<OperationOutcome>().issue[0]?.code).toBe('login');
      const { 'x-csrf-token': _csrf, ...cookieOnly } = w.session;
      const noCsrf = await post('/fhir/R4/Patient', { resourceType: 'Patient' }, cookieOnly);
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.headers['content-type']).toMatch(/^application\/fhir\+json/);
      expect((await get('/fhir/R4/Patient', w.session)).statusCode).toBe(200);
    });

    it("another clinic's token sees none of clinic A's records", async () => {
      expect((await get(`/fhir/R4/Patient/${w.ids.patient}`, w.otherClinic)).statusCode).toBe(404);
      const search = await get('/fhir/R4/Patient?identifier=P1', w.otherClinic);
      expect(search.json<Bundle>().total).toBe(0);
    });

    it('answers an unknown interaction with an OperationOutcome', async () => {
      const response = await get('/fhir/R4/Encounter');
      expect(response.statusCode).toBe(404);
      expect(response.json<OperationOutcome>().issue[0]?.code).toBe('not-supported');
    });
  });

  describe('Patient', () => {
    it('creates, reads and searches by identifier and name', async () => {
      const created = await post('/fhir/R4/Patient', {
        resourceType: 'Patient',
        identifier: [{ system: 'https://onset.health/fhir/patient-label', value: 'MRN-204' }],
        name: [{ given: ['Zoë'], family: 'Brontë' }],
        gender: 'female',
        birthDate: '1979',
      });
      expect(created.statusCode).toBe(201);
      const patient = created.json<{ id: string }>();
      expect(created.headers.location).toMatch(new RegExp(`/fhir/R4/Patient/${patient.id}$`));
      expect((await get(`/fhir/R4/Patient/${patient.id}`)).json()).toMatchObject({
        identifier: [{ value: 'MRN-204' }],
        name: [{ text: 'Zoë Brontë' }],
        birthDate: '1979',
      });
      const byLabel = await get('/fhir/R4/Patient?identifier=https://onset.health/fhir/patient-label|MRN-204');
      expect(byLabel.json<Bounded>().entry.map((e) => e.resource.id)).toEqual([patient.id]);
      // FHIR string search: case- and accent-insensitive, from the start of any part of the name.
      const byName = await get('/fhir/R4/Patient?name=bronte');
      expect(byName.json<Bounded>().entry.map((e) => e.resource.id)).toEqual([patient.id]);
      expect((await get('/fhir/R4/Patient?name=ront')).json<Bundle>().total).toBe(0);
      expect((await get('/fhir/R4/Patient?name:contains=ront')).json<Bundle>().total).toBe(1);
      expect(bundleSchemaErrors(byName.json<Bundle>() as never)).toEqual([]);
    });

    it('refuses a bad Patient naming each element, and a taken label', async () => {
      const bad = await post('/fhir/R4/Patient', {
        resourceType: 'Patient',
        identifier: [{ system: 'https://onset.health/fhir/patient-label', value: 'P1' }],
        gender: 'f',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<OperationOutcome>().issue.map((i) => [i.expression?.[0], i.diagnostics])).toEqual([
        ['Patient.gender', '"f" is not one of: female, male, other, unknown'],
      ]);
      const taken = await post('/fhir/R4/Patient', {
        resourceType: 'Patient',
        identifier: [{ system: 'https://onset.health/fhir/patient-label', value: 'P1' }],
      });
      expect(taken.statusCode).toBe(400);
      expect(taken.json<OperationOutcome>().issue[0]).toMatchObject({
        expression: ['Patient.identifier[0]'],
        diagnostics: 'another patient in this clinic already has the label "P1"',
      });
    });
  });

  describe('Questionnaire', () => {
    it('reads the library and finds GAD-7 by its LOINC panel code', async () => {
      const gad7 = await get('/fhir/R4/Questionnaire/gad7');
      expect(gad7.json()).toMatchObject({
        resourceType: 'Questionnaire',
        url: 'https://onset.health/fhir/Questionnaire/gad7',
      });
      const byCode = await get('/fhir/R4/Questionnaire?code=http://loinc.org|69737-5');
      expect(byCode.json<Bounded>().entry.map((e) => e.resource.id)).toEqual(['gad7']);
      expect((await get('/fhir/R4/Questionnaire')).json<Bundle>().total).toBe(13); // the twelve instruments and the 24-hour anxiety check-in
      expect((await get('/fhir/R4/Questionnaire/bdi')).statusCode).toBe(404);
    });
  });

  describe('QuestionnaireResponse and Observation', () => {
    it('creates a response exactly as a form submission: scored, audited, safety rules run', async () => {
      // PHQ-9 named by its LOINC panel; item 9 answered "several days" (1) must raise the suicidality alert.
      const values = [2, 2, 1, 1, 1, 1, 1, 1, 1];
      const response = await post(
        '/fhir/R4/QuestionnaireResponse',
        aResponse(w.ids.patient, '44249-1', values, '2026-01-06T09:00:00Z'),
      );
      expect(response.statusCode).toBe(201);
      const created = response.json<QuestionnaireResponse & { id: string }>();
      expect(created.questionnaire).toBe('https://onset.health/fhir/Questionnaire/phq9');
      const stored = await assessmentService.get(w.a, created.id);
      // 2+2+1+1+1+1+1+1+1 = 11: moderate (10–14, Kroenke 2001); entered by the API user, as a clinician.
      expect(stored).toMatchObject({ instrument: 'phq9', total: 11, band: 'moderate', source: 'clinician' });
      const alerts = await listAlerts(w.a, { patientId: w.ids.patient });
      expect(alerts.map((a) => a.rule)).toContain('suicidality');
      const audit = await listEntries(w.a.db, w.a.clinicId, { patientId: w.ids.patient });
      expect(audit.some((e) => e.action === 'create' && e.entity === 'assessment' && e.entity_id === created.id)).toBe(
        true,
      );

      const observation = await get(`/fhir/R4/Observation/${created.id}`);
      expect(observation.json()).toMatchObject({
        code: { coding: expect.arrayContaining([{ system: LOINC, code: '44261-6' }]) as unknown },
        valueInteger: 11,
      });
      expect(schemaErrors(observation.json())).toEqual([]);
    });

    it('searches responses by patient, questionnaire (URL or LOINC) and date, and scores by LOINC code', async () => {
      await post(
        '/fhir/R4/QuestionnaireResponse',
        aResponse(
          w.ids.patient,
          'https://onset.health/fhir/Questionnaire/gad7',
          [3, 3, 2, 2, 2, 2, 2],
          '2026-01-04T09:00:00Z',
        ),
      );
      await post(
        '/fhir/R4/QuestionnaireResponse',
        aResponse(w.ids.patient, 'http://loinc.org/q/69737-5', [1, 1, 1, 1, 0, 0, 0], '2026-01-20T09:00:00Z'),
      );
      const ids = async (url: string): Promise<string[]> =>
        (await get(url)).json<Bounded>().entry.map((e) => e.resource.authored ?? e.resource.effectiveDateTime ?? '');
      const patient = `patient=Patient/${w.ids.patient}`;
      expect(await ids(`/fhir/R4/QuestionnaireResponse?${patient}&questionnaire=69737-5`)).toEqual([
        '2026-01-04T09:00:00.000Z',
        '2026-01-20T09:00:00.000Z',
      ]);
      expect(
        await ids(
          `/fhir/R4/QuestionnaireResponse?${patient}&questionnaire=https://onset.health/fhir/Questionnaire/gad7&authored=ge2026-01-10`,
        ),
      ).toEqual(['2026-01-20T09:00:00.000Z']);
      expect(await ids(`/fhir/R4/QuestionnaireResponse?subject=${w.ids.patient}&date=2026-01-04`)).toEqual([
        '2026-01-04T09:00:00.000Z',
      ]);
      expect(await ids(`/fhir/R4/Observation?${patient}&code=http://loinc.org|70274-6&date=lt2026-01-10`)).toEqual([
        '2026-01-04T09:00:00.000Z',
      ]);
      const searchset = (await get(`/fhir/R4/QuestionnaireResponse?${patient}`)).json<Bundle>();
      expect(bundleSchemaErrors(searchset as never)).toEqual([]);
    });

    it('refuses an answer out of range, naming the element, and stores nothing', async () => {
      const before = (await assessmentService.loadForPatient(w.a, w.ids.patient)).length;
      const body = aResponse(w.ids.patient, 'https://onset.health/fhir/Questionnaire/gad7', [0, 0, 0, 0, 0, 0, 0]);
      body.item![2]!.answer = [{ valueInteger: 4 }];
      const refused = await post('/fhir/R4/QuestionnaireResponse', body);
      expect(refused.statusCode).toBe(400);
      const outcome = refused.json<OperationOutcome>();
      expect(outcome.issue).toEqual([
        expect.objectContaining({
          severity: 'error',
          code: 'invalid',
          expression: ['QuestionnaireResponse.item[2].answer[0]'],
          diagnostics: '4 is outside 0–3',
        }),
      ]);
      expect(schemaErrors(outcome)).toEqual([]);
      expect((await assessmentService.loadForPatient(w.a, w.ids.patient)).length).toBe(before);
    });

    it('refuses a response for a patient of another clinic', async () => {
      const refused = await post(
        '/fhir/R4/QuestionnaireResponse',
        aResponse(w.ids.patient, '69737-5', [0, 0, 0, 0, 0, 0, 0]),
        w.otherClinic,
      );
      expect(refused.statusCode).toBe(400);
      expect(refused.json<OperationOutcome>().issue[0]).toMatchObject({
        expression: ['QuestionnaireResponse.subject'],
        diagnostics: `no patient ${w.ids.patient} in this clinic`,
      });
    });

    it('refuses an unknown search parameter rather than returning everything', async () => {
      const response = await get('/fhir/R4/QuestionnaireResponse?patiant=x&_count=abc');
      expect(response.statusCode).toBe(400);
      expect(response.json<OperationOutcome>().issue.map((i) => i.expression?.[0])).toEqual(['patiant', '_count']);
    });
  });

  describe('MedicationAdministration and AdverseEvent', () => {
    it('reads and searches doses and adverse events', async () => {
      const dose = await get(`/fhir/R4/MedicationAdministration/${w.ids.dose}`);
      expect(dose.json()).toMatchObject({
        status: 'completed',
        dosage: { dose: { value: 35, code: 'mg' } },
        effectiveDateTime: '2026-01-05T10:00:00.000Z',
      });
      expect(schemaErrors(dose.json())).toEqual([]);
      const doses = await get(`/fhir/R4/MedicationAdministration?patient=${w.ids.patient}&effective-time=2026-01-05`);
      expect(doses.json<Bundle>().total).toBe(1);
      const event = await get(`/fhir/R4/AdverseEvent/${w.ids.adverseEvent}`);
      expect(event.json()).toMatchObject({
        suspectEntity: [{ instance: { reference: `MedicationAdministration/${w.ids.dose}` } }],
        severity: { coding: [{ code: 'mild' }] },
      });
      expect(
        (await get(`/fhir/R4/AdverseEvent?subject=Patient/${w.ids.patient}&date=ge2026-01-01`)).json<Bundle>().total,
      ).toBe(1);
      expect((await get(`/fhir/R4/EpisodeOfCare/${w.ids.course}`)).statusCode).toBe(200);
    });

    it('pages a search with _count and a next link', async () => {
      const first = (await get(`/fhir/R4/QuestionnaireResponse?patient=${w.ids.patient}&_count=1`)).json<Bundle>();
      expect(first.entry).toHaveLength(1);
      const next = first.link?.find((l) => l.relation === 'next')?.url ?? '';
      expect(next).toMatch(/_offset=1/);
      const second = (await get(next.slice(next.indexOf('/fhir/R4')))).json<Bundle>();
      expect(second.entry?.[0]?.resource?.id).not.toBe(first.entry?.[0]?.resource?.id);
    });
  });
});

interface Bounded {
  entry: { resource: { id: string; authored?: string; effectiveDateTime?: string } }[];
}
