/**
 * A running Onset app (the one buildApp builds, FHIR facade included) on a fresh database: clinic A with
 * staff of every role, an API token, and patient P1 with a course, a dose and an adverse event; clinic B
 * with its own token.
 */
import { adverseEventService } from '../../src/adverse-events/adverse-event.service.js';
import { createApiToken } from '../../src/auth/api-token.service.js';
import { issuePatientLink } from '../../src/auth/patient-link.service.js';
import { signIn } from '../../src/auth/session.service.js';
import type { Engine } from '../../src/db/database.js';
import { buildApp } from '../../src/app/compose.js';
import type { OnsetApp } from '../../src/http/app.js';
import type { RouteEntry, RouteTable } from '../../src/http/route-table.js';
import type { ServiceContext } from '../../src/records/context.js';
import { createUser } from '../../src/users/user.service.js';
import { PASSWORD } from '../support/api-world.js';
import { aClinicContext, aCourse, aDose, aPatient } from '../support/builders.js';
import { freshDatabase, type TestDatabase } from '../support/databases.js';

/** The FHIR routes the app serves, as the authorization matrix reads them. */
export function fhirRouteEntries(app: { routeTable: RouteTable }): RouteEntry[] {
  return app.routeTable.entries.filter((route) => route.url.startsWith('/fhir/R4'));
}

export interface FhirWorld {
  app: OnsetApp;
  test: TestDatabase;
  a: ServiceContext;
  b: ServiceContext;
  /** Bearer headers: clinician of A, admin of A, researcher of A (session), clinician of B. */
  clinician: Record<string, string>;
  admin: Record<string, string>;
  researcher: Record<string, string>;
  otherClinic: Record<string, string>;
  session: Record<string, string>;
  /** A patient's questionnaire link: patients never reach the FHIR facade. */
  patientLink: Record<string, string>;
  ids: { patient: string; course: string; dose: string; adverseEvent: string };
  close(): Promise<void>;
}

export async function buildFhirWorld(engine: Engine): Promise<FhirWorld> {
  const test = await freshDatabase(engine);
  const app = await buildApp({ database: test.handle, logLevel: 'silent' });
  const a = await aClinicContext(test.handle, 'Clinic A');
  const b = await aClinicContext(test.handle, 'Clinic B');
  const suffix = Math.random().toString(36).slice(2, 8);
  const clinicianA = await createUser(a, {
    email: `clinician.${suffix}@a.example.org`,
    role: 'clinician',
    password: PASSWORD,
  });
  const adminA = await createUser(a, { email: `admin.${suffix}@a.example.org`, role: 'admin', password: PASSWORD });
  await createUser(a, { email: `researcher.${suffix}@a.example.org`, role: 'researcher', password: PASSWORD });
  const clinicianB = await createUser(b, {
    email: `clinician.${suffix}@b.example.org`,
    role: 'clinician',
    password: PASSWORD,
  });
  // A browser's headers after signing in: the session cookie and the CSRF token for writes.
  const session = async (email: string): Promise<Record<string, string>> => {
    const signed = await signIn(test.handle, { email, password: PASSWORD, ip: '127.0.0.1' });
    return { cookie: `onset_session=${signed.token}`, 'x-csrf-token': signed.csrfToken };
  };
  const bearer = async (ctx: ServiceContext, userId: string): Promise<Record<string, string>> => ({
    authorization: `Bearer ${(await createApiToken(ctx, userId, 'fhir test')).token}`,
  });

  const patient = await aPatient(a, { label: 'P1', name: 'Alice Example', conditions: ['gad'] });
  const course = await aCourse(a, patient.id);
  const dose = await aDose(a, patient.id, course.id);
  const event = await adverseEventService.create(a, {
    patientId: patient.id,
    doseId: dose.id,
    category: 'nausea',
    grade: 1,
    onsetAt: '2026-01-05T11:00:00Z',
  });
  return {
    app,
    test,
    a,
    b,
    clinician: await bearer(a, clinicianA.id),
    admin: await bearer(a, adminA.id),
    researcher: await session(`researcher.${suffix}@a.example.org`),
    otherClinic: await bearer(b, clinicianB.id),
    session: await session(`clinician.${suffix}@a.example.org`),
    patientLink: {
      'x-onset-link': (
        await issuePatientLink({ ...a, now: () => new Date() }, patient.id, {
          purpose: 'questionnaire',
          instrument: 'gad7',
        })
      ).token,
    },
    ids: { patient: patient.id, course: course.id, dose: dose.id, adverseEvent: event.id },
    close: async () => {
      await app.close();
      await test.drop();
    },
  };
}
