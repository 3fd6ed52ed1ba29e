import { afterAll, beforeAll, expect, it } from 'vitest';
import { lastEntry, listEntries, type AuditRow } from '../../src/audit/audit.repository.js';
import { verifyChain } from '../../src/audit/audit.service.js';
import { verifyAudit } from '../../src/audit/audit-verify.js';
import { totpAt } from '../../src/auth/totp.js';
import type { RouteEntry } from '../../src/http/route-table.js';
import { setCourseSchedule } from '../../src/schedules/course-schedule.service.js';
import { createUser } from '../../src/users/user.service.js';
import { buildWorld, PASSWORD, signInHeaders, type ApiWorld, type Principal } from '../support/api-world.js';
import {
  aCourseBody,
  aDoseBody,
  anAdverseEventBody,
  anAssessmentBody,
  aFhirGad7Response,
  aFhirPatient,
  aFhirTransaction,
  aMedicationBody,
  aPatientBody,
  aScheduleTemplateBody,
  aTherapySessionBody,
} from '../support/builders.js';
import { describeEachEngine } from '../support/databases.js';
import { POLICY, concreteUrl, policyOf, routeKey, type Actor, type AuditRule } from './policy-table.js';

/** One call of a route: who makes it and with what body. */
interface Call {
  principal: Principal;
  body?: unknown;
  /** The patient a patient link stands for: the one whose data it reads or writes. */
  linkPatient?: string;
}

const READS = new Set(['read', 'list']);
// Who makes the call: the first caller the table allows, staff before patient links.
const PREFERENCE: readonly Actor[] = [
  'clinician',
  'admin',
  'researcher',
  'progressLink',
  'questionnaireLink',
  'anonymous',
];

let sequence = 0;
const uniqueEmail = (what: string): string =>
  `${what}.${++sequence}.${Math.random().toString(36).slice(2, 8)}@example.org`;

