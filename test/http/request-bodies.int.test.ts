// Request bodies are JSON with a JSON media type: a key given twice is refused naming it (JSON.parse
// would keep the last), and a body without Content-Type or with another type is refused with 415.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { patientRepository } from '../../src/patients/patient.repository.js';
import { buildWorld, type ApiWorld } from '../support/api-world.js';
import { describeEachEngine } from '../support/databases.js';

const LABEL_SYSTEM = 'https://onset.health/fhir/patient-label';

describeEachEngine('request bodies', (engine) => {
  let w: ApiWorld;
  beforeAll(async () => {
    w = await buildWorld(engine);
  });
  afterAll(async () => {
    await w.close();
  });

  const send = (url: string, payload: string, contentType?: string) =>
    w.app.inject({
      method: 'POST',
      url,
      headers: {
        ...w.principals.clinician.headers,
        ...(contentType === undefined ? {} : { 'content-type': contentType }),
      },
      payload,
    });
  const stored = async (label: string): Promise<boolean> =>
    (await patientRepository.findByLabel(w.a.db, w.a.clinicId, label)) !== undefined;
  const fhirPatient = (label: string): string =>
    JSON.stringify({ resourceType: 'Patient', identifier: [{ system: LABEL_SYSTEM, value: label }] });

  it('refuses a key given twice on /api/v1, naming it; nothing is written', async () => {
    const response = await send('/api/v1/patients', '{"label": "DUP-1", "label": "DUP-2"}', 'application/json');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      problems: [{ field: 'label', reason: 'appears twice in the same object; send each field once' }],
    });
    expect(await stored('DUP-1')).toBe(false);
    expect(await stored('DUP-2')).toBe(false);
  });

  it('refuses a key given twice on /fhir/R4, naming the element', async () => {
    const body = `{"resourceType": "Patient", "identifier": [{"system": "${LABEL_SYSTEM}", "value": "DUP-3", "value": "DUP-4"}]}`;
    const response = await send('/fhir/R4/Patient', body, 'application/fhir+json');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'invalid', expression: ['Patient.identifier[0].value'] }],
    });
    expect(await stored('DUP-4')).toBe(false);
  });

  it('refuses a body without Content-Type, or of another media type, with 415', async () => {
    for (const contentType of [
      undefined,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const api = await send('/api/v1/patients', '{"label": "CT-1"}', contentType);
      expect(api.statusCode, String(contentType)).toBe(415);
      expect(api.json(), String(contentType)).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
      const fhir = await send('/fhir/R4/Patient', fhirPatient('CT-2'), contentType);
      expect(fhir.statusCode, String(contentType)).toBe(415);
      expect(fhir.json(), String(contentType)).toMatchObject({
        resourceType: 'OperationOutcome',
        issue: [{ code: 'not-supported' }],
      });
    }
    expect(await stored('CT-1')).toBe(false);
    expect(await stored('CT-2')).toBe(false);
  });

  it('takes application/json on /api/v1 and application/fhir+json (and application/json) on /fhir/R4', async () => {
    expect((await send('/api/v1/patients', '{"label": "OK-1"}', 'application/json; charset=utf-8')).statusCode).toBe(
      201,
    );
    expect(
      (await send('/fhir/R4/Patient', fhirPatient('OK-2'), 'application/fhir+json; charset=utf-8')).statusCode,
    ).toBe(201);
    expect((await send('/fhir/R4/Patient', fhirPatient('OK-3'), 'application/json')).statusCode).toBe(201);
    for (const label of ['OK-1', 'OK-2', 'OK-3']) expect(await stored(label), label).toBe(true);
  });
});
