import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiToken } from '../../src/auth/api-token.service.js';
import { resolveSession, SESSION_IDLE_MS, signIn } from '../../src/auth/session.service.js';
import { verifyAudit } from '../../src/audit/audit-verify.js';
import { SECRET_KEY_ENV } from '../../src/auth/secret-box.js';
import { totpAt } from '../../src/auth/totp.js';
import { createUser } from '../../src/users/user.service.js';
import { buildWorld, PASSWORD, signInHeaders, type ApiWorld } from '../support/api-world.js';
import { aClinicContext } from '../support/builders.js';
import { describeEachEngine } from '../support/databases.js';

const KEY = 'a1'.repeat(32);

describeEachEngine('authentication hardening', (engine) => {
  let world: ApiWorld;
  let savedKey: string | undefined;
  beforeAll(async () => {
    savedKey = process.env[SECRET_KEY_ENV];
    process.env[SECRET_KEY_ENV] = KEY;
    world = await buildWorld(engine);
  });
  afterAll(async () => {
    if (savedKey === undefined) delete process.env.ONSET_SECRET_KEY;
    else process.env[SECRET_KEY_ENV] = savedKey;
    await world.close();
  });
  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> => world.app.inject(options);
  let address = 0;
  // Each attempt from its own address, as from a botnet: the per-address rate limit is not what is tested.
  const attempt = (
    email: string,
    password: string,
    extra: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> => {
    address += 1;
    return inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress: `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
      payload: { email, password, ...extra },
    });
  };
  const newUser = (name: string, role: 'admin' | 'clinician' | 'researcher' = 'clinician') =>
    createUser(world.a, {
      email: `${name}-${engine}-${Math.random().toString(36).slice(2, 8)}@example.org`,
      role,
      password: PASSWORD,
    });
  const userRow = (id: string) =>
    world.test.handle.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditOf = (entityId: string) =>
    world.test.handle.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('clinic_id', '=', world.a.clinicId)
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();

  it('50 parallel wrong passwords lock the account exactly as 50 serial ones do', async () => {
    const parallel = await newUser('parallel');
    const serial = await newUser('serial');
    const answers = await Promise.all(Array.from({ length: 50 }, () => attempt(parallel.email, 'wrong password')));
    expect(answers.map((a) => a.statusCode)).toEqual(Array.from({ length: 50 }, () => 401));
    for (let i = 0; i < 50; i++) expect((await attempt(serial.email, 'wrong password')).statusCode).toBe(401);

    const outcome = async (id: string): Promise<unknown> => {
      const row = await userRow(id);
      const failures = (await auditOf(id))
        .filter((e) => e.action === 'sign-in-failed')
        .map((e) => JSON.parse(e.detail) as unknown);
      return {
        failedSignIns: row.failed_sign_ins,
        locked: row.locked_until !== null && Date.parse(row.locked_until) > Date.now(),
        failures,
      };
    };
    // Five failures are counted, the fifth locks and starts the count again; the other 45 meet the lock.
    const expected = {
      failedSignIns: 0,
      locked: true,
      failures: [{ locked: false }, { locked: false }, { locked: false }, { locked: false }, { locked: true }],
    };
    expect(await outcome(parallel.id)).toEqual(expected);
    expect(await outcome(serial.id)).toEqual(expected);
    expect((await attempt(parallel.email, PASSWORD)).statusCode).toBe(401);
  });

  it('4 parallel wrong passwords are stored as 4 failures', async () => {
    const user = await newUser('four');
    await Promise.all(Array.from({ length: 4 }, () => attempt(user.email, 'wrong password')));
    const row = await userRow(user.id);
    expect({ failed: row.failed_sign_ins, locked: row.locked_until }).toEqual({ failed: 4, locked: null });
    expect((await attempt(user.email, PASSWORD)).statusCode).toBe(200);
    expect((await userRow(user.id)).failed_sign_ins).toBe(0);
  });

  it('a locked account answers exactly as an unknown address does (status and body)', async () => {
    const user = await newUser('locked');
    for (let i = 0; i < 5; i++) await attempt(user.email, 'wrong password');
    const locked = await attempt(user.email, PASSWORD);
    const unknown = await attempt(`nobody-${engine}@example.org`, PASSWORD);
    expect(locked.statusCode).toBe(401);
    expect({ status: locked.statusCode, body: locked.json<unknown>() }).toEqual({
      status: unknown.statusCode,
      body: unknown.json<unknown>(),
    });
  });

  it('sign-out is audited: one entry naming the session, by the user who signed out', async () => {
    const user = await newUser('signout');
    const headers = await signInHeaders(world.app, user.email);
    const session = (
      await world.test.handle.db
        .selectFrom('sessions')
        .select('id')
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow()
    ).id;
    expect((await inject({ method: 'DELETE', url: '/api/v1/session', headers })).statusCode).toBe(204);
    const entries = (await auditOf(session)).map((e) => ({ action: e.action, entity: e.entity, actor: e.actor_id }));
    expect(entries).toEqual([{ action: 'sign-out', entity: 'session', actor: user.id }]);
    expect(
      (
        await world.test.handle.db
          .selectFrom('sessions')
          .select('revoked_at')
          .where('id', '=', session)
          .executeTakeFirstOrThrow()
      ).revoked_at,
    ).not.toBeNull();
    expect((await inject({ method: 'GET', url: '/api/v1/session', headers })).statusCode).toBe(401);
    // The chain with the sign-out entry in it still verifies (`onset audit verify`).
    expect(await verifyAudit(world.test.handle.db, world.a.clinicId)).toMatchObject({ ok: true, firstBroken: null });
  });

  it('a session in use is touched: its last-seen time is written at most once a minute, and keeps it alive', async () => {
    const user = await newUser('touch');
    const headers = await signInHeaders(world.app, user.email);
    const token = /onset_session=([^;]+)/.exec(headers.cookie ?? '')?.[1] ?? '';
    const lastSeen = async (): Promise<string> =>
      (
        await world.test.handle.db
          .selectFrom('sessions')
          .select('last_seen_at')
          .where('user_id', '=', user.id)
          .executeTakeFirstOrThrow()
      ).last_seen_at;
    const signedInAt = Date.parse(await lastSeen());
    const at = (ms: number): Date => new Date(signedInAt + ms);
    // Within the first minute nothing is written.
    expect(await resolveSession(world.test.handle, token, at(30_000))).not.toBeNull();
    expect(await lastSeen()).toBe(at(0).toISOString());
    // After it, the touch is written, and the idle limit counts from there.
    expect(await resolveSession(world.test.handle, token, at(20 * 60_000))).not.toBeNull();
    expect(await lastSeen()).toBe(at(20 * 60_000).toISOString());
    expect(await resolveSession(world.test.handle, token, at(20 * 60_000 + SESSION_IDLE_MS - 60_000))).not.toBeNull();
    expect(await lastSeen()).toBe(at(20 * 60_000 + SESSION_IDLE_MS - 60_000).toISOString());
  });

  it('an API token belongs to the administrator who creates it: no userId, and its writes are theirs', async () => {
    const admin = world.principals.admin.headers;
    const delegated = await inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: admin,
      payload: { userId: world.ids.users, name: 'act as someone' },
    });
    expect(delegated.statusCode).toBe(400);
    expect(delegated.json()).toMatchObject({ problems: [{ field: 'userId', reason: 'is not a known field' }] });
    const created = await inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: admin,
      payload: { name: 'own token' },
    });
    expect(created.statusCode).toBe(201);
    const { token, info } = created.json<{ token: string; info: { id: string; userId: string } }>();
    const me = (await inject({ method: 'GET', url: '/api/v1/session', headers: admin })).json<{
      user: { id: string };
    }>().user.id;
    expect(info.userId).toBe(me);
    const patient = await inject({
      method: 'POST',
      url: '/api/v1/patients',
      headers: { authorization: `Bearer ${token}` },
      payload: { label: `TOKEN-${engine}` },
    });
    expect(patient.statusCode).toBe(201);
    const entries = await auditOf(patient.json<{ id: string }>().id);
    expect(entries.map((e) => [e.action, e.actor_id])).toEqual([['create', me]]);
  });

  it('disabling a user revokes their sessions and tokens for good: re-enabling does not bring them back', async () => {
    const user = await newUser('stale');
    const session = await signInHeaders(world.app, user.email);
    const bearer = { authorization: `Bearer ${(await createApiToken(world.a, user.id, 'stale')).token}` };
    const admin = world.principals.admin.headers;
    for (const disabled of [true, false]) {
      expect(
        (await inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: admin, payload: { disabled } }))
          .statusCode,
      ).toBe(200);
    }
    for (const headers of [session, bearer])
      expect((await inject({ method: 'GET', url: '/api/v1/patients', headers })).statusCode).toBe(401);
    expect((await attempt(user.email, PASSWORD)).statusCode).toBe(200);
  });

  it('a password change ends the other sessions and the API tokens, and says how many', async () => {
    const user = await newUser('password');
    const current = await signInHeaders(world.app, user.email);
    const other = await signInHeaders(world.app, user.email);
    const bearer = { authorization: `Bearer ${(await createApiToken(world.a, user.id, 'sync')).token}` };
    expect((await inject({ method: 'GET', url: '/api/v1/patients', headers: bearer })).statusCode).toBe(200);
    const changed = await inject({
      method: 'POST',
      url: '/api/v1/session/password',
      headers: current,
      payload: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({ signedOutSessions: 1, revokedApiTokens: 1 });
    for (const headers of [other, bearer])
      expect((await inject({ method: 'GET', url: '/api/v1/patients', headers })).statusCode).toBe(401);
    expect((await inject({ method: 'GET', url: '/api/v1/patients', headers: current })).statusCode).toBe(200);
  });

  it('an address taken in another clinic gets the same answer as one taken in this clinic', async () => {
    const elsewhere = `elsewhere-${engine}@example.org`;
    await createUser(world.b, { email: elsewhere, role: 'clinician', password: PASSWORD });
    const here = (await newUser('here')).email;
    const answers = await Promise.all(
      [elsewhere, here].map((email) =>
        inject({
          method: 'POST',
          url: '/api/v1/users',
          headers: world.principals.admin.headers,
          payload: { email, role: 'clinician', password: PASSWORD },
        }),
      ),
    );
    const bodies = answers.map((a) => ({ status: a.statusCode, body: a.json<unknown>() }));
    const neutral = {
      status: 400,
      body: expect.objectContaining({
        detail: 'email: cannot be used for a new account',
        problems: [{ field: 'email', reason: 'cannot be used for a new account' }],
      }) as unknown,
    };
    expect(bodies).toEqual([neutral, neutral]);
    expect(bodies[0]).toEqual(bodies[1]);
  });

  it('a clinic cannot demote or disable its last active administrator', async () => {
    const clinic = await aClinicContext(world.test.handle);
    const first = await createUser(clinic, { email: `first-${engine}@example.org`, role: 'admin', password: PASSWORD });
    const headers = await signInHeaders(world.app, first.email);
    const patch = (id: string, payload: object, h = headers): Promise<LightMyRequestResponse> =>
      inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: h, payload });
    const demote = await patch(first.id, { role: 'clinician' });
    expect(demote.statusCode).toBe(400);
    expect(demote.json()).toMatchObject({
      problems: [{ field: 'role', reason: expect.stringMatching(/last active administrator/) as unknown }],
    });
    expect((await patch(first.id, { disabled: true })).json()).toMatchObject({ problems: [{ field: 'disabled' }] });
    expect((await userRow(first.id)).role).toBe('admin');

    // Two administrators demoting each other at the same moment: one of them stays an administrator.
    const second = await createUser(clinic, {
      email: `second-${engine}@example.org`,
      role: 'admin',
      password: PASSWORD,
    });
    const secondHeaders = await signInHeaders(world.app, second.email);
    const results = await Promise.all([
      patch(second.id, { role: 'clinician' }),
      patch(first.id, { role: 'clinician' }, secondHeaders),
    ]);
    // The one that goes second is refused: 400 when its author was still an administrator as it began,
    // 403 when the other change had already committed and made them a clinician.
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect([400, 403]).toContain(codes[1]);
    const admins = await world.test.handle.db
      .selectFrom('users')
      .select('id')
      .where('clinic_id', '=', clinic.clinicId)
      .where('role', '=', 'admin')
      .execute();
    expect(admins).toHaveLength(1);
  });

  it('a TOTP code works once: not after enabling with it, not twice at sign-in, not in two parallel sign-ins', async () => {
    const user = await newUser('totp-once', 'admin');
    const headers = await signInHeaders(world.app, user.email);
    const { secret } = (await inject({ method: 'POST', url: '/api/v1/session/totp/setup', headers })).json<{
      secret: string;
    }>();
    const now = Date.now();
    expect(
      (
        await inject({
          method: 'PUT',
          url: '/api/v1/session/totp',
          headers,
          payload: { secret, code: totpAt(secret, new Date(now)) },
        })
      ).statusCode,
    ).toBe(204);
    expect((await attempt(user.email, PASSWORD, { totp: totpAt(secret, new Date(now)) })).statusCode).toBe(401);
    const next = totpAt(secret, new Date(now + 30_000));
    expect((await attempt(user.email, PASSWORD, { totp: next })).statusCode).toBe(200);
    expect((await attempt(user.email, PASSWORD, { totp: next })).statusCode).toBe(401);

    const later = new Date(now + 90_000);
    const code = totpAt(secret, later);
    const request = { email: user.email, password: PASSWORD, totp: code, ip: null };
    const outcomes = await Promise.allSettled([
      signIn(world.test.handle, request, later),
      signIn(world.test.handle, request, later),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('replacing or turning off an enabled secret needs a current code of it', async () => {
    const user = await newUser('totp-replace', 'admin');
    const headers = await signInHeaders(world.app, user.email);
    const setup = async (): Promise<string> =>
      (await inject({ method: 'POST', url: '/api/v1/session/totp/setup', headers })).json<{ secret: string }>().secret;
    const now = Date.now();
    const first = await setup();
    expect(
      (
        await inject({
          method: 'PUT',
          url: '/api/v1/session/totp',
          headers,
          payload: { secret: first, code: totpAt(first, new Date(now)) },
        })
      ).statusCode,
    ).toBe(204);
    const second = await setup();
    const put = (payload: object): Promise<LightMyRequestResponse> =>
      inject({
        method: 'PUT',
        url: '/api/v1/session/totp',
        headers,
        payload: { secret: second, code: totpAt(second, new Date(now)), ...payload },
      });
    expect((await put({})).json()).toMatchObject({
      problems: [{ field: 'currentCode', reason: expect.stringMatching(/required/) as unknown }],
    });
    expect((await put({ currentCode: totpAt(first, new Date(now)) })).json()).toMatchObject({
      problems: [{ field: 'currentCode', reason: 'is not the current code' }],
    });
    expect((await put({ currentCode: totpAt(first, new Date(now + 30_000)) })).statusCode).toBe(204);
    const off = (code: string): Promise<LightMyRequestResponse> =>
      inject({ method: 'DELETE', url: '/api/v1/session/totp', headers, payload: { code } });
    expect((await off(totpAt(first, new Date(now + 30_000)))).statusCode).toBe(400);
    expect((await off(totpAt(second, new Date(now)))).json()).toMatchObject({
      problems: [{ field: 'code', reason: 'is not the current code' }],
    });
    expect((await off(totpAt(second, new Date(now + 30_000)))).statusCode).toBe(204);
    expect((await userRow(user.id)).totp_secret).toBeNull();
  });

  it('the TOTP secret is sealed at rest; without ONSET_SECRET_KEY none is stored; a plaintext one is sealed at sign-in', async () => {
    const user = await newUser('totp-sealed', 'admin');
    const headers = await signInHeaders(world.app, user.email);
    const { secret } = (await inject({ method: 'POST', url: '/api/v1/session/totp/setup', headers })).json<{
      secret: string;
    }>();
    const enable = (): Promise<LightMyRequestResponse> =>
      inject({
        method: 'PUT',
        url: '/api/v1/session/totp',
        headers,
        payload: { secret, code: totpAt(secret, new Date()) },
      });
    delete process.env.ONSET_SECRET_KEY;
    try {
      const refused = await enable();
      expect(refused.statusCode).toBe(409);
      expect(refused.json<{ detail: string }>().detail).toMatch(/ONSET_SECRET_KEY/);
      expect((await userRow(user.id)).totp_secret).toBeNull();
    } finally {
      process.env[SECRET_KEY_ENV] = KEY;
    }
    expect((await enable()).statusCode).toBe(204);
    const stored = (await userRow(user.id)).totp_secret ?? '';
    expect(stored).toMatch(/^gcm1:/);
    expect(stored).not.toContain(secret);

    // A secret stored before sealing existed still works, and is sealed by that sign-in.
    await world.test.handle.db
      .updateTable('users')
      .set({ totp_secret: secret, totp_last_step: null })
      .where('id', '=', user.id)
      .execute();
    expect(
      (await attempt(user.email, PASSWORD, { totp: totpAt(secret, new Date(Date.now() + 30_000)) })).statusCode,
    ).toBe(200);
    expect((await userRow(user.id)).totp_secret).toMatch(/^gcm1:/);
  });
});
