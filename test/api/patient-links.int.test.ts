import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issuePatientLink } from '../../src/auth/patient-link.service.js';
import { listInstruments } from '../../src/instruments/registry.js';
import { buildWorld, type ApiWorld } from '../support/api-world.js';
import { describeEachEngine } from '../support/databases.js';
import { HOUR_MS } from '../../src/shared/time.js';

describeEachEngine('patient links: replay to a used link, revocation, questionnaires without their text', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildWorld(engine);
  });
  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> => world.app.inject(options);
  afterAll(async () => {
    await world.close();
  });

  const live = (): ApiWorld['a'] => ({ ...world.a, now: () => new Date() });
  const assessmentCount = async (): Promise<number> =>
    Number(
      (
        await world.test.handle.db
          .selectFrom('assessments')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const issueVia = (
    headers: Record<string, string>,
    payload: Record<string, unknown>,
  ): Promise<LightMyRequestResponse> =>
    inject({ method: 'POST', url: `/api/v1/patients/${world.ids.patients}/links`, headers, payload });

  describe('a patient whose answer was lost', () => {
    const positiveItem9 = { answers: [1, 1, 1, 1, 1, 1, 1, 1, 2] };

    it('gets the same 201 with the crisis message back when retrying with the same key and link', async () => {
      const { token } = await issuePatientLink(live(), world.ids.patients!, {
        purpose: 'questionnaire',
        instrument: 'phq9',
      });
      const headers = { 'x-onset-link': token, 'idempotency-key': `crisis-${engine}-retry-1` };
      const first = await inject({ method: 'POST', url: '/api/v1/link/responses', headers, payload: positiveItem9 });
      expect(first.statusCode).toBe(201);
      expect(first.json<{ crisis: { message: string } | null }>().crisis?.message).toMatch(/988/);
      const before = await assessmentCount();

      const retry = await inject({ method: 'POST', url: '/api/v1/link/responses', headers, payload: positiveItem9 });
      expect(retry.statusCode).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json()).toEqual(first.json());
      expect(await assessmentCount()).toBe(before);
    });

    it('a used link with a new key is refused as before, and a different body with the same key conflicts', async () => {
      const { token } = await issuePatientLink(live(), world.ids.patients!, {
        purpose: 'questionnaire',
        instrument: 'phq9',
      });
      const key = `crisis-${engine}-retry-2`;
      const first = await inject({
        method: 'POST',
        url: '/api/v1/link/responses',
        headers: { 'x-onset-link': token, 'idempotency-key': key },
        payload: positiveItem9,
      });
      expect(first.statusCode).toBe(201);
      const before = await assessmentCount();

      const newKey = await inject({
        method: 'POST',
        url: '/api/v1/link/responses',
        headers: { 'x-onset-link': token, 'idempotency-key': `${key}-other` },
        payload: positiveItem9,
      });
      expect(newKey.statusCode).toBe(401);
      expect(newKey.json<{ detail: string }>().detail).toBe('open this page from the link you were sent');
      const noKey = await inject({
        method: 'POST',
        url: '/api/v1/link/responses',
        headers: { 'x-onset-link': token },
        payload: positiveItem9,
      });
      expect(noKey.statusCode).toBe(401);

      const otherBody = await inject({
        method: 'POST',
        url: '/api/v1/link/responses',
        headers: { 'x-onset-link': token, 'idempotency-key': key },
        payload: { answers: [0, 0, 0, 0, 0, 0, 0, 0, 0] },
      });
      expect(otherBody.statusCode).toBe(409);
      expect(otherBody.json<{ detail: string }>().detail).toMatch(/different request/);
      expect(await assessmentCount()).toBe(before);
    });

    it('another link cannot replay a key this link stored', async () => {
      const { token } = await issuePatientLink(live(), world.ids.patients!, {
        purpose: 'questionnaire',
        instrument: 'phq9',
      });
      const key = `crisis-${engine}-retry-3`;
      expect(
        (
          await inject({
            method: 'POST',
            url: '/api/v1/link/responses',
            headers: { 'x-onset-link': token, 'idempotency-key': key },
            payload: positiveItem9,
          })
        ).statusCode,
      ).toBe(201);
      const other = await issuePatientLink(live(), world.ids.patients!, {
        purpose: 'questionnaire',
        instrument: 'phq9',
      });
      await inject({
        method: 'POST',
        url: '/api/v1/link/responses',
        headers: { 'x-onset-link': other.token },
        payload: positiveItem9,
      });
      const replay = await inject({
        method: 'POST',
        url: '/api/v1/link/responses',
        headers: { 'x-onset-link': other.token, 'idempotency-key': key },
        payload: positiveItem9,
      });
      expect(replay.statusCode).toBe(401);
    });
  });

  describe('revoking a link', () => {
    const revoke = (linkId: string, headers: Record<string, string>): Promise<LightMyRequestResponse> =>
      inject({ method: 'POST', url: `/api/v1/patients/${world.ids.patients}/links/${linkId}/revoke`, headers });

    it('stops it on every link route with the words an expired link gets, and audits who revoked which link', async () => {
      const past = { ...world.a, now: () => new Date(Date.now() - 3 * HOUR_MS) };
      const expired = {
        q: await issuePatientLink(past, world.ids.patients!, {
          purpose: 'questionnaire',
          instrument: 'gad7',
          expiresInHours: 1,
        }),
        p: await issuePatientLink(past, world.ids.patients!, { purpose: 'progress', expiresInHours: 1 }),
      };
      const revoked = {
        q: await issuePatientLink(live(), world.ids.patients!, { purpose: 'questionnaire', instrument: 'gad7' }),
        p: await issuePatientLink(live(), world.ids.patients!, { purpose: 'progress' }),
      };
      const startedAt = new Date().toISOString();
      for (const link of [revoked.q, revoked.p]) {
        const response = await revoke(link.link.id, world.principals.clinician.headers);
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({
          id: link.link.id,
          state: 'revoked',
          revokedAt: expect.any(String) as string,
        });
      }
      const endedAt = new Date().toISOString();

      // Generated from the route table: every route a patient link may call.
      const linkRoutes = world.app.routeTable.entries.filter(
        (e) => typeof e.access === 'string' && e.access.startsWith('link:'),
      );
      expect(linkRoutes.length).toBeGreaterThanOrEqual(3);
      for (const route of linkRoutes) {
        for (const kind of ['q', 'p'] as const) {
          const call = (token: string): Promise<LightMyRequestResponse> =>
            inject({
              method: route.method,
              url: route.url,
              headers: { 'x-onset-link': token },
              ...(route.method === 'POST' ? { payload: { answers: [1, 1, 1, 1, 1, 1, 1] } } : {}),
            });
          const [asRevoked, asExpired] = [await call(revoked[kind].token), await call(expired[kind].token)];
          expect(asRevoked.statusCode, `${route.method} ${route.url}`).toBe(401);
          expect(asRevoked.json(), `${route.method} ${route.url}`).toEqual(asExpired.json());
        }
      }

      const entries = await world.test.handle.db
        .selectFrom('audit_entries')
        .select(['actor_id', 'action', 'entity', 'entity_id', 'patient_id', 'at', 'detail'])
        .where('clinic_id', '=', world.a.clinicId)
        .where('entity', '=', 'patient-link')
        .where('entity_id', '=', revoked.p.link.id)
        .orderBy('seq')
        .execute();
      const clinicianId = world.ids.users;
      expect(entries.map((e) => [e.action, e.actor_id, e.patient_id, JSON.parse(e.detail) as unknown])).toEqual([
        ['create', world.a.actor.id, world.ids.patients, { purpose: 'progress' }],
        ['update', clinicianId, world.ids.patients, { revoked: true, purpose: 'progress' }],
      ]);
      const at = entries[1]?.at ?? '';
      expect(at >= startedAt && at <= endedAt).toBe(true);
    });

    it('is listed as revoked; revoking it again, or a used link, is a conflict that changes nothing', async () => {
      const link = await issuePatientLink(live(), world.ids.patients!, { purpose: 'progress' });
      expect((await revoke(link.link.id, world.principals.admin.headers)).statusCode).toBe(200);
      const again = await revoke(link.link.id, world.principals.admin.headers);
      expect(again.statusCode).toBe(409);
      expect(again.json<{ detail: string }>().detail).toMatch(/already revoked/);

      const used = await issuePatientLink(live(), world.ids.patients!, {
        purpose: 'questionnaire',
        instrument: 'gad7',
      });
      expect(
        (
          await inject({
            method: 'POST',
            url: '/api/v1/link/responses',
            headers: { 'x-onset-link': used.token },
            payload: { answers: [0, 0, 0, 0, 0, 0, 0] },
          })
        ).statusCode,
      ).toBe(201);
      expect((await revoke(used.link.id, world.principals.clinician.headers)).statusCode).toBe(409);

      const list = await inject({
        method: 'GET',
        url: `/api/v1/patients/${world.ids.patients}/links`,
        headers: world.principals.clinician.headers,
      });
      const byId = new Map(
        list.json<{ items: { id: string; state: string; revokedAt: string | null }[] }>().items.map((l) => [l.id, l]),
      );
      expect(byId.get(link.link.id)).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) as string });
      expect(byId.get(used.link.id)).toMatchObject({ state: 'used', revokedAt: null });
    });

    it('is for clinicians and admins of the clinic only', async () => {
      const link = await issuePatientLink(live(), world.ids.patients!, { purpose: 'progress' });
      expect((await revoke(link.link.id, world.principals.researcher.headers)).statusCode).toBe(403);
      expect((await revoke(link.link.id, world.principals.ownProgress.headers)).statusCode).toBe(401);
      expect((await revoke(link.link.id, world.principals.otherClinic.headers)).statusCode).toBe(404);
      const otherPatient = await inject({
        method: 'POST',
        url: `/api/v1/patients/${world.ids.users}/links/${link.link.id}/revoke`,
        headers: world.principals.clinician.headers,
      });
      expect(otherPatient.statusCode).toBe(404);
      const progress = await inject({
        method: 'GET',
        url: '/api/v1/link/progress',
        headers: { 'x-onset-link': link.token },
      });
      expect(progress.statusCode).toBe(200);
    });
  });

  describe('questionnaires without their item text', () => {
    // An independent reading of the registry: a neutral label ("Item 1", "Situation 3 — fear") is no wording.
    const bare = (text: string): boolean => /^(Item|Situation) \d+/.test(text);

    it('links are issued exactly for the instruments whose every item has its wording', async () => {
      const outcomes = [];
      for (const def of listInstruments()) {
        const response = await issueVia(world.principals.clinician.headers, {
          purpose: 'questionnaire',
          instrument: def.id,
        });
        const hasText = def.questionnaire.item.every((item) => !bare(item.text));
        outcomes.push({ id: def.id, status: response.statusCode, expected: hasText ? 201 : 400 });
        if (!hasText) {
          expect(response.json<{ problems: { field: string; reason: string }[] }>().problems).toEqual([
            {
              field: 'instrument',
              reason: expect.stringMatching(/licensed and not loaded.*load the licensed item text/) as string,
            },
          ]);
        }
      }
      expect(outcomes.map((o) => [o.id, o.status])).toEqual(outcomes.map((o) => [o.id, o.expected]));
      expect(outcomes.find((o) => o.id === 'minispin')?.status).toBe(400);
    });

    it('the instrument list says which ones have their text', async () => {
      const response = await inject({
        method: 'GET',
        url: '/api/v1/instruments',
        headers: world.principals.clinician.headers,
      });
      const items = response.json<{ items: { id: string; itemText: boolean }[] }>().items;
      const expected = listInstruments().map((def) => [
        def.id,
        def.questionnaire.item.every((item) => !bare(item.text)),
      ]);
      expect(items.map((i) => [i.id, i.itemText])).toEqual(expected);
    });
  });
});
