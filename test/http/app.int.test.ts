import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app/compose.js';
import { freshSqlite, type TestDatabase } from '../support/databases.js';

let test: TestDatabase;
let app: FastifyInstance;
beforeAll(async () => {
  test = await freshSqlite();
  app = await buildApp({ database: test.handle, logLevel: 'silent' });
});
afterAll(async () => {
  await app.close();
  await test.drop();
});

it('serves the clinician app at / (or, before a build, a page saying to run npm run build)', async () => {
  const response = await app.inject({ method: 'GET', url: '/' });
  expect(response.headers['content-type']).toMatch(/text\/html/);
  if (response.statusCode === 503) expect(response.body).toContain('npm run build');
  else {
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/<script type="module"[^>]+src="\/assets\//);
  }
});

it('reports health with the database engine', async () => {
  const response = await app.inject({ method: 'GET', url: '/healthz' });
  expect(response.json()).toEqual({ status: 'ok', database: 'ok', engine: 'sqlite' });
});

it('answers an unknown route with problem+json', async () => {
  const response = await app.inject({ method: 'GET', url: '/no/such/thing?x=1' });
  expect(response.statusCode).toBe(404);
  expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  expect(response.json()).toMatchObject({ code: 'NOT_FOUND', detail: 'no route GET /no/such/thing' });
});

it('serves metrics to administrators only, labelled by route pattern', async () => {
  expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
});

it('a request refused by a route schema names each field and why, like every other refusal', async () => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/link/status',
    payload: { token: { nested: 1 }, extra: true },
  });
  expect(response.statusCode).toBe(400);
  expect(response.json()).toMatchObject({
    code: 'VALIDATION_FAILED',
    problems: expect.arrayContaining([
      { field: 'token', reason: 'must be text' },
      { field: 'extra', reason: 'is not a known field' },
    ]) as unknown,
  });
});
