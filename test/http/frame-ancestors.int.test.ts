// The clinic's frame ancestors reach the Content-Security-Policy of the app pages its own staff open, and
// nothing else: other clinics, the patient page, the API, anonymous visitors keep frame-ancestors 'none' and
// X-Frame-Options: DENY. An unknown path a browser asks for answers with the app (its not-found page).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/compose.js';
import type { OnsetApp } from '../../src/http/app.js';
import { createApiToken } from '../../src/auth/api-token.service.js';
import { createUser } from '../../src/users/user.service.js';
import { aClinicContext } from '../support/builders.js';
import { describeEachEngine, freshDatabase, type TestDatabase } from '../support/databases.js';
import { PASSWORD, signInHeaders } from '../support/api-world.js';
import { removeDir } from '../web/browser.js';

const ALLOWED = 'https://ehr.clinic.example';
const HTML = { accept: 'text/html,application/xhtml+xml' };

function frameAncestors(response: LightMyRequestResponse): string | undefined {
  const csp = response.headers['content-security-policy'];
  return String(csp)
    .split(';')
    .find((d) => d.startsWith('frame-ancestors'));
}

describeEachEngine('frame-ancestors', (engine) => {
  let test: TestDatabase;
  let app: OnsetApp;
  let dist: string;
  let savedDist: string | undefined;
  let admin: Record<string, string>;
  let clinician: Record<string, string>;
  let otherClinic: Record<string, string>;
  let apiToken: string;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'onset-dist-'));
    mkdirSync(join(dist, 'p'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>clinician app</title>');
    writeFileSync(join(dist, 'p', 'index.html'), '<!doctype html><title>patient page</title>');
    savedDist = process.env.ONSET_WEB_DIST;
    process.env.ONSET_WEB_DIST = dist;
    test = await freshDatabase(engine);
    app = await buildApp({ database: test.handle, logLevel: 'silent' });
    const a = await aClinicContext(test.handle, 'Embedding clinic');
    const b = await aClinicContext(test.handle, 'Other clinic');
    const suffix = Math.random().toString(36).slice(2, 8);
    const adminUser = await createUser(a, { email: `admin.${suffix}@a.example`, role: 'admin', password: PASSWORD });
    apiToken = (await createApiToken(a, adminUser.id, 'EHR')).token;
    await createUser(a, { email: `clinician.${suffix}@a.example`, role: 'clinician', password: PASSWORD });
    await createUser(b, { email: `clinician.${suffix}@b.example`, role: 'clinician', password: PASSWORD });
    admin = await signInHeaders(app, `admin.${suffix}@a.example`);
    clinician = await signInHeaders(app, `clinician.${suffix}@a.example`);
    otherClinic = await signInHeaders(app, `clinician.${suffix}@b.example`);
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/clinic/frame-ancestors',
      headers: admin,
      payload: { origins: [ALLOWED] },
    });
    expect(put.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await test.drop();
    removeDir(dist);
    if (savedDist === undefined) delete process.env.ONSET_WEB_DIST;
    else process.env.ONSET_WEB_DIST = savedDist;
  });

  it("names the clinic's origins, without X-Frame-Options, on app pages its staff open with their session", async () => {
    for (const url of ['/', '/patients/2917f672-27aa-4cc7-ae51-3298587f2cb3', '/admin/clinic']) {
      for (const headers of [admin, clinician]) {
        const response = await app.inject({ method: 'GET', url, headers: { cookie: headers.cookie ?? '' } });
        expect(response.statusCode, url).toBe(200);
        expect(frameAncestors(response), url).toBe(`frame-ancestors ${ALLOWED}`);
        expect(response.headers['x-frame-options'], url).toBeUndefined();
        // The rest of the policy is unchanged.
        expect(response.headers['content-security-policy'], url).toContain("script-src 'self'");
      }
    }
  });

  it("keeps frame-ancestors 'none' and X-Frame-Options: DENY for everyone and everything else", async () => {
    const cases: [string, string, Record<string, string>][] = [
      ['another clinic’s staff', '/', { cookie: otherClinic.cookie ?? '' }],
      ['no session', '/', {}],
      ['a cookie that is no session', '/', { cookie: 'onset_session=ses_nothing' }],
      // The setting follows a browser's session; an API token is no browser embedded in an EHR.
      ['the clinic’s own API token', '/', { authorization: `Bearer ${apiToken}` }],
      ['the patient page', '/p/', { cookie: admin.cookie ?? '' }],
      ['an API answer', '/api/v1/session', { cookie: admin.cookie ?? '' }],
      ['an API refusal', '/api/v1/users', { cookie: clinician.cookie ?? '' }],
      ['an unknown API path', '/api/v1/nothing-here', { cookie: admin.cookie ?? '', ...HTML }],
    ];
    for (const [name, url, headers] of cases) {
      const response = await app.inject({ method: 'GET', url, headers });
      expect(frameAncestors(response), name).toBe("frame-ancestors 'none'");
      expect(response.headers['x-frame-options'], name).toBe('DENY');
    }
  });

  it('goes back to none when the clinic empties its list', async () => {
    await app.inject({
      method: 'PUT',
      url: '/api/v1/clinic/frame-ancestors',
      headers: admin,
      payload: { origins: [] },
    });
    const response = await app.inject({ method: 'GET', url: '/', headers: { cookie: admin.cookie ?? '' } });
    expect(frameAncestors(response)).toBe("frame-ancestors 'none'");
    expect(response.headers['x-frame-options']).toBe('DENY');
    await app.inject({
      method: 'PUT',
      url: '/api/v1/clinic/frame-ancestors',
      headers: admin,
      payload: { origins: [ALLOWED] },
    });
  });

  describe('an unknown path', () => {
    it('answers a browser with the app (status 404), which draws its own not-found page', async () => {
      for (const url of ['/settings/x', '/admin/nope', '/no/such/page?x=1']) {
        const response = await app.inject({ method: 'GET', url, headers: HTML });
        expect(response.statusCode, url).toBe(404);
        expect(response.headers['content-type'], url).toMatch(/^text\/html/);
        expect(response.body, url).toContain('clinician app');
        expect(frameAncestors(response), url).toBe("frame-ancestors 'none'");
      }
      // Opened by the clinic's staff, the not-found page is framed as its other pages are.
      const staff = await app.inject({
        method: 'GET',
        url: '/admin/nope',
        headers: { ...HTML, cookie: admin.cookie ?? '' },
      });
      expect(frameAncestors(staff)).toBe(`frame-ancestors ${ALLOWED}`);
    });

    it('stays problem+json under /api, /fhir and /assets, and for a client that does not ask for a page', async () => {
      for (const [url, headers] of [
        ['/api/v1/nothing-here', HTML],
        ['/fhir/R4/Nothing', HTML],
        ['/assets/missing.js', HTML],
        ['/settings/x', { accept: 'application/json' }],
        ['/settings/x', {}],
      ] as const) {
        const response = await app.inject({ method: 'GET', url, headers });
        expect(response.statusCode, url).toBe(404);
        expect(response.headers['content-type'], url).toMatch(/application\/(problem\+)?json|fhir\+json/);
      }
      const post = await app.inject({ method: 'POST', url: '/settings/x', headers: HTML, payload: {} });
      expect(post.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });
});
