import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildWorld, type ApiWorld } from '../support/api-world.js';

let world: ApiWorld;
beforeAll(async () => {
  world = await buildWorld('sqlite');
});
afterAll(async () => {
  await world.close();
});

it('metrics count requests by route pattern, never by concrete URL, and only administrators read them', async () => {
  await world.app.inject({
    method: 'GET',
    url: `/api/v1/patients/${world.ids.patients}`,
    headers: world.principals.clinician.headers,
  });
  expect(
    (await world.app.inject({ method: 'GET', url: '/metrics', headers: world.principals.clinician.headers }))
      .statusCode,
  ).toBe(403);
  const response = await world.app.inject({ method: 'GET', url: '/metrics', headers: world.principals.admin.headers });
  expect(response.statusCode).toBe(200);
  expect(response.body).toMatch(
    /onset_http_request_duration_ms_count\{method="GET",route="\/api\/v1\/patients\/:id",status="2xx"\} 1/,
  );
  expect(response.body).toMatch(/onset_process_resident_memory_bytes \d+/);
  expect(response.body).not.toContain(world.ids.patients);
});