describeEachEngine(
  'audit coverage (every route, called as a caller it allows, against the audit column of test/api/policy-table.ts)',
  (engine) => {
    let world: ApiWorld;
    let p1: string;
    // The TOTP routes need the key that seals second-factor secrets (docs/operations.md).
    const savedKey = process.env.ONSET_SECRET_KEY;
    beforeAll(async () => {
      process.env.ONSET_SECRET_KEY = 'a1'.repeat(32);
      world = await buildWorld(engine);
      p1 = world.ids.patients ?? '';
      // A course schedule, so that due lists and adherence have P1's due assessments to show.
      await setCourseSchedule(world.a, world.ids.courses ?? '', { templateId: 'anxiety-intensive' });
    });
    afterAll(async () => {
      if (savedKey === undefined) delete process.env.ONSET_SECRET_KEY;
      else process.env.ONSET_SECRET_KEY = savedKey;
      await world.close();
    });

    /** A clinician of clinic A with a session of their own, for routes that change or end the caller's session. */
    async function ownSession(): Promise<{ email: string; headers: Record<string, string> }> {
      const email = uniqueEmail('self');
      await createUser(world.a, { email, role: 'clinician', password: PASSWORD });
      return { email, headers: await signInHeaders(world.app, email) };
    }

    /** The caller and body for one route; a write whose body is not known here fails and says where to add it. */
    async function callFor(route: RouteEntry): Promise<Call> {
      const key = routeKey(route.method, route.url);
      const policy = policyOf(route.method, route.url);
      const actor = PREFERENCE.find((a) => policy.verdicts[a] === 'allow' || policy.verdicts[a] === 'isolated');
      if (actor === undefined) throw new Error(`${key}: the policy table allows nobody`);
      const principals = world.principals;
      const staff = (body?: unknown): Call => ({
        principal: principals[actor === 'admin' ? 'admin' : 'clinician'],
        ...(body === undefined ? {} : { body }),
      });
      const ids = world.ids;
      switch (key) {
        case 'POST /api/v1/session': {
          const email = uniqueEmail('sign-in');
          await createUser(world.a, { email, role: 'clinician', password: PASSWORD });
          return { principal: principals.anonymous, body: { email, password: PASSWORD } };
        }
        case 'GET /api/v1/session':
        case 'DELETE /api/v1/session':
        case 'POST /api/v1/session/totp/setup':
          return { principal: { name: 'own session', headers: (await ownSession()).headers } };
        case 'PUT /api/v1/session/totp': {
          const secret = (
            await world.app.inject({
              method: 'POST',
              url: '/api/v1/session/totp/setup',
              headers: principals.clinician.headers,
            })
          ).json<{ secret: string }>().secret;
          return {
            principal: { name: 'own session', headers: (await ownSession()).headers },
            body: { secret, code: totpAt(secret, new Date()) },
          };
        }
        case 'DELETE /api/v1/session/totp': {
          // Enabled with this time step's code; turned off with the next step's (a code works once).
          const { headers } = await ownSession();
          const secret = (await world.app.inject({ method: 'POST', url: '/api/v1/session/totp/setup', headers })).json<{
            secret: string;
          }>().secret;
          const enabled = await world.app.inject({
            method: 'PUT',
            url: '/api/v1/session/totp',
            headers,
            payload: { secret, code: totpAt(secret, new Date()) },
          });
          if (enabled.statusCode !== 204) throw new Error(`could not turn two-step sign-in on: ${enabled.body}`);
          return {
            principal: { name: 'own session', headers },
            body: { code: totpAt(secret, new Date(Date.now() + 30_000)) },
          };
        }
        case 'POST /api/v1/session/password':
          return {
            principal: { name: 'own session', headers: (await ownSession()).headers },
            body: { currentPassword: PASSWORD, newPassword: 'a different long passphrase' },
          };
        case 'POST /api/v1/patients':
          return staff(aPatientBody());
        case 'PATCH /api/v1/patients/:id':
          return staff({ weightKg: 72 });
        case 'POST /api/v1/courses':
          return staff(aCourseBody(p1));
        case 'PATCH /api/v1/courses/:id':
          return staff({ defaultPriceUsd: 500 });
        case 'POST /api/v1/doses':
          return staff(aDoseBody(p1, ids.courses ?? '', { givenAt: '2026-01-12T10:00:00Z' }));
        case 'PATCH /api/v1/doses/:id':
          return staff({ mg: 40 });
        case 'POST /api/v1/assessments':
          return staff(anAssessmentBody(p1));
        case 'PATCH /api/v1/assessments/:id':
          return staff({ source: 'clinician' });
        case 'POST /api/v1/adverse-events':
          return staff(anAdverseEventBody(p1));
        case 'PATCH /api/v1/adverse-events/:id':
          return staff({ grade: 2 });
        case 'POST /api/v1/therapy-sessions':
          return staff(aTherapySessionBody(p1));
        case 'PATCH /api/v1/therapy-sessions/:id':
          return staff({ minutes: 45 });
        case 'POST /api/v1/medications':
          return staff(aMedicationBody(p1));
        case 'PATCH /api/v1/medications/:id':
          return staff({ doseText: '50 mg in the morning' });
        case 'POST /api/v1/rems-sessions':
          return staff({ doseId: ids.remsOpenDose, sedation: false });
        case 'PATCH /api/v1/rems-sessions/:id':
          return staff({ notes: 'patient rested quietly' });
        case 'POST /api/v1/rems-sessions/:id/form/submit':
          return staff({});
        case 'POST /api/v1/alerts/:id/acknowledge':
          return staff({ comment: 'seen' });
        case 'POST /api/v1/alerts/:id/resolve':
          return staff({ comment: 'spoke with the patient' });
        case 'PUT /api/v1/safety-settings':
          return staff({ crisisMessage: 'If you are in danger now, call 911 or the clinic.' });
        case 'POST /api/v1/patients/:id/links':
          return staff({ purpose: 'progress' });
        case 'POST /api/v1/patients/:id/links/:linkId/revoke':
          return staff();
        case 'POST /api/v1/link/status':
          return staff({ token: 'not-a-link' });
        case 'POST /api/v1/link/responses':
          return { principal: principals.ownQuestionnaire, body: { answers: [1, 1, 1, 1, 1, 1, 1] }, linkPatient: p1 };
        case 'PUT /api/v1/schedule-templates/:templateId':
          return staff(aScheduleTemplateBody());
        case 'PUT /api/v1/courses/:id/schedule':
          return staff({ templateId: 'anxiety-intensive' });
        case 'PUT /api/v1/schedule-settings':
          return staff({ expiryDays: 5 });
        case 'PUT /api/v1/forecast/settings':
          return staff({ reliefEndingWithinDays: 4 });
        case 'PUT /api/v1/cohort/settings':
          return staff({ minCellSize: 12 });
        case 'PATCH /api/v1/clinic':
          return staff({ name: 'Clinic A, renamed' });
        case 'PUT /api/v1/clinic/frame-ancestors':
          return staff({ origins: ['https://ehr.clinic.example'] });
        case 'POST /api/v1/users':
          return staff({ email: uniqueEmail('new'), role: 'clinician', password: PASSWORD });
        case 'PATCH /api/v1/users/:id':
          return staff({ displayName: 'Dr Example' });
        case 'POST /api/v1/api-tokens':
          return staff({ name: 'EHR sync' });
        case 'POST /fhir/R4/Patient':
          return staff(aFhirPatient());
        case 'POST /fhir/R4/QuestionnaireResponse':
          return staff(aFhirGad7Response(p1));
        case 'POST /fhir/R4':
          return staff(aFhirTransaction());
      }
      if (['POST', 'PUT', 'PATCH'].includes(route.method))
        throw new Error(`${key}: no request body; add one to callFor in test/api/audit-coverage.int.test.ts`);
      if (actor === 'progressLink') return { principal: principals.ownProgress, linkPatient: p1 };
      if (actor === 'questionnaireLink') return { principal: principals.ownQuestionnaire, linkPatient: p1 };
      return staff();
    }

    /** Clinic A's patients whose id the text mentions. */
    async function patientsIn(text: string): Promise<Set<string>> {
      const rows = await world.test.handle.db
        .selectFrom('patients')
        .select('id')
        .where('clinic_id', '=', world.a.clinicId)
        .execute();
      return new Set(rows.map((r) => r.id).filter((id) => text.includes(id)));
    }

    /** What is wrong with the entries one accepted call wrote, measured against the row's rule; null when nothing. */
    function auditProblem(
      rule: Exclude<AuditRule, object>,
      entries: readonly AuditRow[],
      expected: ReadonlySet<string>,
    ): string | null {
      const named = new Set(entries.flatMap((e) => (e.patient_id === null ? [] : [e.patient_id])));
      const list = (ids: Iterable<string>): string => [...ids].sort().join(', ') || 'none';
      switch (rule) {
        case 'none':
          return entries.length === 0
            ? null
            : `expected no audit entry, got ${entries.map((e) => `${e.action} ${e.entity}`).join(', ')}`;
        case 'aggregate':
          if (entries.length === 0) return 'expected an audit entry, got none';
          return named.size === 0 ? null : `expected no patient named, got ${list(named)}`;
        case 'patients': {
          if (expected.size === 0) return 'returned no patient data to check: give the test world some';
          if (entries.length === 0) return 'expected an audit entry per patient returned, got none';
          if (entries.some((e) => !READS.has(e.action) || e.patient_id === null))
            return 'expected only read/list entries, each naming a patient';
          const same = named.size === expected.size && [...expected].every((id) => named.has(id));
          return same ? null : `expected entries for patients ${list(expected)}, got ${list(named)}`;
        }
        case 'change': {
          if (!entries.some((e) => !READS.has(e.action))) return 'expected an audit entry for the change, got none';
          const unnamed = [...expected].filter((id) => !named.has(id));
          return unnamed.length === 0 ? null : `expected the change's entries to name patients ${list(unnamed)}`;
        }
      }
    }

    it('every route has a rule, and the routes checked by other tests are few and named', () => {
      const elsewhere = [...POLICY.values()].filter((p) => typeof p.audit === 'object');
      expect(elsewhere.length).toBeLessThanOrEqual(5);
      for (const route of world.app.routeTable.entries) expect(() => policyOf(route.method, route.url)).not.toThrow();
    });

    it('every read of patient data and every accepted change leaves its audit entries, with their patients', async () => {
      const failures: string[] = [];
      // Signing out ends a session: last, so that no later call depends on it.
      const routes = [...world.app.routeTable.entries].sort(
        (x, y) =>
          Number(x.method === 'DELETE' && x.url === '/api/v1/session') -
          Number(y.method === 'DELETE' && y.url === '/api/v1/session'),
      );
      for (const route of routes) {
        const key = routeKey(route.method, route.url);
        const policy = POLICY.get(key);
        if (policy === undefined || typeof policy.audit === 'object') continue;
        const call = await callFor(route);
        const url = concreteUrl(route.url, world.ids);
        const head = (await lastEntry(world.test.handle.db, world.a.clinicId))?.seq ?? 0;
        const response = await world.app.inject({
          method: route.method as 'GET',
          url,
          headers: call.principal.headers,
          ...(call.body === undefined ? {} : { payload: call.body as object }),
        });
        const label = `${key} as ${call.principal.name}: ${response.statusCode}`;
        const accepted = response.statusCode >= 200 && response.statusCode < 300;
        if (policy.audit !== 'none' && !accepted) {
          failures.push(`${label}, expected an accepted call (${response.body.slice(0, 200)})`);
          continue;
        }
        if (response.statusCode >= 500) failures.push(`${label} (server error)`);
        const entries = await listEntries(world.test.handle.db, world.a.clinicId, { afterSeq: head });
        const expected = await patientsIn(`${url} ${response.body}`);
        if (call.linkPatient !== undefined) expected.add(call.linkPatient);
        const problem = auditProblem(policy.audit, entries, expected);
        if (problem !== null) failures.push(`${label}: ${problem}`);
      }
      expect(failures).toEqual([]);
      // Entries written many to a statement still form one intact chain, and every record each route wrote
      // matches the hash its audit entry sealed (a write that changes a covered record without sealing it,
      // or seals it before writing, shows up here as a changed record).
      expect(await verifyChain(world.a)).toMatchObject({ ok: true, firstBroken: null });
      const verdict = await verifyAudit(world.test.handle.db, world.a.clinicId);
      expect({ records: verdict.records, ok: verdict.ok }).toMatchObject({
        records: { changed: [], deleted: [], inserted: [] },
        ok: true,
      });
      // One test for the whole table (the calls build on each other's records): it makes ~110 requests.
    }, 300_000);
  },
);
