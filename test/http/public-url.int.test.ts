// Absolute links (FHIR fullUrl, Location, the CapabilityStatement) are built on the configured public
// URL, or the listener's own address; a forged Host or X-Forwarded-Host never appears in them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-token.service.js';
import { buildApp } from '../../src/app/compose.js';
import type { OnsetApp } from '../../src/http/app.js';
import { createUser } from '../../src/users/user.service.js';
import { PASSWORD } from '../support/api-world.js';
import { aClinicContext, aPatient } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';

const FORGED = { host: 'evil.example', 'x-forwarded-host': 'evil-proxy.example', 'x-forwarded-proto': 'https' };

describeEachEngine('public URL', (engine) => {
  let test: TestDatabase;
  let configured: OnsetApp;
  let listening: OnsetApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    test = await freshDatabase(engine);
    // trustProxy too: even a trusted proxy's X-Forwarded-Host does not choose the links.
    configured = await buildApp({
      database: test.handle,
      logLevel: 'silent',
      trustProxy: true,
      publicUrl: 'https://onset.clinic.example/onset/',
    });
    listening = await buildApp({ database: test.handle, logLevel: 'silent' });
    await listening.listen({ port: 0, host: '127.0.0.1' });
    const a = await aClinicContext(test.handle, 'Clinic A');
    const user = await createUser(a, {
      email: `clinician.${Math.random().toString(36).slice(2, 8)}@a.example.org`,
      role: 'clinician',
      password: PASSWORD,
    });
    await aPatient(a, { label: 'P1' });
    headers = { authorization: `Bearer ${(await createApiToken(a, user.id, 'links')).token}`, ...FORGED };
  });
  afterAll(async () => {
    await configured.close();
    await listening.close();
    await test.drop();
  });

  /** Every absolute link an app hands out on /fhir/R4, with the forged headers sent. */
  async function links(app: OnsetApp): Promise<string[]> {
    const metadata = await app.inject({ method: 'GET', url: '/fhir/R4/metadata', headers });
    const search = await app.inject({ method: 'GET', url: '/fhir/R4/Patient', headers });
    const created = await app.inject({
      method: 'POST',
      url: '/fhir/R4/Patient',
      headers: { ...headers, 'content-type': 'application/fhir+json' },
      payload: JSON.stringify({
        resourceType: 'Patient',
        identifier: [
          { system: 'https://onset.health/fhir/patient-label', value: `L-${Math.random().toString(36).slice(2, 8)}` },
        ],
      }),
    });
    const unknown = await app.inject({ method: 'GET', url: '/fhir/R4/Nothing/here', headers });
    expect([metadata.statusCode, search.statusCode, created.statusCode, unknown.statusCode]).toEqual([
      200, 200, 201, 404,
    ]);
    const bundle = search.json<{ entry: { fullUrl: string }[]; link: { url: string }[] }>();
    for (const body of [metadata.body, search.body, created.body, unknown.body, JSON.stringify(created.headers)])
      expect(body).not.toMatch(/evil/);
    return [
      metadata.json<{ implementation: { url: string } }>().implementation.url,
      ...bundle.entry.map((e) => e.fullUrl),
      ...bundle.link.map((l) => l.url),
      String(created.headers.location),
    ];
  }

  it('builds every link on the configured public URL', async () => {
    const found = await links(configured);
    expect(found.length).toBeGreaterThanOrEqual(4);
    for (const url of found) expect(url).toMatch(/^https:\/\/onset\.clinic\.example\/onset\/fhir\/R4(\/|$|\?)/);
  });

  it('without one, builds them on the address the server listens on', async () => {
    const port = (listening.server.address() as { port: number }).port;
    const found = await links(listening);
    for (const url of found) expect(url.startsWith(`http://localhost:${port}/fhir/R4`), url).toBe(true);
  });

  it('refuses a public URL that is not a plain http(s) address', async () => {
    for (const publicUrl of [
      'onset.example',
      'ftp://onset.example',
      'https://onset.example/?a=1',
      'https://user:pw@onset.example',
    ]) {
      await expect(buildApp({ database: test.handle, logLevel: 'silent', publicUrl }), publicUrl).rejects.toThrow(
        /^ONSET_PUBLIC_URL: /,
      );
    }
  });
});
