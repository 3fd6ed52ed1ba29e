// A JSON null in a request body means "not recorded" and must arrive as null: the HTTP layer coerces
// query strings ("10" → 10) but never turns a body's null into 0, "" or false.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { issuePatientLink } from '../../src/auth/patient-link.service.js';
import { buildWorld, type ApiWorld } from '../support/api-world.js';

let world: ApiWorld;
beforeAll(async () => {
  world = await buildWorld('sqlite');
});
afterAll(async () => {
  await world.close();
});

it('keeps null fields of a record null (a birth year of null is not year 0, a name of null is not "")', async () => {
  const response = await world.app.inject({
    method: 'POST',
    url: '/api/v1/patients',
    headers: world.principals.clinician.headers,
    payload: { label: 'P-NULLS', name: null, birthYear: null, weightKg: null, sex: null },
  });
  expect(response.statusCode).toBe(201);
  expect(response.json()).toMatchObject({ label: 'P-NULLS', name: null, birthYear: null, weightKg: null, sex: null });
});

it('keeps the answers the C-SSRS skip logic leaves out as not asked, from a clinician and from a patient link', async () => {
  const skipped = [0, 0, null, null, null, 0, null];
  const byClinician = await world.app.inject({
    method: 'POST',
    url: '/api/v1/assessments',
    headers: world.principals.clinician.headers,
    payload: {
      patientId: world.ids.patients,
      instrument: 'cssrs',
      completedAt: '2026-02-01T10:00:00Z',
      answers: skipped,
    },
  });
  expect(byClinician.statusCode).toBe(201);
  expect(byClinician.json()).toMatchObject({
    total: 0,
    complete: true,
    answers: { '3': null, '4': null, '5': null, '6b': null },
  });

  const { token } = await issuePatientLink({ ...world.a, now: () => new Date() }, world.ids.patients ?? '', {
    purpose: 'questionnaire',
    instrument: 'cssrs',
  });
  const byPatient = await world.app.inject({
    method: 'POST',
    url: '/api/v1/link/responses',
    headers: { 'x-onset-link': token },
    payload: { answers: [0, 1, 0, 0, 0, 0, null] },
  });
  expect(byPatient.statusCode).toBe(201);
  const stored = await world.test.handle.db
    .selectFrom('assessments')
    .select(['answers', 'total', 'complete'])
    .where('instrument', '=', 'cssrs')
    .where('source', '!=', 'clinician')
    .execute();
  expect(stored.map((a) => ({ ...a, answers: JSON.parse(a.answers) as unknown }))).toEqual([
    { answers: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 0, '6': 0, '6b': null }, total: 1, complete: 1 },
  ]);
});

it('still reads numbers from a query string', async () => {
  const response = await world.app.inject({
    method: 'GET',
    url: '/api/v1/patients?limit=1',
    headers: world.principals.clinician.headers,
  });
  expect(response.statusCode).toBe(200);
});
