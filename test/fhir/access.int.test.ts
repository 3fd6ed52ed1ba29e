import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/databases.js';
import { buildFhirWorld, fhirRouteEntries, type FhirWorld } from './fhir-world.js';

/**
 * Every FHIR route × every kind of caller, as the API's authorization matrix checks it: clinicians and
 * admins only; researchers 403; anonymous callers and patient links 401; another clinic sees nothing.
 * (The matrix fills `:id` only for lower-case REST paths, so FHIR paths keep ":id" literally, as here.)
 */
describeEachEngine('FHIR access (every route × every caller)', (engine) => {
  let w: FhirWorld;
  beforeAll(async () => {
    w = await buildFhirWorld(engine);
  });
  afterAll(async () => {
    await w.close();
  });

  it('declares CLINICAL access on every route and answers each caller accordingly', async () => {
    const routes = fhirRouteEntries(w.app);
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.every((r) => JSON.stringify(r.access) === JSON.stringify(['admin', 'clinician']))).toBe(true);
    const callers: [string, Record<string, string>, 'allow' | 401 | 403 | 'isolated'][] = [
      ['anonymous', {}, 401],
      ['patient link', w.patientLink, 401],
      ['researcher', w.researcher, 403],
      ['clinician', w.clinician, 'allow'],
      ['admin', w.admin, 'allow'],
      ['session clinician', w.session, 'allow'],
      ['other clinic', w.otherClinic, 'isolated'],
    ];
    const secrets = [w.ids.patient, 'Alice Example'];
    const failures: string[] = [];
    for (const route of routes) {
      for (const [name, headers, verdict] of callers) {
        const hasBody = route.method === 'POST';
        const response = await w.app.inject({
          method: route.method as 'GET',
          url: route.url,
          headers,
          ...(hasBody ? { payload: {} } : {}),
        });
        const label = `${route.method} ${route.url} as ${name}: ${response.statusCode}`;
        if (!String(response.headers['content-type']).startsWith('application/fhir+json'))
          failures.push(`${label} is not application/fhir+json`);
        if (response.statusCode >= 500) failures.push(`${label} (server error)`);
        else if (verdict === 401 || verdict === 403) {
          if (response.statusCode !== verdict) failures.push(`${label}, expected ${verdict}`);
        } else if (response.statusCode === 401 || response.statusCode === 403)
          failures.push(`${label}, expected access`);
        else if (verdict === 'isolated') {
          if (secrets.some((s) => response.body.includes(s))) failures.push(`${label} reveals clinic A data`);
          if (route.url.includes(':id') && ![400, 404].includes(response.statusCode))
            failures.push(`${label}, expected 404`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
