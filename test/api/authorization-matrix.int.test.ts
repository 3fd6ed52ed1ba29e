import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../../src/http/route-table.js';
import { buildWorld, type ApiWorld, type Principal } from '../support/api-world.js';
import { describeEachEngine } from '../support/databases.js';
import { ACTORS, POLICY, concreteUrl, policyOf, routeKey, type Actor, type Verdict } from './policy-table.js';

/** The world's caller for each column of the policy table (patient links are another patient's, P2's). */
function principalOf(world: ApiWorld, actor: Actor): Principal {
  const p = world.principals;
  const byActor: Record<Actor, Principal> = {
    admin: p.admin,
    clinician: p.clinician,
    researcher: p.researcher,
    otherClinic: p.otherClinicAdmin,
    questionnaireLink: p.otherPatientQuestionnaire,
    progressLink: p.otherPatientLink,
    anonymous: p.anonymous,
  };
  return byActor[actor];
}

// Signing out ends the caller's session: that route goes last.
const order = (e: RouteEntry): number => (e.method === 'DELETE' && e.url === '/api/v1/session' ? 1 : 0);

/** What is wrong with one response, measured against the verdict the table expects; null when nothing. */
function mismatch(verdict: Verdict, status: number, body: string, url: string, world: ApiWorld): string | null {
  if (status >= 500) return 'server error';
  if (verdict === 401 || verdict === 403) return status === verdict ? null : `expected ${verdict}`;
  if (status === 401 || status === 403) return 'expected access';
  if (verdict === 'allow') return null;
  // An id the caller put in the URL may be echoed in an error; nothing else of clinic A / P1 may appear.
  if (world.secrets.some((s) => !url.includes(s) && body.includes(s)))
    return 'response reveals clinic A / patient P1 data';
  if (/\/:id(\/|$)/.test(url) || /\/[0-9a-f-]{36}(\/|$)/.test(url)) {
    if (![400, 404].includes(status)) return "expected 404 for another clinic's record";
  }
  return null;
}

describeEachEngine(
  'authorization matrix (every route × every kind of caller, against test/api/policy-table.ts)',
  (engine) => {
    let world: ApiWorld;
    beforeAll(async () => {
      world = await buildWorld(engine);
    });
    afterAll(async () => {
      await world.close();
    });

    it('has a row in the policy table for every route, and a route for every row', () => {
      const routes = world.app.routeTable.entries;
      expect(routes.length).toBeGreaterThan(40);
      const inApp = new Set(routes.map((r) => routeKey(r.method, r.url)));
      const missing = [...inApp]
        .filter((key) => !POLICY.has(key))
        .map((key) => `${key}: add it to test/api/policy-table.ts`);
      const stale = [...POLICY.keys()]
        .filter((key) => !inApp.has(key))
        .map((key) => `${key}: in test/api/policy-table.ts but no such route`);
      expect([...missing, ...stale]).toEqual([]);
    });

    for (const actor of ACTORS) {
      describe(actor, () => {
        it('gets exactly what the policy table allows on every route', async () => {
          const failures: string[] = [];
          const principal = principalOf(world, actor);
          const routes = [...world.app.routeTable.entries].sort((x, y) => order(x) - order(y));
          for (const route of routes) {
            if (!POLICY.has(routeKey(route.method, route.url))) continue; // named by the test above
            const verdict = policyOf(route.method, route.url).verdicts[actor];
            const url = concreteUrl(route.url, world.ids);
            const hasBody = ['POST', 'PATCH', 'PUT'].includes(route.method);
            const response = await world.app.inject({
              method: route.method as 'GET',
              url,
              headers: principal.headers,
              ...(hasBody ? { payload: {} } : {}),
            });
            const problem = mismatch(verdict, response.statusCode, response.body, url, world);
            if (problem !== null)
              failures.push(
                `${route.method} ${route.url} as ${principal.name}: got ${response.statusCode}, ${problem}`,
              );
          }
          expect(failures).toEqual([]);
        });
      });
    }
  },
);
