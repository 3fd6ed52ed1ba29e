import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../src/http/access.js';
import type { RouteEntry } from '../../src/http/route-table.js';
import { buildWorld, type ApiWorld, type Principal } from '../support/api-world.js';
import { describeEachEngine } from '../support/databases.js';

type Verdict = 'allow' | 401 | 403 | 'isolated';
type PrincipalKey = 'anonymous' | 'admin' | 'clinician' | 'researcher' | 'otherClinic' | 'otherPatientLink';

/** What the route's declared access means for each kind of caller. */
function expected(access: Access, principal: PrincipalKey): Verdict {
  if (access === 'public') return 'allow';
  if (typeof access === 'string') {
    // A patient link route: staff and anonymous are not links; another patient's link sees only its own patient.
    if (principal === 'otherPatientLink') return 'isolated';
    return 401;
  }
  switch (principal) {
    case 'anonymous':
    case 'otherPatientLink':
      return 401;
    case 'otherClinic':
      return access.includes('clinician') ? 'isolated' : 403;
    case 'admin':
    case 'clinician':
    case 'researcher':
      return access.includes(principal) ? 'allow' : 403;
  }
}

/** Fills `:id` from clinic A's records, by the resource the path names; an unknown parameter fails the test. */
function concreteUrl(url: string, ids: Record<string, string>): string {
  return url.replace(/\/([a-z-]+)\/:id/g, (_match, resource: string) => {
    const id = ids[resource];
    if (id === undefined) throw new Error(`the matrix does not know which record to use for ${url}; add one to the world`);
    return `/${resource}/${id}`;
  });
}

/** The link principal whose purpose fits the route (another patient's link either way). */
function linkPrincipal(world: ApiWorld, access: Access): Principal {
  return access === 'link:questionnaire' ? world.principals.otherPatientQuestionnaire : world.principals.otherPatientLink;
}

// Signing out ends the caller's session: those routes go last.
const order = (e: RouteEntry): number => (e.method === 'DELETE' && e.url === '/api/v1/session' ? 1 : 0);

describeEachEngine('authorization matrix (every route × every kind of caller)', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildWorld(engine);
  });
  afterAll(async () => {
    await world.close();
  });

  it('every route declares an access policy, and the matrix covers the whole API', () => {
    const routes = world.app.routeTable.entries;
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((r) => r.url.startsWith('/api/v1')).every((r) => (r.access as unknown) !== undefined)).toBe(true);
  });

  const principals: PrincipalKey[] = ['anonymous', 'admin', 'clinician', 'researcher', 'otherClinic', 'otherPatientLink'];
  for (const key of principals) {
    describe(key, () => {
      it('gets exactly what each route allows', async () => {
        const failures: string[] = [];
        const routes = [...world.app.routeTable.entries].filter((e) => !e.url.startsWith('/api/docs')).sort((x, y) => order(x) - order(y));
        for (const route of routes) {
          const verdict = expected(route.access, key);
          const principal = key === 'otherPatientLink' ? linkPrincipal(world, route.access) : world.principals[key];
          const url = concreteUrl(route.url, world.ids);
          const hasBody = ['POST', 'PATCH', 'PUT'].includes(route.method);
          const response = await world.app.inject({
            method: route.method as 'GET',
            url,
            headers: principal.headers,
            ...(hasBody ? { payload: {} } : {}),
          });
          const status = response.statusCode;
          const label = `${route.method} ${route.url} as ${principal.name}: got ${status}`;
          if (status >= 500) failures.push(`${label} (server error)`);
          else if (verdict === 401 || verdict === 403) {
            if (status !== verdict) failures.push(`${label}, expected ${verdict}`);
          } else if (status === 401 || status === 403) {
            failures.push(`${label}, expected access`);
          } else if (verdict === 'isolated') {
            // An id the caller put in the URL may be echoed in an error; nothing else of clinic A may appear.
            const leaked = world.secrets.filter((s) => !url.includes(s) && response.body.includes(s));
            if (leaked.length > 0) failures.push(`${label}: response reveals clinic A / patient P1 data`);
            if (route.url.includes(':id') && ![400, 404].includes(status)) failures.push(`${label}, expected 404 for another clinic's record`);
          }
        }
        expect(failures).toEqual([]);
      });
    });
  }
});
