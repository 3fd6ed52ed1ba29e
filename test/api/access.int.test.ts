import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { createApiToken } from '../../src/auth/api-token.service.js';
import { resolveSession, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../../src/auth/session.service.js';
import { issuePatientLink } from '../../src/auth/patient-link.service.js';
import { totpAt } from '../../src/auth/totp.js';
import { createUser } from '../../src/users/user.service.js';
import { buildWorld, PASSWORD, signInHeaders, type ApiWorld } from '../support/api-world.js';
import { describeEachEngine } from '../support/databases.js';
import { HOUR_MS } from '../../src/shared/time.js';

describeEachEngine('sign-in, sessions, tokens, links', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildWorld(engine);
  });
  afterAll(async () => {
    await world.close();
  });
  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> => world.app.inject(options);

  it('sign-in sets an httpOnly SameSite=Strict cookie, and a wrong password says nothing about which part was wrong', async () => {
    const user = await createUser(world.a, { email: `s-${engine}@example.org`, role: 'clinician', password: PASSWORD });
    const ok = await inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: user.email, password: PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    const cookie = String(ok.headers['set-cookie']);
    expect(cookie).toMatch(/onset_session=ses_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const wrong = await inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: user.email, password: 'not the password' },
    });
    const nobody = await inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'nobody@example.org', password: 'x' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json<{ detail: string }>().detail).toBe(nobody.json<{ detail: string }>().detail);
  });

  it('five wrong passwords lock the account for 15 minutes, even for the right password (answered as a wrong password)', async () => {
    const user = await createUser(world.a, {
      email: `lock-${engine}@example.org`,
      role: 'clinician',
      password: PASSWORD,
    });
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await inject({
            method: 'POST',
            url: '/api/v1/session',
            payload: { email: user.email, password: 'wrong password' },
          })
        ).statusCode,
      ).toBe(401);
    }
    const locked = await inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: user.email, password: PASSWORD },
    });
    expect(locked.statusCode).toBe(401);
    expect(locked.json()).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'the e-mail address or password is wrong' });
  });

  it('a session ends after 30 idle minutes and after 12 hours in any case', async () => {
    const user = await createUser(world.a, {
      email: `idle-${engine}@example.org`,
      role: 'clinician',
      password: PASSWORD,
    });
    const headers = await signInHeaders(world.app, user.email);
    const token = /onset_session=([^;]+)/.exec(headers.cookie ?? '')?.[1] ?? '';
    const start = Date.now();
    expect(await resolveSession(world.test.handle, token, new Date(start + SESSION_IDLE_MS - 60_000))).not.toBeNull();
    expect(await resolveSession(world.test.handle, token, new Date(start + 2 * SESSION_IDLE_MS))).toBeNull();
    // Kept alive by activity every 20 minutes, it still ends at the absolute limit.
    let t = start;
    while (t + 20 * 60_000 < start + SESSION_ABSOLUTE_MS) {
      t += 20 * 60_000;
      expect(await resolveSession(world.test.handle, token, new Date(t))).not.toBeNull();
    }
    expect(await resolveSession(world.test.handle, token, new Date(start + SESSION_ABSOLUTE_MS + 1000))).toBeNull();
  });

  it('sign-out ends the session; writes without the CSRF header are refused', async () => {
    const user = await createUser(world.a, {
      email: `out-${engine}@example.org`,
      role: 'clinician',
      password: PASSWORD,
    });
    const headers = await signInHeaders(world.app, user.email);
    const noCsrf = await inject({
      method: 'POST',
      url: '/api/v1/patients',
      headers: { cookie: headers.cookie ?? '' },
      payload: { label: 'X' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json<{ detail: string }>().detail).toMatch(/X-CSRF-Token/);
    expect((await inject({ method: 'DELETE', url: '/api/v1/session', headers })).statusCode).toBe(204);
    expect((await inject({ method: 'GET', url: '/api/v1/patients', headers })).statusCode).toBe(401);
  });

  it('an API token works as a bearer until revoked, and needs no CSRF header', async () => {
    const created = await inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: world.principals.admin.headers,
      payload: { name: 'EHR sync' },
    });
    expect(created.statusCode).toBe(201);
    const { token, info } = created.json<{ token: string; info: { id: string } }>();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await inject({ method: 'GET', url: '/api/v1/patients', headers: bearer })).statusCode).toBe(200);
    expect(
      (await inject({ method: 'POST', url: '/api/v1/patients', headers: bearer, payload: { label: `API-${engine}` } }))
        .statusCode,
    ).toBe(201);
    const listed = await inject({ method: 'GET', url: '/api/v1/api-tokens', headers: world.principals.admin.headers });
    expect(listed.body).not.toContain(token);
    expect(
      (
        await inject({
          method: 'DELETE',
          url: `/api/v1/api-tokens/${info.id}`,
          headers: world.principals.admin.headers,
        })
      ).statusCode,
    ).toBe(204);
    expect((await inject({ method: 'GET', url: '/api/v1/patients', headers: bearer })).statusCode).toBe(401);
  });

  it('a role change applies from the next request; disabling a user ends their sessions and API tokens', async () => {
    const user = await createUser(world.a, {
      email: `off-${engine}@example.org`,
      role: 'researcher',
      password: PASSWORD,
    });
    const session = await signInHeaders(world.app, user.email);
    const { token } = await createApiToken(world.a, user.id, 'to be disabled');
    const bearer = { authorization: `Bearer ${token}` };
    for (const headers of [session, bearer]) {
      expect((await inject({ method: 'GET', url: '/api/v1/patients', headers })).statusCode).toBe(403);
    }
    const admin = world.principals.admin.headers;
    expect(
      (
        await inject({
          method: 'PATCH',
          url: `/api/v1/users/${user.id}`,
          headers: admin,
          payload: { role: 'clinician' },
        })
      ).statusCode,
    ).toBe(200);
    for (const headers of [session, bearer]) {
      expect((await inject({ method: 'GET', url: '/api/v1/patients', headers })).statusCode).toBe(200);
    }
    expect(
      (await inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: admin, payload: { disabled: true } }))
        .statusCode,
    ).toBe(200);
    for (const headers of [session, bearer]) {
      expect((await inject({ method: 'GET', url: '/api/v1/patients', headers })).statusCode).toBe(401);
    }
  });

  it('a questionnaire link works once; its status then says "used"; an expired link says "expired"', async () => {
    const issued = await inject({
      method: 'POST',
      url: `/api/v1/patients/${world.ids.patients}/links`,
      headers: world.principals.clinician.headers,
      payload: { purpose: 'questionnaire', instrument: 'gad7' },
    });
    expect(issued.statusCode).toBe(201);
    const { token } = issued.json<{ token: string }>();
    expect(token).toMatch(/^lnk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/); // 256 random bits
    const link = { 'x-onset-link': token };
    const form = await inject({ method: 'GET', url: '/api/v1/link', headers: link });
    expect(form.json()).toMatchObject({
      purpose: 'questionnaire',
      questionnaire: { instrument: 'gad7', title: 'GAD-7' },
    });
    expect(form.body).not.toContain(world.secrets[1]);
    // The progress page is not what this link was issued for.
    expect((await inject({ method: 'GET', url: '/api/v1/link/progress', headers: link })).statusCode).toBe(403);
    const submitted = await inject({
      method: 'POST',
      url: '/api/v1/link/responses',
      headers: link,
      payload: { answers: [1, 1, 1, 1, 0, 0, 0] },
    });
    expect(submitted.statusCode).toBe(201);
    expect(submitted.json()).toMatchObject({ crisis: null });
    const again = await inject({
      method: 'POST',
      url: '/api/v1/link/responses',
      headers: link,
      payload: { answers: [1, 1, 1, 1, 0, 0, 0] },
    });
    expect(again.statusCode).toBe(401);
    expect((await inject({ method: 'POST', url: '/api/v1/link/status', payload: { token } })).json()).toEqual({
      state: 'used',
    });

    const past = { ...world.a, now: () => new Date(Date.now() - 3 * HOUR_MS) };
    const expired = await issuePatientLink(past, world.ids.patients!, { purpose: 'progress', expiresInHours: 1 });
    expect(
      (await inject({ method: 'GET', url: '/api/v1/link/progress', headers: { 'x-onset-link': expired.token } }))
        .statusCode,
    ).toBe(401);
    expect(
      (await inject({ method: 'POST', url: '/api/v1/link/status', payload: { token: expired.token } })).json(),
    ).toEqual({ state: 'expired' });
    expect(
      (await inject({ method: 'POST', url: '/api/v1/link/status', payload: { token: 'lnk_nonsense' } })).json(),
    ).toEqual({ state: 'unknown' });
  });

  it('a positive suicidality answer shows the crisis message at once and raises an urgent alert in the same transaction', async () => {
    const live = { ...world.a, now: () => new Date() };
    const { token } = await issuePatientLink(live, world.ids.patients!, {
      purpose: 'questionnaire',
      instrument: 'phq9',
    });
    const response = await inject({
      method: 'POST',
      url: '/api/v1/link/responses',
      headers: { 'x-onset-link': token },
      payload: { answers: [1, 1, 1, 1, 1, 1, 1, 1, 2] },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<{ crisis: { message: string } }>().crisis.message).toMatch(/988/);
    const alerts = await inject({
      method: 'GET',
      url: `/api/v1/alerts?patient=${world.ids.patients}&rule=suicidality`,
      headers: world.principals.clinician.headers,
    });
    expect(alerts.json<{ items: { severity: string; status: string }[] }>().items).toEqual([
      expect.objectContaining({ severity: 'urgent', status: 'open' }),
    ]);
  });

  it('two-step sign-in: set up, enable with a current code, then sign-in needs the code', async () => {
    const savedKey = process.env.ONSET_SECRET_KEY;
    process.env.ONSET_SECRET_KEY = 'b2'.repeat(32);
    onTestFinished(() => {
      if (savedKey === undefined) delete process.env.ONSET_SECRET_KEY;
      else process.env.ONSET_SECRET_KEY = savedKey;
    });
    const user = await createUser(world.a, { email: `totp-${engine}@example.org`, role: 'admin', password: PASSWORD });
    const headers = await signInHeaders(world.app, user.email);
    const setup = (await inject({ method: 'POST', url: '/api/v1/session/totp/setup', headers })).json<{
      secret: string;
      otpauthUrl: string;
    }>();
    expect(setup.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Onset:/);
    const wrong = await inject({
      method: 'PUT',
      url: '/api/v1/session/totp',
      headers,
      payload: { secret: setup.secret, code: totpAt(setup.secret, new Date(Date.now() - HOUR_MS)) },
    });
    expect(wrong.json()).toMatchObject({ problems: [{ field: 'code' }] });
    expect(
      (
        await inject({
          method: 'PUT',
          url: '/api/v1/session/totp',
          headers,
          payload: { secret: setup.secret, code: totpAt(setup.secret, new Date()) },
        })
      ).statusCode,
    ).toBe(204);

    const withoutCode = await inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: user.email, password: PASSWORD },
    });
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json()).toMatchObject({ problems: [{ field: 'totp' }] });
    // The enabling code is used up; the next step's code is accepted (one step of drift).
    const withCode = await inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: user.email, password: PASSWORD, totp: totpAt(setup.secret, new Date(Date.now() + 30_000)) },
    });
    expect(withCode.statusCode).toBe(200);
  });

  it('a researcher reaches no patient record', async () => {
    for (const url of [
      '/api/v1/patients',
      `/api/v1/patients/${world.ids.patients}`,
      '/api/v1/doses',
      '/api/v1/alerts',
      '/api/v1/dashboard',
    ]) {
      expect((await inject({ method: 'GET', url, headers: world.principals.researcher.headers })).statusCode, url).toBe(
        403,
      );
    }
  });
});
