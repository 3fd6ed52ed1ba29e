import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/http/route-table.js';
import { buildWorld, PASSWORD, type ApiWorld } from '../support/api-world.js';
import { describeEachEngine } from '../support/databases.js';

interface Answer {
  status: number;
  problems: { field: string; reason: string }[];
}

/**
 * Odd input is refused with a 400 that names the field and the reason, on both engines: numbers beyond
 * any page, text holding NUL (which PostgreSQL cannot store), and dates outside the years 1900–2100
 * (PostgreSQL has no year 0; SQLite stores any text). None of it may reach the database as a 500.
 */
describeEachEngine('odd input is a 400, never a 500', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildWorld(engine);
  });
  afterAll(async () => {
    await world.close();
  });

  const clinician = (): Record<string, string> => world.principals.clinician.headers;

  /** The answer's status and its field problems, from a problem document or an OperationOutcome. */
  async function send(method: 'GET' | 'POST', url: string, payload?: unknown, headers = clinician()): Promise<Answer> {
    const response = await world.app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    const body = response.json<{
      problems?: Answer['problems'];
      issue?: { expression?: string[]; diagnostics?: string }[];
    }>();
    const problems =
      body.problems ?? (body.issue ?? []).map((i) => ({ field: i.expression?.[0] ?? '', reason: i.diagnostics ?? '' }));
    return { status: response.statusCode, problems };
  }

  function expectRefused(answer: Answer, field: string, reason: RegExp): void {
    expect(answer.status, JSON.stringify(answer)).toBe(400);
    const problem = answer.problems.find((p) => p.field === field);
    expect(problem, JSON.stringify(answer.problems)).toBeDefined();
    expect(problem!.reason).toMatch(reason);
  }

  /** Every list the route table serves: API routes that page with `offset`, and every FHIR search. */
  function listRoutes(): { route: RouteEntry; param: string }[] {
    const pages = (r: RouteEntry): boolean =>
      (r.querystring as { properties?: Record<string, unknown> } | undefined)?.properties?.offset !== undefined;
    const fhirSearch = (r: RouteEntry): boolean => /^\/fhir\/R4\/[A-Z][A-Za-z]+$/.test(r.url);
    return world.app.routeTable.entries
      .filter((r) => r.method === 'GET' && (pages(r) || fhirSearch(r)))
      .map((route) => ({ route, param: fhirSearch(route) ? '_offset' : 'offset' }));
  }

  it('every list route refuses an offset of 1e308 or 99999999999999999999', async () => {
    const routes = listRoutes();
    // Eight record lists, alerts, due assessments, and nine FHIR searches at the time of writing.
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const wrong: string[] = [];
    for (const { route, param } of routes) {
      for (const offset of ['1e308', '99999999999999999999']) {
        const answer = await send('GET', `${route.url}?${param}=${offset}`);
        const field = param === 'offset' ? 'querystring.offset' : '_offset';
        const named = answer.problems.find((p) => p.field === field);
        if (answer.status !== 400 || named === undefined || !/1000000/.test(named.reason))
          wrong.push(`${route.url}?${param}=${offset} → ${answer.status} ${JSON.stringify(answer.problems)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a NUL in a body text field is refused in the same words as the service gives', async () => {
    expectRefused(
      await send('POST', '/api/v1/patients', { label: 'NUL\u0000LABEL' }),
      'label',
      /^must not contain a NUL character/,
    );
    expectRefused(
      await send('POST', '/api/v1/medications', {
        patientId: world.ids.patients,
        name: 'Sertra\u0000line',
        drugClass: 'ssri',
        startedOn: '2026-01-01',
      }),
      'name',
      /^must not contain a NUL character/,
    );
  });

  it('a NUL in a path id, a query parameter or a FHIR id is refused (an id as the API refuses it)', async () => {
    expectRefused(await send('GET', '/api/v1/patients/%00'), 'params.id', /UUID/);
    expectRefused(
      await send('GET', '/api/v1/cohort?instrument=gad7%00'),
      'querystring.instrument',
      /^must not contain a NUL character/,
    );
    expectRefused(
      await send('GET', '/api/v1/cohort?from=2026-01-01%00'),
      'querystring.from',
      /^must not contain a NUL character/,
    );
    expectRefused(await send('GET', '/fhir/R4/Patient/%00'), 'id', /^must be a record id \(UUID\)$/);
    expectRefused(
      await send('GET', '/fhir/R4/Observation/abc%00def'),
      'id',
      /^must be a record id \(UUID\), or a vital sign's: \{dose id\}\.\{reading\}/,
    );
    expectRefused(
      await send('GET', '/fhir/R4/Observation?patient=%00'),
      'patient',
      /^must not contain a NUL character/,
    );
    expectRefused(
      await send('GET', '/fhir/R4/Patient?identifier=P%00'),
      'identifier',
      /^must not contain a NUL character/,
    );
  });

  it('a NUL in a FHIR resource is refused, naming the element', async () => {
    const answer = await send('POST', '/fhir/R4/Patient', {
      resourceType: 'Patient',
      identifier: [{ system: 'https://onset.health/fhir/patient-label', value: 'FHIR\u0000NUL' }],
    });
    expect(answer.status, JSON.stringify(answer)).toBe(400);
    expect(answer.problems.map((p) => p.reason).join(' ')).toMatch(/must not contain a NUL character/);
  });

  it('a NUL in the sign-in e-mail is refused, not looked up', async () => {
    const answer = await send(
      'POST',
      '/api/v1/session',
      { email: 'clinician\u0000@example.org', password: PASSWORD },
      {},
    );
    expectRefused(answer, 'email', /^must not contain a NUL character/);
  });

  it('dates in year 0000 or 2101 are refused alike by the API, its query strings and the FHIR search', async () => {
    const medication = (startedOn: string): unknown => ({
      patientId: world.ids.patients,
      name: 'Sertraline',
      drugClass: 'ssri',
      startedOn,
    });
    const course = (startedAt: string): unknown => ({
      patientId: world.ids.patients,
      primaryInstrument: 'gad7',
      startedAt,
    });
    for (const year of ['0000', '2101']) {
      expectRefused(
        await send('POST', '/api/v1/medications', medication(`${year}-06-01`)),
        'startedOn',
        /^must be a calendar date, YYYY-MM-DD, in the years 1900–2100$/,
      );
      expectRefused(
        await send('POST', '/api/v1/courses', course(`${year}-06-01T09:00:00Z`)),
        'startedAt',
        /^must be an ISO-8601 date-time with a time zone, in the years 1900–2100/,
      );
      expectRefused(await send('GET', `/api/v1/cohort?from=${year}-01-01`), 'from', /in the years 1900–2100/);
      expectRefused(await send('GET', `/api/v1/due-assessments?from=${year}-01-01`), 'from', /in the years 1900–2100/);
      expectRefused(await send('GET', `/fhir/R4/Observation?date=ge${year}-01-01`), 'date', /in the years 1900–2100/);
    }
  });

  it('a weight of 5e-324 kg is refused, so mg/kg cannot become Infinity', async () => {
    expectRefused(
      await send('POST', '/api/v1/patients', { label: 'TINY-WEIGHT', weightKg: 5e-324 }),
      'weightKg',
      /^must be at least 2$/,
    );
    expectRefused(
      await send('POST', '/api/v1/patients', { label: 'HUGE-WEIGHT', weightKg: 501 }),
      'weightKg',
      /^must be at most 500$/,
    );
  });
});
