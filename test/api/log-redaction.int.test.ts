import { Writable } from 'node:stream';
import { afterAll, expect, it } from 'vitest';
import { buildApp } from '../../src/app/compose.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext } from '../support/builders.js';
import { freshSqlite } from '../support/databases.js';
import { PASSWORD, signInHeaders } from '../support/api-world.js';

const sqlite = await freshSqlite();
afterAll(async () => {
  await sqlite.drop();
});

it('application logs carry requests but no patient data, passwords, cookies or tokens', async () => {
  let logged = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged += chunk.toString();
      done();
    },
  });
  const app = await buildApp({ database: sqlite.handle, logLevel: 'info', logStream: stream });
  const ctx = await aClinicContext(sqlite.handle);
  const user = await createUser(ctx, { email: 'logger@example.org', role: 'clinician', password: PASSWORD });
  const headers = await signInHeaders(app, user.email);
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/patients',
    headers,
    payload: { label: 'MRN-LOGCHECK-77', name: 'Zebedee Quirrell', email: 'zebedee@example.org', conditions: ['ptsd'] },
  });
  expect(created.statusCode).toBe(201);
  const patientId = created.json<{ id: string }>().id;
  const link = await app.inject({
    method: 'POST',
    url: `/api/v1/patients/${patientId}/links`,
    headers,
    payload: { purpose: 'questionnaire', instrument: 'gad7' },
  });
  const token = link.json<{ token: string }>().token;
  await app.inject({
    method: 'POST',
    url: '/api/v1/link/responses',
    headers: { 'x-onset-link': token },
    payload: { answers: [3, 3, 3, 3, 3, 3, 2] },
  });
  await app.inject({ method: 'POST', url: '/api/v1/patients', headers, payload: { label: 'MRN-LOGCHECK-77' } }); // a refused write
  await app.close();

  expect(logged).toMatch(/"route":"\/api\/v1\/patients"/); // requests are logged…
  for (const secret of [
    'MRN-LOGCHECK-77',
    'Zebedee',
    'zebedee@example.org',
    PASSWORD,
    token,
    'ses_',
    '[3,3,3,3,3,3,2]',
    headers['x-csrf-token']!,
  ]) {
    expect(logged, `log contains ${secret}`).not.toContain(secret); // …but none of this
  }
});
