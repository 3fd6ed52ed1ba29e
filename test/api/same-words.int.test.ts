// One validator, one set of words: the same bad input reads the same over HTTP, from the service and from
// the FHIR facade (src/shared/validate.ts; the HTTP validator is src/http/validators.ts). Expected reasons
// are written out by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { doseService } from '../../src/doses/dose.service.js';
import { isOnsetError, type FieldProblem } from '../../src/shared/errors.js';
import { buildWorld, type ApiWorld } from '../support/api-world.js';

let world: ApiWorld;
beforeAll(async () => {
  world = await buildWorld('sqlite');
});
afterAll(async () => {
  await world.close();
});

async function overHttp(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<FieldProblem[]> {
  const response = await world.app.inject({
    method,
    url,
    headers: world.principals.clinician.headers,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  expect(response.statusCode).toBe(400);
  return response.json<{ problems: FieldProblem[] }>().problems;
}

async function fromService(body: unknown): Promise<FieldProblem[]> {
  try {
    await doseService.create({ ...world.a, now: () => new Date() }, body);
  } catch (error) {
    if (isOnsetError(error)) return [...error.problems];
    throw error;
  }
  throw new Error('expected the service to refuse the dose');
}

const reasonOf = (problems: FieldProblem[], field: string): string | undefined =>
  problems.find((p) => p.field === field)?.reason;

describe('a bad dose reads the same over HTTP and from the service', () => {
  const base = (): Record<string, unknown> => ({
    patientId: world.ids.patients,
    courseId: world.ids.courses,
    givenAt: '2026-02-01T10:00:00Z',
    drug: 'racemic-ketamine',
    route: 'iv',
    mg: 35,
    setting: 'clinic',
  });
  const cases: { name: string; change: (body: Record<string, unknown>) => void; field: string; reason: string }[] = [
    {
      name: 'a route not in the list',
      change: (b) => (b.route = 'rectal'),
      field: 'route',
      reason: 'must be one of: iv, im, intranasal, sublingual, oral',
    },
    { name: 'a dose below its minimum', change: (b) => (b.mg = 0), field: 'mg', reason: 'must be greater than 0' },
    { name: 'a missing field', change: (b) => delete b.givenAt, field: 'givenAt', reason: 'is required' },
    { name: 'an unknown field', change: (b) => (b.colour = 'blue'), field: 'colour', reason: 'is not a known field' },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const body = base();
      c.change(body);
      expect(reasonOf(await overHttp('POST', '/api/v1/doses', body), c.field)).toBe(c.reason);
      expect(reasonOf(await fromService(body), c.field)).toBe(c.reason);
    });
  }
});

describe('path and query parameters use the same words', () => {
  it('a bad record id in the path, over the API and over FHIR', async () => {
    expect(reasonOf(await overHttp('GET', '/api/v1/patients/not-a-uuid'), 'params.id')).toBe(
      'must be a record id (UUID)',
    );
    const fhir = await world.app.inject({
      method: 'GET',
      url: '/fhir/R4/Patient/not-a-uuid',
      headers: world.principals.clinician.headers,
    });
    expect(fhir.statusCode).toBe(400);
    expect(fhir.body).toContain('id: must be a record id (UUID)');
  });

  it('a query integer that is not a whole number', async () => {
    expect(reasonOf(await overHttp('GET', '/api/v1/patients?limit=2.5'), 'querystring.limit')).toBe(
      'must be a whole number',
    );
  });
});
