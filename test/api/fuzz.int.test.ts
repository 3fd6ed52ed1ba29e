import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/http/route-table.js';
import { buildWorld, type ApiWorld } from '../support/api-world.js';

/**
 * Property-based fuzzing of every JSON body and query the API declares: whatever arrives, the server
 * never answers 5xx, and a refused request changes nothing in the database.
 */
let world: ApiWorld;
beforeAll(async () => {
  world = await buildWorld('sqlite');
});
afterAll(async () => {
  await world.close();
});

async function snapshot(): Promise<string> {
  const tables = await world.test.handle.db.introspection.getTables();
  const counts: string[] = [];
  for (const table of tables) {
    const row = await world.test.handle.db
      .selectFrom(table.name as 'patients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts.push(`${table.name}=${row.n}`);
  }
  // Row contents matter too: a refused PATCH must not change the row it named.
  const patients = await world.test.handle.db.selectFrom('patients').selectAll().orderBy('id').execute();
  const doses = await world.test.handle.db.selectFrom('doses').selectAll().orderBy('id').execute();
  return JSON.stringify([counts, patients, doses]);
}

function headersFor(route: RouteEntry): Record<string, string> {
  const { access } = route;
  if (access === 'public') return {};
  if (access === 'link:questionnaire' || access === 'link:any') return world.principals.ownQuestionnaire.headers;
  if (access === 'link:progress') return world.principals.ownProgress.headers;
  return access.includes('clinician') ? world.principals.clinician.headers : world.principals.admin.headers;
}

function urlFor(route: RouteEntry): string {
  return route.url.replace(
    /\/([a-z-]+)\/:id/g,
    (_m, resource: string) => `/${resource}/${world.ids[resource] ?? '00000000-0000-4000-8000-000000000000'}`,
  );
}

/** Arbitrary JSON, and objects shaped like the schema with wrong, missing or extra values. */
function bodies(schema: unknown): fc.Arbitrary<unknown> {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  const keys = Object.keys(properties);
  const shaped =
    keys.length === 0
      ? fc.constant({})
      : fc.dictionary(
          fc.constantFrom(...keys, 'unexpected'),
          fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string(), fc.integer(), fc.double(), fc.constant(null)),
          { maxKeys: keys.length + 1 },
        );
  return fc.oneof(fc.jsonValue({ maxDepth: 3 }), shaped);
}

const QUERY_KEYS = ['patient', 'limit', 'offset', 'status', 'rule', 'instrument', 'from', 'to'];

it('no body or query makes the server fail, and a refused request writes nothing', async () => {
  const routes = world.app.routeTable.entries.filter(
    (r) => r.url.startsWith('/api/v1') && !(r.method === 'DELETE' && r.url === '/api/v1/session'),
  );
  expect(routes.length).toBeGreaterThan(40);
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  for (const route of routes) {
    const hasBody = ['POST', 'PATCH', 'PUT'].includes(route.method);
    const arbitrary = fc.record({
      body: hasBody ? bodies(route.body) : fc.constant(undefined),
      query: fc.dictionary(
        fc.constantFrom(...QUERY_KEYS),
        fc.oneof(fc.string({ maxLength: 40 }), fc.integer().map(String)),
        { maxKeys: 3 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ body, query }) => {
        const before = await snapshot();
        const response = await world.app.inject({
          method: route.method as 'GET',
          url: urlFor(route),
          query,
          headers: { ...headersFor(route), ...(hasBody ? { 'content-type': 'application/json' } : {}) },
          ...(hasBody ? { payload: JSON.stringify(body) } : {}),
        });
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
        if (response.statusCode >= 500)
          problems.push(`${route.method} ${route.url} → ${response.statusCode} for ${JSON.stringify({ body, query })}`);
        if (response.statusCode >= 400 && (await snapshot()) !== before) {
          problems.push(
            `${route.method} ${route.url} → ${response.statusCode} changed the database for ${JSON.stringify({ body, query })}`,
          );
        }
        return problems.length === 0;
      }),
      { numRuns: 15, seed: 20261126 },
    );
  }
  expect(problems).toEqual([]);
  // The fuzz reached both refusals and acceptances (a fuzz that only ever hit 401 would prove nothing).
  expect(statuses.get(400) ?? 0).toBeGreaterThan(100);
  expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
  expect(statuses.get(401) ?? 0).toBe(0);
}, 300_000);
