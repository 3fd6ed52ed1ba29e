import type { AddressInfo } from 'node:net';
import type {
  Bundle,
  CapabilityStatement,
  Observation,
  OperationOutcome,
  QuestionnaireResponse,
} from '@medplum/fhirtypes';
import { Client } from 'fhir-kit-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/databases.js';
import { buildFhirWorld, type FhirWorld } from './fhir-world.js';

/** A real FHIR client library (fhir-kit-client) against the running server, over HTTP. */
describeEachEngine('a FHIR client talks to Onset', (engine) => {
  let w: FhirWorld;
  let client: Client;
  beforeAll(async () => {
    w = await buildFhirWorld(engine);
    await w.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = w.app.server.address() as AddressInfo;
    client = new Client({
      baseUrl: `http://127.0.0.1:${port}/fhir/R4`,
      bearerToken: (w.clinician.authorization ?? '').slice('Bearer '.length),
    });
  });
  afterAll(async () => {
    await w.close();
  });

  it('reads the CapabilityStatement, creates a QuestionnaireResponse and searches it back', async () => {
    const statement = (await client.capabilityStatement()) as unknown as CapabilityStatement;
    const served = statement.rest?.[0]?.resource?.find((r) => r.type === 'QuestionnaireResponse');
    expect(served?.interaction?.map((i) => i.code)).toEqual(['read', 'search-type', 'create']);

    const body: QuestionnaireResponse = {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      questionnaire: 'http://loinc.org/q/69737-5',
      subject: { reference: `Patient/${w.ids.patient}` },
      authored: '2026-01-06T08:30:00+01:00',
      item: ['LA6570-1', 'LA6570-1', 'LA6569-3', 'LA6569-3', 'LA6568-5', 'LA6568-5', 'LA6569-3'].map((code, i) => ({
        linkId: String(i + 1),
        answer: [{ valueCoding: { system: 'http://loinc.org', code } }],
      })),
    };
    const created = (await client.create({
      resourceType: 'QuestionnaireResponse',
      body: body as never,
    })) as unknown as QuestionnaireResponse;
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.authored).toBe('2026-01-06T07:30:00.000Z'); // stored in UTC

    const found = (await client.search({
      resourceType: 'QuestionnaireResponse',
      searchParams: { patient: `Patient/${w.ids.patient}`, questionnaire: '69737-5', authored: 'ge2026-01-06' },
    })) as unknown as Bundle;
    expect(found.entry?.map((e) => e.resource?.id)).toEqual([created.id]);

    // The score, read as an Observation: 2+2+1+1+0+0+1 = 7, mild (5–9, Spitzer 2006).
    const score = (await client.read({ resourceType: 'Observation', id: created.id ?? '' })) as unknown as Observation;
    expect(score).toMatchObject({ valueInteger: 7, interpretation: [{ text: 'mild' }] });
  });

  it('gets an OperationOutcome naming the element when it sends a bad answer', async () => {
    const body = {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      questionnaire: 'https://onset.health/fhir/Questionnaire/gad7',
      subject: { reference: `Patient/${w.ids.patient}` },
      authored: '2026-01-06T08:30:00Z',
      item: [{ linkId: '1', answer: [{ valueCoding: { system: 'http://loinc.org', code: 'LA6572-7' } }] }],
    };
    const error = (await client.create({ resourceType: 'QuestionnaireResponse', body }).catch((e: unknown) => e)) as {
      response?: { status: number; data: OperationOutcome };
    };
    expect(error.response?.status).toBe(400);
    expect(error.response?.data.issue[0]?.expression).toEqual(['QuestionnaireResponse.item[0].answer[0].valueCoding']);
  });
});
