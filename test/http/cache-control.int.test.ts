// Patient data is never kept by a browser or a proxy: every API and FHIR answer, read from the route
// table, carries Cache-Control: no-store, while the web app's pages and hashed assets keep their caching.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildWorld, type ApiWorld } from '../support/api-world.js';
import { describeEachEngine } from '../support/databases.js';

describeEachEngine('Cache-Control', (engine) => {
  let w: ApiWorld;
  let dist: string;
  const previousDist = process.env.ONSET_WEB_DIST;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'onset-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>clinician app</title>');
    writeFileSync(join(dist, 'assets', 'app-Ab12.js'), 'console.log("onset");');
    process.env.ONSET_WEB_DIST = dist;
    w = await buildWorld(engine);
  });
  afterAll(async () => {
    await w.close();
    if (previousDist === undefined) delete process.env.ONSET_WEB_DIST;
    else process.env.ONSET_WEB_DIST = previousDist;
    rmSync(dist, { recursive: true, force: true });
  });

  /** A clinic A id for the path's :id (the collection it names), else patient P1's. */
  function concrete(url: string): string {
    return url.replace(
      /\/([a-z-]+)\/:id/g,
      (_m, collection: string) => `/${collection}/${w.ids[collection] ?? w.ids.patients ?? ''}`,
    );
  }

  it('is no-store on every GET of /api/v1 and /fhir/R4, answered or refused', async () => {
    const routes = w.app.routeTable.entries.filter(
      (r) => r.method === 'GET' && (r.url.startsWith('/api/v1') || r.url.startsWith('/fhir/R4')),
    );
    expect(routes.length).toBeGreaterThan(30);
    let answered = 0;
    for (const route of routes) {
      const access = String(route.access);
      const who = access.startsWith('link:')
        ? access === 'link:questionnaire'
          ? w.principals.ownQuestionnaire
          : w.principals.ownProgress
        : w.principals.admin;
      for (const headers of [who.headers, {}]) {
        const response = await w.app.inject({ method: 'GET', url: concrete(route.url), headers });
        expect(response.headers['cache-control'], `${route.url} → ${response.statusCode}`).toBe('no-store');
        if (response.statusCode === 200) answered += 1;
      }
    }
    // Most of them were real answers with patient data, not only refusals.
    expect(answered).toBeGreaterThan(routes.length / 2);
  });

  it('is no-store on writes and on unknown routes', async () => {
    const write = await w.app.inject({
      method: 'POST',
      url: '/api/v1/patients',
      headers: { ...w.principals.clinician.headers, 'content-type': 'application/json' },
      payload: { label: `CC-${engine}` },
    });
    expect(write.statusCode).toBe(201);
    expect(write.headers['cache-control']).toBe('no-store');
    expect((await w.app.inject({ method: 'GET', url: '/api/v1/nothing' })).headers['cache-control']).toBe('no-store');
  });

  it('leaves the pages revalidated and the hashed assets cached for a year', async () => {
    expect((await w.app.inject({ method: 'GET', url: '/' })).headers['cache-control']).toBe('no-cache');
    const asset = await w.app.inject({ method: 'GET', url: '/assets/app-Ab12.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});
