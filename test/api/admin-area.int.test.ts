// The routes the admin area added: the clinic's frame ancestors, the clinic-wide list of working patient links
// and the e-mail status, on both engines.
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app/compose.js';
import { issuePatientLink } from '../../src/auth/patient-link.service.js';
import type { OnsetApp } from '../../src/http/app.js';
import { NOT_CONFIGURED } from '../../src/mail/mail-status.service.js';
import { HOUR_MS } from '../../src/shared/time.js';
import { buildWorld, type ApiWorld } from '../support/api-world.js';
import { describeEachEngine } from '../support/databases.js';

interface AuditRow {
  action: string;
  entity: string;
  patient_id: string | null;
  detail: string;
}

describeEachEngine('the admin area’s routes', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await buildWorld(engine);
  });
  afterAll(async () => {
    await world.close();
  });
  const inject = (options: InjectOptions): Promise<LightMyRequestResponse> => world.app.inject(options);
  const admin = (): Record<string, string> => world.principals.admin.headers;
  const lastSeq = async (): Promise<number> => {
    const row = await world.test.handle.db
      .selectFrom('audit_entries')
      .select((eb) => eb.fn.max<number | string | null>('seq').as('seq'))
      .where('clinic_id', '=', world.a.clinicId)
      .executeTakeFirstOrThrow();
    return Number(row.seq ?? 0);
  };
  const entriesAfter = async (seq: number): Promise<AuditRow[]> =>
    world.test.handle.db
      .selectFrom('audit_entries')
      .select(['action', 'entity', 'patient_id', 'detail'])
      .where('clinic_id', '=', world.a.clinicId)
      .where('seq', '>', seq)
      .orderBy('seq')
      .execute();

  describe('frame ancestors', () => {
    const url = '/api/v1/clinic/frame-ancestors';

    it("is 'none' until an admin names an origin", async () => {
      const response = await inject({ method: 'GET', url, headers: admin() });
      expect(response.json()).toEqual({ origins: [], directive: "frame-ancestors 'none'" });
    });

    it('refuses each origin that is not an exact https origin, saying why, and stores nothing', async () => {
      const before = await lastSeq();
      const response = await inject({
        method: 'PUT',
        url,
        headers: admin(),
        payload: {
          origins: ['http://ehr.example', 'https://ehr.example/chart', 'https://ehr.example', 'https://*.example'],
        },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ problems: unknown[] }>().problems).toEqual([
        { field: 'origins.0', reason: 'must start with https:// (an EHR embedding Onset must be served over TLS)' },
        {
          field: 'origins.1',
          reason: 'must be an origin only (https://host or https://host:port), without a path, query or fragment',
        },
        { field: 'origins.3', reason: 'must name one origin exactly; a wildcard (*) is not allowed' },
      ]);
      expect((await inject({ method: 'GET', url, headers: admin() })).json()).toMatchObject({ origins: [] });
      expect(await entriesAfter(before)).toEqual([]);
    });

    it('stores the origins as the browser writes them, once each, and audits the change with them', async () => {
      const before = await lastSeq();
      const response = await inject({
        method: 'PUT',
        url,
        headers: admin(),
        payload: {
          origins: ['https://EHR.clinic.example:443/', 'https://ehr.clinic.example', 'https://b.example:8443'],
        },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        origins: ['https://ehr.clinic.example', 'https://b.example:8443'],
        directive: 'frame-ancestors https://ehr.clinic.example https://b.example:8443',
      });
      const entries = await entriesAfter(before);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ action: 'update', entity: 'clinic-settings', patient_id: null });
      expect(JSON.parse(entries[0]?.detail ?? '{}')).toEqual({
        frameAncestors: ['https://ehr.clinic.example', 'https://b.example:8443'],
      });
      // The other settings sections are kept.
      const clinic = (await inject({ method: 'GET', url: '/api/v1/clinic', headers: admin() })).json<{
        settings: Record<string, unknown>;
      }>();
      expect(clinic.settings.frameAncestors).toEqual(['https://ehr.clinic.example', 'https://b.example:8443']);
    });

    it('is for admins only, and another clinic’s admin sees its own clinic’s', async () => {
      for (const who of ['clinician', 'researcher'] as const) {
        const headers = world.principals[who].headers;
        expect((await inject({ method: 'GET', url, headers })).statusCode, who).toBe(403);
        expect((await inject({ method: 'PUT', url, headers, payload: { origins: [] } })).statusCode, who).toBe(403);
      }
      const other = await inject({ method: 'GET', url, headers: world.principals.otherClinicAdmin.headers });
      expect(other.json()).toMatchObject({ origins: [] });
    });
  });

  describe('the clinic’s working patient links', () => {
    it('lists every link that still works, with its patient’s label, and audits a list per patient', async () => {
      const live = { ...world.a, now: () => new Date() };
      const p1 = world.ids.patients ?? '';
      const fresh = await issuePatientLink(live, p1, { purpose: 'questionnaire', instrument: 'gad7' });
      const expired = await issuePatientLink({ ...live, now: () => new Date(Date.now() - 2 * HOUR_MS) }, p1, {
        purpose: 'progress',
        expiresInHours: 1,
      });
      const revoked = await issuePatientLink(live, p1, { purpose: 'progress' });
      await inject({
        method: 'POST',
        url: `/api/v1/patients/${p1}/links/${revoked.link.id}/revoke`,
        headers: admin(),
      });

      const before = await lastSeq();
      const response = await inject({ method: 'GET', url: '/api/v1/links', headers: admin() });
      expect(response.statusCode).toBe(200);
      const body = response.json<{
        items: { id: string; patientId: string; patientLabel: string; state: string; expiresAt: string }[];
        more: boolean;
      }>();
      const ids = body.items.map((l) => l.id);
      expect(ids).toContain(fresh.link.id);
      expect(ids).not.toContain(expired.link.id);
      expect(ids).not.toContain(revoked.link.id);
      expect(body.more).toBe(false);
      expect(body.items.every((l) => l.state === 'valid')).toBe(true);
      expect(body.items.find((l) => l.id === fresh.link.id)?.patientLabel).toMatch(/^P1-SECRET-/);
      // Soonest to expire first.
      const expiries = body.items.map((l) => l.expiresAt);
      expect(expiries).toEqual([...expiries].sort());

      const entries = await entriesAfter(before);
      const patients = new Set(body.items.map((l) => l.patientId));
      expect(entries.map((e) => e.patient_id).sort()).toEqual([...patients].sort());
      for (const entry of entries) {
        expect(entry).toMatchObject({ action: 'list', entity: 'patient-link' });
        const count = body.items.filter((l) => l.patientId === entry.patient_id).length;
        expect(JSON.parse(entry.detail)).toMatchObject({ count });
      }
    });

    it('is gone from the list once revoked through the patient’s revoke route', async () => {
      const link = await issuePatientLink({ ...world.a, now: () => new Date() }, world.ids.patients ?? '', {
        purpose: 'progress',
      });
      const listed = async (): Promise<string[]> =>
        (await inject({ method: 'GET', url: '/api/v1/links', headers: admin() }))
          .json<{ items: { id: string }[] }>()
          .items.map((l) => l.id);
      expect(await listed()).toContain(link.link.id);
      const revoke = await inject({
        method: 'POST',
        url: `/api/v1/patients/${world.ids.patients}/links/${link.link.id}/revoke`,
        headers: admin(),
      });
      expect(revoke.statusCode).toBe(200);
      expect(await listed()).not.toContain(link.link.id);
    });

    it('shows another clinic nothing of this one', async () => {
      const other = await inject({
        method: 'GET',
        url: '/api/v1/links',
        headers: world.principals.otherClinicAdmin.headers,
      });
      expect(other.json()).toEqual({ items: [], more: false });
      expect(
        (await inject({ method: 'GET', url: '/api/v1/links', headers: world.principals.clinician.headers })).statusCode,
      ).toBe(403);
    });
  });

  describe('e-mail status', () => {
    let configured: OnsetApp;
    beforeAll(async () => {
      configured = await buildApp({ database: world.test.handle, logLevel: 'silent', mailDelivery: true });
      const now = new Date().toISOString();
      const message = (state: 'pending' | 'sent' | 'failed', n: number): Record<string, unknown> => ({
        clinic_id: world.a.clinicId,
        id: crypto.randomUUID(),
        alert_id: world.ids.alerts,
        to_address: `clinician${n}@clinic.example`,
        subject: 'An urgent alert is waiting',
        body: 'Open Onset',
        not_before: now,
        state,
        claimed_by: null,
        claimed_until: null,
        sent_at: state === 'sent' ? now : null,
        last_error: state === 'failed' ? '550 refused' : null,
        created_at: now,
        updated_at: now,
      });
      await world.test.handle.db
        .insertInto('alert_mail_outbox')
        .values([message('pending', 1), message('pending', 2), message('sent', 3), message('failed', 4)] as never)
        .execute();
    });
    afterAll(async () => {
      await configured.close();
    });

    it('says plainly that nothing will be sent when no SMTP server is set, with the clinic’s counts', async () => {
      const before = await lastSeq();
      const response = await inject({ method: 'GET', url: '/api/v1/mail/status', headers: admin() });
      expect(response.statusCode).toBe(200);
      const body = response.json<{ configured: boolean; sentence: string; alerts: Record<string, unknown> }>();
      expect(body.configured).toBe(false);
      expect(body.sentence).toBe(NOT_CONFIGURED);
      expect(body.alerts).toMatchObject({ queued: 2, sending: 0, sent: 1, failed: 1, cancelled: 0 });
      expect(body.alerts.lastSentAt).toEqual(expect.any(String));
      expect(response.json()).toMatchObject({ questionnaires: { queued: 0, sent: 0, failed: 0 } });
      // Counts only: no address, subject or error text, and no audit entry.
      expect(response.body).not.toMatch(/clinic\.example|urgent alert is waiting|550/);
      expect(await entriesAfter(before)).toEqual([]);
    });

    it('says e-mail is sent, and how many failed, on a server that sends it', async () => {
      const response = await configured.inject({ method: 'GET', url: '/api/v1/mail/status', headers: admin() });
      expect(response.json()).toMatchObject({
        configured: true,
        sentence:
          'E-mail is sent through the SMTP server this server is set up with; 1 message could not be delivered and will not be tried again.',
      });
    });

    it('counts only the asking clinic’s messages', async () => {
      const other = await inject({
        method: 'GET',
        url: '/api/v1/mail/status',
        headers: world.principals.otherClinicAdmin.headers,
      });
      expect(other.json()).toMatchObject({ alerts: { queued: 0, sent: 0, failed: 0 } });
    });
  });
});
